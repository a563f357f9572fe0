"""Who does what: overviews on the page, the tables on a page per area and per municipality.

Markers: ``<!-- responsibilities: by-area -->`` (a row per question or area, linked to its page
``ansvar/<area>/``, where each municipality's bodies, roles and clauses stand: "who decides on
memberships?") and ``<!-- responsibilities: by-body -->`` (a row per municipality, linked to
its page ``kommuner/<id>/#ansvar``, where each of its bodies has its table ``#organ-<body>``).
Data: docs/data/responsibilities.yml. The pages themselves are made by render/pages.py.
"""

from __future__ import annotations

import html

from policykit.check.datasets import KINDS
from policykit.errors import PolicyError, Problem
from policykit.labels import labels
from policykit.render.common import Context, a, area_page, html_table, muni_page, ref, refs, table

H = labels("responsibilities.head")
S = labels("scale")
ORDER = list(KINDS)
CHAIN = "relationer"    # the page of the relations between bodies: ansvar/relationer/


def render(ctx: Context, arg: str | None) -> str:
    if arg == "by-body":
        return _by_body(ctx)
    if arg == "by-area":
        return _by_area(ctx)
    raise PolicyError(Problem(f"docs/{ctx.page}", f"unknown responsibilities view {arg!r}",
                              "write <!-- responsibilities: by-body --> or <!-- responsibilities: by-area -->"))


def _kind(ctx, t) -> str:
    return KINDS[t.kind][ctx.lang]


def _by_body(ctx: Context) -> str:
    bodies = {b.id: b.municipality for b in ctx.data.bodies}
    n_bodies, n_tasks, n_waiting = {}, {}, {}
    for b in ctx.data.bodies:
        n_bodies[b.municipality] = n_bodies.get(b.municipality, 0) + 1
    for t in ctx.data.tasks:
        n_tasks[bodies[t.body]] = n_tasks.get(bodies[t.body], 0) + 1
    for u in ctx.data.unmapped:
        n_waiting[u.municipality] = n_waiting.get(u.municipality, 0) + 1
    rows = [[a(ctx, muni_page(m.id) + "#ansvar", m.name[ctx.lang]), str(n_bodies.get(m.id, 0)),
             str(n_tasks.get(m.id, 0)), str(n_waiting.get(m.id, 0))] for m in ctx.data.municipalities]
    head = S["bodies_head"]
    return html_table([head[k][ctx.lang] for k in ("muni", "bodies", "tasks", "unmapped")], rows,
                      S["bodies_caption"][ctx.lang], "overview")


def _by_area(ctx: Context) -> str:
    bodies = {b.id: b.municipality for b in ctx.data.bodies}
    rows = []
    for area in ctx.data.areas:
        tasks = [t for t in ctx.data.tasks if t.area == area.id]
        if tasks:
            rows.append([a(ctx, area_page(area.id), area.name[ctx.lang]), str(len(tasks)),
                         str(len({bodies[t.body] for t in tasks}))])
    chain = [t for t in ctx.data.tasks if t.to]
    if chain:
        rows.append([a(ctx, area_page(CHAIN), H["chain"][ctx.lang]), str(len(chain)),
                     str(len({bodies[t.body] for t in chain}))])
    head = S["area_head"]
    return html_table([head[k][ctx.lang] for k in ("area", "tasks", "munis")], rows, S["areas_caption"][ctx.lang],
                      "overview")


def areas(data) -> list[str]:
    """The ids of the area pages to make: every area with a task, and the relations where there are any."""
    used = {t.area for t in data.tasks}
    return [x.id for x in data.areas if x.id in used] + ([CHAIN] if any(t.to for t in data.tasks) else [])


def area_table(ctx: Context, area_id: str) -> str:
    """An area's page: who does what in it, municipality by municipality (a row per task)."""
    bodies = {b.id: b for b in ctx.data.bodies}
    munis = {m.id: m for m in ctx.data.municipalities}
    order = {m.id: n for n, m in enumerate(ctx.data.municipalities)}

    def muni(t):
        return ctx.t(munis[bodies[t.body].municipality].name)

    def body(t):
        b = bodies[t.body]
        return f"[{ctx.t(b.name)}]({ctx.link(muni_page(b.municipality) + '#organ-' + b.id)})"

    if area_id == CHAIN:
        tasks = [t for t in ctx.data.tasks if t.to]
        rows = [[muni(t), body(t), _kind(ctx, t), ctx.t(bodies[t.to].name), ref(ctx, t.clause)] for t in tasks]
        return table([H[k][ctx.lang] for k in ("muni", "body", "role", "to", "source")], rows)
    tasks = sorted((t for t in ctx.data.tasks if t.area == area_id),
                   key=lambda t: (order[bodies[t.body].municipality], ORDER.index(t.kind), t.body))
    rows = [[muni(t), body(t), _kind(ctx, t), ctx.t(t.what) + _towards(ctx, t, bodies), ref(ctx, t.clause)]
            for t in tasks]
    return table([H[k][ctx.lang] for k in ("muni", "body", "role", "what", "source")], rows)


def municipality_tables(ctx: Context, muni: dict) -> str:
    """A municipality's page: the clauses waiting to be mapped, then a table per body ``#organ-<id>``."""
    bodies = {b.id: b for b in ctx.data.bodies}
    areas_ = {x.id: x for x in ctx.data.areas}
    out = []
    pending = [u.clause for u in ctx.data.unmapped if u.municipality == muni.id]
    if pending:
        out.append("!!! note \"\"\n    " + H["unmapped"][ctx.lang].format(refs=refs(ctx, pending)) + "\n")
    shown = False
    for b in (b for b in ctx.data.bodies if b.municipality == muni.id):
        tasks = sorted((t for t in ctx.data.tasks if t.body == b.id), key=lambda t: ORDER.index(t.kind))
        if not tasks:
            continue
        shown = True
        out.append(f"### {ctx.t(b.name)} {{ #organ-{b.id} }}\n")
        rows = [[_kind(ctx, t), ctx.t(t.what) + _towards(ctx, t, bodies),
                 f"[{ctx.t(areas_[t.area].name)}]({ctx.link(area_page(t.area))})", ref(ctx, t.clause)]
                for t in tasks]
        out.append(table([H["role"][ctx.lang], H["what"][ctx.lang], H["area"][ctx.lang], H["source"][ctx.lang]], rows))
    if not shown:
        out.append(html.escape(S["muni_no_tasks"][ctx.lang]) + "\n")
    return "\n".join(out)


def _towards(ctx: Context, t: dict, bodies: dict) -> str:
    if not t.to:
        return ""
    return f" ({H['to'][ctx.lang].lower()}: {ctx.t(bodies[t.to].name)})"
