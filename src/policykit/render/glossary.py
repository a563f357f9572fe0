"""The glossary: a table of terms, and tooltips on the terms wherever they appear.

Marker: ``<!-- glossary -->`` renders the table. `abbreviations(ctx)` returns the
``*[form]: definition`` lines that the hook appends to every page, so the ``abbr``
extension gives each listed form a tooltip without touching the page's text.
"""

from __future__ import annotations

from policykit.render.common import Context, table

H = {"term": {"sv": "Term", "en": "Term"}, "def": {"sv": "Förklaring", "en": "Explanation"}}


def render(ctx: Context, arg: str | None) -> str:
    terms = sorted(ctx.data.terms, key=lambda t: t["term"][ctx.lang].lower())
    rows = [[f'<span id="term-{t["id"]}">{ctx.t(t["term"])}</span>', ctx.t(t["definition"])] for t in terms]
    return table([H["term"][ctx.lang], H["def"][ctx.lang]], rows)


def abbreviations(ctx: Context) -> str:
    lines = []
    for t in ctx.data.terms:
        definition = " ".join(t["definition"][ctx.lang].split()).replace("]", ")")
        lines += [f"*[{form}]: {definition}" for form in t.get("forms", [])]
    return "\n".join(lines)
