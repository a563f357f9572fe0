"""The source registry and its checksum guard.

``sources/sources.yml`` lists each verbatim OCR file with its sha256 and the documents it
holds (see the comments in that file). `load_registry(root)` verifies every file byte for byte
and returns `SourceFile`s; any damage (missing file, changed bytes, undecodable text, a
document whose lines fall outside the file) raises `PolicyError` naming file and fix.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from . import datafile
from .datafile import LINE, require
from .errors import PolicyError, Problem, at

REGISTRY = Path("sources") / "sources.yml"


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


@dataclass
class SourceFile:
    name: str
    path: Path
    sha256: str
    repairs: Path
    lines: list[str]  # raw lines, without line ends; lines[0] is line 1
    documents: list[Document] = field(default_factory=list)


def load_registry(root: Path) -> list[SourceFile]:
    where = str(REGISTRY)
    data = datafile.load(root / REGISTRY, display=where)
    files = require(data, "files", list, where)
    result = []
    seen_docs: dict[str, int] = {}
    for entry in files:
        if not isinstance(entry, dict):
            raise PolicyError(Problem(where, "each entry under 'files' must be a mapping", "use 'file:', 'sha256:' ..."))
        result.append(_load_file(root, entry, where, seen_docs))
    if not result:
        raise PolicyError(Problem(where, "no source files are registered", "add an entry under 'files'"))
    return result


def _load_file(root: Path, entry: dict, where: str, seen_docs: dict[str, int]) -> SourceFile:
    name = require(entry, "file", str, where)
    expected = require(entry, "sha256", str, where)
    line = entry[LINE]
    path = root / "sources" / name
    shown = f"sources/{name}"
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise PolicyError(Problem(at(where, line), f"source file {shown} is missing",
                                  "restore it byte for byte from the delivered seeds"))
    digest = hashlib.sha256(raw).hexdigest()
    if digest != expected:
        raise PolicyError(Problem(
            shown, f"checksum mismatch: sha256 is {digest}, {where} line {line} expects {expected}",
            "restore the file byte for byte (git checkout -- " + shown + "); if a new version of the source "
            "was delivered, review it, update the sha256 and the repairs, and let the checker guide the pages"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PolicyError(Problem(shown, f"not valid UTF-8 (byte {exc.start})", "deliver the OCR text as UTF-8"))
    src = SourceFile(name=name, path=path, sha256=digest,
                     repairs=root / "sources" / require(entry, "repairs", str, where),
                     lines=text.split("\n"))
    if src.lines and src.lines[-1] == "":
        src.lines.pop()  # the file's final newline ends the last line; it is not a line of its own
    for doc in require(entry, "documents", list, where):
        src.documents.append(_load_document(doc, src, where, seen_docs))
    return src


def _load_document(doc: dict, src: SourceFile, where: str, seen: dict[str, int]) -> Document:
    doc_id = require(doc, "id", str, where)
    line = doc[LINE]
    if doc_id in seen:
        raise PolicyError(Problem(at(where, line), f"duplicate document id '{doc_id}' (first at line {seen[doc_id]})",
                                  "give each document its own id"))
    seen[doc_id] = line
    first, last = require(doc, "lines", list, where)
    if not (1 <= first <= last <= len(src.lines)):
        raise PolicyError(Problem(at(where, line), f"document '{doc_id}' spans lines {first}-{last}, "
                                  f"but sources/{src.name} has {len(src.lines)} lines", "fix 'lines'"))
    sections = []
    for sec in require(doc, "sections", list, where):
        key = str(require(sec, "key", (str, int), where))
        sline = require(sec, "line", int, where)
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
    return Document(id=doc_id, municipality=require(doc, "municipality", str, where),
                    title=require(doc, "title", str, where), page=require(doc, "page", str, where),
                    first=first, last=last, sections=sorted(sections, key=lambda s: s.line),
                    truncated=bool(doc.get("truncated", False)),
                    short={k: v for k, v in (doc.get("short") or {"sv": doc_id, "en": doc_id}).items() if k != LINE})
