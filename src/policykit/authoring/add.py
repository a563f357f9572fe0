"""Add a municipality: from one policy text to a source, repairs, pages and data rows.

`add(root, request)` writes, for a text such as ``norrvik.txt``::

    sources/NNN_norrvik.txt             the text byte for byte (sha256 in sources.yml)
    sources/repairs/NNN_norrvik.txt.yml layout guessed by detect.py; word repairs proposed by
                                        the Swedish dictionary (proposals.py), marked unreviewed
    sources/sources.yml                 the file, its document and the sections detect.py found
    docs/norrvik/policy.md              the Swedish page with every clause in place
    docs/norrvik/policy.en.md           its English twin, not yet translated (Swedish marked lang=sv)
    docs/data/comparison.yml            the municipality, and a not-yet-assessed cell in every row
    docs/data/responsibilities.yml      'unmapped' rows: clauses that mention a duty
    mkdocs.yml                          the page in the navigation, in both languages

Then it runs the clause checker over the whole project. If anything fails, every file is
put back as it was and `PolicyError` says what and how to fix it: the project is never left
half-changed. `todo.py` lists what a person still has to do.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from policykit import datafile

from policykit.authoring import detect

from policykit.authoring import scaffold
from policykit.sources.corrections import Corrections
from policykit.datafile import LINE
from policykit.errors import PolicyError, Problem
from policykit.sources.layout import apply_layout
from policykit.clauses.model import Model
from policykit.authoring.proposals import propose_words
from policykit.clauses.segment import segment
from policykit.sources.registry import ID, Document, Section
from policykit.authoring.yamledit import YamlText

NUL = b"\x00"
# Municipalities with a place in the navigation; the rest are reached from kommuner.md (every
# page carries the whole navigation: see not_in_nav in mkdocs.yml).
NAV_LIMIT = 10
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


def _decode(req: Request) -> list[str]:
    raw = req.text
    if not raw.strip():
        _fail(req.display, "the file is empty", "give the municipality's policy as a plain-text file")
    if NUL in raw:
        _fail(req.display, f"binary data (a NUL byte at byte {raw.index(NUL)})",
              "give plain text: save the OCR result as .txt (UTF-8), not a PDF or word-processor file")
    if raw.startswith(b"\xef\xbb\xbf"):
        _fail(req.display, "the text starts with a UTF-8 byte-order mark", "save it as UTF-8 without BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        _fail(req.display, f"not valid UTF-8 (byte {exc.start})",
              "convert it, e.g. iconv -f latin1 -t utf-8 FILE > FILE.utf8, and check å, ä and ö")
    if "\r" in text:
        _fail(req.display, "Windows or Mac line endings (\\r)", "convert them to \\n, e.g. with dos2unix")
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    if not any(re.search(r"[^\W\d_]{2,}", ln) for ln in lines):
        _fail(req.display, "no words in the text", "give the policy's text, not an empty or scanned-image file")
    return lines


def _validate_ids(root: Path, req: Request, doc_id: str, page: str) -> tuple[YamlText, YamlText]:
    """Refuse ids that are unusable or taken; return the registry and the comparison, read once."""
    for value, what in ((req.municipality, "municipality id"), (doc_id, "document id")):
        # A plain id (as the registry requires of every id), and a short word to read in a URL.
        if not (ID.fullmatch(value) and value[0].isalpha() and len(value) <= 40):
            _fail("add_municipality", f"{what} {value!r} is not usable in links",
                  "use lower-case letters a-z, digits and hyphens, starting with a letter (e.g. norrvik)")
    comparison = YamlText.read(root / "docs" / "data" / "comparison.yml", "docs/data/comparison.yml")
    munis = {v.value for m in comparison.node("municipalities").value for k, v in m.value if k.value == "id"}
    if req.municipality in munis:
        _fail("docs/data/comparison.yml", f"municipality {req.municipality!r} exists already",
              "to add another document of it, register the document by hand (README: Adding a municipality)")
    registry = YamlText.read(root / "sources" / "sources.yml", "sources/sources.yml")
    docs = {v.value for f in registry.node("files").value for k, d in f.value if k.value == "documents"
            for doc in d.value for kk, v in doc.value if kk.value == "id"}
    if doc_id in docs:
        _fail("sources/sources.yml", f"a document with id {doc_id!r} exists already",
              "choose another id with --document")
    if (root / "docs" / page).exists():
        _fail(f"docs/{page}", "the page exists already", "choose another municipality id, or remove the page")
    return registry, comparison


def _source_name(root: Path, muni: str) -> str:
    numbers = [int(p.name[:3]) for p in (root / "sources").glob("[0-9][0-9][0-9]_*.txt")]
    return f"{max(numbers, default=-1) + 1:03d}_{muni}.txt"


def _q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _repairs_yaml(name: str, req: Request, layout: dict, proposals: list, unknown: list) -> str:
    out = [f"# Recorded OCR repairs for {name} ({req.name_sv}).",
           "# Format: see scripts/policykit/layout.py and scripts/policykit/corrections.py.",
           "# Written by scripts/add_municipality.py. The layout block and the word repairs are",
           "# PROPOSALS: review each against the printed original, fix or remove what is wrong,",
           "# then set 'reviewed: true' (and remove the page's notice that they are unreviewed).",
           "reviewed: false", "",
           "layout:",
           f"  page_start_space: {'true' if layout['page_start_space'] else 'false'}",
           f"  bullet_glyphs: [{', '.join(_q(g) for g in layout['bullet_glyphs'])}]",
           f"  join_hyphens: {'true' if layout['join_hyphens'] else 'false'}", ""]
    if proposals:
        out.append("words:")
        for p in proposals:
            note = "a known word, but OCR usually makes it from" if p.known else "unknown word; dictionary offers"
            ctx = f", context: {_q(p.context)}" if p.context else ""
            out.append(f"  - {{ocr: {_q(p.ocr)}, fix: {_q(p.fix)}{ctx}}}   # {p.count}×, {note}: "
                       f"{', '.join(p.options)}; confidence {p.confidence}")
    else:
        out.append("words: []")
    if unknown:
        out += ["", "# Unknown to the dictionary and no proposal, or unsure (flagged, with the readings to weigh):",
                "# fix by hand, or allow-list the authors'",
                "# spelling in sources/spelling-allowlist.yml:"]
        out += [f"#   {p.ocr} ({p.count}×)" + (f": unsure, could be {', '.join(p.alternatives)}; "
                                                   f"in {p.sentence!r}" if p.flagged else "") for p in unknown]
    return "\n".join(out) + "\n"


class _Transaction:
    """Files written by the addition, restored exactly if any later step fails."""

    def __init__(self, root: Path):
        self.root, self.saved = root, {}

    def write(self, rel: str, text: str | bytes):
        path = self.root / rel
        if rel not in self.saved:
            self.saved[rel] = path.read_bytes() if path.exists() else None
        path.parent.mkdir(parents=True, exist_ok=True)
        (path.write_bytes if isinstance(text, bytes) else lambda t: path.write_text(t, encoding="utf-8"))(text)

    def rollback(self):
        for rel, old in self.saved.items():
            path = self.root / rel
            if old is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(old)
        for rel in self.saved:  # empty folders the addition made
            parent = (self.root / rel).parent
            while parent != self.root and parent.exists() and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent


def add(root: Path, req: Request) -> Result:
    root = Path(root)
    doc_id = req.document or req.municipality
    page = f"{req.municipality}/policy.md"
    lines = _decode(req)
    registry, comparison = _validate_ids(root, req, doc_id, page)
    name = _source_name(root, req.municipality)

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

    tx = _Transaction(root)
    try:
        tx.write(f"sources/{name}", req.text)
        tx.write(f"sources/repairs/{name}.yml", _repairs_yaml(name, req, settings, proposals, unknown))
        sections = "\n".join(f"      - {{key: {_q(h.key)}, line: {h.line}}}" for h in headings)
        registry.append(registry.node("files"), "\n".join([
            f"- file: {name}",
            f"  sha256: {hashlib.sha256(req.text).hexdigest()}",
            f"  repairs: repairs/{name}.yml",
            "  documents:",
            f"    - id: {doc_id}",
            f"      municipality: {req.municipality}",
            f"      title: {_q(title)}",
            f"      short: {{sv: {_q(req.name_sv)}, en: {_q(req.name_en)}}}",
            f"      page: {page}",
            f"      lines: [1, {len(lines)}]",
            *(["      truncated: true"] if req.truncated else []),
            "      sections:",
            sections]))
        tx.write("sources/sources.yml", registry.text())

        # The new document alone, cut into clauses as the model will cut it (the whole project
        # is checked at the end): adding stays linear in the number of municipalities.
        where = f"sources/repairs/{name}.yml"
        repairs = datafile.load(root / where, display=where)
        doc = Document(id=doc_id, municipality=req.municipality, title=title, page=page, first=1,
                       last=len(lines), sections=[Section(h.key, h.line) for h in headings],
                       truncated=req.truncated, short={"sv": req.name_sv, "en": req.name_en})
        model = Model([], {doc_id: doc}, segment(doc, apply_layout(lines, repairs, where),
                                                 Corrections.from_repairs(repairs, where), where))
        what_sv = f"Det här är *{title}*. Vad dokumentet är och när det antogs har ännu inte beskrivits här."
        what_en = (f"This is *{title}*" + (f" ({req.title_en})" if req.title_en else "")
                   + ", from " + req.name_en + ". What the document is and when it was adopted has not been described here yet.")
        notice_sv = ('!!! warning "Rättelserna är inte granskade ännu"\n'
                     "    OCR-rättelserna i den här texten är förslag från en ordlista och har ännu inte granskats\n"
                     "    mot originalet. Texten kan innehålla fel som inte finns i originalet.\n")
        notice_en = ('!!! warning "The corrections have not been reviewed yet"\n'
                     "    The OCR corrections in this text are proposals from a dictionary and have not yet been\n"
                     "    checked against the original. The text may contain errors that are not in the original.\n")
        if req.truncated:
            notice_sv += ('\n!!! warning "Texten är ofullständig"\n'
                          "    Den källtext vi har slutar före dokumentets slut. Vi återger bara det som finns i källan.\n")
            notice_en += ('\n!!! warning "The text is incomplete"\n'
                          "    The source text we have ends before the end of the document. We reproduce only what is in it.\n")
        tx.write(f"docs/{page}", scaffold.swedish(model, doc, name, what_sv, notice_sv))
        tx.write(f"docs/{page[:-3]}.en.md", scaffold.english(model, doc, name, what_en, req.title_en, notice_en))

        comparison.append(comparison.node("municipalities"), "\n".join([
            f"- id: {req.municipality}", f"  name: {{sv: {_q(req.name_sv)}, en: {_q(req.name_en)}}}",
            f"  documents: [{doc_id}]"]))
        for i in range(len(comparison.node("rows").value)):
            comparison.append(comparison.node("rows", i, "cells"), f"{req.municipality}: {{status: not-yet-assessed}}")
        tx.write("docs/data/comparison.yml", comparison.text())

        duties = [c.id for c in model.clauses_of(doc_id) if c.kind != "heading" and DUTY.search(c.text)]
        if duties:
            resp = YamlText.read(root / "docs" / "data" / "responsibilities.yml", "docs/data/responsibilities.yml")
            rows = "\n".join(f"- {{municipality: {req.municipality}, clause: {cid}}}" for cid in duties)
            existing = resp.find("unmapped")
            if existing is not None and getattr(existing, "value", None):
                resp.append(existing, rows)
            elif existing is not None:
                _fail("docs/data/responsibilities.yml", "'unmapped' is present but empty",
                      "remove the empty 'unmapped:' line")
            else:
                resp.add_top_level("# Clauses that mention a duty but are not yet tasks above: map each, then delete it.\n"
                                   "unmapped:\n" + "\n".join("  " + r for r in rows.split("\n")))
            tx.write("docs/data/responsibilities.yml", resp.text())

        _add_to_nav(root, tx, req, page, title, registry)

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


def _values(node) -> list[str]:
    """Every scalar value (not key) under a YAML node."""
    if isinstance(node, yaml.ScalarNode):
        return [node.value]
    if isinstance(node, yaml.SequenceNode):
        return [v for n in node.value for v in _values(n)]
    if isinstance(node, yaml.MappingNode):
        return [v for _, n in node.value for v in _values(n)]
    return []


def _item(seq: yaml.Node, key: str, value: str | None = None) -> yaml.Node | None:
    """In a sequence of mappings, the mapping with `key` (equal to `value`, if given)."""
    for node in getattr(seq, "value", []):
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == key and (value is None or getattr(v, "value", None) == value):
                    return node
    return None


def _add_to_nav(root: Path, tx: _Transaction, req: Request, page: str, title: str, registry: YamlText):
    """The page under its municipality's name, after the last municipality already in the nav."""
    config = YamlText.read(root / "mkdocs.yml", "mkdocs.yml")
    nav = config.node("nav")
    documents = set(_values(registry.node("files")))  # as read before the addition: the existing documents
    entry = f"- {_q(req.name_sv)}:\n    - {_q(title)}: {page}"
    groups = [i for i, item in enumerate(nav.value) if documents & set(_values(item))]
    if len(groups) >= NAV_LIMIT:
        return  # reached from kommuner.md; not_in_nav in mkdocs.yml covers <id>/policy(.en).md
    last = max(groups, default=None)
    if last is None:
        config.append(nav, entry)
    else:
        config.insert_after(nav.value[last], entry, indent=nav.value[0].start_mark.column - 2)
    i18n = _item(config.node("plugins"), "i18n")
    settings = dict((k.value, v) for k, v in i18n.value).get("i18n") if i18n else None
    languages = dict((k.value, v) for k, v in settings.value).get("languages") if settings else None
    en = _item(languages, "locale", "en")
    names = dict((k.value, v) for k, v in en.value).get("nav_translations") if en else None
    if names is None:
        _fail("mkdocs.yml", "no nav_translations for the English language of the i18n plugin",
              "restore the i18n plugin's 'languages' block (see its comments)")
    known = {k.value for k, _ in names.value}
    for sv, en_name in ((req.name_sv, req.name_en), (title, req.title_en or title)):
        if sv not in known:
            config.append(names, f"{_q(sv)}: {_q(en_name)}")
            known.add(sv)
    tx.write("mkdocs.yml", config.text())
