"""The comparison: the matrix on the page, a page per topic and the cells on each municipality's page.

Marker: ``<!-- comparison -->``. Data: docs/data/comparison.yml and topics.yml. What the marker
renders stays within its budget whatever the number of municipalities:

- the matrix (render/matrix.py): a row per topic, a column per municipality (the cells of the
  first six; the reader chooses two to four), linked to the CSV, the JSON and their licence,
- per topic ``### <topic> { #amne-<id> }``: the plain contrast where the data names one, the
  counts and the link to the topic's page ``jamforelse/<topic>/`` (render/pages.py), where
  every municipality has one row (what its document says, its clauses).

A municipality's page ``kommuner/<id>/#jamforelse`` has its cells topic by topic (the column the
matrix fetches for a municipality beyond the first six).
"""

from __future__ import annotations

import html

from policykit.labels import labels
from policykit.render import matrix, status
from policykit.render.common import Context, esc, muni_page, refs, table, topic_page

STATUS = labels("comparison.status")
H = labels("comparison.head")
S = labels("scale")
M = labels("matrix")
ORDER = ("addressed", "not-addressed", "not-in-available-text", "not-yet-assessed")


def rows(ctx: Context) -> list[dict]:
    """The comparison rows in the order of topics.yml."""
    return [r for t in ctx.data.topics for r in ctx.data.rows if r.topic == t.id]


def says(ctx: Context, cell: dict, topic: str, muni: dict, always: bool = False) -> str:
    """A cell as Markdown: its summary, led by its status where it is a gap (or `always`). The row of the topic
    ``status`` ends with the standing of the municipality's documents, rendered from the registry
    (render/status.py), never written in the data."""
    summary = ctx.t(cell.summary) if cell.summary else ""
    if always or cell.status != "addressed":
        summary = f"**{STATUS[cell.status][ctx.lang]}.** {summary}".strip()
    if topic == "status":
        summary = " ".join(filter(None, [summary, standing(ctx, muni)]))
    return summary


def standing(ctx: Context, municipality: dict) -> str:
    """The standing of the municipality's main documents, from the registry. A document another one
    is proposed in or attached to (Stockholm's report) is left out: its standing is said with that one."""
    docs = [d for d in municipality.documents if d in ctx.model.documents]
    carriers = {(ctx.model.documents[d].status or {}).get(k) for d in docs for k in ("in", "to")}
    return " ".join(status.render(ctx, d) for d in docs if d not in carriers)


def counts(row: dict) -> dict[str, int]:
    out = dict.fromkeys(ORDER, 0)
    for cell in row.cells.values():
        out[cell.status] += 1
    return out


def counts_text(ctx: Context, row: dict) -> str:
    n = counts(row)
    return S["counts"][ctx.lang].format(addressed=n["addressed"], silent=n["not-addressed"],
                                        beyond=n["not-in-available-text"], pending=n["not-yet-assessed"])


# The published files the matrix links to (docs paths; render/export.py writes them) and the licence.
DATA_LINKS = (("csv", "data/comparison.csv"), ("json", "data/comparison.json"), ("licence", "oppna-data.md#licens"))


def render(ctx: Context, arg: str | None) -> str:
    """The matrix (render/matrix.py), then topic by topic: the contrast and the link to the topic's page."""
    topics = {t.id: t for t in ctx.data.topics}
    data = {M[key][ctx.lang]: path for key, path in DATA_LINKS}
    out = [matrix.render(ctx, rows(ctx), data)]
    out.append(f"## {esc(S['topics_heading'][ctx.lang])} {{ #amne-for-amne }}\n")
    for r in rows(ctx):
        name = ctx.t(topics[r.topic].name)
        out.append(f"### {name} {{ #amne-{r.topic} }}\n")
        if r.contrast:
            out.append(f"**{H['contrast'][ctx.lang]}:** {ctx.t(r.contrast)}\n")
        out.append(f"[{esc(S['topic_link'][ctx.lang])}: {name}]({ctx.link(topic_page(r.topic))}) "
                   f"({esc(counts_text(ctx, r))}).\n")
    return "\n".join(out)


def topic_table(ctx: Context, row: dict) -> str:
    """A topic's page: every municipality's cell, one row each, with a box to choose it (no JavaScript:
    the stylesheet shows only the chosen rows when 'show only the chosen' is ticked)."""
    body = []
    for m in ctx.data.municipalities:
        cell = row.cells[m.id]
        name = ctx.t(m.name)
        pick = (f'<input type="checkbox" class="pick" aria-label="{html.escape(S["pick_one"][ctx.lang].format(m.name[ctx.lang]))}">')
        body.append([f"{pick} [{name}]({ctx.link(muni_page(m.id) + '#amne-' + row.topic)}){{ #kommun-{m.id} }}",
                     says(ctx, cell, row.topic, m), refs(ctx, cell.clauses) or "–"])
    head = [H["muni"][ctx.lang], H["says"][ctx.lang], H["source"][ctx.lang]]
    return (f'<div class="picker" markdown>\n\n<p class="pick-note">{html.escape(S["pick"][ctx.lang])} '
            f'<label><input type="checkbox" class="pick-only"> {html.escape(S["pick_only"][ctx.lang])}</label></p>\n\n'
            + table(head, body) + "\n</div>\n")


def municipality_table(ctx: Context, muni: dict) -> str:
    """A municipality's page: its cell for every topic, each topic linked to the topic's page at its row."""
    topics = {t.id: t for t in ctx.data.topics}
    body = []
    for r in rows(ctx):
        cell = r.cells[muni.id]
        body.append([f"[{ctx.t(topics[r.topic].name)}]({ctx.link(topic_page(r.topic) + '#kommun-' + muni.id)})"
                     f"{{ #amne-{r.topic} }}", says(ctx, cell, r.topic, muni, always=True), refs(ctx, cell.clauses) or "–"])
    return table([H["topic"][ctx.lang], H["says"][ctx.lang], H["source"][ctx.lang]], body)
