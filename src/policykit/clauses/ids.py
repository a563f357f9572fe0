"""Clause identifiers: one small grammar per structural unit, each formatting and parsing its own.

Identifiers follow the document's structure and never depend on wording::

    Heading     strategi-3-2        <document>-<section>           heading of section 3.2
    Sentence    strategi-3-2-s4     <document>-<section>-s<n>      4th sentence of section 3.2
    Item        strategi-4-p2       <document>-<section>-p<n>      2nd list item ("punkt") of section 4
    Footnote    rapport-fn3         <document>-fn<n>               footnote 3 of the report

Document ids and section keys are plain ids (lower-case a-z, digits, single hyphens), so a
clause id is one too: an HTML anchor, a URL fragment and a marker value as it stands.
`UNITS[clause.kind].number(clause.id)` gives the unit's number back ("4" for strategi-3-2-s4).
"""

from __future__ import annotations

import re


class Heading:
    kind = "heading"

    @staticmethod
    def format(document: str, section: str) -> str:
        return f"{document}-{section}"

    @staticmethod
    def number(cid: str) -> str | None:
        return None


class _Numbered:
    kind = letter = ""

    @classmethod
    def format(cls, document: str, section: str, n: int) -> str:
        return f"{document}-{section}-{cls.letter}{n}"

    @classmethod
    def number(cls, cid: str) -> str | None:
        m = re.search(rf"-{cls.letter}(\d+)$", cid)
        return m.group(1) if m else None


class Sentence(_Numbered):
    kind, letter = "sentence", "s"


class Item(_Numbered):
    kind, letter = "item", "p"


class Footnote:
    kind = "footnote"

    @staticmethod
    def format(document: str, n: int | str) -> str:
        return f"{document}-fn{n}"

    @staticmethod
    def number(cid: str) -> str | None:
        m = re.search(r"-fn(\w+)$", cid)
        return m.group(1) if m else None


UNITS = {unit.kind: unit for unit in (Heading, Sentence, Item, Footnote)}
