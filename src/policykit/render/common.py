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
from policykit.datafile import Text
from policykit.clauses import ids
from policykit.clauses.ids import Footnote
from policykit.clauses.model import Model
from policykit.labels import labels

UNITS = labels("citation.unit")
WORDS = labels("citation.word")


@dataclass
class Context:
    model: Model
    data: Datasets
    lang: str
    page: str                       # the current page's path under docs/, e.g. "principer.md"
    report: object = None           # the checker's Report
    citations: dict = field(default_factory=dict)   # clause id -> [(page src path, title)]

    def t(self, value: Text | None) -> str:
        """The current language's value of a bilingual field, escaped as plain text."""
        return esc(value[self.lang] if value else "")

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
        parts.append(f"{WORDS['footnote'][ctx.lang]} {Footnote.number(cid)}")
        return ", ".join(parts)
    if c.section[0].isdigit():
        parts.append(f"{WORDS['section'][ctx.lang]} {c.section.replace('-', '.')}")
    elif c.section not in ("titel", "inledning") or c.kind != "heading":
        heading = ctx.model.by_id.get(f"{c.document}-{c.section}")
        parts.append(heading.text if heading else c.section)
    if c.kind != "heading":
        parts.append(f"{UNITS[c.kind][ctx.lang]} {ids.UNITS[c.kind].number(cid)}")
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


def table(head: list[str], rows: list) -> str:
    """A Markdown table of Markdown cells (for a caption, which Markdown tables lack: `html_table`)."""
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cell.replace("\n", " ") for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def href(ctx: Context, target: str) -> str:
    """A relative URL from the current page to a docs path (with optional #anchor), for raw HTML:
    MkDocs rewrites the .md links of Markdown, not those of HTML, so this is the built address."""
    from policykit.pages.urls import page_url
    path, _, anchor = target.partition("#")
    here = page_url(ctx.page.replace(".en.md", ".md"))
    rel = posixpath.relpath(page_url(path) or ".", here or ".")
    rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{anchor}" if anchor else "")


def html_table(head: list[str], rows: list, caption: str, css: str = "", row_header: bool = True,
               searchable: bool = True) -> str:
    """A captioned HTML table: column headers, and each row headed by its first cell (th scope=row)
    unless `row_header` is False; cells are HTML already (escape data text with `html.escape`).
    Not `searchable`: left out of the search index (data-pagefind-ignore).

    Each cell carries its column's header as ``data-label``: on a phone site.css shows each row as
    a card of "label: value" lines (render/table_cards.py does the same for Markdown tables)."""
    th = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in head)
    labels = [f' data-label="{html.escape(h, quote=True)}"' for h in head]
    first = '<th scope="row"{}>{}</th>' if row_header else "<td{}>{}</td>"
    body = "".join("<tr>" + first.format(labels[0], row[0])
                   + "".join(f"<td{label}>{c}</td>" for label, c in zip(labels[1:], row[1:], strict=True)) + "</tr>"
                   for row in rows)
    ignore = "" if searchable else " data-pagefind-ignore"
    return (f'<div class="md-typeset__table {css}"{ignore}><table><caption>{html.escape(caption)}</caption>'
            f"<thead><tr>{th}</tr></thead><tbody>{body}</tbody></table></div>\n")


def a(ctx: Context, target: str, text: str) -> str:
    """An HTML link to a docs path, its text escaped."""
    return f'<a href="{html.escape(href(ctx, target))}">{html.escape(text)}</a>'


# The generated pages (render/pages.py): one per municipality, comparison topic and area.
def muni_page(muni_id: str) -> str:
    return f"kommuner/{muni_id}.md"


def audit_page(muni_id: str) -> str:
    """The municipality's audit page: every clause's traceability and the OCR repairs (issue 18)."""
    return f"kommuner/{muni_id}/granskning.md"


def topic_page(topic_id: str) -> str:
    return f"jamforelse/{topic_id}.md"


def area_page(area_id: str) -> str:
    return f"ansvar/{area_id}.md"
