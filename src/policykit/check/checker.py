"""The clause checker: every source clause on its Swedish page, and nothing else as policy text.

It works on the project model (`policykit.project.load`), which also validates the editorial
data files (docs/data/*.yml), so an unknown clause id in a data file fails the check and the
build like a missing clause does.

For each clause the checker finds its marker on the document's Swedish page and gives it one
status (matched, missing, altered, misplaced: see `report`). It also reports stray text (text
outside commentary and outside any clause on a source page), unknown or duplicate clause ids,
markers the build would not render, and English twins that differ from their Swedish page
(`translations`). Before reading any page it refuses what `safety` refuses. Every problem is
one line::

    error: docs/stockholm/strategi.md:41: clause strategi-4-p2 is altered: ...; <fix>

`check(project_or_root)` returns a `Report`; `Report.as_json()` is the ``--json`` format.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from policykit.check.claims import check_claims
from policykit.check.report import Report
from policykit.check.safety import links_out, unreadable_pages
from policykit.check.terms import check_terms
from policykit.check.translations import check_markers, check_translations
from policykit.clauses.model import Model
from policykit.clauses.segment import Clause
from policykit.errors import PolicyError, Problem, at
from policykit.pages.pagemark import Page, PageClause, is_translation, parse, plain
from policykit.sources.downloads import check_downloads
from policykit.text import FOOTREF, short as _short


def swedish_pages(project) -> dict[str, Page]:
    # Translations are checked for parity with their Swedish page in `check_translations`.
    return {rel: parse(f"docs/{rel}", project.page(rel)) for rel in project.page_paths()
            if not is_translation(Path(rel))}


def check(project) -> Report:
    """Check a project (`policykit.project.Project`), or the project at a path."""
    from policykit.project import load  # the project model is built from the checker's parts

    if not hasattr(project, "model"):
        try:
            project = load(Path(project))
        except PolicyError as exc:
            return Report(None, problems=exc.problems)
    model, root = project.model, project.root
    report = Report(model, data=project.data, project=project)
    report.problems.extend(project.data_problems)
    blocked = links_out(root) or unreadable_pages(root)
    if blocked:  # every later step reads the pages (and would quote a linked outside file)
        report.problems.extend(blocked)
        return report
    pages = swedish_pages(project)
    report.pages = len(pages)
    found: dict[str, list[tuple[str, PageClause]]] = {}
    for rel, page in pages.items():
        for pc in page.clauses:
            found.setdefault(pc.id, []).append((rel, pc))
    _duplicates(report, model, found)
    source_pages = {doc.page for doc in model.documents.values()}
    for doc in model.documents.values():
        page = pages.get(doc.page)
        if page is None:
            report.problems.append(Problem(f"docs/{doc.page}", f"the page of document '{doc.id}' does not exist",
                                           "create it (scripts/scaffold_pages.py writes a first version)"))
        for clause in model.clauses_of(doc.id):
            report.status[clause.id] = _judge(report, clause, doc.page, page, found)
        if page is not None:
            _check_order(report, model, doc.id, page)
    for rel in sorted(source_pages & pages.keys()):
        for h in pages[rel].headings:
            if h.level > 1 and h.id not in model.by_id:
                report.stray += 1
                report.problems.append(Problem(at(f"docs/{rel}", h.line), f"heading {h.text!r} is not a heading of the source",
                                               "give it the id of a source heading ({ #<clause id> }), or remove it; "
                                               "explanations go in a commentary block (!!! note)"))
        for s in pages[rel].stray:
            report.stray += 1
            report.problems.append(Problem(at(f"docs/{rel}", s.line), f"text {_short(s.text)!r} is not part of any clause",
                                           "give it its clause marker, or move explanation into a commentary block "
                                           "(!!! note) so it is not presented as policy text"))
    check_translations(project, report, pages)
    check_markers(project, report)
    report.problems.extend(check_claims(project))  # claims about the documents: check/claims.py
    report.problems.extend(check_terms(project))  # one English term per Swedish term: check/terms.py
    report.problems.extend(check_downloads(project))  # what kallor/ withholds, said truly: sources/downloads.py
    counts = report.counts()
    if sum(counts.values()) != len(model.clauses):
        raise AssertionError(f"checker counts {counts} do not add up to {len(model.clauses)} clauses")
    return report


def _duplicates(report: Report, model: Model, found: dict):
    # Unknown ids are the markers' judgement (check_markers), on every page.
    for cid, hits in found.items():
        if cid in model.by_id and len(hits) > 1:
            places = ", ".join(f"docs/{rel}:{pc.line}" for rel, pc in hits)
            report.problems.append(Problem(f"docs/{hits[1][0]}", f"clause {cid} appears {len(hits)} times ({places})",
                                           "keep exactly one marker per clause; cite it elsewhere instead of repeating it",
                                           subject=cid))


def _judge(report: Report, clause: Clause, page_rel: str, page: Page | None, found: dict) -> str:
    expected_page = f"docs/{page_rel}"
    if clause.kind == "heading":
        heading = next((h for h in page.headings if h.id == clause.id), None) if page else None
        if heading is None:
            report.problems.append(Problem(expected_page, f"clause {clause.id} (heading) is missing",
                                           f"add the heading '{clause.text} {{ #{clause.id} }}'", subject=clause.id))
            return "missing"
        report.where[clause.id] = (expected_page, heading.line)
        if plain(heading.text) != clause.text:
            report.problems.append(_altered(expected_page, heading.line, clause, heading.text))
            return "altered"
        return "matched"
    hits = [h for h in found.get(clause.id, [])]
    if not hits:
        report.problems.append(Problem(expected_page, f"clause {clause.id} is missing",
                                       f"restore it under heading {clause.document}-{clause.section} as "
                                       f"'<!-- clause: {clause.id} -->{_short(clause.markdown, 70)}'", subject=clause.id))
        return "missing"
    rel, pc = hits[0]
    where = at(f"docs/{rel}", pc.line)
    report.where[clause.id] = (f"docs/{rel}", pc.line)
    if rel != page_rel:
        report.problems.append(Problem(where, f"clause {clause.id} stands on the wrong page",
                                       f"move it to {expected_page}", subject=clause.id))
        return "misplaced"
    if plain(pc.markdown) != clause.text:
        report.problems.append(_altered(where, None, clause, pc.markdown))
        return "altered"
    if clause.kind != "footnote":
        labels = FOOTREF.findall(pc.markdown)
        refs = [page.footnotes.get(label, f"[^{label}] (no definition)") for label in labels]
        if refs != clause.footnotes:
            report.problems.append(Problem(where, f"clause {clause.id} references footnotes {refs or 'none'}, "
                                           f"the source has {clause.footnotes or 'none'}",
                                           "put the footnote reference back where the source has it", subject=clause.id))
            return "altered"
        home = f"{clause.document}-{clause.section}"
        if pc.section != home:
            report.problems.append(Problem(where, f"clause {clause.id} stands under heading {pc.section}, "
                                           f"but belongs to section {home}", f"move it under heading {home}",
                                           subject=clause.id))
            return "misplaced"
    return "matched"


def _check_order(report: Report, model: Model, doc_id: str, page: Page):
    # Only clauses matched so far take part: a clause already reported is not blamed twice.
    matched = {cid for cid, status in report.status.items() if status == "matched"}
    expected = [c.id for c in model.clauses_of(doc_id) if c.kind not in ("heading", "footnote") and c.id in matched]
    wanted = set(expected)
    actual = [pc.id for pc in page.clauses if pc.id in wanted and pc.footnote_label is None]
    for want, got in zip(expected, actual):
        if want != got:
            report.status[got] = "misplaced"
            report.problems.append(Problem(at(page.path, report.where[got][1]),
                                           f"clause {got} is out of order: the source has {want} here",
                                           "restore the source's order of sentences", subject=got))
            break


def _altered(where: str, line: int | None, clause: Clause, page_markdown: str) -> Problem:
    page_words, source_words = plain(page_markdown).split(), clause.text.split()
    diff = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=source_words, b=page_words).get_opcodes():
        if op != "equal":
            diff.append(f"source {_short(' '.join(source_words[a1:a2])) or '∅'!r} "
                        f"→ page {_short(' '.join(page_words[b1:b2])) or '∅'!r}")
    return Problem(at(where, line), f"clause {clause.id} is altered: {'; '.join(diff[:3])}",
                   "restore the source's words (an OCR error is fixed in sources/repairs/, never on the page)",
                   subject=clause.id)

