"""The traceability page: the checker's report, clause by clause.

Marker: ``<!-- traceability -->``. Counts first, then per document a table of every clause:
its link, kind, status, where it stands and the pages that cite it.
"""

from __future__ import annotations

from policykit.render.common import Context, esc, table
from policykit.labels import labels

KIND = labels("traceability.kind")
STATUS = labels("traceability.status")
H = labels("traceability.head")


def render(ctx: Context, arg: str | None) -> str:
    summary = ctx.report.summary()
    repaired = sum(len(c.repairs) for c in ctx.model.clauses)
    out = [H["counts"][ctx.lang].format(**summary, repairs=repaired) + "\n"]
    for doc in ctx.model.documents.values():
        out.append(f"### {esc(doc.title)} {{ #sparbarhet-{doc.id} }}\n")
        rows = []
        for c in ctx.model.clauses_of(doc.id):
            cited = ", ".join(f"[{esc(titles[ctx.lang])}]({ctx.link(src)})" for src, titles in ctx.citations.get(c.id, []))
            fixes = ", ".join(f"{esc(o)} → {esc(f)}" for o, f in c.repairs)
            rows.append([f"[{c.id}]({ctx.link(doc.page + '#' + c.id)})", KIND[c.kind][ctx.lang],
                         STATUS[ctx.report.status[c.id]][ctx.lang], fixes or "–", cited or "–"])
        # The clauses themselves are searchable on their pages; here they would only be found twice.
        out.append("<div data-pagefind-ignore markdown>\n\n"
                   + table([H[k][ctx.lang] for k in ("clause", "kind", "status", "repairs", "cited")], rows)
                   + "\n</div>\n")
    return "\n".join(out)
