"""A born-digital PDF read by its layout: poppler's word boxes in, lines and a `Reading` out.

Input, ``pdftotext -bbox-layout`` as `pdfwords` reads it (blocks, lines and words with their
boxes, in poppler's reading order; y grows downwards, a line's height is about its font size)::

    <page width="595.3" height="841.9"><flow><block ...>
      <line xMin="62.7" yMin="166.0" xMax="432.1" yMax="192.8">
        <word ...>Internationell</word> <word ...>policy</word> ...

What it decides, page by page and for the document:

    body size      the most common line height, weighted by characters
    bands          the top and bottom 12 % of a page: where headers, footers and page numbers are
    running        a band line whose text (digits aside) recurs on several pages, or a line
                   set smaller than the body in the top band                        → aside
    page-number    a band line that reads as a page number ("3", "2 (3)", "Sida 2 av 3") → aside
    paragraphs     a new paragraph where the gap above a line is wider than the leading, the
                   size or the weight changes, the line is indented against the line above
                   (not a list's hanging indent), or it stands beside or above the line before
    title          on page 1, the topmost of the largest lines set larger than the body, with the
                   lines of the same size that continue it (a wrapped title)
    letterhead     page 1's paragraphs printed above the title                      → aside
    signature      a paragraph of two to four short lines, the last a role ("... ordförande") → aside
    address        a paragraph of short lines, half of them address or contact cues
                   (POSTADRESS, TELEFAX, org.nr, a phone number: intake.furniture's cues) → aside
    headings       a short paragraph (three lines at most, no full stop at its end) set larger
                   than the body or in bold, not the title: its first line; the others continue it
    items          a line opening with a bullet glyph, or with a number or letter ("1.", "a)")
                   where the layout shows a list (a hanging indent, or aligned siblings)

The text is the tool's words untouched, one printed line a line, a blank line between
paragraphs, a form feed before each page after the first. Furniture in the bands is written
without blank lines around it, so a paragraph running over a page break stays one paragraph
once the furniture is set aside.
"""

from __future__ import annotations

import re
from collections import Counter

from policykit.intake.furniture import PAGE_NUMBER, SetAside, furniture, has_contact
from policykit.intake.pdfwords import Line, Page
from policykit.intake.reading import Reading

BAND = 0.12            # share of the page height at its top and at its foot where furniture is printed
LARGER = 1.06          # a line this much taller than the body is set larger (a title, a heading)
SAME = 0.04            # lines within this share of each other's height are set in one size
GLYPHS = set("•●▪■◦‣∙·–—-*○►➢✓□➤")
_ENUM = re.compile(r"^(?:\d{1,2}|[a-zA-Z])[.)]$")
_LABEL = re.compile(r"^(?:post|besöks|leverans|faktura|e-?post)?adress|^telefax|^telefon|^växel|^fax\b|"
                    r"^organisationsnummer|^org\.?\s?nr|^webb(?:plats)?|^hemsida|^internet\b|^bankgiro|^plusgiro",
                    re.I)
# The last line of a signature: a name above it, a role on it ("Kultur- och fritidsnämndens ordförande").
_ROLE = re.compile(r"(?:ordförande|sekreterare|direktör|chef|kommunalråd|justerare|justerande)$", re.I)


def cue(text: str) -> str | None:
    """What intake.furniture reads a line alone as (contact, address, letterhead, ...), or None."""
    aside = furniture(text)[1]
    return aside[0].reason if aside else None


def arrange(pages: list[Page], ocr: dict[int, str] | None = None) -> tuple[str, Reading]:
    """The text (pages separated by form feeds) and what the layout shows about its lines.
    `ocr`: the text of pages read otherwise (1-based page: text), taken line for line."""
    ocr = ocr or {}
    lines = [ln for p in pages for ln in p.lines if ln.page not in ocr]
    reading = Reading()
    if not lines:
        return _write(pages, [], ocr)[0], reading
    body = _body_size(lines)
    _bands(pages, lines, body)
    for pass_ in (1, 2):  # address blocks in the bands found first, so that what runs on around them joins
        flow = [ln for ln in lines if not ln.attached]
        for ln in flow:
            ln.starts = ln.item = False
        _paragraphs(flow, body)
        paras = _split(flow)
        for para in paras:
            if (pass_ == 1) == all(ln.band for ln in para) and para[0].reason != "bullet" and _address(para):
                personal = any(has_contact(ln.text) for ln in para)  # a name or title beside a number: contact
                for ln in para:
                    ln.reason = "contact" if has_contact(ln.text) or personal and not _address_cue(ln.text) \
                        else "address"
                    ln.attached = pass_ == 1
    title = _title(pages[0], paras, body) if 1 not in ocr else None
    for para in paras:
        if 2 <= len(para) <= 4 and _ROLE.search(para[-1].text) and not any(ln.text.endswith(".") for ln in para) \
                and all(len(ln.words) <= 6 and ln.height < body * LARGER for ln in para):
            for ln in para:
                ln.reason = ln.reason or "signature"
        if title and para is not title and para[0].page == 1 and para[0].reason in (None, "address", "contact") \
                and max(ln.y1 for ln in para) <= title[0].y0 + 1:
            for ln in para:
                ln.reason = "contact" if has_contact(ln.text) else "letterhead"
    text, number = _write(pages, lines, ocr)
    reading.title = [number[id(ln)] for ln in title or []]
    for para in paras:
        if para is title or para[0].reason not in (None, "bullet"):
            continue
        if _standalone(para) and all(ln.height >= body * LARGER or ln.bold for ln in para):
            reading.headings.append(number[id(para[0])])
            reading.continues += [number[id(ln)] for ln in para[1:]]
        else:
            reading.items += [number[id(ln)] for ln in para if ln.item]
    reading.aside = sorted((SetAside(number[id(ln)], ln.page, ln.text, ln.reason) for ln in lines if ln.reason),
                           key=lambda s: s.line)
    return text, reading


def _body_size(lines: list[Line]) -> float:
    sizes = Counter()
    for ln in lines:
        sizes[round(ln.height, 1)] += len(ln.text)
    return sizes.most_common(1)[0][0]


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", text.strip().lower()))


def _bands(pages: list[Page], lines: list[Line], body: float) -> None:
    """Running headers and footers, page numbers: set aside, written without blank lines around.
    A line set larger than the body is none (a title high on page 1 that the header repeats)."""
    tall = {p_no: p.height for p_no, p in enumerate(pages, 1)}
    for ln in lines:
        h = tall[ln.page]
        ln.band = (ln.y1 <= BAND * h or ln.y0 >= (1 - BAND) * h) and ln.height < body * LARGER
    seen: dict[str, set[int]] = {}
    for ln in lines:
        if ln.band:
            seen.setdefault(_key(ln.text), set()).add(ln.page)
    with_text = len({ln.page for ln in lines})
    running = {k for k, ps in seen.items()
               if len(ps) >= max(2, with_text // 2) and re.search(r"[^\W\d_]", k)}
    for ln in lines:
        if not ln.band:
            continue
        if PAGE_NUMBER.match(ln.text):
            ln.reason = "page-number"
        elif _key(ln.text) in running or ln.y1 <= BAND * tall[ln.page] and ln.height <= 0.92 * body:
            # Repeated, or a header set smaller than the body (a one-page letter has no repeats; a
            # footnote, also small, stands at the foot). A person's or an office's contact details
            # in a running footer are withheld, never shown.
            ln.reason = "contact" if has_contact(ln.text) else "address" if cue(ln.text) == "address" else "running"
        ln.attached = ln.reason is not None


def _marker(ln: Line) -> bool:
    """The line opens with a bullet glyph or an enumerator ("3.", "b)") followed by text."""
    return len(ln.words) > 1 and (ln.words[0].text in GLYPHS or bool(_ENUM.match(ln.words[0].text)))


def _paragraphs(flow: list[Line], body: float) -> None:
    """Mark the lines that open a paragraph, the list items, and lone bullet glyphs (set aside)."""
    gaps: dict[float, list[float]] = {}
    for a, b in zip(flow, flow[1:]):
        if a.block == b.block and abs(a.height - b.height) < 0.5 and b.y0 >= a.y1 - 0.5:
            gaps.setdefault(round(a.height, 1), []).append(b.y0 - a.y1)
    leading = {h: sorted(g)[len(g) // 2] for h, g in gaps.items()}
    prev: Line | None = None
    list_x: float | None = None
    for i, ln in enumerate(flow):
        nxt = flow[i + 1] if i + 1 < len(flow) else None
        if prev is not None and prev.reason == "bullet":
            ln.item = True  # the item printed under its lone glyph
        elif _marker(ln) and _listed(ln, flow, i):
            ln.item = True
        ln.starts = prev is None or (not (prev.reason == "bullet") and _breaks(prev, ln, body, leading, list_x))
        if len(ln.words) == 1 and ln.words[0].text in GLYPHS and nxt is not None and nxt.page == ln.page:
            ln.reason = "bullet"
        if ln.item or ln.reason == "bullet":
            list_x = ln.x0
        elif ln.starts:
            list_x = None
        prev = ln


def _listed(ln: Line, flow: list[Line], i: int) -> bool:
    """A list shows in the layout: a hanging indent (the next line starts under the item's text),
    or a sibling item with the same kind of marker at the same place; a round bullet is enough."""
    first = ln.words[0].text
    if first in GLYPHS - set("-–—*·"):
        return True
    nxt = flow[i + 1] if i + 1 < len(flow) else None
    if nxt is not None and nxt.page == ln.page and not _marker(nxt) and abs(nxt.x0 - ln.words[1].x0) < 2.5:
        return True
    for other in flow[max(0, i - 8):i + 9]:
        if other is not ln and _marker(other) and abs(other.x0 - ln.x0) < 2.5 and abs(other.height - ln.height) < 0.5 \
                and _kind(other.words[0].text) == _kind(first):
            return True
    return False


def _kind(marker: str) -> str:
    """"•", "–": the glyph itself; "3.", "b)": digit or letter, and the sign after it."""
    return marker if marker in GLYPHS else ("9" if marker[0].isdigit() else "a") + marker[-1]


def _breaks(prev: Line, ln: Line, body: float, leading: dict[float, float], list_x: float | None) -> bool:
    """Does `ln` open a new paragraph after `prev`?"""
    h = min(prev.height, ln.height)
    same_size = abs(prev.height - ln.height) <= SAME * h
    if ln.page != prev.page:  # a paragraph runs on over the page break unless a sentence ended
        return not same_size or prev.text.rstrip()[-1:] in ".!?:" or ln.item
    if not same_size or prev.bold != ln.bold or ln.y0 < prev.y1 - 0.3 * h:  # another size or weight; a new column
        return True
    if ln.y0 - prev.y1 > leading.get(round(ln.height, 1), 0.25 * h) + 0.4 * h:
        return True
    if list_x is not None and ln.x0 < list_x - 0.5 * h:  # back out of a list
        return True
    hanging = _marker(prev) and abs(ln.x0 - prev.words[1].x0) < 2.5
    if ln.height < body * LARGER and 0.6 * h < ln.x0 - prev.x0 and not hanging and not ln.item:
        return True  # a first-line indent
    return abs(ln.x0 - prev.x0) > 6 * h and not hanging


def _split(flow: list[Line]) -> list[list[Line]]:
    paras: list[list[Line]] = []
    for ln in flow:
        if ln.starts or not paras:
            paras.append([ln])
        else:
            paras[-1].append(ln)
    return paras


def _standalone(para: list[Line]) -> bool:
    """Reads as a title or heading: short (a lead paragraph set large is none), with a letter, no list
    item, no sentence or list punctuation at its end, no leader dots (a table of contents)."""
    text = " ".join(ln.text for ln in para)
    return len(para) <= 3 and len(text.split()) <= 24 and not para[0].item and text[-1] not in ".,;:" \
        and re.search(r"[^\W\d_]", text) is not None and not re.search(r"\.\s?\.\s?\.", text)


def _title(first: Page, paras: list[list[Line]], body: float) -> list[Line] | None:
    """Page 1's title: the topmost of its largest paragraphs set larger than the body, in its upper part.
    Not the sender printed large at the very top ("HAGBY KOMMUN"), nor a contact or address line."""
    def sender(p: list[Line]) -> bool:
        reason = cue(p[0].text)
        return reason not in (None, "letterhead") or reason == "letterhead" and p[-1].y1 <= BAND * first.height

    cands = [p for p in paras if p[0].page == 1 and not p[0].reason and p[0].height >= body * LARGER and _standalone(p)
             and p[0].y0 < 0.6 * first.height and not sender(p)]
    if not cands:
        return None
    top = max(round(p[0].height * 2) / 2 for p in cands)
    return min((p for p in cands if round(p[0].height * 2) / 2 == top), key=lambda p: p[0].y0)


def _address_cue(text: str) -> bool:
    return bool(_LABEL.match(text)) or cue(text) == "address"


def _address(para: list[Line]) -> bool:
    """An address or switchboard block: short lines, half of them address or contact cues."""
    cues = sum(1 for ln in para if has_contact(ln.text) or _address_cue(ln.text) or cue(ln.text) == "contact")
    words = sum(len(ln.words) for ln in para)
    sentence = re.search(r"[a-zåäö]{3,}[.!?](?:\s|$)", " ".join(ln.text for ln in para)) and words > 8
    return cues * 2 >= len(para) and not sentence


def _write(pages: list[Page], lines: list[Line], ocr: dict[int, str]) -> tuple[str, dict[int, int]]:
    """The text, and each Line's 1-based line number in it (by id)."""
    out: list[tuple[int, object]] = []   # (page, Line | text of an OCR'd line | None for a blank line)
    last_body = -1
    by_page: dict[int, list[Line]] = {}
    for ln in lines:
        by_page.setdefault(ln.page, []).append(ln)
    for page in range(1, len(pages) + 1):
        if page in ocr:
            for raw in ocr[page].rstrip("\n").split("\n"):
                out.append((page, raw))
            out.append((page, None))
            last_body = len(out) - 1
            continue
        before = len(out)
        for ln in by_page.get(page, []):
            if ln.starts and not ln.attached and last_body >= 0 and out[last_body][1] is not None:
                out.insert(last_body + 1, (out[last_body][0], None))
            out.append((page, ln))
            if not ln.attached:
                last_body = len(out) - 1
        if len(out) == before:
            out.append((page, ""))
    texts, number, page = [], {}, 1
    for no, (p, item) in enumerate(out, 1):
        t = "" if item is None else item if isinstance(item, str) else item.text
        if p != page:
            t, page = "\f" * (p - page) + t, p
        if isinstance(item, Line):
            number[id(item)] = no
        texts.append(t)
    return "\n".join(texts) + "\n", number
