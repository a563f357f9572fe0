"""The clause checker: every source clause on its Swedish page, and nothing else as policy text.

It also validates the editorial data files (docs/data/*.yml, see `datasets`), so an unknown
clause id in a data file fails the check and the build like a missing clause does.

For each clause of the model (see `model`) the checker finds its marker on the document's
Swedish page and gives it one status:

    matched    same words as the restored source (markup and whitespace ignored),
               under the heading of its own section, in the source's order
    missing    no marker with its id on the page
    altered    the words differ, or its footnote references do
    misplaced  on another page, under another section's heading, or out of order

It also reports stray text (text outside commentary and outside any clause on a source page),
unknown or duplicate clause ids on any page. Before reading any page it refuses pages that are
not UTF-8 and symbolic links under docs/ or overrides/ that lead out of the project (the build
would publish the file they point to). Every problem is one line::

    error: docs/stockholm/strategi.md:41: clause strategi-4-p2 is altered: ...; <fix>

`check(root)` returns a `Report`; `Report.as_json()` is the ``--json`` format.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from policykit.check.claims import check_claims
from policykit.check.datasets import Datasets, load_datasets
from policykit.check.terms import check_terms
from policykit.errors import PolicyError, Problem, at, use_existing
from policykit.clauses.model import Model, build_model
from policykit.pages.pagemark import ANY_MARKER, FOOTREF, Page, PageClause, is_translation, mask_code, parse, plain
from policykit.clauses.segment import Clause

STATUSES = ("matched", "missing", "altered", "misplaced")
DOCS = Path("docs")
PUBLISHED = (DOCS, Path("overrides"))  # MkDocs copies every file of docs_dir and the theme's custom_dir


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


def page_url(page: str) -> str:
    """Site URL of a docs page, as MkDocs builds it with directory URLs."""
    stem = page[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def read_page(path: Path) -> str:
    """A page's text as MkDocs reads it: UTF-8, with a byte order mark dropped."""
    return path.read_text(encoding="utf-8-sig")


def _links_out(root: Path) -> list[Problem]:
    """Symbolic links the build must not follow: out of the project (/etc/passwd, ~/.ssh ...) or nowhere."""
    problems, base = [], root.resolve()
    for folder in PUBLISHED:
        for path in sorted((root / folder).rglob("*")):
            if not path.is_symlink():
                continue
            shown = path.relative_to(root).as_posix()
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):  # missing target, or a loop
                problems.append(Problem(shown, "a symbolic link to nothing (its target is missing or a loop)",
                                        "remove the link, or put the file itself there"))
                continue
            if not target.is_relative_to(base):
                problems.append(Problem(shown, "a symbolic link to a file outside the project, which the build "
                                        "would publish", "copy the file into the project or remove the link"))
    return problems


def _unreadable_pages(root: Path) -> list[Problem]:
    problems = []
    for path in sorted((root / DOCS).rglob("*.md")):
        shown = f"docs/{path.relative_to(root / DOCS).as_posix()}"
        try:
            read_page(path)
        except UnicodeDecodeError as exc:
            raw = path.read_bytes()
            offset = exc.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)  # counted after the byte order mark
            problems.append(Problem(at(shown, raw.count(b"\n", 0, offset) + 1), f"not valid UTF-8 (byte {offset})",
                                    "save the page as UTF-8"))
        except OSError as exc:  # a folder named *.md, a dangling link
            problems.append(Problem(shown, f"cannot be read ({exc.strerror})", "make it a Markdown file or remove it"))
    return problems


def swedish_pages(root: Path) -> dict[str, Page]:
    pages = {}
    for path in sorted((root / DOCS).rglob("*.md")):
        rel = path.relative_to(root / DOCS).as_posix()
        if is_translation(path):  # checked for parity with its Swedish page in _check_translations
            continue
        pages[rel] = parse(f"docs/{rel}", read_page(path))
    return pages


def check(root: Path) -> Report:
    root = Path(root)
    try:
        model = build_model(root)
    except PolicyError as exc:
        return Report(None, problems=exc.problems)
    report = Report(model)
    try:
        report.data = load_datasets(root, {c.id: c.document for c in model.clauses},
                                    {d.id: d.municipality for d in model.documents.values()})
    except PolicyError as exc:
        report.problems.extend(exc.problems)
    blocked = _links_out(root) or _unreadable_pages(root)
    if blocked:  # every later step reads the pages (and would quote a linked outside file)
        report.problems.extend(blocked)
        return report
    pages = swedish_pages(root)
    report.pages = len(pages)
    found: dict[str, list[tuple[str, PageClause]]] = {}
    for rel, page in pages.items():
        for pc in page.clauses:
            found.setdefault(pc.id, []).append((rel, pc))
    _unknown_and_duplicates(report, model, found)
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
    _check_translations(root, report, pages)
    _check_references(root, report, model)
    report.problems.extend(check_claims(root, model))  # claims about the documents: check/claims.py
    report.problems.extend(check_terms(root, model))  # one English term per Swedish term: check/terms.py
    counts = report.counts()
    if sum(counts.values()) != len(model.clauses):
        raise AssertionError(f"checker counts {counts} do not add up to {len(model.clauses)} clauses")
    return report


def _check_translations(root: Path, report: Report, pages: dict[str, Page]):
    """Every Swedish page has an English twin with the same clauses, references and data."""
    for rel, sv in pages.items():
        twin_rel = rel[:-3] + ".en.md"
        twin_path = root / DOCS / twin_rel
        where = f"docs/{twin_rel}"
        problems: list[Problem] = []
        if not twin_path.exists():
            problems.append(Problem(where, f"docs/{rel} has no English twin", f"translate it into {where}"))
        else:
            text = read_page(twin_path)
            en = parse(where, text)
            sv_ids, en_ids = [c.id for c in sv.clauses], [c.id for c in en.clauses]
            for cid in sv_ids:
                if cid not in en_ids:
                    home = next(c.section for c in sv.clauses if c.id == cid)
                    problems.append(Problem(where, f"clause {cid} is missing from the English twin",
                                            f"translate it under heading {home}", subject=cid))
            for cid in en_ids:
                if cid not in sv_ids:
                    problems.append(Problem(where, f"clause {cid} is in the English twin but not on docs/{rel}",
                                            "remove it, or add it to the Swedish page first", subject=cid))
            if not problems and sv_ids != en_ids:
                problems.append(Problem(where, "the clauses stand in another order than on the Swedish page",
                                        f"follow the order of docs/{rel}"))
            sv_markers = _markers(read_page(root / DOCS / rel))
            en_markers = _markers(text)
            if sv_markers != en_markers:
                missing = sorted(set(sv_markers) - set(en_markers)) or ["–"]
                extra = sorted(set(en_markers) - set(sv_markers)) or ["–"]
                problems.append(Problem(where, f"references and tables differ from docs/{rel}: missing "
                                        f"{', '.join(missing)}; extra {', '.join(extra)}",
                                        "give the twin the same <!-- ... --> markers as the Swedish page"))
            sv_heads = {h.id for h in sv.headings if h.id}
            en_heads = {h.id for h in en.headings if h.id}
            for hid in sorted(sv_heads - en_heads):
                problems.append(Problem(where, f"heading anchor #{hid} of docs/{rel} is missing",
                                        f"give the translated heading the same id: {{ #{hid} }}"))
            if sv.footnotes != en.footnotes:
                problems.append(Problem(where, "footnotes differ from the Swedish page",
                                        "use the same [^N] labels for the same footnote clauses"))
        report.parity += len(problems)
        report.problems.extend(problems)


def _check_references(root: Path, report: Report, model: Model):
    """Every <!-- ref: ID --> on any page, in any language, names an existing clause."""
    for path in sorted((root / DOCS).rglob("*.md")):
        text = read_page(path)
        for m in ANY_MARKER.finditer(mask_code(text)):
            if m.group(1) == "ref" and m.group(2) not in model.by_id:
                line = text.count("\n", 0, m.start()) + 1
                report.problems.append(Problem(at(f"docs/{path.relative_to(root / DOCS).as_posix()}", line),
                                               f"unknown clause id {m.group(2)!r}", use_existing(m.group(2), model.by_id)))


def _markers(text: str) -> list[str]:
    """The page's references and data markers (not its clause markers), in order."""
    return [m.group(0).replace(" ", "") for m in ANY_MARKER.finditer(mask_code(text)) if m.group(1) != "clause"]


def _unknown_and_duplicates(report: Report, model: Model, found: dict):
    for cid, hits in found.items():
        if cid not in model.by_id:
            for rel, pc in hits:
                report.problems.append(Problem(at(f"docs/{rel}", pc.line), f"unknown clause id {cid!r}",
                                               use_existing(cid, model.by_id)))
        elif len(hits) > 1:
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


def _short(text: str, width: int = 50) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
