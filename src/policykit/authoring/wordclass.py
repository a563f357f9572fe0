"""Coarse word classes of Swedish words, read from the Hunspell dictionary (``hunspell-sv``).

`classes(word)` is the set of classes a surface form may have, from how Hunspell analyses it
(its stem, the stem's flags in ``sv_SE.dic`` and the suffix applied)::

    classes("sätt")    -> {"N"}            sätt/ABDY: takes -et, -en (a noun)
    classes("med")     -> {"N"}            med/AbDG: a noun too (a sled's runner)
    classes("satt")    -> {"V"}            satta/JL + "" (a verb form)
    classes("stärks")  -> {"V"}            stärka/AjJKLQR + s
    classes("starka")  -> {"A"}            stark/OPQRXY + a (an adjective: its stem compares)
    classes("känt")    -> {"A"}            känna + t: a participle reads as an adjective
    classes("väl")     -> set()            no noun, verb or adjective flags: adverbs, particles
    classes("bade")    -> set()            Hunspell does not know it: no cue either way

N: noun; V: a verb's infinitive or finite form; A: adjective or participle. A flag letter of
``sv_SE.aff`` means different endings under different stem conditions (K makes "stärker" of
"stärka" but "vackert" of "vacker"), so the class comes from the stem's whole flag set, not
from one letter. An empty set says nothing; the context cues (`slot_cue`) only ever weigh a
reading whose classes are all known against the slot.
"""

from __future__ import annotations

import functools

from policykit.authoring.spelling import dictionary, dictionary_path

NOUN_FLAGS = set("BDGHIF")     # definite -et/-en, plurals -ar/-er/-r: the inflection of nouns
ADJ_FLAGS = set("PQ")          # comparison (-are, -ast) or the -e form: adjectives
VERB_FLAGS = set("KLm")        # present tense, passive (see language._infinitives)
PARTICIPLE = {"t", "d", "tt", "dd", "ad", "at", "da", "dda", "tta", "ande", "ende"}   # added to a verb stem


@functools.lru_cache(maxsize=1)
def _infinitives() -> frozenset[str]:
    """Verbs in the infinitive: the Hunspell stems ending in a vowel that take a verb's suffixes."""
    out = set()
    with open(dictionary_path().with_suffix(".dic"), encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            stem, _, flags = line.rstrip("\n").partition("/")
            if stem[-1:] in "aåoeöuy" and VERB_FLAGS & set(flags) and (stem.endswith("a") or "m" in flags):
                out.add(stem)
    return frozenset(out)


def infinitive(word: str) -> bool:
    return word in _infinitives()


def _stem_classes(stem: str, flags: set[str]) -> set[str]:
    out = set()
    if stem in _infinitives():
        out.add("V")
    elif flags & NOUN_FLAGS:
        out.add("N")
    if "O" in flags and flags & ADJ_FLAGS:
        out.add("A")
    return out


@functools.lru_cache(maxsize=None)
def classes(word: str) -> frozenset[str]:
    """The classes Hunspell's analyses of `word` give (lower case); empty: unknown or a particle."""
    out: set[str] = set()
    for form in dictionary().lookuper.good_forms(word.lower()):
        if not hasattr(form, "stem") or form.in_dictionary is None or form.prefix:
            continue   # compounds and prefixed forms: their class is their last part's, not read here
        base = _stem_classes(form.stem, set(form.in_dictionary.flags))
        if form.suffix is None:
            out |= base
        elif "V" in base:
            # A verb's weak -t/-d forms are participles or supines, used as adjectives ("känt");
            # -ade/-de/-te is the past tense or a participle's plural: both.
            add = form.suffix.add
            out |= {"A"} if add in PARTICIPLE else {"V", "A"} if add.endswith(("de", "te")) else {"V"}
        elif form.suffix.add.startswith("isk"):
            out.add("A")   # "strateg" + "iskt": the -isk derivation makes adjectives of nouns
        else:
            out |= base
    return frozenset(out)


# Small closed classes of Swedish grammar (general, not from any one text).
DETERMINERS = {"en", "ett", "varje", "detta", "denna", "dessa", "sitt", "sin", "sina", "mitt", "min", "mina",
               "ditt", "din", "dina", "vårt", "ert", "deras", "hans", "hennes", "dess", "samma", "något",
               "någon", "några", "inget", "ingen", "inga", "andra", "annat", "annan", "båda", "alla", "flera",
               "många", "vilket", "vilken", "vilka", "vissa", "visst", "viss", "övriga", "nästa", "olika"}
PREPOSITIONS = {"på", "i", "av", "för", "med", "från", "till", "om", "genom", "inom", "mellan", "utan", "under",
                "över", "hos", "vid", "mot", "efter", "enligt", "inför", "bland", "kring", "via", "trots"}
MARKERS = {"att", "ska", "skall", "kan", "kunna", "bör", "borde", "måste", "vill", "får", "skulle",
           "behöver", "brukar", "låt", "lär", "torde", "kunde", "ville"}


def slot_cue(word: str, left: str) -> float:
    """Log-odds against a reading whose classes cannot fill the slot the left neighbour opens.

    After a determiner or preposition comes a noun phrase, not a finite verb ("ett sätt", "på
    andra sätt"); after an adjective ending -t or -are, a noun ("tydligt sätt"). After a modal
    or infinitive att, a verb ("ska stärka"), not an adjective ("ska starka").
    Only a reading Hunspell can read as nothing else is weighed: a verb form derived from an
    infinitive, an adjective of a comparing stem. A noun reading is never penalised, since
    the dictionary gives many function words a noun's flags ("med") and lists some verbs
    only as nouns ("lära").
    """
    c = classes(word)
    if not c or not left:
        return 0.0
    if left in DETERMINERS or left in PREPOSITIONS or (classes(left) == {"A"} and left.endswith(("t", "are"))):
        return -3.0 if c == {"V"} else 0.0
    if left in MARKERS:
        return -2.0 if c == {"A"} else 0.0
    return 0.0


@functools.lru_cache(maxsize=None)
def verb_forms(word: str) -> frozenset[str]:
    """The verb forms Hunspell reads `word` as: "inf", "pres" (-r), "pass" (-s), "past" (-de/-te).

    Only forms built on an infinitive stem by a suffix are read ("stärks" = stärka + s: pass),
    and a strong verb's present that drops the infinitive's -a ("innebär" = innebära - a);
    other listed forms ("innebar") and unknown words give the empty set."""
    out = set()
    for form in dictionary().lookuper.good_forms(word.lower()):
        if getattr(form, "suffix", None) and (form.suffix.add, form.suffix.strip) == ("", "a") and word.endswith("r"):
            out.add("pres")
        if not hasattr(form, "stem") or form.in_dictionary is None or form.prefix or form.stem not in _infinitives():
            continue
        add = form.suffix.add if form.suffix else ""
        if not add:
            out.add("inf")
        elif add.endswith("s"):
            out.add("pass")
        elif add in ("r", "er", "ar"):
            out.add("pres")   # not -or, -ar of a noun's plural on a verb's stem ("skolor")
        elif add.endswith(("de", "te")) and not add.endswith("nde"):
            out.add("past")   # not the present participle -ande/-ende
    return frozenset(out)
