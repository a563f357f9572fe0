"""The checker's report: one status per clause, the problems, and the ``--json`` format.

    matched    same words as the restored source (markup and whitespace ignored),
               under the heading of its own section, in the source's order
    missing    no marker with its id on the page
    altered    the words differ, or its footnote references do
    misplaced  on another page, under another section's heading, or out of order

`Report.as_json()` gives ``{"summary": {...}, "clauses": [{id, document, municipality, kind,
section, source_line, ocr, text, footnotes, repairs, page, page_line, anchor, status}],
"problems": ["error: ..."]}``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from policykit.check.datasets import Datasets
from policykit.clauses.model import Model
from policykit.errors import Problem
from policykit.pages.urls import page_url

STATUSES = ("matched", "missing", "altered", "misplaced")


@dataclass
class Report:
    model: Model | None
    status: dict[str, str] = field(default_factory=dict)
    where: dict[str, tuple[str, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    stray: int = 0
    parity: int = 0
    pages: int = 0
    data: Datasets | None = None
    project: object = None    # the project.Project the check read
    drafts: object = None     # what a build shows of drafts (publish/drafts.py); None in the checker's own

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> dict:
        counts = {s: 0 for s in STATUSES}
        for s in self.status.values():
            counts[s] += 1
        return counts

    def summary(self) -> dict:
        counts = self.counts()
        total = len(self.model.clauses) if self.model else 0
        return {"clauses": total, **counts, "stray": self.stray, "parity": self.parity, "problems": len(self.problems),
                "documents": len(self.model.documents) if self.model else 0, "pages": self.pages,
                "ok": self.ok}

    def summary_line(self) -> str:
        s = self.summary()
        verdict = "OK" if self.ok else "FAILED"
        return (f"{verdict}: {s['clauses']} clauses in {s['documents']} documents: {s['matched']} matched, "
                f"{s['missing']} missing, {s['altered']} altered, {s['misplaced']} misplaced; "
                f"{s['stray']} stray texts; {s['parity']} translation differences; {s['problems']} problems")

    def as_json(self) -> dict:
        clauses = []
        for c in self.model.clauses if self.model else []:
            doc = self.model.documents[c.document]
            page, line = self.where.get(c.id, (None, None))
            clauses.append({
                "id": c.id, "document": c.document, "municipality": c.municipality, "kind": c.kind,
                "section": c.section, "source_line": c.line, "ocr": c.ocr, "text": c.text,
                "footnotes": c.footnotes, "repairs": [{"ocr": o, "fix": f} for o, f in c.repairs],
                "page": page or f"docs/{doc.page}", "page_line": line,
                "anchor": page_url(doc.page) + "#" + c.id, "status": self.status.get(c.id),
            })
        return {"summary": self.summary(), "clauses": clauses, "problems": [str(p) for p in self.problems]}
