"""The language side of the noisy channel: how likely a Swedish word is, alone and in context.

`logprior(word)` is the natural log of the word's frequency in Swedish (PyPI ``wordfreq``, its
data ships in the wheel, no network), with a floor for words only the Hunspell dictionary
(``hunspell-sv`` via ``spylls``) knows, such as long compounds::

    logprior("är") ≈ ln(10**7.52 / 1e9)      logprior("kommunkoncernövergripande") = FLOOR

`cue(word, left, right)` is a log-odds bonus from the neighbouring words: a small set of Swedish
grammar cues that tell readings apart which frequency alone cannot (the cues are general
Swedish, written by hand, not taken from any one document)::

    cue("år", left="tredje", right=None)   -> +6   (vart tredje år; ett år, varje år, år 2030)
    cue("är", left=None, right="viktigt")  -> +2   (är + adjective, article, adverb)
    cue("vara", left="att", right=None)    -> +4   (infinitive after att/ska/kan/bör ...)
    cue("våra", left=None, right="städer") -> +5.5   (våra + a plural noun)
    cue("bör", left=None, right="ske")     -> +4   (bör + infinitive)
"""

from __future__ import annotations

import functools
import math
import re

from policykit.authoring.spelling import known
from policykit.authoring.wordclass import MARKERS, classes, infinitive, slot_cue

FLOOR = math.log(10 ** 1.0 / 1e9)   # a word Hunspell knows but wordfreq has not seen

NUMBERS = {"ett", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv",
           "första", "andra", "tredje", "fjärde", "femte", "sjätte", "sjunde", "åttonde", "tionde",
           "vart", "varje", "per", "detta", "nästa", "förra", "samma", "innevarande", "föregående",
           "hela", "några", "flera", "många", "senaste", "kommande", "varannat", "årets", "under"}
MODALS = {"att", "ska", "skall", "kan", "kunna", "kunde", "bör", "borde", "måste", "vill", "ville", "får",
          "fick", "skulle", "kommer", "brukar", "behöver", "inte", "också", "även", "ju"}
INFINITIVE = {"vara", "ha", "ske", "gå", "få", "stå", "nå", "göra", "se", "ge", "ta", "bli", "inte", "också",
              "därför", "även", "alltid", "särskilt", "dock", "man", "vi", "kommunen", "staden", "det"}
AFTER_IS = {"en", "ett", "det", "den", "de", "att", "inte", "också", "därför", "mycket", "så", "till", "av",
            "nu", "ofta", "bra", "helt", "väl", "viktigt", "viktig", "viktiga", "även", "dock", "ju", "en",
            "ansvarig", "ansvariga", "angeläget", "nödvändigt", "möjligt", "centralt", "beroende", "öppen"}
ADJ_END = re.compile(r"(ig|igt|iga|lig|ligt|liga|isk|iskt|iska|ande|ende|ad|at|ade)$")
ADJ_PLURAL = re.compile(r"(iga|liga|iska|ade|ska|na)$")
TIME_LEFT = {"i", "om", "på", "per", "efter", "sedan", "inom", "före", "under", "de", "ett", "sitt", "vart", "varje"}
PLURAL_END = re.compile(r"(er|ar|or|erna|arna|orna|na|ter|lar|der)$")


INFINITIVE_MARKERS = MARKERS | {"måst"}


@functools.lru_cache(maxsize=1)
def _freqs() -> dict[str, float]:
    from wordfreq import get_frequency_dict  # imported late: a few tenths of a second
    return get_frequency_dict("sv", "best")


def frequency(word: str) -> float:
    """Relative frequency in Swedish (0 when wordfreq has not seen the word)."""
    f = _freqs()
    return f.get(word) or f.get(word.lower(), 0.0)


@functools.lru_cache(maxsize=None)
def is_word(word: str, min_zipf: float = 1.5) -> bool:
    """A Swedish word: Hunspell knows it, or wordfreq has seen it often enough (zipf ≥ min_zipf)."""
    if frequency(word) >= 10 ** min_zipf / 1e9:
        return True
    return known(word) or (word[:1].isupper() and known(word.lower()))


PART, HEAD = 10 ** 3.0 / 1e9, 10 ** 2.5 / 1e9   # how common a compound's parts must be


@functools.lru_cache(maxsize=None)
def compound(word: str) -> float:
    """How well `word` reads as a Swedish compound of common words: a head word after one or
    more parts, each ≥ 4 letters, a part maybe joined by a linking s ("stads|övergripande",
    "kommun|koncern|övergripande"). The frequency of its rarest part, best split; 0: none.
    Checked on wordfreq alone (fast); Hunspell rejects many real compounds of policy text."""
    w = word.lower()
    best = 0.0
    for i in range(4, len(w) - 3):
        head, part = w[i:], w[:i]
        fh = frequency(head)
        if fh < HEAD:
            continue
        fp, parts = max(frequency(part), frequency(part[:-1]) if part.endswith("s") else 0.0), 1.0
        if fp < PART and len(part) >= 8:
            fp = max(compound(part), compound(part[:-1]) if part.endswith("s") else 0.0)
            parts = 0.1   # each further part costs a factor 10: fewer, longer parts are likelier
        if fp >= PART:
            best = max(best, parts * min(fh, fp))
    return best


def logprior(word: str) -> float:
    """ln frequency; a word wordfreq has not seen gets FLOOR, raised for a compound of common parts."""
    f = frequency(word)
    if f > 0:
        return math.log(f)
    c = compound(word)
    return FLOOR + (math.log(c / PART) if c else 0.0)


def cue(word: str, left: str | None, right: str | None) -> float:
    """Log-odds bonus for reading `word` between the (repaired, lower-case) neighbours."""
    w = word.lower()
    left = (left or "").lower()
    right = (right or "").lower()
    year = bool(re.fullmatch(r"(19|20)\d\d", right))
    if w in ("år", "åren", "års"):
        # A noun of time: a numeral, determiner or preposition comes before it, or a year after.
        return 6.0 if left in NUMBERS or left.isdigit() or year else 0.0 if left in TIME_LEFT else -2.0
    if w == "är":
        if left in NUMBERS or left.isdigit():
            return -3.0
        return 2.0 if right in AFTER_IS or ADJ_END.search(right) else 0.0
    if w == "vara":
        return 4.0 if left in MODALS or left == "till" and right in ("på", "") else 0.0
    if w == "våra":
        if left in MODALS:
            return -2.0
        # våra + a plural noun or a plural adjective (-a: "våra rika"; Hunspell's adjectives too);
        # "vara strategiskt", "vara ledande" are predicates.
        plural_adj = ADJ_PLURAL.search(right) or (right.endswith("a") and classes(right) == {"A"})
        return 5.5 if PLURAL_END.search(right) or plural_adj else 0.0
    if w in ("vart", "varje"):
        return 3.0 if right in NUMBERS else 0.0
    if w == "bör":
        return 4.0 if right in INFINITIVE or right.endswith("a") else 0.0
    if w == "bor":
        return 3.0 if right in ("i", "på", "hos", "kvar", "utomlands", "här", "där") else 0.0
    if w == "mån":
        return 6.0 if left in ("möjligaste", "viss", "den") or right in ("av", "om") and left == "i" else 0.0
    if left in INFINITIVE_MARKERS and infinitive(w):
        return 3.0   # "att stärka", "ska nå": an infinitive after att or a modal verb
    if w in ("för", "från", "på"):
        return 1.0 if right in AFTER_IS or PLURAL_END.search(right) else 0.0
    return slot_cue(w, left)   # the word class the left neighbour expects (wordclass.py)
