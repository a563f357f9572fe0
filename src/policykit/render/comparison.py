"""The comparison: one section per topic, a row per municipality, explicit gaps.

Marker: ``<!-- comparison -->``. Data: docs/data/comparison.yml and topics.yml. First an
overview table (topic × municipality: addressed, silent, beyond the available text, or not yet compared),
then per topic ``### <topic> { #amne-<id> }`` with each municipality's summary and clauses,
and the plain contrast where the data names one.

The row of the topic ``status`` (what kind of document it is, whether it was adopted) ends each
municipality's cell with its documents' standing rendered from sources/sources.yml
(render/status.py), not written in the data: a document another one is proposed in or attached
to (Stockholm's report) is left out, its standing being said with the one it proposes.
"""

from __future__ import annotations

from policykit.render import status
from policykit.render.common import Context, refs, table
from policykit.labels import labels

STATUS = labels("comparison.status")
H = labels("comparison.head")


def render(ctx: Context, arg: str | None) -> str:
    topics = {t["id"]: t for t in ctx.data.topics}
    munis = ctx.data.municipalities
    rows = [r for t in ctx.data.topics for r in ctx.data.rows if r["topic"] == t["id"]]
    overview = [[f"[{ctx.t(topics[r['topic']]['name'])}](#amne-{r['topic']})"]
                + [STATUS[r["cells"][m["id"]]["status"]][ctx.lang] for m in munis] for r in rows]
    out = [table([H["topic"][ctx.lang]] + [ctx.t(m["name"]) for m in munis], overview)]
    for r in rows:
        out.append(f"### {ctx.t(topics[r['topic']]['name'])} {{ #amne-{r['topic']} }}\n")
        body = []
        for m in munis:
            cell = r["cells"][m["id"]]
            summary = ctx.t(cell["summary"]) if cell.get("summary") else ""
            if cell["status"] != "addressed":
                summary = f"**{STATUS[cell['status']][ctx.lang]}.** {summary}".strip()
            if r["topic"] == "status":
                summary = " ".join(filter(None, [summary, standing(ctx, m)]))
            body.append([ctx.t(m["name"]), summary, refs(ctx, cell.get("clauses", [])) or "–"])
        out.append(table([H["muni"][ctx.lang], H["says"][ctx.lang], H["source"][ctx.lang]], body))
        if r.get("contrast"):
            out.append(f"**{H['contrast'][ctx.lang]}:** {ctx.t(r['contrast'])}\n")
    return "\n".join(out)


def standing(ctx: Context, municipality: dict) -> str:
    """The standing of the municipality's main documents, from the registry."""
    docs = [d for d in municipality.get("documents", []) if d in ctx.model.documents]
    carriers = {(ctx.model.documents[d].status or {}).get(k) for d in docs for k in ("in", "to")}
    return " ".join(status.render(ctx, d) for d in docs if d not in carriers)
