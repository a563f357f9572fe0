"""A scanned page as tesseract reads it: the words of its TSV output, with their boxes measured.

    tesseract PAGE.png - -l swe --dpi N tsv
    level page_num block_num par_num line_num word_num left top width height conf text
    1     1        0         0       0        0        0    0   2481  3508   -1
    5     1        3         1       2        1        1666 475 234   39     96.5 Handläggare

Every level-5 row is a word with its box in pixels (the level-1 row gives the page's size).
`parse(tsv, page)` groups the words into lines as tesseract grouped them (block, paragraph,
line) and measures what `intake.scan_layout` decides from:

    specks   before OCR the page image goes through a 3-pixel median filter (`despeckle`); after
             it, a lone mark with no letter or digit at a line's edge, set off by a gap or smaller
             than a comma, goes, and so does a quote mark opening a line that no quote mark closes
             (`clean`)
    skew     the median slope of the lines' flat word bottoms; every box is sheared level by it, so
             a page turned 1-2 degrees measures like a straight one
    columns  a line is split where two words stand over `COLUMN_GAP` ems apart (a letterhead's
             sender and date, a running header and its page number)
    size     a word's em from its height and whether it rises or descends ("av" neither, "mål"
             rises, "gång" both: x-height 0.46 em, 0.22 em each way); a line's em is its words'
             median, the body's the median word's (`body_em`)
    baseline a line's: the median bottom of its words without descenders
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from policykit.intake.furniture import BULLET_GLYPHS

RISE = re.compile(r"[A-ZÅÄÖÉ0-9bdfhkltåäöéi!?/§%&()\[\]{}|'\"]")
DESCEND = re.compile(r"[gjpqy,;()§$\[\]{}|Q]")
MARKER = re.compile(r"^(?:\d{1,2}[.,:)]|[a-zA-Z][.)]|[^\w\s.,:;'\"`´‘’“”]{1,2})$")   # "3," and "2:" are "3." and "2." misread
QUOTES = "\"'“”‘’„»«"
NO_TEXT = re.compile(r"^[^\wåäöÅÄÖ§%]*$")
COLUMN_GAP = 2.5        # ems between two words that show two columns on one line


@dataclass
class Word:
    text: str
    left: float
    top: float
    right: float
    bottom: float
    conf: float

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def em(self) -> float:
        """The font size the box implies: x-height 0.46 em, ascent 0.22 em over it, descent 0.22 em."""
        factor = 0.46 + 0.22 * bool(RISE.search(self.text)) + 0.22 * bool(DESCEND.search(self.text))
        return self.height / factor


@dataclass
class Line:
    words: list[Word]
    key: tuple[int, int, int]       # tesseract's (block, paragraph, line)
    page: int
    aside: str | None = None        # a reason, when the position shows furniture
    starts: bool = False            # opens a paragraph
    item: bool = False              # opens a list item
    hang: float = 0.0               # in a list item: where its text starts (the hanging indent)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def left(self) -> float:
        return self.words[0].left

    @property
    def right(self) -> float:
        return self.words[-1].right

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def baseline(self) -> float:
        flat = [w.bottom for w in self.words if not DESCEND.search(w.text)]
        return statistics.median(flat) if flat else self.bottom - 0.2 * (self.bottom - self.top)

    @property
    def em(self) -> float:
        sized = [w.em() for w in self.words if sum(c.isalnum() for c in w.text) >= 2] or [w.em() for w in self.words]
        return statistics.median(sized)


@dataclass
class Page:
    number: int
    width: int
    height: int
    lines: list[Line] = field(default_factory=list)
    dpi: int = 300


def despeckle(image: Path) -> None:
    """A 3-pixel median filter over the page image, in place: toner specks of a pixel or two go, strokes
    stay. On tests/fixtures/documents/scan-skewed it turns "trikt", "naden", "inedlén" back into
    "rikt", "marknader", "medlen"; a clean scan reads the same."""
    from PIL import Image, ImageFilter   # Pillow (WeasyPrint's own dependency, pinned)
    with Image.open(image) as img:
        cleaned = img.filter(ImageFilter.MedianFilter(3))
    cleaned.save(image)


def parse(tsv: str, number: int) -> Page:
    """tesseract's TSV of one page as lines of words, levelled and split into columns."""
    rows = [r.split("\t") for r in tsv.splitlines()[1:]]
    size = next(((int(r[8]), int(r[9])) for r in rows if len(r) >= 12 and r[0] == "1"), (0, 0))
    grouped: dict[tuple[int, int, int], list[Word]] = {}
    for r in rows:
        if len(r) < 12 or r[0] != "5" or not r[11].strip():
            continue
        left, top, width, height = (float(v) for v in r[6:10])
        grouped.setdefault((int(r[2]), int(r[3]), int(r[4])), []).append(
            Word(r[11].strip(), left, top, left + width, top + height, float(r[10])))
    slope = _skew(list(grouped.values()))
    page = Page(number, *size)
    for key, words in grouped.items():
        for w in words:  # level the page: shear each box by the skew at its centre
            dy = slope * (w.left + w.right) / 2
            w.top, w.bottom = w.top - dy, w.bottom - dy
        page.lines += [Line(part, key, number) for part in _columns(words)]
    return page


def _skew(lines: list[list[Word]]) -> float:
    """The median slope of the lines' flat word bottoms (0 when no line has enough words)."""
    slopes = []
    for words in lines:
        pts = [((w.left + w.right) / 2, w.bottom) for w in words if not DESCEND.search(w.text) and len(w.text) > 1]
        if len(pts) < 4:
            continue
        mx, my = statistics.fmean(p[0] for p in pts), statistics.fmean(p[1] for p in pts)
        sxx = sum((x - mx) ** 2 for x, _ in pts)
        if sxx:
            slopes.append(sum((x - mx) * (y - my) for x, y in pts) / sxx)
    return statistics.median(slopes) if slopes else 0.0


def _columns(words: list[Word]) -> list[list[Word]]:
    """A line split where two words stand further apart than `COLUMN_GAP` ems (two columns)."""
    em = statistics.median(w.em() for w in words)
    parts = [[words[0]]]
    for a, b in zip(words, words[1:]):
        if b.left - a.right > COLUMN_GAP * em:
            parts.append([])
        parts[-1].append(b)
    return parts


def body_em(pages: list[Page]) -> float:
    sizes = [w.em() for p in pages for ln in p.lines for w in ln.words if sum(c.isalpha() for c in w.text) >= 3]
    return statistics.median(sizes) if sizes else 1.0


def clean(page: Page, body: float) -> None:
    """Specks out: a lone mark with no letter or digit at a line's edge, set off by a gap or smaller
    than a comma, and lines of nothing else."""
    def speck(w: Word, gap: float) -> bool:
        return bool(NO_TEXT.match(w.text)) and (gap > body or max(w.height, w.right - w.left) < 0.3 * body)

    kept = []
    for line in page.lines:
        words = line.words
        while len(words) > 1 and speck(words[-1], words[-1].left - words[-2].right):
            words = words[:-1]
        while len(words) > 1 and speck(words[0], words[1].left - words[0].right) and not (
                marker_shape(words[0], body) and not NO_TEXT.match(words[1].text)):
            words = words[1:]
        line.words = words
        if not NO_TEXT.match(line.text):
            kept.append(line)
    page.lines = kept
    for i, line in enumerate(kept):   # a quote mark opening a line that no quote mark closes is a speck
        first = line.words[0]
        later = " ".join([line.text[len(first.text):]] + [ln.text for ln in kept[i + 1:i + 3]])
        if first.text[:1] in QUOTES and first.text[1:2].isalpha() and not any(q in later for q in QUOTES):
            first.text = first.text[1:]


def marker_shape(w: Word, body: float) -> bool:
    """A list marker's glyph: a bullet or dash of some size, or a number; never a dot or speck."""
    return bool(MARKER.match(w.text) or w.text in BULLET_GLYPHS) and (w.height >= 0.2 * body or
                                                                      w.right - w.left >= 0.3 * body)
