"""The comparison: overviews on the page, a page per topic and the cells on each municipality's page.

Marker: ``<!-- comparison -->``. Data: docs/data/comparison.yml and topics.yml. What the marker
renders stays the same size whatever the number of municipalities, except one overview row
(a few numbers) per municipality:

- a table of the topics (a row per topic: how many municipalities address it, do not, ...),
- per topic ``### <topic> { #amne-<id> }``: the plain contrast where the data names one, the
  counts and the link to the topic's page ``jamforelse/<topic>/`` (render/pages.py), where
  every municipality has one row (what its document says, its clauses),
- ``## Kommun för kommun``: a row per municipality with its counts, linked to its page
  ``kommuner/<id>/#jamforelse``, where its cells stand topic by topic.
"""

from __future__ import annotations

import html

from policykit.labels import labels
from policykit.render import status
from policykit.render.common import Context, a, esc, html_table, muni_page, refs, table, topic_page

STATUS = labels("comparison.status")
H = labels("comparison.head")
S = labels("scale")
ORDER = ("addressed", "not-addressed", "not-in-available-text", "not-yet-assessed")


def rows(ctx: Context) -> list[dict]:
    """The comparison rows in the order of topics.yml."""
    return [r for t in ctx.data.topics for r in ctx.data.rows if r.topic == t.id]


def says(ctx: Context, cell: dict, topic: str, muni: dict) -> str:
    """A cell as Markdown: its summary, led by its status where it is a gap. The row of the topic
    ``status`` ends with the standing of the municipality's documents, rendered from the registry
    (render/status.py), never written in the data."""
    summary = ctx.t(cell.summary) if cell.summary else ""
    if cell.status != "addressed":
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


def render(ctx: Context, arg: str | None) -> str:
    topics = {t.id: t for t in ctx.data.topics}
    status_heads = [STATUS[s][ctx.lang] for s in ORDER]
    overview = [[a(ctx, topic_page(r.topic), topics[r.topic].name[ctx.lang])]
                + [str(n) for n in counts(r).values()] for r in rows(ctx)]
    out = [html_table([H["topic"][ctx.lang]] + status_heads, overview, S["topics_caption"][ctx.lang], "overview")]
    out.append(f"## {esc(S['topics_heading'][ctx.lang])} {{ #amne-for-amne }}\n")
    for r in rows(ctx):
        name = ctx.t(topics[r.topic].name)
        out.append(f"### {name} {{ #amne-{r.topic} }}\n")
        if r.contrast:
            out.append(f"**{H['contrast'][ctx.lang]}:** {ctx.t(r.contrast)}\n")
        out.append(f"[{esc(S['topic_link'][ctx.lang])}: {name}]({ctx.link(topic_page(r.topic))}) "
                   f"({esc(counts_text(ctx, r))}).\n")
    out.append(f"## {esc(S['munis_heading'][ctx.lang])} {{ #kommun-for-kommun }}\n")
    per_muni = []
    for m in ctx.data.municipalities:
        n = dict.fromkeys(ORDER, 0)
        for r in ctx.data.rows:
            n[r.cells[m.id].status] += 1
        per_muni.append([a(ctx, muni_page(m.id) + "#jamforelse", m.name[ctx.lang])] + [str(v) for v in n.values()])
    out.append(html_table([H["muni"][ctx.lang]] + status_heads, per_muni, S["munis_caption"][ctx.lang], "overview"))
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
                     f"{{ #amne-{r.topic} }}", says(ctx, cell, r.topic, muni), refs(ctx, cell.clauses) or "–"])
    return table([H["topic"][ctx.lang], H["says"][ctx.lang], H["source"][ctx.lang]], body)
