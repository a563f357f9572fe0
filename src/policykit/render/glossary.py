"""The glossary: a table of terms, and a tooltip on each term at its first use on a page.

Marker: ``<!-- glossary -->`` renders the table. `abbreviations(data, lang)` gives the
``abbr`` extension its glossary ({form: definition}), so every listed form is found on every
page without touching the page's text. `GlossaryOnceExtension` then keeps one mark per term
and page: the first use outside a heading keeps its ``<abbr title="definition">``, every later
use (any form of the same term) and every use in a heading (the page title included) is plain
text again::

    <h1>Vänortsavtal</h1> ... <abbr title="Ett avtal ...">vänortsavtal</abbr> ... vänortsavtal

A mark at every use read as clutter, and Material set up a tooltip for each one on load.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

from policykit.labels import labels
from policykit.render.common import Context, table

H = labels("glossary.head")
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def render(ctx: Context, arg: str | None) -> str:
    terms = sorted(ctx.data.terms, key=lambda t: t["term"][ctx.lang].lower())
    rows = [[f'<span id="term-{t["id"]}">{ctx.t(t["term"])}</span>', ctx.t(t["definition"])] for t in terms]
    return table([H["term"][ctx.lang], H["def"][ctx.lang]], rows)


def abbreviations(data, lang: str) -> dict[str, str]:
    """Form -> definition, for the abbr extension's glossary (every form of a term has its definition)."""
    return {form: " ".join(t["definition"][lang].split()) for t in data.terms for form in t.get("forms", [])}


def _unwrap(parent: etree.Element, child: etree.Element) -> None:
    """Replace `child` by its text, joined to the text around it."""
    text = (child.text or "") + (child.tail or "")
    at = list(parent).index(child)
    if at:
        before = parent[at - 1]
        before.tail = (before.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    parent.remove(child)


def mark_once(root: etree.Element) -> None:
    """Keep the first mark of each term (by its definition) outside headings; unwrap the rest."""
    seen: set[str] = set()

    def walk(el: etree.Element, in_heading: bool) -> None:
        for child in list(el):
            if child.tag == "abbr":
                title = child.get("title", "")
                if in_heading or title in seen:
                    _unwrap(el, child)
                    continue
                seen.add(title)
            walk(child, in_heading or child.tag in HEADINGS)

    walk(root, root.tag in HEADINGS)


class _Once(Treeprocessor):
    def run(self, root):
        mark_once(root)


class GlossaryOnceExtension(Extension):
    def extendMarkdown(self, md):
        # After abbr's treeprocessor (7) has marked every use, before toc (5) reads the headings.
        md.treeprocessors.register(_Once(md), "policy_glossary_once", 6)
