"""The glossary: a table of terms, and tooltips on the terms wherever they appear.

Marker: ``<!-- glossary -->`` renders the table (an entry that speaks for a document ends with
its clause citations), and after it the termbase (docs/data/terms.yml) as a table: Swedish,
English, where the Swedish word is used (the documents whose clauses say it, the glossary) and
a document page's recorded exception with its reason. `abbreviations(data, lang)` gives the
``abbr`` extension its glossary ({form: definition}), so every listed form gets a tooltip on
every page without touching the page's text.
"""

from __future__ import annotations

import re

from policykit.render.common import Context, esc, refs, table
from policykit.labels import labels

H = labels("glossary.head")
TB = labels("glossary.termbase")


def render(ctx: Context, arg: str | None) -> str:
    terms = sorted(ctx.data.terms, key=lambda t: t["term"][ctx.lang].lower())
    rows = [[f'<span id="term-{t["id"]}">{ctx.t(t["term"])}</span>',
             ctx.t(t["definition"]) + (f" ({refs(ctx, t['clauses'])})" if t.get("clauses") else "")] for t in terms]
    out = table([H["term"][ctx.lang], H["def"][ctx.lang]], rows)
    if ctx.data.termbase:
        out += "\n\n" + termbase(ctx)
    return out


def termbase(ctx: Context) -> str:
    """The termbase's table: one row per Swedish term, in Swedish alphabetical order of its term."""
    rows = []
    for t in sorted(ctx.data.termbase, key=lambda t: str(t["sv"]).lower()):
        where = _documents(ctx, str(t["sv"]))
        if t.get("glossary"):
            where.append(f"[{TB['glossary'][ctx.lang]}](#term-{t['glossary']})")
        english = esc(t["en"])
        doc = t.get("documents")
        if isinstance(doc, dict) and doc.get("en"):
            english += "; " + esc(TB["documents"][ctx.lang].format(en=doc["en"], reason=" ".join(str(doc.get("reason", "")).split())))
        rows.append([esc(t["sv"]), english, ", ".join(where) or TB["none"][ctx.lang]])
    return (f"## {TB['heading'][ctx.lang]} {{ #termbank }}\n\n{TB['intro'][ctx.lang]}\n\n"
            + table([H["sv"][ctx.lang], H["en"][ctx.lang], H["where"][ctx.lang]], rows))


def _documents(ctx: Context, word: str) -> list[str]:
    """Links to the documents whose clauses use the Swedish word (as the start of a word)."""
    rx = re.compile(r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in word.split()), re.I)
    out = []
    for doc in ctx.model.documents.values():
        if any(rx.search(c.text) for c in ctx.model.clauses_of(doc.id)):
            out.append(f"[{esc(doc.short.get(ctx.lang, doc.id))}]({ctx.link(doc.page)})")
    return out


def abbreviations(data, lang: str) -> dict[str, str]:
    """Form -> definition, for the abbr extension's glossary: a tooltip on every listed form."""
    return {form: " ".join(t["definition"][lang].split()) for t in data.terms for form in t.get("forms", [])}
