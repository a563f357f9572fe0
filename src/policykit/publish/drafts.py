"""Drafts: what the site shows of documents no person has reviewed yet.

A document is a draft while its ``review`` in sources/sources.yml says ``draft``
(sources/review.py; `Document.draft` is the one record of it). The checker checks drafts like
every document. What a build shows is decided here, once per build, by `view`::

    view(report)                 the report the site is rendered from, drafts left out
                                 (make site, python -m policykit build)
    view(report, preview=True)   every document, drafts marked (make serve, build --drafts)

Left out of the published site with a draft: its pages (both languages) and their navigation
entries; its clauses (traceability, data/clauses.json, the citation index); its municipality
when none of its documents is reviewed (the municipality's page, its comparison column and its
row on every topic page, its bodies and tasks, its principles, the data JSON and CSV); a source
text or original under kallor/ that holds any draft; and so its PDFs and its search entries,
which are made from the pages built. A data entry citing a draft's clause is left out too
(principle, task, unmapped row), a comparison cell citing one is shown as not yet compared,
and a row's contrast that may rest on such a cell is dropped. A published page that cites a
draft's clause, or a published document whose status points into a draft, stops the build.

A preview shows drafts as they will be: each draft page (and a draft municipality's page)
carries the banner "Utkast, inte granskat" (labels.yml ``draft``) and ``noindex``, and the
traceability says "ej granskad" for a draft's clauses, never "överensstämmer".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from policykit.check.datasets import PENDING, Cell, Datasets
from policykit.sources.registry import Municipality
from policykit.clauses.model import Model
from policykit.errors import PolicyError, Problem, at
from policykit.labels import label
from policykit.pages import markers
from policykit.render.common import audit_page, muni_page

NOINDEX = '<meta name="robots" content="noindex">'
_H1 = re.compile(r"^# .*$", re.M)


@dataclass(frozen=True)
class Drafts:
    documents: frozenset = frozenset()       # draft document ids
    clauses: frozenset = frozenset()         # their clause ids
    municipalities: frozenset = frozenset()  # municipalities with no reviewed document
    pages: frozenset = frozenset()           # docs paths of their pages, both languages, generated ones too
    files: frozenset = frozenset()           # sources/ names (texts and originals) that hold a draft
    preview: bool = False                    # shown with the banner; else left out of the site

    @property
    def hidden(self) -> frozenset:
        """The docs paths the build leaves out."""
        return frozenset() if self.preview else self.pages

    def page(self, src_uri: str) -> bool:
        """Whether a page (docs path, either language) is a draft's, shown in a preview."""
        return self.preview and src_uri in self.pages

    def offered(self, downloads: list) -> list:
        """The downloads (sources/downloads.py) the site offers: none holding a draft, unless a preview."""
        return downloads if self.preview else [d for d in downloads if d.source.name not in self.files]


def view(report, preview: bool = False):
    """The report the site is rendered from (`check.report.Report` with `drafts` set)."""
    model = report.model
    ids = frozenset(d.id for d in model.documents.values() if d.draft)
    munis = frozenset(m.id for m in model.municipalities if all(d in ids for d in m.documents))
    pages = {p for d in ids for p in _languages(model.documents[d].page)}
    pages |= {p for m in munis for page in (muni_page(m), audit_page(m)) for p in _languages(page)}
    files = {name for src in model.files if any(d.id in ids for d in src.documents)
             for name in (src.name, *([src.original.name] if src.original else []))}
    drafts = Drafts(ids, frozenset(c.id for c in model.clauses if c.document in ids), munis, frozenset(pages),
                    frozenset(files), preview)
    if preview or not ids:
        return replace(report, drafts=drafts)
    _refuse_citations(report.project, model, drafts)
    published = _model(model, drafts)
    data = _data(report.data, drafts, published.municipalities)
    paths = [p for p in report.project.page_paths() if p not in drafts.pages]
    project = replace(report.project, model=published, data=data, _paths=paths)
    return replace(report, model=published, data=data, project=project, drafts=drafts,
                   status={k: v for k, v in report.status.items() if k in published.by_id},
                   where={k: v for k, v in report.where.items() if k in published.by_id},
                   pages=report.pages - sum(1 for p in drafts.pages if not p.endswith(".en.md")
                                            and p in report.project.page_paths()))


def prune_nav(nav, hidden: frozenset):
    """mkdocs.yml's nav without the entries of hidden pages, and without sections left empty."""
    if isinstance(nav, list):
        kept = [prune_nav(item, hidden) for item in nav]
        return [item for item in kept if item not in (None, [], {})]
    if isinstance(nav, dict):
        kept = {k: prune_nav(v, hidden) for k, v in nav.items()}
        return {k: v for k, v in kept.items() if v not in (None, [], {})} or None
    return None if isinstance(nav, str) and nav in hidden else nav


def banner(markdown: str, lang: str) -> str:
    """A draft page's Markdown with the draft banner right after its title (at the top if it has none)."""
    box = label("draft.banner", lang)
    title = _H1.search(markers.mask_code(markdown))
    at_ = title.end() + 1 if title else 0
    return markdown[:at_] + "\n" + box + "\n" + markdown[at_:]


def noindex(html: str) -> str:
    """A page's HTML with a robots noindex in its head."""
    return html.replace("</head>", NOINDEX + "</head>", 1) if NOINDEX not in html else html


def _languages(path: str) -> tuple[str, str]:
    return path, path[:-3] + ".en.md"


def _model(model: Model, drafts: Drafts) -> Model:
    ids = drafts.documents
    clauses = [c for c in model.clauses if c.document not in ids]
    files = [replace(src, documents=[d for d in src.documents if d.id not in ids])
             for src in model.files if any(d.id not in ids for d in src.documents)]
    municipalities = [m.model_copy(update={"documents": [d for d in m.documents if d not in ids]})
                      for m in model.municipalities if m.id not in drafts.municipalities]
    return Model(files, {k: d for k, d in model.documents.items() if k not in ids}, clauses, model.layouts,
                 {c.id: c for c in clauses}, municipalities)


def _data(data: Datasets, drafts: Drafts, municipalities: list[Municipality]) -> Datasets:
    gone, draft = drafts.municipalities, drafts.clauses
    bodies = [b for b in data.bodies if b.municipality not in gone]
    kept = {b.id for b in bodies}
    rows = []
    for row in data.rows:
        cells, touched = {}, False
        for mid, cell in row.cells.items():
            if mid in gone or draft & set(cell.clauses):
                touched |= cell.status != PENDING
                if mid not in gone:  # its summary rests on unreviewed text
                    cells[mid] = Cell.model_construct(status=PENDING)
                continue
            cells[mid] = cell
        rows.append(row.model_copy(update={"cells": cells, **({"contrast": None} if touched else {})}))
    return data.model_copy(update=dict(
        municipalities=municipalities, rows=rows, bodies=bodies,
        principles=[p for p in data.principles if p.municipality not in gone and not draft & set(p.clauses)],
        tasks=[t for t in data.tasks if t.body in kept and (t.to or t.body) in kept
               and t.clause not in draft],
        unmapped=[u for u in data.unmapped if u.municipality not in gone and u.clause not in draft]))


def _refuse_citations(project, model: Model, drafts: Drafts):
    """A published page citing a draft's clause, or a published document's status pointing into a
    draft, would publish unreviewed text (or a link to nothing): the build stops, naming the line."""
    problems = []
    for doc in model.documents.values():
        status = doc.status or {}
        if doc.id not in drafts.documents and (status.get("in") in drafts.documents or status.get("to")
                                               in drafts.documents or status.get("clause") in drafts.clauses):
            problems.append(Problem(at("sources/sources.yml", status.get("line")), f"the status of '{doc.id}' "
                                    "points into a draft", f"approve that document first, or publish '{doc.id}' "
                                    "as a draft too (review: draft)"))
    for rel in project.page_paths():
        if rel in drafts.pages:
            continue
        for m in markers.find(project.page(rel)):
            if m.name in ("ref", "clause") and m.value in drafts.clauses:
                problems.append(Problem(at(f"docs/{rel}", m.line), f"cites clause {m.value} of draft document "
                                        f"'{model.by_id[m.value].document}', which is not published",
                                        "approve the document (python -m policykit approve), or remove the citation"))
    if problems:
        raise PolicyError(problems)
