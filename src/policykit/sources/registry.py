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

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from policykit import datafile
from policykit.datafile import LINE, each, line_of, optional, require
from policykit.errors import PolicyError, Problem, at, use_existing
from policykit.sources import review
from policykit.text import lines as text_lines

REGISTRY = Path("sources") / "sources.yml"
# Document ids and section keys make clause ids, which are page anchors and marker values.
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
ABOUT = ("decided_by", "decided_on", "paragraph", "diarienummer", "document_date")
ORIGINAL_KINDS = ("pdf-text", "pdf-scan", "pdf-mixed", "html")


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
    about: dict | None = None  # what the source says about itself (ABOUT keys, None where silent)
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
    municipalities: list[dict]        # {id, name: {sv, en}, documents: [document ids]}, in registry order
    documents: dict[str, Document]    # every document by id, in file order


def load_registry(root: Path) -> Registry:
    where = str(REGISTRY)
    data = datafile.load(root / REGISTRY, display=where)
    files = require(data, "files", list, where)
    if not files:
        raise PolicyError(Problem(where, "no source files are registered", "add an entry under 'files'"))
    owner = _municipalities(data, where)
    result = []
    seen_docs: dict[str, int] = {}
    for entry in files:
        if not isinstance(entry, dict):
            raise PolicyError(Problem(where, "each entry under 'files' must be a mapping", "use 'file:', 'sha256:' ..."))
        result.append(_load_file(root, entry, where, seen_docs, owner))
    documents = {d.id: d for src in result for d in src.documents}
    for doc_id, (muni, line) in owner.items():
        if doc_id not in documents:
            raise PolicyError(Problem(at(where, line), f"municipality '{muni}' lists unknown document '{doc_id}', which no "
                                      "file holds", use_existing(doc_id, documents, "document id")))
    for doc in documents.values():
        if not doc.municipality:
            raise PolicyError(Problem(at(where, doc.line), f"document '{doc.id}' belongs to no municipality",
                                      f"add '{doc.id}' to the 'documents' of its municipality under 'municipalities'"))
    munis = [{"id": m["id"], "name": {k: v for k, v in m["name"].items() if k != LINE}, "documents": list(m["documents"])}
             for m in data["municipalities"]]
    return Registry(result, munis, documents)


def _municipalities(data: dict, where: str) -> dict[str, tuple[str, int]]:
    """Document id -> (municipality id, line): which municipality each document belongs to."""
    owner: dict[str, tuple[str, int]] = {}
    seen: set[str] = set()
    for m in require(data, "municipalities", list, where):
        mid = require(m, "id", str, where)
        _check_id(mid, "municipality id", where, m[LINE])
        if mid in seen:
            raise PolicyError(Problem(at(where, m[LINE]), f"duplicate municipality id '{mid}'",
                                      "give each municipality its own id"))
        seen.add(mid)
        name = require(m, "name", dict, where)
        for lang in ("sv", "en"):
            if not isinstance(name.get(lang), str) or not name[lang].strip():
                raise PolicyError(Problem(at(where, line_of(m, "name")), f"municipality '{mid}' has no name in '{lang}'",
                                          f"add '{lang}:' to its 'name'"))
        for doc_id in each(require(m, "documents", list, where), "documents", str, where, line_of(m, "documents")):
            if doc_id in owner:
                raise PolicyError(Problem(at(where, line_of(m, "documents")), f"document '{doc_id}' is listed under "
                                          f"municipalities '{owner[doc_id][0]}' and '{mid}'",
                                          "a document belongs to one municipality: list it once"))
            owner[doc_id] = (mid, line_of(m, "documents"))
    return owner


def _load_file(root: Path, entry: dict, where: str, seen_docs: dict[str, int], owner: dict) -> SourceFile:
    name = require(entry, "file", str, where)
    expected = require(entry, "sha256", str, where)
    line = entry[LINE]
    path = _inside_sources(root, name, "file", where, line)
    shown = f"sources/{name}"
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise PolicyError(Problem(at(where, line), f"source file {shown} is missing",
                                  "restore it byte for byte from the delivered seeds"))
    except OSError as exc:  # a folder, a dangling link, no permission
        raise PolicyError(Problem(at(where, line), f"source file {shown} cannot be read ({exc.strerror})",
                                  "register the delivered .txt file itself"))
    digest = _verify(raw, expected, shown, where, line)
    src = SourceFile(name=name, path=path, sha256=digest,
                     repairs=_inside_sources(root, require(entry, "repairs", str, where), "repairs", where, line),
                     lines=text_lines(decode(raw, shown)),
                     original=_original(root, optional(entry, "original", dict, where, None), name, where, line))
    for doc in require(entry, "documents", list, where):
        src.documents.append(_load_document(doc, src, where, seen_docs, owner))
    return src


def _verify(raw: bytes, expected: str, shown: str, where: str, line: int) -> str:
    digest = hashlib.sha256(raw).hexdigest()
    if digest != expected:
        raise PolicyError(Problem(
            shown, f"checksum mismatch: sha256 is {digest}, {where} line {line} expects {expected}",
            "restore the file byte for byte (git checkout -- " + shown + "); if a new version of the source "
            "was delivered, review it, update the sha256 and the repairs, and let the checker guide the pages"))
    return digest


def _original(root: Path, entry: dict | None, text_name: str, where: str, line: int) -> Original | None:
    """The document a text was extracted from: inside sources/, byte for byte as registered."""
    if entry is None:
        return None
    line = entry.get(LINE, line)
    name = require(entry, "file", str, where)
    path = _inside_sources(root, name, "original", where, line)
    if name == text_name:
        raise PolicyError(Problem(at(where, line), f"'original: {name}' names the text file itself",
                                  "name the PDF or web page the text was extracted from"))
    shown = f"sources/{name}"
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PolicyError(Problem(at(where, line), f"original {shown} cannot be read ({exc.strerror})",
                                  "restore it byte for byte from the delivered document, or remove 'original'"))
    kind = require(entry, "kind", str, where)
    if kind not in ORIGINAL_KINDS:
        raise PolicyError(Problem(at(where, line), f"original {shown} has unknown kind {kind!r}",
                                  f"use one of {', '.join(ORIGINAL_KINDS)}"))
    digest = _verify(raw, require(entry, "sha256", str, where), shown, where, line)
    return Original(name, path, digest, require(entry, "tool", str, where), kind)


def _about(value: dict | None, doc_id: str, where: str, line: int) -> dict | None:
    if value is None:
        return None
    line = value.get(LINE, line)
    out = {}
    for key, v in value.items():
        if key == LINE:
            continue
        if key not in ABOUT:
            raise PolicyError(Problem(at(where, line), f"'about' of '{doc_id}' has unknown key {key!r}",
                                      f"use {', '.join(ABOUT)}"))
        if v is not None and not isinstance(v, str):
            raise PolicyError(Problem(at(where, line), f"'about.{key}' of '{doc_id}' must be quoted text or null, "
                                      f"not {v!r}", f'write {key}: "..." exactly as the source states it, or null'))
        out[key] = v
    return {key: out.get(key) for key in ABOUT}


def _inside_sources(root: Path, name: str, key: str, where: str, line: int) -> Path:
    """``sources/<name>``, refused when it leads out of sources/: the build publishes the sources."""
    folder = (root / "sources").resolve()
    path = (folder / name).resolve()
    if not name or not path.is_relative_to(folder) or path == folder:
        raise PolicyError(Problem(at(where, line), f"'{key}: {name}' does not name a file inside sources/",
                                  f"put the file in sources/ and give its path relative to sources/"))
    return root / "sources" / name


def decode(raw: bytes, shown: str, what: str = "OCR text", fix_empty: str | None = None) -> str:
    """The text of a file that must be UTF-8 text (a byte order mark dropped), or a PolicyError naming
    the file, the line and the fix: empty, binary, UTF-16 or not UTF-8. One decoder for every input."""
    if not raw.strip():
        raise PolicyError(Problem(shown, "the file is empty" if not raw else "the file holds only blank space",
                                  fix_empty or f"restore the delivered {what} (git checkout -- {shown})"))
    if raw.startswith(UTF16_BOMS):
        raise PolicyError(Problem(shown, "not valid UTF-8 (byte 0)", f"deliver the {what} as UTF-8 (it starts "
                                  "with a UTF-16 byte order mark: iconv -f UTF-16 -t UTF-8 converts it)"))
    # Text never holds control characters other than tab, line ends and form feed (a page break).
    control = re.search(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]", raw)
    if control:
        raise PolicyError(Problem(at(shown, raw.count(b"\n", 0, control.start()) + 1),
                                  f"control character {control.group().decode()!r} at byte {control.start()}: "
                                  f"a binary file, not {what}", f"deliver the {what} as plain UTF-8 text"))
    try:
        # A UTF-8 byte order mark is an encoding signature, not text: "utf-8-sig" drops it, as MkDocs does.
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        offset = exc.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)
        raise PolicyError(Problem(at(shown, raw.count(b"\n", 0, offset) + 1), f"not valid UTF-8 (byte {offset})",
                                  f"deliver the {what} as UTF-8 (a Latin-1 or Windows-1252 file converts with "
                                  "iconv -f WINDOWS-1252 -t UTF-8)"))


def _load_document(doc: dict, src: SourceFile, where: str, seen: dict[str, int], owner: dict) -> Document:
    doc_id = require(doc, "id", str, where)
    line = doc[LINE]
    _check_id(doc_id, "document id", where, line)
    if doc_id in seen:
        raise PolicyError(Problem(at(where, line), f"duplicate document id '{doc_id}' (first at line {seen[doc_id]})",
                                  "give each document its own id"))
    seen[doc_id] = line
    lines = each(require(doc, "lines", list, where), "lines", int, where, line_of(doc, "lines"))
    if len(lines) != 2 or lines[0] > lines[1]:
        raise PolicyError(Problem(at(where, line_of(doc, "lines")), f"'lines' of '{doc_id}' must be [first, last], not {lines}",
                                  "write 'lines: [first, last]' with the document's first and last raw line"))
    first, last = lines
    if not (1 <= first <= last <= len(src.lines)):
        raise PolicyError(Problem(at(where, line), f"document '{doc_id}' spans lines {first}-{last}, "
                                  f"but sources/{src.name} has {len(src.lines)} lines", "fix 'lines'"))
    sections = []
    for sec in require(doc, "sections", list, where):
        key = str(require(sec, "key", (str, int), where))
        sline = require(sec, "line", int, where)
        _check_id(key, "section key", where, sec[LINE])
        if not first <= sline <= last:
            raise PolicyError(Problem(at(where, sec[LINE]), f"section '{key}' starts at line {sline}, "
                                      f"outside document '{doc_id}' ({first}-{last})", "fix its 'line'"))
        if any(s.key == key for s in sections):
            raise PolicyError(Problem(at(where, sec[LINE]), f"duplicate section key '{key}' in '{doc_id}'",
                                      "give each section its own key"))
        sections.append(Section(key, sline))
    if not sections:
        raise PolicyError(Problem(at(where, line), f"document '{doc_id}' declares no sections",
                                  "list its headings under 'sections'"))
    return Document(id=doc_id, municipality=owner.get(doc_id, ("", 0))[0], line=line,
                    title=require(doc, "title", str, where), page=require(doc, "page", str, where),
                    first=first, last=last, sections=sorted(sections, key=lambda s: s.line),
                    truncated=optional(doc, "truncated", bool, where, False),
                    short={k: v for k, v in optional(doc, "short", dict, where, {"sv": doc_id, "en": doc_id}).items()
                           if k != LINE},
                    status=_status(optional(doc, "status", (str, dict), where, "unknown"), doc.get(LINE)),
                    about=_about(optional(doc, "about", dict, where, None), doc_id, where, line),
                    summary=optional(doc, "summary", bool, where, False),
                    draft=review.is_draft(doc.get("review", review.MISSING), doc_id, where, line_of(doc, "review")))


def _status(value, line) -> dict:
    # `status: unknown` or `status: {value: adopted, by: ..., date: ...}`; validated in check/claims.py
    status = {"value": value} if isinstance(value, str) else {k: v for k, v in value.items() if k != LINE}
    return {**status, "line": line}


def _check_id(value: str, what: str, where: str, line: int):
    if not ID.fullmatch(value):
        raise PolicyError(Problem(at(where, line), f"{what} {value!r} cannot be part of a clause id",
                                  "use lower-case letters a-z, digits and single hyphens (e.g. 'mal' for 'Mål')"))
