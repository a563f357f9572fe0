"""Poppler's word boxes: ``pdftotext -bbox-layout`` output read into pages, lines and words.

    <page width="595.3" height="841.9"><flow><block xMin=... yMin=... xMax=... yMax=...>
      <line xMin="62.7" yMin="166.0" xMax="432.1" yMax="192.8">
        <word xMin="62.7" yMin="166.0" xMax="213.4" yMax="192.8">Internationell</word> ...

→ ``[Page(width=595.3, height=841.9, lines=[Line(words=[Word("Internationell", 62.7, 166.0,
213.4, 192.8), ...], page=1, block=3, x0=62.7, ...), ...]), ...]`` in poppler's reading order
(y grows downwards; a line's height is about its font size). Characters XML does not allow
(control codes from a broken font) are dropped before parsing. `pdflayout` decides the rest.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

_NS = "{http://www.w3.org/1999/xhtml}"
_XML_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_BOX = ("xMin", "yMin", "xMax", "yMax")


@dataclass
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class Line:
    words: list[Word]
    page: int          # 1-based
    block: int         # poppler's block, numbered through the document
    x0: float = 0
    y0: float = 0
    x1: float = 0
    y1: float = 0
    band: bool = False
    reason: str | None = None     # why it is set aside, or None
    starts: bool = False          # opens a paragraph
    item: bool = False            # opens a list item
    bold: bool = False            # set in bold throughout (from pdftohtml's <b>, see `mark_bold`)
    attached: bool = False        # furniture in a band: written without blank lines around it

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def height(self) -> float:
        """The size it is set in: its words' median height (a superscript widens the line's box, not this)."""
        heights = sorted(w.y1 - w.y0 for w in self.words)
        return heights[len(heights) // 2]


@dataclass
class Page:
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)


def parse(xhtml: str) -> list[Page]:
    """Pages of `pdftotext -bbox-layout` output, lines in poppler's reading order (ET.ParseError
    for output that is no XML)."""
    root = ET.fromstring(_XML_BAD.sub("", xhtml))
    pages, block = [], 0
    for number, p in enumerate(root.iter(f"{_NS}page"), 1):
        page = Page(float(p.get("width")), float(p.get("height")))
        for b in p.iter(f"{_NS}block"):
            block += 1
            for ln in b.iter(f"{_NS}line"):
                words = [Word(w.text, *(float(w.get(k)) for k in _BOX))
                         for w in ln.iter(f"{_NS}word") if (w.text or "").strip()]
                if words:
                    page.lines.append(Line(words, number, block, *(float(ln.get(k)) for k in _BOX)))
        pages.append(page)
    return pages


def mark_bold(pages: list[Page], xml: str) -> None:
    """Mark the lines set in bold, from ``pdftohtml -xml -zoom 1`` output (its text runs, in points,
    with ``<b>`` where the font is bold): a line is bold when the runs across its middle are,
    nine tenths of their characters at least. Output that is no XML marks nothing."""
    try:
        root = ET.fromstring(_XML_BAD.sub("", xml))
    except ET.ParseError:
        return
    runs: dict[int, list[tuple[float, float, float, float, int, int]]] = {}
    for number, p in enumerate(root.iter("page"), 1):
        for t in p.iter("text"):
            every = "".join(t.itertext()).strip()
            bold = "".join("".join(b.itertext()) for b in t.iter("b")).strip()
            top, left = float(t.get("top", 0)), float(t.get("left", 0))
            runs.setdefault(number, []).append((top, top + float(t.get("height", 0)), left,
                                                left + float(t.get("width", 0)), len(bold), len(every)))
    for page in pages:
        for ln in page.lines:
            mid = (ln.y0 + ln.y1) / 2
            over = [r for r in runs.get(ln.page, []) if r[0] <= mid <= r[1] and r[2] < ln.x1 and r[3] > ln.x0]
            total = sum(r[5] for r in over)
            ln.bold = total > 0 and sum(r[4] for r in over) >= 0.9 * total
