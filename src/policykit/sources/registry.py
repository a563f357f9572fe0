"""The source registry: municipalities, their documents, the verbatim files, and the checksum guard.

``sources/sources.yml`` is the one place that says which documents belong to which
municipality (see the comments in that file)::

    municipalities:
      - {id: stockholm, name: {sv: Stockholms stad, en: City of Stockholm}, documents: [strategi, rapport]}
    files:
      - file: 000_a51568b8bbced0f4.txt
        sha256: 9e73...
        repairs: repairs/000_a51568b8bbced0f4.yml
        documents:
          - {id: strategi, title: ..., page: stockholm/strategi.md, lines: [213, 512], sections: [...]}

A source made from a municipality's own document (``python -m policykit add FILE.pdf``) keeps
that document byte for byte beside its text, guarded by its own checksum and published with it;
the text file, not the original, is the source of the clauses (a rebuild never extracts again)::

      - file: 005_norrvik.txt
        sha256: ...                       # the extracted text, as the tool gave it
        original: {file: 005_norrvik.pdf, sha256: ..., tool: "pdftotext 22.12.0", kind: pdf-text}

and a document records what its source says about itself (``about``; silent fields null)::

          about: {decided_by: kommunfullmäktige, decided_on: "2015-03-23", paragraph: "41",
                  diarienummer: KS 2015/123, document_date: "2015-03-25"}
          summary: true                   # a summary or news item about the policy, not the policy

and every document says whether a person has reviewed it (``review: draft`` until then; a draft
is left out of the published site, sources/review.py and publish/drafts.py)::

          review: {by: "NAME", date: "2026-12-02"}   # python -m policykit approve DOC --by NAME

`load_registry(root)` verifies every file byte for byte and returns a `Registry`; any damage
(missing file, changed bytes, undecodable text, a document whose lines fall outside the file,
a document no municipality or two municipalities claim) raises `PolicyError` naming file and fix.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Optional

from pydantic import field_validator

from policykit import datafile
from policykit.datafile import Entry, Text, parse
from policykit.errors import PolicyError, Problem, at, use_existing
from policykit.sources import review
from policykit.sources.files import decode, inside_sources, verify
from policykit.text import lines as text_lines

REGISTRY = Path("sources") / "sources.yml"
# Document ids and section keys make clause ids, which are page anchors and marker values.
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ORIGINAL_KINDS = ("pdf-text", "pdf-scan", "pdf-mixed", "html")


class Municipality(Entry):
    id: str
    name: Text
    documents: list[str]


class SectionEntry(Entry):
    key: str
    line: int

    @field_validator("key", mode="before")
    @classmethod
    def _number(cls, key):  # `key: 1` is the section "1"
        return str(key) if type(key) is int else key


class About(Entry):
    """What the source says about itself, exactly as it states it; null where it is silent."""
    decided_by: Optional[str] = None
    decided_on: Optional[str] = None
    paragraph: Optional[str] = None
    diarienummer: Optional[str] = None
    document_date: Optional[str] = None


class DocumentEntry(Entry):
    id: str
    title: str
    short: Optional[Text] = None
    page: str
    lines: list[int]
    sections: list[SectionEntry]
    truncated: bool = False
    status: Any = "unknown"      # unknown | attachment | proposed-in-report | {value: adopted, ...}: check/status.py
    about: Optional[About] = None
    summary: bool = False        # a summary or news item about the policy, accepted as such
    review: Any = review.MISSING  # draft | {by, date}: sources/review.py


class OriginalEntry(Entry):
    file: str
    sha256: str
    tool: str            # what extracted the text file from it, with its version
    kind: Literal[ORIGINAL_KINDS]


class FileEntry(Entry):
    file: str
    sha256: str
    repairs: str
    original: Optional[OriginalEntry] = None
    documents: list[DocumentEntry]


class RegistryFile(Entry):
    municipalities: list[Municipality] = []   # checked after files: no files is the first thing to say
    files: list[FileEntry]


@dataclass
class Section:
    key: str
    line: int


@dataclass
class Document:
    id: str
    municipality: str
    title: str
    page: str
    first: int
    last: int
    sections: list[Section]
    truncated: bool = False
    short: dict = field(default_factory=dict)
    line: int = 0          # where the registry lists it
    status: dict = field(default_factory=lambda: {"value": "unknown"})  # what the source says; check/claims.py
    about: dict | None = None  # what the source says about itself (About's fields, None where silent)
    summary: bool = False      # a summary or news item about the policy, accepted as such
    draft: bool = False        # not yet reviewed by a person: left out of the site (sources/review.py)


@dataclass
class Original:
    name: str          # 005_norrvik.pdf, inside sources/
    path: Path
    sha256: str
    tool: str          # what extracted the text file from it, with its version
    kind: str          # pdf-text, pdf-scan, pdf-mixed, html


@dataclass
class SourceFile:
    name: str
    path: Path
    sha256: str
    repairs: Path
    lines: list[str]  # raw lines, without line ends; lines[0] is line 1
    documents: list[Document] = field(default_factory=list)
    reviewed: bool = True  # False while its repairs are unreviewed proposals (`reviewed: false`, set by model.py)
    original: Original | None = None  # the municipality's document the text was extracted from


@dataclass
class Registry:
    files: list[SourceFile]
    municipalities: list[Municipality]   # in registry order
    documents: dict[str, Document]       # every document by id, in file order


def load_registry(root: Path) -> Registry:
    where = str(REGISTRY)
    data = parse(RegistryFile, datafile.load(root / REGISTRY, display=where), where)
    if not data.files:
        raise PolicyError(Problem(where, "no source files are registered", "add an entry under 'files'"))
    owner = _municipalities(data.municipalities, where)
    seen: dict[str, int] = {}
    files = [_load_file(root, entry, where, seen, owner) for entry in data.files]
    documents = {d.id: d for src in files for d in src.documents}
    for doc_id, (muni, line) in owner.items():
        if doc_id not in documents:
            raise PolicyError(Problem(at(where, line), f"municipality '{muni}' lists unknown document '{doc_id}', which no "
                                      "file holds", use_existing(doc_id, documents, "document id")))
    for doc in documents.values():
        if not doc.municipality:
            raise PolicyError(Problem(at(where, doc.line), f"document '{doc.id}' belongs to no municipality",
                                      f"add '{doc.id}' to the 'documents' of its municipality under 'municipalities'"))
    return Registry(files, data.municipalities, documents)


def _municipalities(municipalities: list[Municipality], where: str) -> dict[str, tuple[str, int]]:
    """Document id -> (municipality id, line): which municipality each document belongs to."""
    owner: dict[str, tuple[str, int]] = {}
    seen: set[str] = set()
    for m in municipalities:
        _check_id(m.id, "municipality id", where, m.lineno)
        if m.id in seen:
            raise PolicyError(Problem(at(where, m.lineno), f"duplicate municipality id '{m.id}'",
                                      "give each municipality its own id"))
        seen.add(m.id)
        for doc_id in m.documents:
            if doc_id in owner:
                raise PolicyError(Problem(at(where, m.line_of("documents")), f"document '{doc_id}' is listed under "
                                          f"municipalities '{owner[doc_id][0]}' and '{m.id}'",
                                          "a document belongs to one municipality: list it once"))
            owner[doc_id] = (m.id, m.line_of("documents"))
    return owner


def _load_file(root: Path, entry: FileEntry, where: str, seen: dict[str, int], owner: dict) -> SourceFile:
    line = entry.lineno
    path = inside_sources(root, entry.file, "file", where, line)
    shown = f"sources/{entry.file}"
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise PolicyError(Problem(at(where, line), f"source file {shown} is missing",
                                  "restore it byte for byte from the delivered seeds"))
    except OSError as exc:  # a folder, a dangling link, no permission
        raise PolicyError(Problem(at(where, line), f"source file {shown} cannot be read ({exc.strerror})",
                                  "register the delivered .txt file itself"))
    src = SourceFile(name=entry.file, path=path, sha256=verify(raw, entry.sha256, shown, where, line),
                     repairs=inside_sources(root, entry.repairs, "repairs", where, line),
                     lines=text_lines(decode(raw, shown)), original=_original(root, entry.original, entry.file, where))
    src.documents = [_load_document(doc, src, where, seen, owner) for doc in entry.documents]
    return src


def _original(root: Path, entry: OriginalEntry | None, text_name: str, where: str) -> Original | None:
    """The document a text was extracted from: inside sources/, byte for byte as registered."""
    if entry is None:
        return None
    path = inside_sources(root, entry.file, "original", where, entry.lineno)
    if entry.file == text_name:
        raise PolicyError(Problem(at(where, entry.lineno), f"'original: {entry.file}' names the text file itself",
                                  "name the PDF or web page the text was extracted from"))
    shown = f"sources/{entry.file}"
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PolicyError(Problem(at(where, entry.lineno), f"original {shown} cannot be read ({exc.strerror})",
                                  "restore it byte for byte from the delivered document, or remove 'original'"))
    return Original(entry.file, path, verify(raw, entry.sha256, shown, where, entry.lineno), entry.tool, entry.kind)


def _load_document(doc: DocumentEntry, src: SourceFile, where: str, seen: dict[str, int], owner: dict) -> Document:
    line = doc.lineno
    _check_id(doc.id, "document id", where, line)
    if doc.id in seen:
        raise PolicyError(Problem(at(where, line), f"duplicate document id '{doc.id}' (first at line {seen[doc.id]})",
                                  "give each document its own id"))
    seen[doc.id] = line
    if len(doc.lines) != 2 or doc.lines[0] > doc.lines[1]:
        raise PolicyError(Problem(at(where, doc.line_of("lines")), f"'lines' of '{doc.id}' must be [first, last], "
                                  f"not {doc.lines}", "write 'lines: [first, last]' with the document's first and last raw line"))
    first, last = doc.lines
    if not (1 <= first <= last <= len(src.lines)):
        raise PolicyError(Problem(at(where, line), f"document '{doc.id}' spans lines {first}-{last}, "
                                  f"but sources/{src.name} has {len(src.lines)} lines", "fix 'lines'"))
    sections = []
    for sec in doc.sections:
        _check_id(sec.key, "section key", where, sec.line_of("key"))
        if not first <= sec.line <= last:
            raise PolicyError(Problem(at(where, sec.line_of("key")), f"section '{sec.key}' starts at line {sec.line}, "
                                      f"outside document '{doc.id}' ({first}-{last})", "fix its 'line'"))
        if any(s.key == sec.key for s in sections):
            raise PolicyError(Problem(at(where, sec.line_of("key")), f"duplicate section key '{sec.key}' in '{doc.id}'",
                                      "give each section its own key"))
        sections.append(Section(sec.key, sec.line))
    if not sections:
        raise PolicyError(Problem(at(where, line), f"document '{doc.id}' declares no sections",
                                  "list its headings under 'sections'"))
    # `status` as written (`unknown` is {value: unknown}), with its line; validated in check/status.py
    status = datafile.strip_lines(doc.status) if isinstance(doc.status, dict) else {"value": doc.status}
    return Document(id=doc.id, municipality=owner.get(doc.id, ("", 0))[0], line=line, title=doc.title, page=doc.page,
                    first=first, last=last, sections=sorted(sections, key=lambda s: s.line), truncated=doc.truncated,
                    short=doc.short.model_dump() if doc.short else {"sv": doc.id, "en": doc.id},
                    status={**status, "line": line},
                    about=doc.about.model_dump() if doc.about else None, summary=doc.summary,
                    draft=review.is_draft(doc.review, doc.id, where, doc.line_of("review")))


def _check_id(value: str, what: str, where: str, line: int):
    if not ID.fullmatch(value):
        raise PolicyError(Problem(at(where, line), f"{what} {value!r} cannot be part of a clause id",
                                  "use lower-case letters a-z, digits and single hyphens (e.g. 'mal' for 'Mål')"))
