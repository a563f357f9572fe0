"""Clauses: the restored documents cut into headings, sentences, list items and footnotes.

Identifiers follow the document's structure and never depend on wording (grammar in `ids`):
``strategi-3-2`` (heading), ``strategi-3-2-s4`` (sentence, counted across the section's
paragraphs), ``strategi-4-p2`` (list item), ``rapport-fn3`` (footnote).

A section starts at the raw line that `sources.yml` names for it; the first section (the title's),
when the layout sets that line aside, at the next line with text (a running header that was taken
for the title is mended by setting it aside, in one place). Inside a section a blank
line ends a paragraph, a bullet line or a numbered line (``1. text``) starts a list item, and
a paragraph is cut into sentences after ``.``, ``!`` or ``?`` (and any footnote reference) when
the next word begins with a capital. Footnote references ``[^N]`` are kept in `markdown` and
removed from `text`, the authors' words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policykit.clauses.ids import UNITS, Footnote, Heading
from policykit.sources.corrections import Corrections
from policykit.errors import PolicyError, Problem, at
from policykit.sources.layout import Layout
from policykit.sources.registry import REGISTRY, Document
from policykit.text import FOOTREF

_NUMBERED = re.compile(r"^(\d+)\.\s+(?=\S)")
# OCR capitals include | (for I); a sentence may also open with a quote or a parenthesis.
_BOUNDARY = re.compile(r"[.!?](?:\[\^\d+\])?(?=\s+[A-ZÅÄÖÉ|\"(])")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[^\W_]")


@dataclass
class Clause:
    id: str
    document: str
    municipality: str
    kind: str          # heading | sentence | item | footnote
    section: str
    line: int          # raw line where the clause starts
    ocr: str           # the OCR text after layout repair, before word repair
    text: str          # the restored text: the authors' words
    markdown: str      # the restored text with footnote references, as a page carries it
    footnotes: list[str] = field(default_factory=list)
    repairs: list[tuple[str, str]] = field(default_factory=list)
    list_marker: str = ""  # "-" or "1." for list items: how the source marks the item


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def split_sentences(paragraph: str) -> list[str]:
    cuts = [m.end() for m in _BOUNDARY.finditer(paragraph)]
    bounds = [0] + cuts + [len(paragraph)]
    return [_norm(paragraph[a:b]) for a, b in zip(bounds, bounds[1:]) if paragraph[a:b].strip()]


def _has_words(restored: str, ocr: str, line: int, doc: Document, where: str):
    """A clause's restored text must hold a word: OCR noise ("~ ~", ". . .") is no clause a page could carry."""
    if not _WORD.search(FOOTREF.sub("", restored)):
        raise PolicyError(Problem(where, f"raw line {line} of '{doc.id}' gives a clause without a word: {ocr!r}",
                                  "remove the OCR noise with a 'noise' entry, or point the section at its heading"))


def _first_line(doc: Document, lines: list) -> int:
    """Where the first section (the title's) starts: its line, or, when the layout set that line aside
    (a running header taken for the title), the document's next line with text, the title itself."""
    first = doc.sections[0]
    if any(ln.no == first.line for ln in lines):
        return first.line
    after = next((ln.no for ln in lines if ln.no > first.line and ln.text.strip()), None)
    limit = doc.sections[1].line if len(doc.sections) > 1 else doc.last + 1
    return after if after is not None and after < limit else first.line


def segment(doc: Document, layout: Layout, corrections: Corrections, where: str) -> list[Clause]:
    lines = [ln for ln in layout.lines if doc.first <= ln.no <= doc.last]
    starts = {s.line: s.key for s in doc.sections[1:]}
    starts[_first_line(doc, lines)] = doc.sections[0].key
    present = {ln.no for ln in lines}
    registry = at(REGISTRY.as_posix(), doc.line)
    for line, key in sorted(starts.items()):
        if line not in present:
            raise PolicyError(Problem(registry, f"section '{key}' of '{doc.id}' starts at raw line {line}, which the "
                                      f"layout repairs of {where} take out of the text (set aside, or joined to "
                                      "another line)", "point the section at its heading's own line in "
                                      "sources/sources.yml, or delete the section if there is no heading there"))
        if not next(ln for ln in lines if ln.no == line).text.strip():
            raise PolicyError(Problem(where, f"section '{key}' of '{doc.id}' starts at raw line {line}, "
                                      "which holds no heading after layout repair",
                                      "point the section at its heading line in sources/sources.yml"))
    clauses: list[Clause] = []
    counters: dict[tuple[str, str], int] = {}
    section: str | None = None
    block: list = []  # [kind, first_line, [texts], list_marker]

    def emit(kind: str, line: int, ocr: str, list_marker: str = ""):
        ocr = _norm(ocr)
        if kind == "heading":
            cid = Heading.format(doc.id, section)
        else:
            n = counters[(section, kind)] = counters.get((section, kind), 0) + 1
            cid = UNITS[kind].format(doc.id, section, n)
        markdown, changes = corrections.apply(ocr)
        _has_words(markdown, ocr, line, doc, where)
        refs = [Footnote.format(doc.id, n) for n in FOOTREF.findall(markdown)]
        clauses.append(Clause(cid, doc.id, doc.municipality, kind, section, line, ocr,
                              _norm(FOOTREF.sub("", markdown)), _norm(markdown), refs, changes, list_marker))

    def close():
        if block:
            kind, line, texts, marker = block
            if kind == "item":
                emit("item", line, " ".join(texts), marker)
            else:
                para = " ".join(texts)
                for sentence in split_sentences(para):
                    emit("sentence", line, sentence)
            block.clear()

    for ln in lines:
        text = ln.text.strip()
        if ln.no in starts:
            close()
            section = starts[ln.no]
            emit("heading", ln.no, text)
            continue
        if not text:
            close()
            continue
        if section is None:
            raise PolicyError(Problem(where, f"raw line {ln.no} of '{doc.id}' stands before its first section",
                                      "start the document's first section at or before that line"))
        numbered = _NUMBERED.match(text)
        if ln.bullet or numbered:
            close()
            if numbered and not ln.bullet:
                block[:] = ["item", ln.no, [text[numbered.end():]], numbered.group(1) + "."]
            else:
                block[:] = ["item", ln.no, [text], "-"]
        elif ln.new_paragraph or not block:
            close()
            block[:] = ["para", ln.no, [text], ""]
        else:
            block[2].append(text)
    close()

    by_marker = {}
    for c in clauses:
        for ref in c.footnotes:
            by_marker[ref] = c
    for note in layout.footnotes:
        if not doc.first <= note.marker_line <= doc.last:
            continue
        fid = Footnote.format(doc.id, note.number)
        if fid not in by_marker:
            raise PolicyError(Problem(where, f"footnote {note.number} of '{doc.id}' has no reference in any clause",
                                      "check the footnote's marker entry"))
        text, changes = corrections.apply(_norm(note.ocr))
        _has_words(text, note.ocr, note.line, doc, where)
        clauses.append(Clause(fid, doc.id, doc.municipality, "footnote", by_marker[fid].section, note.line,
                              _norm(note.ocr), _norm(text), _norm(text), [], changes))
    return clauses
