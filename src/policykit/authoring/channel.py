"""The OCR channel of the proposer: which Swedish words an OCR token may be a misreading of.

A `Channel` is built from a confusion table (``confusions.yml``, learned from recorded repairs)
smoothed towards the generic confusions of printed Swedish (``ocr_prior.yml``)::

    Channel().variants("f6rslag")    -> {"förslag": (-2.3, 1), "f6rslag": ...}   # (ln Π w, edits)
    Channel().candidates("Gvergripande") -> {"övergripande": (-3.5, 1)}
    Channel().candidates("stadsévergripande") -> {"stadsövergripande": (-1.9, 1)}

A candidate is a variant that is a Swedish word: wordfreq has seen it, it splits into seen
words (a compound, `language.compound`), or Hunspell knows it. Variants with an upper-case
letter inside the word ("fÖlja") are not Swedish spellings and are dropped.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict

from policykit.authoring import confusions as conf
from policykit.authoring.language import compound, frequency, known

MAX_EDITS, PRUNE = 3, math.log(1e-6)
LETTERS = re.compile(r"[^\W\d_]+")
# Glyphs no Swedish word holds inside it: a variant that keeps one has not undone the damage.
DAMAGE = re.compile(r"[\d&|]|é(?=.)|(?<=.)[A-ZÅÄÖ]")


class Channel:
    """Candidate readings of a token, from a confusion table (fix ← ocr, with weights)."""

    def __init__(self, table=None, extra=()):
        """`extra`: more confusions counted with the table's (the document's own, see proposals)."""
        self.rules: dict[str, list[tuple[str, float]]] = defaultdict(list)
        table = table if table is not None else conf.load()
        for (fix, ocr), w in conf.weights(list(table) + list(extra)).items():
            if fix and ocr:
                self.rules[ocr].append((fix, w))
        self._cache: dict[str, dict[str, tuple[float, int]]] = {}

    def variants(self, token: str) -> dict[str, tuple[float, int]]:
        """Spellings reachable by undoing up to MAX_EDITS confusions: {text: (ln Π w, edits)}."""
        sites = [(i, len(o), fix, math.log(w)) for i in range(len(token)) for o, opts in self.rules.items()
                 if token.startswith(o, i) for fix, w in opts]
        sites.sort()
        out: dict[str, tuple[float, int]] = {}

        def walk(start: int, pos: int, built: str, score: float, n: int):
            for k in range(start, len(sites)):
                i, length, fix, lw = sites[k]
                if i < pos or score + lw < PRUNE:
                    continue
                text = built + token[pos:i] + fix
                s = score + lw
                full = text + token[i + length:]
                if full not in out or out[full][0] < s:
                    out[full] = (s, n + 1)
                if n + 1 < MAX_EDITS:
                    walk(k + 1, i + length, text, s, n + 1)

        walk(0, 0, "", 0.0, 0)
        return out

    def candidates(self, token: str) -> dict[str, tuple[float, int]]:
        """Words among the variants: wordfreq, compounds of its words, Hunspell for the likeliest few."""
        if token in self._cache:
            return self._cache[token]
        found: dict[str, tuple[float, int]] = {}
        forms = [(token, False)]
        if token[:1].isupper() and token[1:] == token[1:].lower():
            forms.append((token.lower(), True))
        for form, cap in forms:
            # Variants that undo every damaged glyph first: the others cannot be Swedish words.
            ranked = sorted(((v, s) for v, s in self.variants(form).items()
                             if LETTERS.fullmatch(v) and not DAMAGE.search(v)),
                            key=lambda kv: -kv[1][0])
            seen = [v for v, _ in ranked if frequency(v) >= 1e-8]
            # Hunspell (slow) only for the likeliest few, when wordfreq knows none (compounds).
            hunspell = set() if seen or frequency(form) else {v for v, _ in ranked[:12] if known(v)}
            for v, score in ranked:
                if frequency(v) >= 1e-8 or v in hunspell or (not seen and compound(v)):
                    word = v[0].upper() + v[1:] if cap else v
                    if word != token and (word not in found or found[word][0] < score[0]):
                        found[word] = score
        self._cache[token] = found
        return found
