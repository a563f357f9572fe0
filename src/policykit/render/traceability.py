"""The traceability page: the checker's report, clause by clause.

Marker: ``<!-- traceability -->``. Counts first, then per document a table of every clause:
its link, kind, status, where it stands and the pages that cite it.
"""

from __future__ import annotations

from policykit.render.common import Context, esc, table

KIND = {"heading": {"sv": "rubrik", "en": "heading"}, "sentence": {"sv": "mening", "en": "sentence"},
        "item": {"sv": "punkt", "en": "item"}, "footnote": {"sv": "fotnot", "en": "footnote"}}
STATUS = {"matched": {"sv": "överensstämmer", "en": "matched"}, "missing": {"sv": "saknas", "en": "missing"},
          "altered": {"sv": "ändrad", "en": "altered"}, "misplaced": {"sv": "fel plats", "en": "misplaced"}}
H = {"clause": {"sv": "Stycke", "en": "Clause"}, "kind": {"sv": "Slag", "en": "Kind"},
     "status": {"sv": "Status", "en": "Status"}, "repairs": {"sv": "OCR-rättelser", "en": "OCR repairs"},
     "cited": {"sv": "Citeras i", "en": "Cited in"},
     "counts": {"sv": "{clauses} stycken i {documents} dokument: {matched} överensstämmer med källan, {missing} saknas, "
                      "{altered} är ändrade, {misplaced} står på fel plats. {repairs} ord är rättade efter OCR-läsningen.",
                "en": "{clauses} clauses in {documents} documents: {matched} match the source, {missing} missing, "
                      "{altered} altered, {misplaced} misplaced. {repairs} words were repaired after OCR."}}


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
        out.append("<div data-search-exclude markdown>\n\n"
                   + table([H[k][ctx.lang] for k in ("clause", "kind", "status", "repairs", "cited")], rows)
                   + "\n</div>\n")
    return "\n".join(out)
