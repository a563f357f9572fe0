"""The glossary: a table of terms, and a tooltip on each term at its first use on a page.

Marker: ``<!-- glossary -->`` renders the table (an entry that speaks for a document ends with
its clause citations), and after it the termbase (docs/data/terms.yml) as a table: Swedish,
English, where the Swedish word is used (the documents whose clauses say it, the glossary) and
a document page's recorded exception with its reason. `abbreviations(data, lang)` gives the
``abbr`` extension its glossary ({form: definition}), so every listed form is found on every
page without touching the page's text. `GlossaryOnceExtension` then keeps one mark per term
and page: the first use outside a heading keeps its ``<abbr title="definition">``, every later
use (any form of the same term) and every use in a heading (the page title included) is plain
text again::

    <h1>Vänortsavtal</h1> ... <abbr title="Ett avtal ...">vänortsavtal</abbr> ... vänortsavtal

A mark at every use read as clutter, and Material set up a tooltip for each one on load.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

from policykit.labels import labels
from policykit.render.common import Context, esc, refs, table

H = labels("glossary.head")
TB = labels("glossary.termbase")
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def render(ctx: Context, arg: str | None) -> str:
    terms = sorted(ctx.data.terms, key=lambda t: t.term[ctx.lang].lower())
    rows = [[f'<span id="term-{t.id}">{ctx.t(t.term)}</span>',
             ctx.t(t.definition) + (f" ({refs(ctx, t.clauses)})" if t.clauses else "")] for t in terms]
    out = table([H["term"][ctx.lang], H["def"][ctx.lang]], rows)
    if ctx.data.termbase:
        out += "\n\n" + termbase(ctx)
    return out


def termbase(ctx: Context) -> str:
    """The termbase's table: one row per Swedish term, in Swedish alphabetical order of its term."""
    rows = []
    for t in sorted(ctx.data.termbase, key=lambda t: str(t.sv).lower()):
        where = _documents(ctx, str(t.sv))
        if t.glossary:
            where.append(f"[{TB['glossary'][ctx.lang]}](#term-{t.glossary})")
        english = esc(t.en)
        if t.documents:
            english += "; " + esc(TB["documents"][ctx.lang].format(en=t.documents.en, reason=" ".join(t.documents.reason.split())))
        rows.append([esc(t.sv), english, ", ".join(where) or TB["none"][ctx.lang]])
    return (f"## {TB['heading'][ctx.lang]} {{ #termbank }}\n\n{TB['intro'][ctx.lang]}\n\n"
            + table([H["sv"][ctx.lang], H["en"][ctx.lang], H["where"][ctx.lang]], rows))


SHOWN = 3  # documents named per term; the rest counted, so the page reads the same at 300 municipalities


def _documents(ctx: Context, word: str) -> list[str]:
    """Links to the first documents whose clauses use the Swedish word (as the start of a word), and
    how many more do."""
    rx = re.compile(r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in word.split()), re.I)
    out, more = [], 0
    for doc in ctx.model.documents.values():
        if any(rx.search(c.text) for c in ctx.model.clauses_of(doc.id)):
            if len(out) < SHOWN:
                out.append(f"[{esc(doc.short.get(ctx.lang, doc.id))}]({ctx.link(doc.page)})")
            else:
                more += 1
    return out + ([TB["more"][ctx.lang].format(n=more)] if more else [])


def abbreviations(data, lang: str) -> dict[str, str]:
    """Form -> definition, for the abbr extension's glossary (every form of a term has its definition)."""
    return {form: " ".join(t.definition[lang].split()) for t in data.terms for form in t.forms}


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
