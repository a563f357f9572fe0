"""Swedish spelling, for finding OCR damage and proposing repairs.

Uses the Hunspell dictionary of the PyPI package ``hunspell-sv`` (installed under
``<venv>/share/hunspell/sv_SE.{aff,dic}``) through the pure-Python Hunspell port ``spylls``.
A dictionary hit is a review signal, not a verdict: a person decides every repair.

`propose(token)` tries the substitutions this OCR is known to make (a for å/ä, 6 for ö,
& for ä, é for ä/ö, | for I, h for b, ...) and returns the dictionary words they reach.
"""

from __future__ import annotations

import functools
import itertools
import re
import sys
from pathlib import Path

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

# OCR glyph → what it may stand for. Single characters, tried at one or two positions.
CONFUSIONS = {
    "a": ["å", "ä"], "o": ["ö"], "6": ["ö"], "d": ["ö", "ä", "å"], "é": ["ä", "ö", "e"],
    "&": ["ä", "å"], "i": ["ä", "å"], "e": ["ä", "ö"], "t": ["ö"], "h": ["b"], "G": ["ö"],
    "O": ["ö", "Ö"], "A": ["Ä", "Å"], "|": ["I"], "4": ["å"], "I": ["l"], "g": ["ö"],
}
EXTRA = [("éa", "ä"), ("aé", "ä"), ("li", "ll"), ("mb", "m"), ("ft", "fö"), ("rn", "rån")]


def dictionary_path() -> Path:
    for base in (Path(sys.prefix), Path(sys.base_prefix), Path("/usr")):
        path = base / "share" / "hunspell" / "sv_SE"
        if path.with_suffix(".dic").exists():
            return path
    raise FileNotFoundError("the Swedish dictionary (PyPI hunspell-sv) is not installed; run 'make venv'")


@functools.lru_cache(maxsize=1)
def dictionary():
    from spylls.hunspell import Dictionary  # imported late: loading takes seconds
    return Dictionary.from_files(str(dictionary_path()))


@functools.lru_cache(maxsize=None)
def known(word: str) -> bool:
    return bool(dictionary().lookup(word))


def variants(token: str, depth: int = 2) -> set[str]:
    out = set()
    positions = [i for i, ch in enumerate(token) if ch in CONFUSIONS]
    for r in range(1, depth + 1):
        for combo in itertools.combinations(positions, r):
            choices = [CONFUSIONS[token[i]] for i in combo]
            for picks in itertools.product(*choices):
                chars = list(token)
                for i, rep in zip(combo, picks):
                    chars[i] = rep
                out.add("".join(chars))
    for old, new in EXTRA:
        if old in token:
            base = token.replace(old, new)
            out.add(base)
            out |= {v for v in variants_simple(base)}
    out.discard(token)
    return out


def variants_simple(token: str) -> set[str]:
    out = set()
    for i, ch in enumerate(token):
        for rep in CONFUSIONS.get(ch, []):
            out.add(token[:i] + rep + token[i + 1:])
    return out


def propose(token: str) -> list[str]:
    """Dictionary words that known OCR confusions turn `token` into, fewest changes first."""
    found = [v for v in variants(token) if WORD.fullmatch(v) and known(v)]
    return sorted(found, key=lambda v: (sum(a != b for a, b in zip(v, token)), v))
