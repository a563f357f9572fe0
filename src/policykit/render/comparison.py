"""The comparison: one section per topic, a row per municipality, explicit gaps.

Marker: ``<!-- comparison -->``. Data: docs/data/comparison.yml and topics.yml. First an
overview table (topic × municipality: addressed, silent, beyond the available text, or not yet compared),
then per topic ``### <topic> { #amne-<id> }`` with each municipality's summary and clauses,
and the plain contrast where the data names one.
"""

from __future__ import annotations

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
            body.append([ctx.t(m["name"]), summary, refs(ctx, cell.get("clauses", [])) or "–"])
        out.append(table([H["muni"][ctx.lang], H["says"][ctx.lang], H["source"][ctx.lang]], body))
        if r.get("contrast"):
            out.append(f"**{H['contrast'][ctx.lang]}:** {ctx.t(r['contrast'])}\n")
    return "\n".join(out)
