"""A scanned page read with tesseract's own structure: its TSV output, measured.

    tesseract PAGE.png - -l swe --dpi N tsv
    level page_num block_num par_num line_num word_num left top width height conf text
    5     1        3         1       2        1        1666 475 234   39     96.5 Handläggare

Every level-5 row is a word with its box in pixels. From the boxes this module decides, with
lines grouped as tesseract grouped them (block, paragraph, line) and split where a wide gap shows
two columns side by side (a letterhead's sender and date):

    specks       the page image goes through a 3-pixel median filter first (`despeckle`)
    skew         the median slope of the lines' baselines; boxes are sheared level before anything
                 is measured, so a page turned 1-2 degrees reads like a straight one
    size         each line's em, from its words' heights and which of them rise or descend
                 ("mål" rises, "av" neither, "gång" both); the body size is the median word's
    paragraphs   a new paragraph where the baseline step is clearly larger than the page's usual
                 one, where a line is indented after a finished sentence, or where a list starts
                 or ends; tesseract's own block and paragraph breaks count only with that evidence,
                 and a page or block edge never breaks a sentence that goes on
    margins      lines in the top or foot margin, set apart by a gap or smaller type: page numbers
                 and running headers and footers (``aside``, by position)
    specks       a lone mark with no letter or digit at a line's edge, or a line of them: noise
    title        on page 1, the tallest lines above the first body text (joined when it wraps)
    headings     a paragraph of one or two lines taller than the body, or one short line standing
                 alone that ends without punctuation and starts with a capital or a number
    list items   a glyph or number before text that hangs to its right (a hanging indent); a
                 stray "." at the margin before ordinary text is no list

`read(pages)` returns the pages' texts (lines in reading order, a blank line between paragraphs)
and a `Reading` of them; the letterhead, address and contact lines are found by
`intake.furniture`'s text cues on the same text and added to ``aside``.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from policykit.intake.furniture import BULLET_GLYPHS, PAGE_NUMBER, SetAside, furniture
from policykit.intake.reading import Reading

RISE = re.compile(r"[A-ZÅÄÖÉ0-9bdfhkltåäöéi!?/§%&()\[\]{}|'\"]")
DESCEND = re.compile(r"[gjpqy,;()§$\[\]{}|Q]")
MARKER = re.compile(r"^(?:\d{1,2}[.,:)]|[a-zA-Z][.)]|[^\w\s.,:;'\"`´‘’“”]{1,2})$")   # "3," and "2:" are "3." and "2." misread
SENTENCE_END = re.compile(r"[.!?:]['\")»]?$")
QUOTES = "\"'“”‘’„»«"
NO_TEXT = re.compile(r"^[^\wåäöÅÄÖ§%]*$")
MARGIN = 0.085          # share of the page height at the top and the foot where running lines are printed
BREAK = 1.22            # a baseline step this much over the usual one opens a paragraph
TALLER = 1.12           # a heading's em over the body's
COLUMN_GAP = 2.5        # ems between two words that show two columns on one line
_MAILISH = re.compile(r"\w[\w.-]*\S{1,2}[\w-]+\.(?:se|nu|com|org|net|eu)\b", re.I)
PERSONAL = {"contact", "address", "letterhead", "signature"}   # furniture that may name or reach a person


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


def read(pages: list[Page]) -> list[tuple[str, Reading]]:
    """Each page's text (lines in reading order, a blank line between paragraphs) and its Reading
    (line numbers from the page's first line; `combine` makes them the document's)."""
    body = _body_em(pages)
    for page in pages:
        _clean(page, body)
        _margins(page, body)
    normal = _usual_step(pages, body)
    columns = {p.number: _column(p, body) for p in pages}
    prev = None
    for page in pages:
        for line in (ln for ln in page.lines if not ln.aside):
            _paragraph(line, prev, normal, columns[page.number], body)
            prev = line
    title = _title(pages, body)
    headings = _headings(pages, body, normal, columns, title)
    return _render(pages, title, headings)


def _body_em(pages: list[Page]) -> float:
    sizes = [w.em() for p in pages for ln in p.lines for w in ln.words if sum(c.isalpha() for c in w.text) >= 3]
    return statistics.median(sizes) if sizes else 1.0


def _clean(page: Page, body: float) -> None:
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
                _marker_shape(words[0], body) and not NO_TEXT.match(words[1].text)):
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


def _marker_shape(w: Word, body: float) -> bool:
    """A list marker's glyph: a bullet or dash of some size, or a number; never a dot or speck."""
    return bool(MARKER.match(w.text) or w.text in BULLET_GLYPHS) and (w.height >= 0.2 * body or
                                                                      w.right - w.left >= 0.3 * body)


def _margins(page: Page, body: float) -> None:
    """Lines in the top or foot margin, set apart by a gap or smaller type: running lines and page numbers."""
    lines = sorted(page.lines, key=lambda ln: ln.top)
    for edge, candidates in (("top", lines), ("foot", lines[::-1])):
        for i, line in enumerate(candidates):
            inside = line.bottom < MARGIN * page.height if edge == "top" else line.top > (1 - MARGIN) * page.height
            if not inside:
                break
            nxt = next((c for c in candidates[i + 1:] if not (c.top < line.bottom and c.bottom > line.top)), None)
            gap = (nxt.top - line.bottom if edge == "top" else line.top - nxt.bottom) if nxt else page.height
            if gap > 1.5 * body or line.em < 0.9 * body:
                for c in candidates[:i + 1]:  # everything further out goes with it
                    c.aside = "page-number" if PAGE_NUMBER.match(c.text.strip()) else "running"


def _usual_step(pages: list[Page], body: float) -> float:
    steps = []
    for page in pages:
        lines = [ln for ln in page.lines if not ln.aside]
        for a, b in zip(lines, lines[1:]):
            step = b.baseline - a.baseline
            if abs(a.em - body) < 0.12 * body and abs(b.em - body) < 0.12 * body and 0.8 * body < step < 3 * body:
                steps.append(step)
    return statistics.median(steps) if steps else 1.4 * body


def _column(page: Page, body: float) -> tuple[float, float]:
    """The body text's left and right edges on the page (its full lines)."""
    full = [ln for ln in page.lines if not ln.aside and len(ln.words) >= 5 and abs(ln.em - body) < 0.15 * body]
    if not full:
        return (min((ln.left for ln in page.lines), default=0.0), max((ln.right for ln in page.lines), default=0.0))
    lefts, rights = sorted(ln.left for ln in full), sorted(ln.right for ln in full)
    return lefts[len(lefts) // 5], rights[len(rights) * 4 // 5]


def _paragraph(line: Line, prev: Line | None, normal: float, column: tuple[float, float], body: float) -> None:
    """Mark where a paragraph and a list item start, from spacing, indent and the list's hanging indent."""
    left_edge = column[0]
    words = line.words
    if len(words) > 1 and _marker_shape(words[0], body) and words[1].left - words[0].right > 0.5 * body \
            and words[1].left > left_edge + 0.8 * body and words[0].left > left_edge - 0.6 * body:
        line.item = line.starts = True
        line.hang = words[1].left
        return
    if prev is None:
        line.starts = True
        return
    if prev.page != line.page:  # a page edge breaks no sentence: the paragraph goes on
        line.starts = bool(SENTENCE_END.search(prev.text)) and not line.text[:1].islower()
        return
    step = line.baseline - prev.baseline
    scale = max((line.em + prev.em) / 2, body) / body
    if step > BREAK * normal * scale or step < 0.5 * normal:  # a gap, or a line beside the last (another column)
        line.starts = True
    elif prev.hang:
        # Under an item's text it goes on; back at the margin (nearer it than the text), the list has ended.
        line.starts = line.left < (left_edge + prev.hang) / 2 or line.left > prev.hang + 2 * body
        line.hang = 0.0 if line.starts else prev.hang
    elif abs(line.em - prev.em) > 0.25 * body and min(len(line.words), len(prev.words)) >= 3:
        # Another size of type: another block (after a title). A short line's size is too unsure to tell.
        line.starts = True
    elif SENTENCE_END.search(prev.text) and line.left > prev.left + 0.9 * body and line.text[:1].isupper() \
            and prev.right < column[1] - 2 * body:
        line.starts = True   # a first-line indent after a finished sentence
    line.item = False


def _title(pages: list[Page], body: float) -> list[Line]:
    """Page 1's tallest lines before the body text starts (joined when they wrap)."""
    if not pages or pages[0].number != 1:
        return []
    lines = [ln for ln in pages[0].lines if not ln.aside and ln.top < 0.45 * pages[0].height]
    big = [ln for ln in lines if ln.em >= 1.3 * body and not _cued(ln.text)]
    if not big:
        return []
    top = max(big, key=lambda ln: ln.em)
    out = [top]
    for ln in lines[lines.index(top) + 1:]:
        if ln.starts or abs(ln.em - top.em) > 0.15 * top.em:
            break
        out.append(ln)
    return out


def _cued(text: str) -> bool:
    """Furniture by its words alone (the sender's name, a date), which a title never is."""
    _, aside = furniture(text)
    return bool(aside)


def _headings(pages, body, normal, columns, title) -> list[Line]:
    """Lines that open a paragraph and are a heading by size, or by standing alone short."""
    out = []
    lines = [ln for p in pages for ln in p.lines if not ln.aside]
    for i, line in enumerate(lines):
        if not line.starts or line.item or line in title:
            continue
        head = [line]
        taller = line.em >= TALLER * body
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if taller and nxt and not nxt.starts and not nxt.item and abs(nxt.em - line.em) < 0.08 * body \
                and not re.search(r"[.,;:!?]$", line.text):
            head.append(nxt)   # a heading that wraps
            nxt = lines[i + 2] if i + 2 < len(lines) else None
        text = " ".join(ln.text for ln in head)
        if not re.match(r"[A-ZÅÄÖ0-9]", text) or re.search(r"[.,;:!?]$", text) or len(text.split()) > 12:
            continue
        if re.search(r"\d{4}-\d{2}-\d{2}", text):
            continue   # a line with a date is a decision or a letterhead, not a heading
        if _cued(text):
            continue
        left, right = columns[line.page]
        alone = len(head) == 1 and (nxt is None or nxt.starts or nxt.page != line.page
                                    or nxt.baseline - line.baseline > 1.08 * normal)
        short = line.right < right - 0.25 * (right - left) and line.em > 0.97 * body  # no smaller than the body
        if taller or (alone and short):
            out.append(line)
            if nxt is not None:
                nxt.starts = True   # the text under a heading is a paragraph of its own
    return out


def _render(pages: list[Page], title: list[Line], headings: list[Line]) -> list[tuple[str, Reading]]:
    """Each page's text and its Reading, numbered from the page's first line."""
    out_pages, first = [], True
    for page in pages:
        out: list[str] = []
        reading = Reading()
        for line in sorted(page.lines, key=_order(page)):
            if line.starts and not line.aside and not first and out and out[-1] != "":
                out.append("")
            out.append(line.text)
            no = len(out)
            if line.aside:
                reading.aside.append(SetAside(no, page.number, line.text, line.aside))
                continue
            first = False
            if line in title:
                reading.title.append(no)
            elif line in headings:
                reading.headings.append(no)
            elif line.item:
                reading.items.append(no)
        out_pages.append(("\n".join(out) + "\n", reading))
    return out_pages


def combine(texts: list[str], scanned: dict[int, Reading]) -> Reading:
    """One Reading of a whole PDF from the Readings of its OCR'd pages (0-based index: page-local
    numbers), with what `intake.furniture` finds by the words on those pages added to ``aside``.

    The texts are joined as `pdf.read_pdf` joins them: pages ended by a newline, separated by "\\f"."""
    whole = "\f".join(t.rstrip("\n") + "\n" for t in texts).rstrip("\n") + "\n"
    out, offset, mine = Reading(), 0, set()
    for i, text in enumerate(texts):
        count = (text.rstrip("\n") + "\n").count("\n")
        if i in scanned:
            r = scanned[i]
            out.title += [offset + n for n in r.title]
            out.headings += [offset + n for n in r.headings]
            out.items += [offset + n for n in r.items]
            out.paragraphs += [offset + n for n in r.paragraphs]
            out.aside += [SetAside(offset + s.line, s.page, s.text, s.reason) for s in r.aside]
            mine |= set(range(offset + 1, offset + count + 1))
        offset += count
    _, cued = furniture(whole)
    # The words' reason wins where it says more than the position: a footer with a phone number is
    # contact (withheld from downloads), not just a running line.
    by_words = {s.line: s.reason for s in cued if s.line in mine and s.reason != "bullet"}
    placed = {s.line for s in out.aside}
    for s in out.aside:
        if by_words.get(s.line) in PERSONAL:
            s.reason = by_words[s.line]
    out.aside += [s for s in cued if s.line in by_words and s.line not in placed]
    # An e-mail address whose "@" the OCR made something furniture does not know ("erik.holm(Dasbro.se"),
    # next to a contact line: contact too.
    lines = whole.split("\n")
    contact = {s.line for s in out.aside if s.reason == "contact"}
    done = {s.line for s in out.aside}
    for no in sorted(contact):
        for near in (no - 1, no + 1):
            if near in mine and near not in done and _MAILISH.search(lines[near - 1]):
                page = 1 + "\n".join(lines[:near]).count("\f")
                out.aside.append(SetAside(near, page, lines[near - 1].replace("\f", ""), "contact"))
                done.add(near)
    out.aside.sort(key=lambda s: s.line)
    out.aside.sort(key=lambda s: s.line)
    gone = {s.line for s in out.aside}
    out.title = [n for n in out.title if n not in gone]
    out.headings = [n for n in out.headings if n not in gone]
    out.items = [n for n in out.items if n not in gone]
    return out


def _order(page: Page):
    """Tesseract's reading order, with the top margin first and the foot margin last."""
    index = {id(ln): i for i, ln in enumerate(page.lines)}

    def key(line: Line):
        band = 0 if line.aside and line.top < page.height / 2 else 2 if line.aside else 1
        return band, index[id(line)]
    return key
