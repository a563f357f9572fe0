"""What a scanned page's measured lines (`intake.ocr`) show: paragraphs, title, headings, list
items and what is printed around the text, decided from their positions and sizes.

    paragraphs   a new paragraph where the baseline step is over `BREAK` times the usual one, where
                 a line is indented after a finished sentence, where the type changes size (after a
                 title), or where a list starts or ends; tesseract's own block and paragraph breaks
                 count only with that evidence, and a page edge never breaks a sentence that goes on
    margins      lines in the top or foot `MARGIN` of the page, set apart by a gap or smaller type:
                 page numbers and running headers and footers (``aside``, by position)
    title        on page 1, the tallest lines (1.3 times the body or more) in its upper part that are
                 no furniture by their words, joined when they wrap
    headings     a line that opens a paragraph and is `TALLER` than the body (with its wrapped second
                 line), or a short line of body size or more standing alone (a larger step to the
                 next line), that ends without punctuation, starts with a capital or a number and
                 holds no date
    list items   a glyph or number before text that hangs to its right (a hanging indent); lines
                 under the item's text go on with it; a stray "." or a speck is no marker

`read(pages)` gives each page's text (lines in tesseract's reading order, the top margin first and
the foot last, a blank line before every paragraph) and its `Reading`; `combine(texts, readings)`
makes them one Reading of the PDF, with the letterhead, address, contact and signature lines that
`intake.furniture` finds by their words added to ``aside`` (its reason wins where it names a
person's kind of line: a footer with a phone number is contact, withheld from downloads).
"""

from __future__ import annotations

import re
import statistics

from policykit.intake.furniture import PAGE_NUMBER, SetAside, furniture
from policykit.intake.ocr import Line, Page, body_em, clean, marker_shape
from policykit.intake.reading import Reading

SENTENCE_END = re.compile(r"[.!?:]['\")»]?$")
MARGIN = 0.085          # share of the page height at the top and the foot where running lines are printed
BREAK = 1.22            # a baseline step this much over the usual one opens a paragraph
TALLER = 1.12           # a heading's em over the body's
_MAILISH = re.compile(r"\w[\w.-]*\S{1,2}[\w-]+\.(?:se|nu|com|org|net|eu)\b", re.I)
PERSONAL = {"contact", "address", "letterhead", "signature"}   # furniture that may name or reach a person


def read(pages: list[Page]) -> list[tuple[str, Reading]]:
    """Each page's text (lines in reading order, a blank line between paragraphs) and its Reading
    (line numbers from the page's first line; `combine` makes them the document's)."""
    body = body_em(pages)
    for page in pages:
        clean(page, body)
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
    if len(words) > 1 and marker_shape(words[0], body) and words[1].left - words[0].right > 0.2 * body \
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
