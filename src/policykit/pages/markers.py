"""The one grammar of the project's markers, and the one list of markers it knows.

A marker is an HTML comment, so a raw Markdown preview stays clean::

    <!-- clause: strategi-4-p2 -->Om ett samarbetsavtal ingås ...   one clause of policy text
    <!-- ref: strategi-4-p2 -->                                     a citation of one clause
    <!-- principles -->                                             the principles (docs/data/principles.yml)
    <!-- responsibilities: by-body -->  / by-area                   who does what (responsibilities.yml)
    <!-- comparison -->                                             the comparison (comparison.yml)
    <!-- glossary -->                                               the glossary (glossary.yml)
    <!-- municipalities -->                                         every municipality and its documents
    <!-- traceability -->                                           the checker's report, clause by clause
    <!-- ocr-repairs -->                                            the recorded OCR repairs
    <!-- status: strategi -->                                       a document's standing (sources.yml status)
    <!-- statement: publisher -->  / feedback                       the accessibility statement's facts (mkdocs.yml)
    <!-- fields: comparison.json -->                                what each field of a published data file means

Any comment of the shape ``<!-- name -->`` or ``<!-- name: value -->`` (a lower-case name) is a
marker; markers inside code (fenced or inline) are examples, not markers. `problems` is the one
judgement of a marker: the checker reports what it returns, and the build refuses to render a
marker it returns anything for, so both accept and refuse exactly the same markers. A comment
of another shape (``<!-- TODO: ... -->`` in capitals, prose without a colon) is an ordinary comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykit.errors import Problem, at, use_existing

# Linear: the value stops at the first "-->" and never spans another comment's opening.
PATTERN = re.compile(r"<!--\s*([a-z][a-z-]*)(?::\s*((?:(?!<!--|-->).)*?))?\s*-->")
_FENCE = re.compile(r"^\s*(```|~~~)")
_INLINE_CODE = re.compile(r"(?<!\\)(`+)(.+?)\1")  # "\`" is a backtick, no code

# name -> the values it takes: "id" (one clause id), a tuple of words, or None (no value).
KNOWN: dict[str, object] = {
    "clause": "id", "ref": "id", "responsibilities": ("by-body", "by-area"),
    "principles": None, "comparison": None, "glossary": None, "municipalities": None,
    "traceability": None, "ocr-repairs": None, "statement": ("publisher", "feedback"),
    "status": "document",
    "fields": ("clauses.json", "principles.json", "responsibilities.json", "comparison.json", "glossary.json",
               "comparison.csv", "responsibilities.csv"),  # render/datafields.py (its VALUES)
}
CONVENTIONS = "see docs/konventioner.md"


@dataclass(frozen=True)
class Marker:
    name: str
    value: str | None
    start: int      # offsets in the page's text
    end: int
    line: int

    @property
    def text(self) -> str:
        """The marker as written, without spaces (what the translation check compares)."""
        return f"<!--{self.name}" + (f":{self.value}" if self.value is not None else "") + "-->"


def mask_code(text: str) -> str:
    """`text` with fenced and inline code blanked out (same length, newlines kept).

    Markers shown as examples in code are not markers; searching the masked text and
    editing the original at the same offsets keeps them untouched.
    """
    out, fenced = [], False
    for line in text.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
            out.append(" " * len(line))
        elif fenced:
            out.append(" " * len(line))
        else:
            out.append(_INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line))
    return "\n".join(out)


def find(text: str, masked: str | None = None) -> list[Marker]:
    """Every marker of a page, in order (`masked`: the page's `mask_code`, when already made)."""
    masked = mask_code(text) if masked is None else masked
    out, line, pos = [], 1, 0
    for m in PATTERN.finditer(masked):
        line += masked.count("\n", pos, m.start())
        pos = m.start()
        value = m.group(2)
        out.append(Marker(m.group(1), value.strip() if value is not None else None, m.start(), m.end(), line))
    return out


def problems(marker: Marker, where: str, clause_ids) -> list[Problem]:
    """What is wrong with one marker ([] when it is a marker the build renders)."""
    loc = at(where, marker.line)
    spec = KNOWN.get(marker.name, "unknown")
    if spec == "unknown":
        return [Problem(loc, f"unknown marker '{marker.name}'", f"use one of {', '.join(sorted(KNOWN))} ({CONVENTIONS})")]
    if spec == "id":
        if not marker.value:
            return [Problem(loc, f"marker '{marker.name}' names no clause", f"write <!-- {marker.name}: ID -->")]
        if len(marker.value.split()) > 1:
            return [Problem(loc, f"marker '{marker.name}' takes one clause id, not {marker.value!r}",
                            f"write one <!-- {marker.name}: ID --> per clause")]
        if marker.value not in clause_ids:
            return [Problem(loc, f"unknown clause id {marker.value!r}", use_existing(marker.value, clause_ids))]
        return []
    if spec == "document":
        documents = {getattr(c, "document", None) for c in getattr(clause_ids, "values", lambda: [])()}
        if marker.value not in documents:
            return [Problem(loc, f"marker '{marker.name}' names no document of sources/sources.yml: {marker.value!r}",
                            use_existing(marker.value or "", sorted(d for d in documents if d)))]
        return []
    if spec is None:
        if marker.value is not None:
            return [Problem(loc, f"marker '{marker.name}' takes no value", f"write <!-- {marker.name} -->")]
        return []
    if marker.value not in spec:
        return [Problem(loc, f"unknown {marker.name} view {marker.value!r}",
                        "write " + " or ".join(f"<!-- {marker.name}: {v} -->" for v in spec))]
    return []
