"""Swedish words as retrieval tokens: stems, compound parts and termbase synonyms.

    >>> vocab = Vocabulary({"vanort": ["vänort", "vänorter", "vänorterna"]})
    >>> vocab.tokens("Vänortssamarbetet utvecklas")
    ['vänort', 'samarbet', 'vänortssamarbet', 'utveckl']
    >>> vocab.words("Kommunens vänorter", {"vänort", "~vanort"})
    ['vänorter']

A word becomes its Snowball Swedish stem (PyPI ``snowballstemmer``); a compound also gives its
parts' stems, split by the same rule the site's search uses (`publish.search._tails`: a common
word at the end, a common word before it), so *vänortssamarbete* meets *vänort* and *samarbete*.
A word or phrase that is one of a synonym group's forms (the glossary's `forms`, a termbase
entry's Swedish term and its `avoid.sv` variants) also gives the group's token ``~ID``, so
*fullmäktiges* meets *kommunfullmäktige*. Swedish stop words (bm25s's list) give nothing.
"""

from __future__ import annotations

import functools
import re

import snowballstemmer
from bm25s.stopwords import STOPWORDS_SWEDISH

# One grammar for compounds: the search's splitter (a common head word, a common tail word).
from policykit.publish.search import _head_forms, _tails, _zipf

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.U)
STOP = frozenset(STOPWORDS_SWEDISH) | {"ska", "skall", "bör", "kan", "även", "samt", "bl", "t", "ex", "a"}
_STEMMER = snowballstemmer.stemmer("swedish")


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _STEMMER.stemWord(word)


@functools.lru_cache(maxsize=200_000)
def word_tokens(word: str) -> tuple[str, ...]:
    """The tokens of one lower-case word: its parts' stems (a compound, a hyphenated pair), then its own stem."""
    if word in STOP or len(word) < 2:
        return ()
    out: list[str] = []
    parts = [p for p in word.split("-") if p]
    for part in parts if len(parts) > 1 else []:
        out.extend(t for t in word_tokens(part) if t not in out)
    for tail in _tails(word.replace("-", "")):
        head = word.replace("-", "")[: -len(tail)]
        # the head as the word it is (samarbets -> samarbete): its most common form
        head_word = max(_head_forms(head), key=_zipf)
        for t in (stem(head_word), stem(tail)):
            if t not in out and t not in STOP:
                out.append(t)
    own = stem(word.replace("-", ""))
    if own not in out:
        out.append(own)
    return tuple(out)


class Vocabulary:
    """Tokens of texts, with synonym groups: {group id: [forms, single words or phrases]}."""

    def __init__(self, groups: dict[str, list[str]] | None = None):
        self.single: dict[str, set[str]] = {}
        phrases: dict[str, set[str]] = {}
        for gid, forms in (groups or {}).items():
            for form in forms:
                f = " ".join(str(form).lower().split())
                if not f:
                    continue
                (phrases if " " in f else self.single).setdefault(f, set()).add("~" + gid)
        self.phrases = [(re.compile(r"(?<![\w-])" + re.escape(p) + r"(?![\w-])"), sorted(g)) for p, g in
                        sorted(phrases.items())]

    def tokens(self, text: str) -> list[str]:
        """Every token of `text`, in order (a token once per word that gives it)."""
        low = text.lower()
        out: list[str] = []
        for m in WORD.finditer(low):
            w = m.group(0)
            out.extend(word_tokens(w))
            out.extend(sorted(self.single.get(w, ())))
        for rx, groups in self.phrases:
            for _ in rx.finditer(low):
                out.extend(groups)
        return out

    def words(self, text: str, matched: set[str]) -> list[str]:
        """The words of `text` (as written, lower case, once each, in order) that give a token in `matched`."""
        low, seen = text.lower(), []
        for m in WORD.finditer(low):
            w = m.group(0)
            if w not in seen and (set(word_tokens(w)) | self.single.get(w, set())) & matched:
                seen.append(w)
        for rx, groups in self.phrases:
            if set(groups) & matched:
                for m in rx.finditer(low):
                    if m.group(0) not in seen:
                        seen.append(m.group(0))
        return seen
