"""The clause model: every registered source, repaired and segmented, in one object.

`build_model(root)` reads ``sources/sources.yml`` (municipalities, documents, files), verifies each source's checksum, applies
its recorded repairs (``sources/repairs/<file>.yml``: layout first, then words) and cuts each
document into clauses. It raises `PolicyError` for any damaged input: a changed source, a
repair that no longer matches, a duplicate clause id, or a model with no clauses at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from policykit import datafile
from policykit.sources.corrections import Corrections
from policykit.errors import PolicyError, Problem
from policykit.sources.layout import Layout, apply_layout
from policykit.sources.repairs_file import read as read_repairs
from policykit.clauses.segment import Clause, segment
from policykit.sources.registry import Document, SourceFile, load_registry


@dataclass
class Model:
    files: list[SourceFile]
    documents: dict[str, Document]
    clauses: list[Clause]
    layouts: dict[str, Layout] = field(default_factory=dict)
    by_id: dict[str, Clause] = field(default_factory=dict)
    municipalities: list = field(default_factory=list)  # the registry's (registry.Municipality), with their documents

    def clauses_of(self, doc_id: str) -> list[Clause]:
        # Indexed once (rebuilt if clauses were added): the pages per municipality ask for every
        # document, and a scan per question would grow with municipalities × clauses.
        index = self.__dict__.get("_by_document")
        if index is None or index[0] != len(self.clauses):
            grouped: dict[str, list[Clause]] = {}
            for c in self.clauses:
                grouped.setdefault(c.document, []).append(c)
            index = self.__dict__["_by_document"] = (len(self.clauses), grouped)
        return list(index[1].get(doc_id, ()))


def build_model(root: Path) -> Model:
    root = Path(root)
    registry = load_registry(root)
    files = registry.files
    documents: dict[str, Document] = {}
    clauses: list[Clause] = []
    layouts: dict[str, Layout] = {}
    problems: list[Problem] = []
    for src in files:
        where = str(src.repairs.relative_to(root)) if src.repairs.is_relative_to(root) else str(src.repairs)
        repairs = read_repairs(datafile.load(src.repairs, display=where), where)
        src.reviewed = repairs.reviewed
        layout = apply_layout(src.lines, repairs, where)
        layouts[src.name] = layout
        corrections = Corrections.from_repairs(repairs, where)
        for doc in src.documents:
            documents[doc.id] = doc
            clauses.extend(segment(doc, layout, corrections, where))
        problems.extend(corrections.unused())
    by_id: dict[str, Clause] = {}
    for c in clauses:
        if c.id in by_id:
            problems.append(Problem("sources/sources.yml", f"duplicate clause id {c.id} (raw lines "
                                    f"{by_id[c.id].line} and {c.line})", "give the sections distinct keys"))
        by_id[c.id] = c
    if not clauses:
        problems.append(Problem("sources/sources.yml", "the sources yield no clauses at all",
                                "check the document line ranges and section lines"))
    if problems:
        raise PolicyError(problems)
    return Model(files, documents, clauses, layouts, by_id, registry.municipalities)
