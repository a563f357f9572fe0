"""The glossary: a table of terms, and tooltips on the terms wherever they appear.

Marker: ``<!-- glossary -->`` renders the table. `abbreviations(data, lang)` gives the
``abbr`` extension its glossary ({form: definition}), so every listed form gets a tooltip on
every page without touching the page's text.
"""

from __future__ import annotations

from policykit.render.common import Context, table
from policykit.labels import labels

H = labels("glossary.head")


def render(ctx: Context, arg: str | None) -> str:
    terms = sorted(ctx.data.terms, key=lambda t: t["term"][ctx.lang].lower())
    rows = [[f'<span id="term-{t["id"]}">{ctx.t(t["term"])}</span>', ctx.t(t["definition"])] for t in terms]
    return table([H["term"][ctx.lang], H["def"][ctx.lang]], rows)


def abbreviations(data, lang: str) -> dict[str, str]:
    """Form -> definition, for the abbr extension's glossary: a tooltip on every listed form."""
    return {form: " ".join(t["definition"][lang].split()) for t in data.terms for form in t.get("forms", [])}
