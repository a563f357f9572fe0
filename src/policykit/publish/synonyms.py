"""Search synonyms from the termbase: a clause is found by the words the site chose not to use.

docs/data/terms.yml gives each glossary term one rendering per language and the variants to avoid::

    - sv: vänort
      en: twin town
      avoid: {en: [twin city, twin cities, twin-city]}
      glossary: vanort

A reader does not know the site's choice and searches "twin city". So each clause that uses a
glossary term gets the term's avoided variants in its language as hidden words for Pagefind (publish/search.py writes them into the clause's ``span.search-words``, beside the
Swedish compounds' ends). Only terms with a glossary entry: the modal verbs' variants (may, must)
are variants to avoid, not words a reader means. Not the Swedish term on English pages: "EU-policy"
beside every clause on the EU put those clauses above "foreign policy"'s own clause.

A term is found in a clause case-insensitively as whole words: in English with a plural ending,
in Swedish with any ending (vänort finds vänorter and vänortsavtal).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple


class Term(NamedTuple):
    pattern: re.Pattern
    words: tuple[str, ...]   # what a clause using the term is also found by


def _entries(termbase: list) -> list[tuple[str, str, dict, bool]]:
    """(Swedish term, English term, {language: variants to avoid}, in the glossary) of each termbase entry."""
    return [(t.sv, t.en, {"sv": t.avoid.sv, "en": t.avoid.en} if t.avoid else {}, bool(t.glossary))
            for t in termbase]


def _pattern(term: str, lang: str) -> re.Pattern:
    ending = r"\w*" if lang == "sv" else r"(?:s|es)?"
    return re.compile(r"(?<!\w)" + re.escape(term).replace(r"\ ", r"\s+") + ending + r"(?!\w)", re.I)


def table(termbase: list) -> dict[str, list[Term]]:
    """Language -> the glossary terms, each with the words a clause using it is also found by."""
    out: dict[str, list[Term]] = {"sv": [], "en": []}
    for sv, en, avoid, in_glossary in _entries(termbase):
        if not in_glossary or not sv or not en:
            continue
        for lang, term in (("sv", sv), ("en", en)):
            words = list(avoid.get(lang) or [])
            if words:
                out[lang].append(Term(_pattern(term, lang), tuple(words)))
    return out


def finder(termbase: list, lang: str) -> Callable[[str], list[str]]:
    """A function: a clause's text -> its synonyms, once each, none it already contains."""
    terms = table(termbase).get(lang, [])

    def find(text: str) -> list[str]:
        lower = text.lower()
        seen: dict[str, None] = {}
        for term in terms:
            if term.pattern.search(text):
                for word in term.words:
                    if word.lower() not in lower:
                        seen.setdefault(word)
        return list(seen)

    return find
