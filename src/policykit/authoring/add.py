"""Add a municipality: from one policy text to a source, repairs, pages and data rows.

`add(root, request)` writes, for a text such as ``norrvik.txt`` (or a PDF or saved web page,
read by `read_document` with policykit.intake)::

    sources/NNN_norrvik.txt             the text byte for byte (sha256 in sources.yml); for a PDF
                                        or web page, the extracted text as the tool gave it
    sources/NNN_norrvik.pdf|.html       the PDF or web page byte for byte (sha256 and the tool
                                        that extracted the text in sources.yml), published beside it
    sources/repairs/NNN_norrvik.yml     layout and page furniture (headers, page numbers, contact
                                        lines) as plan.py reads them: from the layout's Reading of a
                                        PDF, scan or web page, else guessed by detect.py and
                                        intake.furniture; word repairs proposed by proposals.py,
                                        marked unreviewed
    sources/sources.yml                 the municipality with its document (its title the layout's
                                        where it shows one), and the file with its sections
    docs/norrvik/policy.md              the Swedish page with every clause in place
    docs/norrvik/policy.en.md           its English twin, not yet translated (Swedish marked lang=sv)
    docs/data/comparison.yml            a not-yet-assessed cell for it in every row
    docs/data/responsibilities.yml      'unmapped' rows: clauses that state a duty
    mkdocs.yml                          the page in the navigation, in both languages

What the text says about itself (intake.about: deciding body, date, §, diarienummer, document
date) goes to the document's ``about`` in sources.yml and the page's info box; ``status`` is
``adopted`` only when both the body and the date are stated. A summary or news item about a
policy is refused unless `Request.summary` (then the page says what it is).

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
from policykit.authoring import register, scaffold
from policykit.authoring.plan import plan_lines
from policykit.authoring.proposals import propose_words
from policykit.authoring.transaction import Transaction
from policykit.authoring.yamledit import YamlText
from policykit.clauses.model import Model
from policykit.clauses.segment import segment
from policykit.datafile import LINE
from policykit.errors import PolicyError, Problem
from policykit.intake import about, summary_reason
from policykit.intake.extract import extract, read_bytes, sniff
from policykit.labels import label
from policykit.sources.corrections import Corrections
from policykit.sources.layout import apply_layout
from policykit.sources.files import decode
from policykit.sources.registry import ID, Document, Section
from policykit.text import lines as text_lines

NAV_LIMIT = register.NAV_LIMIT
# Verbs by which a source gives a body a duty: a clause that has one states a responsibility, and
# is a candidate for the responsibility tables (tests/test_policy_layer.py holds the real sources to it).
DUTY = re.compile(r"\b(ansvarar|beslutar|beslut om|samordna\w*|koordinerar|redovisa\w*|rapportera\w*|erbjuder|"
                  r"utse|utser|leds|leder|delegerat|svarar för|följ\w* upp|ska prioritera|är samordnare)\b", re.I)


@dataclass
class Original:
    """The municipality's own document (a PDF or a saved web page) the text was extracted from."""
    data: bytes
    suffix: str        # pdf or html
    tool: str          # "pdftotext 22.12.0", "pdftotext 22.12.0 + tesseract 5.3.0 (swe, 300 dpi)", "tinyhtml5 2.1.0"
    kind: str          # pdf-text, pdf-scan, pdf-mixed, html
    notes: list[str] = field(default_factory=list)
    reading: object = None  # intake.Reading: what the layout shows (title, headings, items, furniture)


def read_document(path: Path) -> tuple[bytes, Original | None]:
    """The text to register, and the original it was extracted from (None for a text file).

    A text file is taken byte for byte (the source loader's decoder judges it); a PDF or a web
    page, told by its first bytes, is read by policykit.intake, and its text is registered exactly
    as the tool gave it. PolicyError, naming the file and the fix, for what cannot be read."""
    path = Path(path)
    data = read_bytes(path)
    kind = sniff(data)
    if kind not in ("pdf", "html"):
        return data, None
    doc = extract(path, data)
    return doc.text.encode("utf-8"), Original(data, kind, doc.tool, doc.kind, doc.notes, doc.reading)


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
    original: Original | None = None  # the PDF or web page `text` was extracted from
    summary: bool = False      # accept a summary or news item about a policy, labelled as such


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
    set_aside: int = 0                              # lines of page furniture set aside
    about: object = None                            # intake.Metadata: what the text says about itself
    original: str | None = None                     # sources/NNN_id.pdf|html


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


def _short(req: Request, title: str) -> dict:
    """How a citation names the document: "Norrviks policy" / "Norrvik Municipality's policy"."""
    kind = re.search(r"\w*(?:policy|strategi|program|plan|riktlinjer|reglemente)\b", title, re.I)
    word = kind.group(0).lower() if kind else "styrdokument"
    first = req.name_sv.split()[0]
    owner = first if len(req.name_sv.split()) > 1 and first.endswith("s") else \
        (req.name_sv if req.name_sv.endswith("s") else req.name_sv + "s")
    en = {"policy": "policy", "strategi": "strategy", "program": "programme", "riktlinjer": "guidelines"}.get(word, "policy document")
    return {"sv": f"{owner} {word}", "en": f"{req.name_en}'s {en}"}


def _about_lines(meta, lang: str) -> list[str]:
    """The info box's list of what the document says about itself; "the source does not say" where silent."""
    silent = label("scaffold.about.silent", lang)
    values = {"decided_by": meta.decided_by, "decided_on": meta.decided_on,
              "paragraph": f"§ {meta.paragraph}" if meta.paragraph else None,
              "diarienummer": meta.diarienummer, "document_date": meta.document_date}
    return [label("scaffold.about.head", lang), ""] + [
        f"- {label(f'scaffold.about.{key}', lang)}: {scaffold.escaped(value) if value else f'*{silent}*'}"
        for key, value in values.items()]


def _source_name(root: Path, muni: str) -> str:
    numbers = [int(p.name[:3]) for p in (root / "sources").glob("[0-9][0-9][0-9]_*.txt")]
    return f"{max(numbers, default=-1) + 1:03d}_{muni}.txt"


def add(root: Path, req: Request) -> Result:
    root = Path(root)
    doc_id = req.document or req.municipality
    page = f"{req.municipality}/policy.md"
    lines = _lines(req)
    whole = "\n".join(lines)
    news = summary_reason(whole)
    if news and not req.summary:
        _fail(req.display, f"is a summary or news item about a policy, not the policy itself (it {news})",
              "give the policy document itself; to publish this text as a summary, add --summary (the page says so)")
    meta = about(whole)
    registry = _validate_ids(root, req, doc_id, page)
    name = _source_name(root, req.municipality)
    repairs_rel = f"repairs/{name[:-len('.txt')]}.yml"
    original = f"{name[:-len('.txt')]}.{req.original.suffix}" if req.original else None

    plan = plan_lines(lines, req.original.reading if req.original else None)
    aside, line_joins, settings = plan.furniture, plan.line_joins, plan.settings
    planned = {"layout": settings, "furniture": [{**e, LINE: None} for e in aside], "line_joins": line_joins,
               "paragraph_breaks": plan.paragraph_breaks}
    layout = apply_layout(lines, planned, req.display)
    found = propose_words("\n".join(ln.text for ln in layout.lines)) if req.propose else []
    proposals = [p for p in found if p.fix and not p.flagged]   # flagged ones change nothing: comments
    unknown = [p for p in found if not p.fix or p.flagged]
    fixer = Corrections.from_repairs({"words": [{"ocr": p.ocr, "fix": p.fix, LINE: None,
                                                 **({"context": p.context} if p.context else {})}
                                                for p in proposals]}, req.display)
    headings = plan.sections(fix=lambda text: fixer.apply(text)[0])
    if not headings:
        _fail(req.display, "no text to cut into clauses", "give the policy's text")
    title = fixer.apply(plan.title or meta.title or headings[0].text)[0]
    short = _short(req, title)
    adopted = bool(meta.decided_by and meta.decided_on)
    documents = set(register.values(registry.node("files")))  # as read before the addition: the existing ones

    tx = Transaction(root)
    try:
        tx.write(f"sources/{name}", req.text)
        if req.original:
            tx.write(f"sources/{original}", req.original.data)
        tx.write(f"sources/{repairs_rel}", register.repairs_yaml(name, req.name_sv, settings, proposals, unknown,
                                                                 aside, line_joins, req.original,
                                                                 plan.paragraph_breaks))
        register.add_municipality(registry, req.municipality, req.name_sv, req.name_en, doc_id)
        about_yaml = ", ".join(f"{k}: {register.quoted(v) if v else 'null'}" for k, v in (
            ("decided_by", meta.decided_by), ("decided_on", meta.decided_on), ("paragraph", meta.paragraph),
            ("diarienummer", meta.diarienummer), ("document_date", meta.document_date)))
        document = [
            f"- id: {doc_id}",
            f"  title: {register.quoted(title)}",
            f"  short: {{sv: {register.quoted(short['sv'])}, en: {register.quoted(short['en'])}}}",
            f"  page: {page}",
            f"  lines: [1, {len(lines)}]",
            *(["  truncated: true"] if req.truncated else []),
            *(["  summary: true"] if req.summary and news else []),
            "  status: STATUS",
            "  review: draft",   # published once a person approves it: python -m policykit approve
            f"  about: {{{about_yaml}}}",
            "  sections:",
            *(f"    - {{key: {register.quoted(h.key)}, line: {h.line}}}" for h in headings)]
        original_yaml = None if not req.original else (
            f"{{file: {original}, sha256: {hashlib.sha256(req.original.data).hexdigest()}, "
            f"tool: {register.quoted(req.original.tool)}, kind: {req.original.kind}}}")
        inserts = len(registry.inserts)

        def register_file(status: str):  # again, once the clauses show where the decision is stated
            del registry.inserts[inserts:]
            register.add_file(registry, name, hashlib.sha256(req.text).hexdigest(), repairs_rel,
                              [ln.replace("STATUS", status) for ln in document], original_yaml)
            tx.write("sources/sources.yml", registry.text())

        register_file("unknown")

        # The new document alone, cut into clauses as the model will cut it (the whole project
        # is checked at the end): adding stays linear in the number of municipalities.
        where = f"sources/{repairs_rel}"
        repairs = datafile.load(root / where, display=where)
        doc = Document(id=doc_id, municipality=req.municipality, title=title, page=page, first=1,
                       last=len(lines), sections=[Section(h.key, h.line) for h in headings],
                       truncated=req.truncated, short=short)
        layout = apply_layout(lines, repairs, where)
        model = Model([], {doc_id: doc}, segment(doc, layout, Corrections.from_repairs(repairs, where), where),
                      {name: layout})
        if adopted:  # the clause that states the decision, where one does
            stated = next((c.id for c in model.clauses_of(doc_id) if c.kind != "heading"
                           and meta.decided_on in (about(c.text).decided_on or "")), None)
            register_file(f"{{value: adopted, by: {register.quoted(meta.decided_by)}, "
                          f"date: {register.quoted(meta.decided_on)}" + (f", clause: {stated}}}" if stated else "}"))
        what = {lang: label("scaffold.what", lang, title=title, name_en=req.name_en,
                            title_en=f" ({req.title_en})" if req.title_en and lang == "en" else "")
                + "\n\n" + "\n".join(("    " + ln).rstrip() for ln in _about_lines(meta, lang))
                for lang in ("sv", "en")}
        # A text read from a PDF's text layer or a web page was never OCR'd: what is unreviewed there is
        # the tool's reading (headings, paragraphs, what was set aside), unless words were proposed too.
        read = "unreviewed" if proposals or not req.original or req.original.kind not in ("pdf-text", "html") \
            else "unreviewed_reading"
        notice = {lang: label(f"scaffold.{read}", lang) + (label("scaffold.truncated", lang) if req.truncated else "")
                  + (label("scaffold.summary", lang, reason=news) if req.summary and news else "")
                  for lang in ("sv", "en")}
        source = {"source": name, "original": original,
                  "tool": req.original.tool if req.original else None, "kind": req.original.kind if req.original else None}
        tx.write(f"docs/{page}", scaffold.swedish(model, doc, name, what["sv"], notice["sv"], source))
        tx.write(f"docs/{page[:-3]}.en.md", scaffold.english(model, doc, name, what["en"], req.title_en, notice["en"],
                                                            source))

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
                  written=sorted(tx.saved), report=report, set_aside=len([e for e in aside if e["text"]]),
                  about=meta, original=f"sources/{original}" if original else None)
