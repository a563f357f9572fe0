"""Reading the prose of pages and data files for the claims and terms checks.

`page_sentences(text)` yields ``(line, sentence)`` for the running text of a Markdown page:
paragraphs, list items and admonition bodies, split at sentence ends, with headings,
admonition titles, tables and code left out. A sentence keeps its ``<!-- ref: ID -->``
markers, so a check can ask which clause it cites.

`data_texts(project)` yields every human-readable text of docs/data/*.yml as
``(file, line, lang, record path, text)``, with the line the text stands on.
"""

from __future__ import annotations

import re
from pathlib import Path

from policykit.datafile import LINE
from policykit.errors import PolicyError
from policykit.pages.markers import mask_code

DOCS = Path("docs")

REF = re.compile(r"<!--\s*ref:\s*([\w-]+)\s*-->")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+(?:\[[ xX]\]\s+)?")
_SKIP = re.compile(r"^\s*(?:#|\||!!!|\?\?\?|<div|</div|\[\^|-{3,}$|<!--\s*[a-z-]+(?::[^>]*)?-->\s*$)")
_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(*\[]?[A-ZÅÄÖ0-9])")
DATA = Path("docs") / "data"
# Data files that describe the checks themselves, not the documents.
NOT_PROSE = {"kinds.yml", "terms.yml", "modal-exceptions.yml"}


def page_sentences(text: str):
    """``(line, sentence)`` for each sentence of running text on a page."""
    masked = mask_code(text)
    block: list[tuple[int, str]] = []

    def flush():
        if not block:
            return
        joined, starts = "", []
        for line, part in block:
            starts.append((len(joined), line))
            joined += part.strip() + " "
        pos = 0
        for piece in _END.split(joined):
            start = joined.find(piece, pos)
            pos = start + len(piece)
            line = max(ln for off, ln in starts if off <= max(start, 0))
            if piece.strip():
                yield line, piece.strip()
        block.clear()

    for number, line in enumerate(masked.split("\n"), 1):
        if not line.strip() or _SKIP.match(line):
            yield from flush()
            continue
        item = _ITEM.match(line)
        if item:
            yield from flush()
            line = line[item.end():]
        block.append((number, line))
    yield from flush()


def refs(sentence: str) -> list[str]:
    return REF.findall(sentence)


def plain(sentence: str) -> str:
    """The sentence without markers and Markdown link targets, for word matching."""
    s = _uncomment(sentence)
    s = re.sub(r"\]\([^)]*\)", "]", s)
    return s


def _uncomment(text: str) -> str:
    """``<!-- ... -->`` (on one line) replaced by a blank, in linear time: a regex would rescan the
    rest of a line for every unclosed ``<!--`` (a megabyte of them: test_hostile_input)."""
    out, pos = [], 0
    while True:
        start = text.find("<!--", pos)
        end = text.find("-->", start + 4) if start >= 0 else -1
        if end < 0:
            break  # no '-->' after this opening: none after a later one either
        newline = text.find("\n", start, end)
        if newline >= 0:  # a comment does not span lines: look again from the next line
            out.append(text[pos:newline + 1])
            pos = newline + 1
            continue
        out.append(text[pos:start] + " ")
        pos = end + 3
    out.append(text[pos:])
    return "".join(out)


def load(project, name: str) -> dict | None:
    """A data file with line numbers, read once by the project model (`Project.data_file`), or None
    when it is missing or malformed (datasets reports that)."""
    if not (project.root / DATA / name).exists():
        return None
    try:
        data = project.data_file(name)
    except PolicyError:
        return None
    return data if isinstance(data, dict) else None


def find_line(lines: list[str], start: int | None, text: str) -> int | None:
    """The line (from `start` on) that holds the beginning of `text`, else `start`."""
    probe = text.strip()[:40]
    for i in range((start or 1) - 1, len(lines)):
        if probe and probe in lines[i]:
            return i + 1
    return start


def data_texts(project):
    """``(file, line, lang, path, text)`` for every bilingual text in docs/data/*.yml."""
    for path in sorted((project.root / DATA).glob("*.yml")):
        if path.name in NOT_PROSE:
            continue
        data = load(project, path.name)
        if data is None:
            continue
        lines = project.data_lines(path.name)
        shown = (DATA / path.name).as_posix()
        yield from _walk(data, shown, lines, (), None)


def _walk(value, shown, lines, trail, line):
    if isinstance(value, dict):
        line = value.get(LINE, line)
        if set(value) - {LINE} <= {"sv", "en"} and all(isinstance(value.get(k), str) for k in ("sv", "en")):
            for lang in ("sv", "en"):
                yield shown, find_line(lines, line, value[lang]), lang, trail, value[lang]
            return
        for key, sub in value.items():
            if key != LINE and key not in ("forms", "id", "clauses", "clause", "basis"):
                yield from _walk(sub, shown, lines, trail + (key,), line)
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            yield from _walk(sub, shown, lines, trail + (i,), line)


def guidance_pages(root, model):
    """(path, language) of every page that is not a document's own page (nor its English twin)."""
    sources = {doc.page[:-3] for doc in model.documents.values()}
    for path in sorted((Path(root) / DOCS).rglob("*.md")):
        rel = path.relative_to(Path(root) / DOCS).as_posix()
        lang = "en" if rel.endswith(".en.md") else "sv"
        stem = rel[: -len(".en.md")] if lang == "en" else rel[:-3]
        if stem not in sources:
            yield path, lang


# --- document status ------------------------------------------------------------------------
