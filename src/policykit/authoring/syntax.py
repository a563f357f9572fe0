"""Two-sided grammar cues: what the words further left and right say about a reading.

`language.cue` weighs a reading against its two neighbours; `syntax_cue(word, before, after)`
reads the segment (sentence) around it, `before` and `after` being the repaired, lower-case
words nearest first. The cues are general Swedish grammar, written by hand::

    syntax_cue("både", (), ("i", "sverige", "och"))      -> +3   correlative både … och
    syntax_cue("både", (), ("för", "att", "agera"))      -> -2   no och: not "både"
    syntax_cue("stärks", ("och", "utvecklas"), ())       -> +2.5 X och Y: the same verb form
    syntax_cue("än", ("sig", "ta"), ("de",))             -> -4   the particle of "ta sig an"
    syntax_cue("våra", ("att",), ("vänorter", "får"))    -> +7   att + subject + finite verb
    syntax_cue("mäter", ("som",), ("välfärd",), present=True)  -> +1   subject, verb, object

`present_tense(words)` says whether a text is written in the present tense (policy texts are):
only then does a present-tense reading after a subject gain.

The verb forms come from the Hunspell dictionary (`wordclass.verb_forms`); a word it cannot
read gets no cue either way, so a cue only ever favours a reading the grammar expects.
"""

from __future__ import annotations

from policykit.authoring.wordclass import DETERMINERS, verb_forms

WINDOW = 10   # words each side a cue may look at, inside the segment
MIN_VERBS, PRESENT_SHARE = 5, 0.8   # a 300-word policy text has a handful of distinct verb forms
CONJUNCTIONS = {"och", "eller", "samt"}
POSSESSIVES = {"min", "mitt", "mina", "din", "ditt", "dina", "vår", "vårt", "våra", "er", "ert", "era"}
REFLEXIVE = {"sig", "mig", "dig", "oss", "er"}
SUBJECTS = {"jag", "du", "han", "hon", "vi", "ni", "de", "den", "det", "man", "som", "vilket", "vilka",
            "vilken", "detta", "denna", "dessa"}

# The common irregular and auxiliary verbs' finite forms, which Hunspell lists without analysis.
IRREGULAR = {"är", "var", "har", "hade", "får", "fick", "gör", "gjorde", "kan", "kunde", "ska", "skall",
             "skulle", "vill", "ville", "måste", "bör", "borde", "finns", "fanns", "blir", "blev", "går",
             "gick", "ger", "gav", "tar", "tog", "kommer", "kom", "står", "stod", "ser", "såg", "sker", "skedde"}


def finite(word: str) -> bool:
    """A finite verb form: present, passive or past (Hunspell), or a common irregular one."""
    return word in IRREGULAR or bool(verb_forms(word) - {"inf"})


def present_tense(words) -> bool:
    """The text is written in the present tense: of its words that read as one finite verb form
    only, at least PRESENT_SHARE are present (-r) or passive (-s), not past (-de/-te)."""
    n = {"pres": 0, "past": 0}
    for w in set(x.lower() for x in words):
        forms = verb_forms(w) - {"inf"}
        if len(forms) == 1:
            n["past" if forms == {"past"} else "pres"] += 1
    return n["pres"] >= MIN_VERBS and n["pres"] >= PRESENT_SHARE * (n["pres"] + n["past"])


def syntax_cue(word: str, before: tuple[str, ...], after: tuple[str, ...], present: bool = False) -> float:
    """Log-odds bonus for reading `word` in its segment (lower-case words, nearest first);
    `present`: the text is written in the present tense (`present_tense`)."""
    w = word.lower()
    if w == "både":
        # The correlative conjunction: "både A och B". Without an och ahead it is some other word.
        return 3.0 if "och" in after[:WINDOW] else -2.0
    if w == "än" and before[:1] and before[0] in REFLEXIVE:
        return -4.0   # "ta sig an", "åta sig": the particle an after a reflexive pronoun
    if w in DETERMINERS | POSSESSIVES and before[:1] == ("att",) and len(after) > 1 \
            and not verb_forms(after[0]) and finite(after[1]):
        # "för att våra vänorter får": att opens a clause with a subject and a finite verb, not
        # an infinitive ("att vara"), when a noun and a finite verb follow. Not decisive ("för
        # att vara vänner får de ..." fronts the clause): it offsets the att + infinitive cue,
        # so the reading is weighed, and flagged unless other evidence decides.
        return 7.0
    forms = verb_forms(w)
    if not forms:
        return 0.0
    score = 0.0
    # Coordination: "utvecklas och stärks", "att stärka och utveckla": like forms either side of och.
    if len(before) > 1 and before[0] in CONJUNCTIONS and forms & verb_forms(before[1]):
        score += 2.5
    elif len(after) > 1 and after[0] in CONJUNCTIONS and forms & verb_forms(after[1]):
        score += 2.5
    # A subject pronoun on the left and a word on the right: a finite verb, in a present-tense
    # text in the present tense ("det innebär att", not the past "innebar").
    if present and before[:1] and before[0] in SUBJECTS and after and forms & {"pres", "pass"}:
        score += 1.0
    return score
