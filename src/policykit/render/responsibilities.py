"""Who does what: responsibility tables by body and by area of question.

Markers: ``<!-- responsibilities: by-body -->`` (a table per body, per municipality) and
``<!-- responsibilities: by-area -->`` (a table per area: "who decides on memberships?",
with who, what role, what and the clause). Data: docs/data/responsibilities.yml.
"""

from __future__ import annotations

from policykit.check.datasets import KINDS
from policykit.errors import PolicyError, Problem
from policykit.render.common import Context, ref, refs, table
from policykit.labels import labels

H = labels("responsibilities.head")
ORDER = list(KINDS)


def render(ctx: Context, arg: str | None) -> str:
    if arg == "by-body":
        return _by_body(ctx)
    if arg == "by-area":
        return _by_area(ctx)
    raise PolicyError(Problem(f"docs/{ctx.page}", f"unknown responsibilities view {arg!r}",
                              "write <!-- responsibilities: by-body --> or <!-- responsibilities: by-area -->"))


def _kind(ctx, t) -> str:
    return KINDS[t["kind"]][ctx.lang]


def _by_body(ctx: Context) -> str:
    bodies = {b["id"]: b for b in ctx.data.bodies}
    areas = {a["id"]: a for a in ctx.data.areas}
    out = []
    for muni in ctx.data.municipalities:
        out.append(f"## {ctx.t(muni['name'])} {{ #ansvar-{muni['id']} }}\n")
        pending = [u["clause"] for u in ctx.data.unmapped if u["municipality"] == muni["id"]]
        if pending:
            out.append("!!! note \"\"\n    " + H["unmapped"][ctx.lang].format(refs=refs(ctx, pending)) + "\n")
        for body in (b for b in ctx.data.bodies if b["municipality"] == muni["id"]):
            tasks = sorted((t for t in ctx.data.tasks if t["body"] == body["id"]), key=lambda t: ORDER.index(t["kind"]))
            if not tasks:
                continue
            out.append(f"### {ctx.t(body['name'])} {{ #organ-{body['id']} }}\n")
            rows = [[_kind(ctx, t), ctx.t(t["what"]) + _towards(ctx, t, bodies), ctx.t(areas[t["area"]]["name"]),
                     ref(ctx, t["clause"])] for t in tasks]
            out.append(table([H["role"][ctx.lang], H["what"][ctx.lang], H["area"][ctx.lang], H["source"][ctx.lang]], rows))
    return "\n".join(out)


def _by_area(ctx: Context) -> str:
    bodies = {b["id"]: b for b in ctx.data.bodies}
    munis = {m["id"]: m for m in ctx.data.municipalities}

    def muni(t):
        return ctx.t(munis[bodies[t["body"]]["municipality"]]["name"])

    out = []
    for area in ctx.data.areas:
        order = [m["id"] for m in ctx.data.municipalities]
        tasks = sorted((t for t in ctx.data.tasks if t["area"] == area["id"]),
                       key=lambda t: (order.index(bodies[t["body"]]["municipality"]), ORDER.index(t["kind"]), t["body"]))
        if not tasks:
            continue
        out.append(f"### {ctx.t(area['name'])} {{ #omrade-{area['id']} }}\n")
        rows = [[muni(t), f"[{ctx.t(bodies[t['body']]['name'])}]({ctx.link('ansvar.md#organ-' + t['body'])})",
                 _kind(ctx, t), ctx.t(t["what"]) + _towards(ctx, t, bodies), ref(ctx, t["clause"])] for t in tasks]
        out.append(table([H[k][ctx.lang] for k in ("muni", "body", "role", "what", "source")], rows))
    chain = [t for t in ctx.data.tasks if t.get("to")]
    if chain:
        out.append(f"### {H['chain'][ctx.lang]} {{ #omrade-relationer }}\n")
        rows = [[muni(t), ctx.t(bodies[t["body"]]["name"]), _kind(ctx, t), ctx.t(bodies[t["to"]]["name"]),
                 ref(ctx, t["clause"])] for t in chain]
        out.append(table([H[k][ctx.lang] for k in ("muni", "body", "role", "to", "source")], rows))
    return "\n".join(out)


def _towards(ctx: Context, t: dict, bodies: dict) -> str:
    if not t.get("to"):
        return ""
    return f" ({H['to'][ctx.lang].lower()}: {ctx.t(bodies[t['to']]['name'])})"
