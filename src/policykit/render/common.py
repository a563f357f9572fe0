"""Shared pieces of the renderers: the context, text escaping, clause citations, tables.

A citation of a clause is a Markdown link to its anchor, labelled by document, section and
unit, with the clause's words as tooltip::

    [Strategin, avsnitt 4, punkt 2](../stockholm/strategi.md#strategi-4-p2 "Om ett samarbetsavtal ...")
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field

from policykit.check.datasets import Datasets
from policykit.clauses.model import Model

UNITS = {"s": {"sv": "mening", "en": "sentence"}, "p": {"sv": "punkt", "en": "item"}}
WORDS = {
    "section": {"sv": "avsnitt", "en": "section"},
    "footnote": {"sv": "fotnot", "en": "footnote"},
}


@dataclass
class Context:
    model: Model
    data: Datasets
    lang: str
    page: str                       # the current page's path under docs/, e.g. "principer.md"
    report: object = None           # the checker's Report
    citations: dict = field(default_factory=dict)   # clause id -> [(page src path, title)]

    def t(self, value: dict | None) -> str:
        """The current language's value of a bilingual field, escaped as plain text."""
        return esc((value or {}).get(self.lang, ""))

    def link(self, target: str) -> str:
        """A relative link from the current page to a docs path (with optional #anchor)."""
        path, _, anchor = target.partition("#")
        rel = posixpath.relpath(path, posixpath.dirname(self.page) or ".")
        return rel + (f"#{anchor}" if anchor else "")


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|])")


def esc(text: str) -> str:
    """Plain text for Markdown: HTML escaped (a tag shows as text), Markdown syntax neutralised."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False)).replace("\n", " ")


def clause_label(ctx: Context, cid: str) -> str:
    c = ctx.model.by_id[cid]
    doc = ctx.model.documents[c.document]
    parts = [doc.short.get(ctx.lang, doc.id)]
    if c.kind == "footnote":
        parts.append(f"{WORDS['footnote'][ctx.lang]} {cid.rsplit('fn', 1)[1]}")
        return ", ".join(parts)
    if c.section[0].isdigit():
        parts.append(f"{WORDS['section'][ctx.lang]} {c.section.replace('-', '.')}")
    elif c.section not in ("titel", "inledning") or c.kind != "heading":
        heading = ctx.model.by_id.get(f"{c.document}-{c.section}")
        parts.append(heading.text if heading else c.section)
    unit = re.search(r"-([sp])(\d+)$", cid)
    if unit and c.kind != "heading":
        parts.append(f"{UNITS[unit.group(1)][ctx.lang]} {unit.group(2)}")
    return ", ".join(parts)


def ref(ctx: Context, cid: str) -> str:
    """A Markdown link citing one clause."""
    c = ctx.model.by_id[cid]
    page = ctx.model.documents[c.document].page
    tooltip = c.text.replace('"', "'")  # a Markdown link title may not contain its own quote
    return f'[{esc(clause_label(ctx, cid))}]({ctx.link(page + "#" + cid)} "{tooltip}")'


def refs(ctx: Context, ids) -> str:
    return "; ".join(ref(ctx, cid) for cid in ids)


def quote(ctx: Context, cid: str) -> str:
    """The clause's own words as a block quote with its citation."""
    return f"> {esc(ctx.model.by_id[cid].text)}\n>\n> — {ref(ctx, cid)}\n"


def table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cell.replace("\n", " ") for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"
