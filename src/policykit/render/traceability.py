"""The traceability page: the checker's report, an overview row per document.

Marker: ``<!-- traceability -->``. Counts first, then a row per document (its municipality,
clauses, how many match, repaired words), linked to the municipality's audit page
``kommuner/<id>/granskning/#sparbarhet-<doc>``, where the table of every clause of the document stands:
its link, kind, status, its repairs and the pages that cite it (`documents`, render/pages.py).
A draft's clauses (shown only in a preview: publish/drafts.py) are "ej granskad", never matched,
and are left out of the counts.
"""

from __future__ import annotations

import html

from policykit.labels import labels
from policykit.render.common import Context, a, esc, html_table, audit_page, table

KIND = labels("traceability.kind")
STATUS = labels("traceability.status")
H = labels("traceability.head")
S = labels("scale")


def drafts(ctx: Context) -> frozenset:
    """The ids of the draft documents the report shows (a preview), whose clauses no one has reviewed."""
    shown = getattr(ctx.report.drafts, "documents", frozenset())
    return frozenset(d for d in shown if d in ctx.model.documents)


def render(ctx: Context, arg: str | None) -> str:
    summary, draft = ctx.report.summary(), drafts(ctx)
    unreviewed = [c for c in ctx.model.clauses if c.document in draft]
    for c in unreviewed:
        summary[ctx.report.status[c.id]] -= 1
    summary["clauses"] -= len(unreviewed)
    summary["documents"] -= len(draft)
    repaired = sum(len(c.repairs) for c in ctx.model.clauses if c.document not in draft)
    out = [H["counts"][ctx.lang].format(**summary, repairs=repaired) + "\n"]
    if draft:
        out.append(labels("traceability.drafts")[ctx.lang].format(clauses=len(unreviewed), documents=len(draft)) + "\n")
    names = {m.id: m.name[ctx.lang] for m in ctx.data.municipalities}
    rows = []
    for doc in ctx.model.documents.values():
        clauses = ctx.model.clauses_of(doc.id)
        rows.append([a(ctx, audit_page(doc.municipality) + f"#sparbarhet-{doc.id}", doc.title),
                     html.escape(names.get(doc.municipality, doc.municipality)), str(len(clauses)),
                     STATUS["unreviewed"][ctx.lang] if doc.id in draft
                     else str(sum(ctx.report.status[c.id] == "matched" for c in clauses)),
                     str(sum(len(c.repairs) for c in clauses))])
    head = S["docs_head"]
    out.append(html_table([head[k][ctx.lang] for k in ("doc", "muni", "clauses", "matched", "repairs")], rows,
                          S["docs_caption"][ctx.lang], "overview"))
    return "\n".join(out)


def documents(ctx: Context, docs) -> str:
    """Per document ``### <title> { #sparbarhet-<id> }`` and a table of every clause."""
    out, draft = [], drafts(ctx)
    for doc in docs:
        out.append(f"### {esc(doc.title)} {{ #sparbarhet-{doc.id} }}\n")
        rows = []
        for c in ctx.model.clauses_of(doc.id):
            cited = ", ".join(f"[{esc(titles[ctx.lang])}]({ctx.link(src)})" for src, titles in ctx.citations.get(c.id, []))
            fixes = ", ".join(f"{esc(o)} → {esc(f)}" for o, f in c.repairs)
            rows.append([f"[{c.id}]({ctx.link(doc.page + '#' + c.id)})", KIND[c.kind][ctx.lang],
                         STATUS["unreviewed" if doc.id in draft else ctx.report.status[c.id]][ctx.lang],
                         fixes or "–", cited or "–"])
        # The clauses themselves are searchable on their pages; here they would only be found twice.
        out.append("<div data-pagefind-ignore markdown>\n\n"
                   + table([H[k][ctx.lang] for k in ("clause", "kind", "status", "repairs", "cited")], rows)
                   + "\n</div>\n")
    return "\n".join(out)
