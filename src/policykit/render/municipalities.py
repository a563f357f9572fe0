"""The municipalities: every municipality, its documents and how far its data has come.

Marker: ``<!-- municipalities -->``. Data: docs/data/comparison.yml (municipalities and
cells), sources/sources.yml (documents), responsibilities.yml (tasks and unmapped rows).
One table row per municipality, so the page grows with the number of municipalities, while
the navigation of every page does not (the navigation lists only the first few)::

    | Kommun | Dokument | Stycken | Jämförda ämnen | Ansvar |
    | Strömsunds kommun | [Internationell policy ...](stromsund/policy.md) | 62 | 16 av 16 | 14 uppgifter |
"""

from __future__ import annotations

from policykit.render.common import Context, esc, muni_page, table
from policykit.labels import labels

H = labels("municipalities.head")
OF = labels("municipalities.of")
TASKS = labels("municipalities.tasks")
PENDING = labels("municipalities.pending")


def render(ctx: Context, arg: str | None) -> str:
    bodies = {b.id: b.municipality for b in ctx.data.bodies}
    clauses: dict[str, int] = {}
    for c in ctx.model.clauses:
        clauses[c.document] = clauses.get(c.document, 0) + 1
    tasks: dict[str, int] = {}
    for t in ctx.data.tasks:
        tasks[bodies[t.body]] = tasks.get(bodies[t.body], 0) + 1
    waiting: dict[str, int] = {}
    for u in ctx.data.unmapped:
        waiting[u.municipality] = waiting.get(u.municipality, 0) + 1
    rows = []
    for m in ctx.data.municipalities:
        docs = [ctx.model.documents[d] for d in m.documents]
        links = "<br>".join(f"[{esc(d.title)}]({ctx.link(d.page)})" for d in docs)
        compared = sum(1 for r in ctx.data.rows if r.cells[m.id].status != "not-yet-assessed")
        mapped = TASKS[ctx.lang].format(tasks.get(m.id, 0))
        if waiting.get(m.id):
            mapped += ", " + PENDING[ctx.lang].format(waiting[m.id])
        # The counts lead to the municipality's own page (render/pages.py): its cells and its tables.
        page = muni_page(m.id)
        rows.append([ctx.t(m.name), links, str(sum(clauses.get(d.id, 0) for d in docs)),
                     f"[{OF[ctx.lang].format(compared, len(ctx.data.rows))}]({ctx.link(page + '#jamforelse')})",
                     f"[{mapped}]({ctx.link(page + '#ansvar')})"])
    return table([H[k][ctx.lang] for k in ("muni", "docs", "clauses", "compared", "tasks")], rows)
