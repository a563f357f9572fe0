"""Add a municipality: from one policy text to a source, repairs, pages and data rows.

`add(root, request)` writes, for a text such as ``norrvik.txt``::

    sources/NNN_norrvik.txt             the text byte for byte (sha256 in sources.yml)
    sources/repairs/NNN_norrvik.yml     layout guessed by detect.py; word repairs proposed by
                                        proposals.py, marked unreviewed
    sources/sources.yml                 the municipality with its document, and the file with
                                        the document's sections as detect.py found them
    docs/norrvik/policy.md              the Swedish page with every clause in place
    docs/norrvik/policy.en.md           its English twin, not yet translated (Swedish marked lang=sv)
    docs/data/comparison.yml            a not-yet-assessed cell for it in every row
    docs/data/responsibilities.yml      'unmapped' rows: clauses that state a duty
    mkdocs.yml                          the page in the navigation, in both languages

This is authoring: the one part of the project that writes to sources/, and only new files
and registry entries, never a byte of an existing source. Then it runs the clause checker
over the whole project. If anything fails, every file is put back as it was and
`PolicyError` says what and how to fix it: the project is never left half-changed.
`check.todo` lists what a person still has to do. The page prose is in labels.yml (scaffold.*).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from policykit import datafile
from policykit.authoring import detect, register, scaffold
from policykit.authoring.proposals import propose_words
from policykit.authoring.transaction import Transaction
from policykit.authoring.yamledit import YamlText
from policykit.clauses.model import Model
from policykit.clauses.segment import segment
from policykit.datafile import LINE
from policykit.errors import PolicyError, Problem
from policykit.labels import label
from policykit.sources.corrections import Corrections
from policykit.sources.layout import apply_layout
from policykit.sources.registry import ID, Document, Section, decode
from policykit.text import lines as text_lines

NAV_LIMIT = register.NAV_LIMIT
# Verbs by which a source gives a body a duty: a clause that has one states a responsibility, and
# is a candidate for the responsibility tables (tests/test_policy_layer.py holds the real sources to it).
DUTY = re.compile(r"\b(ansvarar|beslutar|beslut om|samordna\w*|koordinerar|redovisa\w*|rapportera\w*|erbjuder|"
                  r"utse|utser|leds|leder|delegerat|svarar för|följ\w* upp|ska prioritera|är samordnare)\b", re.I)


@dataclass
class Request:
    text: bytes
    municipality: str          # id, e.g. norrvik
    name_sv: str               # Norrviks kommun
    name_en: str               # Norrvik Municipality
    document: str | None = None
    title_en: str | None = None
    truncated: bool = False
    propose: bool = True       # ask the dictionary for word repairs (seconds per document)
    check: bool = True         # check the whole project at the end (a batch checks once, after the last)
    display: str = "the text"  # how to name the input in messages


@dataclass
class Result:
    source: str
    page: str
    sections: list[str]
    clauses: int
    proposals: list = field(default_factory=list)
    unknown: list = field(default_factory=list)     # tokens the dictionary could not repair
    written: list[str] = field(default_factory=list)
    report: object = None                           # the final check's Report (None without `check`)


def _fail(where: str, what: str, fix: str):
    raise PolicyError(Problem(where, what, fix))


def _lines(req: Request) -> list[str]:
    """The text's lines, read as the source loader reads them (one decoder for both)."""
    lines = text_lines(decode(req.text, req.display, "policy text",
                              fix_empty="give the municipality's policy as a text, PDF or web page file"))
    if not any(re.search(r"[^\W\d_]{2,}", ln) for ln in lines):
        _fail(req.display, "no words in the text", "give the policy's text, not an empty or scanned-image file")
    return lines


def _validate_ids(root: Path, req: Request, doc_id: str, page: str) -> YamlText:
    """Refuse ids that are unusable or taken; return the registry, read once."""
    for value, what in ((req.municipality, "municipality id"), (doc_id, "document id")):
        # A plain id (as the registry requires of every id), and a short word to read in a URL.
        if not (ID.fullmatch(value) and value[0].isalpha() and len(value) <= 40):
            _fail("add_municipality", f"{what} {value!r} is not usable in links",
                  "use lower-case letters a-z, digits and hyphens, starting with a letter (e.g. norrvik)")
    registry = YamlText.read(root / "sources" / "sources.yml", "sources/sources.yml")
    munis = {v.value for m in registry.node("municipalities").value for k, v in m.value if k.value == "id"}
    if req.municipality in munis:
        _fail("sources/sources.yml", f"municipality {req.municipality!r} exists already",
              "to add another document of it, register the document by hand (README: Adding a municipality)")
    docs = {v.value for f in registry.node("files").value for k, d in f.value if k.value == "documents"
            for doc in d.value for kk, v in doc.value if kk.value == "id"}
    if doc_id in docs:
        _fail("sources/sources.yml", f"a document with id {doc_id!r} exists already",
              "choose another id with --document")
    if (root / "docs" / page).exists():
        _fail(f"docs/{page}", "the page exists already", "choose another municipality id, or remove the page")
    return registry


def _source_name(root: Path, muni: str) -> str:
    numbers = [int(p.name[:3]) for p in (root / "sources").glob("[0-9][0-9][0-9]_*.txt")]
    return f"{max(numbers, default=-1) + 1:03d}_{muni}.txt"


def add(root: Path, req: Request) -> Result:
    root = Path(root)
    doc_id = req.document or req.municipality
    page = f"{req.municipality}/policy.md"
    lines = _lines(req)
    registry = _validate_ids(root, req, doc_id, page)
    name = _source_name(root, req.municipality)
    repairs_rel = f"repairs/{name[:-len('.txt')]}.yml"

    settings = detect.layout_settings(lines)
    layout = apply_layout(lines, {"layout": settings}, req.display)
    found = propose_words("\n".join(ln.text for ln in layout.lines)) if req.propose else []
    proposals = [p for p in found if p.fix and not p.flagged]   # flagged ones change nothing: comments
    unknown = [p for p in found if not p.fix or p.flagged]
    fixer = Corrections.from_repairs({"words": [{"ocr": p.ocr, "fix": p.fix, LINE: None,
                                                 **({"context": p.context} if p.context else {})}
                                                for p in proposals]}, req.display)
    headings = detect.sections(lines, fix=lambda text: fixer.apply(text)[0])
    if not headings:
        _fail(req.display, "no text to cut into clauses", "give the policy's text")
    title = fixer.apply(headings[0].text)[0]
    documents = set(register.values(registry.node("files")))  # as read before the addition: the existing ones

    tx = Transaction(root)
    try:
        tx.write(f"sources/{name}", req.text)
        tx.write(f"sources/{repairs_rel}", register.repairs_yaml(name, req.name_sv, settings, proposals, unknown))
        register.add_municipality(registry, req.municipality, req.name_sv, req.name_en, doc_id)
        register.add_file(registry, name, hashlib.sha256(req.text).hexdigest(), repairs_rel, [
            f"- id: {doc_id}",
            f"  title: {register.quoted(title)}",
            f"  short: {{sv: {register.quoted(req.name_sv)}, en: {register.quoted(req.name_en)}}}",
            f"  page: {page}",
            f"  lines: [1, {len(lines)}]",
            *(["  truncated: true"] if req.truncated else []),
            "  sections:",
            *(f"    - {{key: {register.quoted(h.key)}, line: {h.line}}}" for h in headings)])
        tx.write("sources/sources.yml", registry.text())

        # The new document alone, cut into clauses as the model will cut it (the whole project
        # is checked at the end): adding stays linear in the number of municipalities.
        where = f"sources/{repairs_rel}"
        repairs = datafile.load(root / where, display=where)
        doc = Document(id=doc_id, municipality=req.municipality, title=title, page=page, first=1,
                       last=len(lines), sections=[Section(h.key, h.line) for h in headings],
                       truncated=req.truncated, short={"sv": req.name_sv, "en": req.name_en})
        model = Model([], {doc_id: doc}, segment(doc, apply_layout(lines, repairs, where),
                                                 Corrections.from_repairs(repairs, where), where))
        what = {"sv": label("scaffold.what", "sv", title=title, title_en="", name_en=req.name_en),
                "en": label("scaffold.what", "en", title=title, name_en=req.name_en,
                            title_en=f" ({req.title_en})" if req.title_en else "")}
        notice = {lang: label("scaffold.unreviewed", lang) + (label("scaffold.truncated", lang) if req.truncated else "")
                  for lang in ("sv", "en")}
        tx.write(f"docs/{page}", scaffold.swedish(model, doc, name, what["sv"], notice["sv"]))
        tx.write(f"docs/{page[:-3]}.en.md", scaffold.english(model, doc, name, what["en"], req.title_en, notice["en"]))

        comparison = YamlText.read(root / "docs" / "data" / "comparison.yml", "docs/data/comparison.yml")
        register.add_cells(comparison, req.municipality)
        tx.write("docs/data/comparison.yml", comparison.text())

        duties = [c.id for c in model.clauses_of(doc_id) if c.kind != "heading" and DUTY.search(c.text)]
        if duties:
            resp = YamlText.read(root / "docs" / "data" / "responsibilities.yml", "docs/data/responsibilities.yml")
            register.add_unmapped(resp, req.municipality, duties)
            tx.write("docs/data/responsibilities.yml", resp.text())

        config = YamlText.read(root / "mkdocs.yml", "mkdocs.yml")
        if register.add_to_nav(config, documents, req.name_sv, req.name_en, page, title, req.title_en):
            tx.write("mkdocs.yml", config.text())

        from policykit.check.checker import check
        report = check(root) if req.check else None
        if report is not None and not report.ok:
            raise PolicyError(report.problems or [Problem("add_municipality", report.summary_line(),
                                                          "see the checker's output")])
    except BaseException:
        tx.rollback()
        raise
    return Result(source=f"sources/{name}", page=f"docs/{page}", sections=[h.key for h in headings],
                  clauses=len(model.clauses_of(doc_id)), proposals=proposals, unknown=unknown,
                  written=sorted(tx.saved), report=report)
