"""Line-level OCR layout repairs, read from ``sources/repairs/<file>.yml``.

The OCR keeps the printed page's layout; these repairs undo it, each one recorded::

    layout:
      page_start_space: true      # " text": a leading space marks a new printed page
      bullet_glyphs: ["e", "¢"]   # "e text": the bullet glyph came out as a letter
      join_hyphens: true          # "inter-" + "nationella" -> "internationella"; "EU-" + "projekt" keeps it
    letterhead:                   # sender block interleaved with the running text
      - {line: 18, text: "omvarldsavdelningen"}   # removed from the start of raw line 18
    noise:                        # specks that are no text at all, same shape as letterhead
      - {line: 19, text: ")"}
    furniture:                    # page furniture the intake set aside: the whole raw line leaves
      - {line: 1, text: "Norrviks kommun", reason: running}      # the text, never a clause or a section
      - {line: 23, text: "1 (2)", reason: page-number}
      - {line: 36, text: "Telefon 0612-345 67", reason: contact}  # shown on Om texterna only as a description
      - {line: 17, text: "•", reason: bullet}   # a bullet glyph alone: the next line with text is its item
      - {line: 18, text: "", reason: bullet}    # (a blank line between glyph and item goes with it)
    line_joins: [8]               # raw line 8 continues the line before it (a title wrapped in print)
    joins: [20, 22]               # blank lines inside a paragraph (page or letterhead breaks)
    paragraph_breaks: [249]       # a new paragraph starts here although no blank line says so
    footnotes:                    # footnote texts printed at the foot of a page
      - area: [149, 167]          # these raw lines leave the running text
        notes:
          - {number: 1, line: 150, glyph: "!", marker: {line: 115, after: "livskvalitet", glyph: "'"}}

Furniture reasons: running, page-number, letterhead, contact, address, web, signature, bullet
(`FURNITURE_REASONS`; policykit.intake.furniture finds them; *Om texterna* says what each means). Line numbers are raw line numbers of the checksummed source, so they never drift.
`apply_layout` returns the repaired lines, the footnotes and a log of every change; an entry
that no longer matches its line raises `PolicyError` naming the repair file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policykit.errors import PolicyError, Problem, at
from policykit.sources.repairs_file import FURNITURE_REASONS, PERSONAL_REASONS, Repairs, read  # noqa: F401 (re-exported)


@dataclass
class Line:
    no: int            # raw line number in the source file
    text: str
    bullet: bool = False
    new_paragraph: bool = False


@dataclass
class Footnote:
    number: int
    line: int          # raw line where the footnote text starts
    marker_line: int   # raw line of the reference in the running text
    ocr: str


@dataclass
class Change:
    kind: str          # page-start, letterhead, noise, furniture, join, line-join, footnote, marker, bullet, hyphen
    line: int
    before: str
    after: str
    reason: str = ""   # furniture only: why the line was set aside




@dataclass
class Layout:
    lines: list[Line]
    footnotes: list[Footnote]
    log: list[Change] = field(default_factory=list)

    def personal(self) -> list[tuple[int, str]]:
        """(raw line, text) of what may name a person or carry contact details: the letterhead
        (its text, which OCR may have put before running text on the same line), and furniture set
        aside as letterhead, contact, address or signature (the whole line). The site describes
        them and never reproduces them, in its pages and in the texts it offers for download
        (sources/downloads.py)."""
        return sorted({(c.line, _removed(c)) for c in self.log
                       if c.kind == "letterhead" or (c.kind == "furniture" and c.reason in PERSONAL_REASONS)})

    def personal_lines(self) -> list[int]:
        return sorted({line for line, _ in self.personal()})


def _removed(change: Change) -> str:
    """What a change took out of its line: the letterhead's text before the running text it kept."""
    if change.after and change.before.endswith(change.after):
        return change.before[: len(change.before) - len(change.after)].strip()
    return change.before


_HYPHEN_END = re.compile(r"([^\W\d_])-$")


def apply_layout(raw: list[str], repairs: "dict | Repairs", where: str) -> Layout:
    repairs = read(repairs, where)
    cfg = repairs.layout
    lines = {i + 1: Line(i + 1, text) for i, text in enumerate(raw)}
    out = Layout(lines=[], footnotes=[])

    def fail(entry, what: str, fix: str):
        raise PolicyError(Problem(at(where, entry.lineno), what, fix))

    def line_of(entry, no: int) -> Line:
        if no not in lines:
            fail(entry, f"raw line {no} does not exist or was already removed by another repair",
                 "point the entry at an existing line")
        return lines[no]

    if cfg.page_start_space:
        for ln in lines.values():
            if ln.text.startswith(" "):
                stripped = ln.text.lstrip(" ")
                out.log.append(Change("page-start", ln.no, ln.text, stripped))
                ln.text = stripped

    for area in repairs.footnotes:
        first, last = _span(area.area, "area", where, area.line_of("area"))
        notes = sorted(area.notes, key=lambda n: n.line)
        for idx, note in enumerate(notes):
            start, glyph, number = note.line, note.glyph, note.number
            end = notes[idx + 1].line - 1 if idx + 1 < len(notes) else last
            head = line_of(note, start).text
            if not head.startswith(glyph + " "):
                fail(note, f"footnote {number} expects raw line {start} to start with {glyph!r}, "
                     f"but it reads {head[:40]!r}", "fix 'line' or 'glyph' of this footnote")
            parts = [head[len(glyph) + 1:]] + [lines[n].text for n in range(start + 1, end + 1)
                                               if n in lines and lines[n].text.strip()]
            marker = note.marker
            mline = line_of(marker, marker.line)
            needle = marker.after + marker.glyph
            if mline.text.count(needle) != 1:
                fail(marker, f"footnote {number}: marker {needle!r} must occur exactly once on raw line "
                     f"{mline.no}, found {mline.text.count(needle)}", "fix the marker's 'after' or 'glyph'")
            fixed = mline.text.replace(needle, marker.after + f"[^{number}]")
            out.log.append(Change("marker", mline.no, mline.text, fixed))
            mline.text = fixed
            out.footnotes.append(Footnote(number, start, mline.no, " ".join(p.strip() for p in parts)))
            out.log.append(Change("footnote", start, "\n".join(parts), f"[^{number}]: moved to its reference"))
        for n in range(first, last + 1):
            lines.pop(n, None)

    for kind in ("letterhead", "noise"):
        for entry in getattr(repairs, kind):
            ln, text = line_of(entry, entry.line), entry.text
            if not ln.text.startswith(text):
                fail(entry, f"{kind} entry expects raw line {ln.no} to start with {text!r}, "
                     f"but it reads {ln.text[:60]!r}", "fix the entry's 'text' or 'line'")
            rest = ln.text[len(text):].lstrip()
            out.log.append(Change(kind, ln.no, ln.text, rest))
            if rest:
                ln.text = rest
            else:
                del lines[ln.no]

    items: list[tuple[object, int]] = []  # (entry, raw line) of lone bullet glyphs: their item follows
    for entry in repairs.furniture:
        ln, text, reason = line_of(entry, entry.line), entry.text, entry.reason
        if ln.text.replace("\f", "").strip() != text.strip():
            fail(entry, f"furniture entry expects raw line {ln.no} to read {text[:60]!r}, "
                 f"but it reads {ln.text.replace(chr(12), '')[:60]!r}", "fix the entry's 'text' or 'line'")
        out.log.append(Change("furniture", ln.no, ln.text.replace("\f", "").strip(), "", reason))
        if reason == "bullet" and text.strip():
            items.append((entry, ln.no))
        del lines[ln.no]
    for entry, no in items:
        item = next((lines[n] for n in sorted(lines) if n > no and lines[n].text.strip()), None)
        if item is None:
            fail(entry, f"the bullet on raw line {no} has no item after it", "remove the entry, or fix its 'line'")
        out.log.append(Change("bullet", item.no, f"{lines_text(entry)} / {item.text.strip()}",
                              "• " + item.text.strip()))
        item.text, item.bullet = item.text.strip(), True

    joins_line = repairs.line_of("line_joins")
    for no in repairs.line_joins:
        before = max((n for n in lines if n < no and lines[n].text.strip()), default=None)
        if no not in lines or not lines[no].text.strip() or before is None:
            raise PolicyError(Problem(at(where, joins_line), f"'line_joins' names raw line {no}, which is no line "
                                      "with text after another", "list lines that continue the line before them"))
        prev = lines[before]
        joined = join_wrapped(prev.text, lines[no].text)
        out.log.append(Change("line-join", no, f"{prev.text.strip()} / {lines[no].text.strip()}", joined.strip()))
        prev.text = joined
        del lines[no]

    for no in repairs.joins:
        if no not in lines or lines[no].text.strip():
            raise PolicyError(Problem(at(where, repairs.line_of("joins")),
                                      f"'joins' names raw line {no}, which is not a blank line",
                                      "list only blank lines that interrupt a paragraph"))
        out.log.append(Change("join", no, "", "(blank line inside a paragraph removed)"))
        del lines[no]

    breaks_line = repairs.line_of("paragraph_breaks")
    for no in repairs.paragraph_breaks:
        if no not in lines:
            raise PolicyError(Problem(at(where, breaks_line), f"'paragraph_breaks' names raw line {no}, which does not exist",
                                      "name the first line of the new paragraph"))
        lines[no].new_paragraph = True

    glyphs_line = cfg.line_of("bullet_glyphs")
    glyphs = cfg.bullet_glyphs
    if "" in glyphs:
        raise PolicyError(Problem(at(where, glyphs_line), "'bullet_glyphs' holds an empty glyph",
                                  "list the characters the OCR reads for a bullet"))
    for ln in lines.values():
        for g in glyphs:
            if ln.text.startswith(g + " "):
                out.log.append(Change("bullet", ln.no, ln.text, "• " + ln.text[len(g) + 1:]))
                ln.text, ln.bullet = ln.text[len(g) + 1:], True
                break

    ordered = [lines[n] for n in sorted(lines)]
    if cfg.join_hyphens:
        ordered = _join_hyphens(ordered, out.log)
    out.lines = ordered
    return out


def lines_text(entry) -> str:
    return entry.text.strip()


def _span(value: list, key: str, where: str, line: int | None) -> tuple[int, int]:
    """A ``[first, last]`` pair of raw line numbers."""
    if len(value) != 2 or value[0] > value[1]:
        raise PolicyError(Problem(at(where, line), f"'{key}' must be [first, last] raw line numbers, not {value}",
                                  f"write '{key}: [first, last]'"))
    return value[0], value[1]


def join_wrapped(line: str, after: str) -> str:
    """A line and its wrapped continuation as one: a space between, except after a word split at the
    line end ("inter-" + "nationella" → "internationella"; "EU-" + "arbete" → "EU-arbete", as
    _join_hyphens joins them)."""
    line, after = line.rstrip(), after.strip()
    m = _HYPHEN_END.search(line)
    if m and after[:1].islower():
        return line + after if m.group(1).isupper() else line[:-1] + after
    return f"{line} {after}"


def _join_hyphens(ordered: list[Line], log: list[Change]) -> list[Line]:
    """Join words split at a line end. An upper-case letter before the hyphen (EU-) keeps it."""
    result: list[Line] = []
    for ln in ordered:
        prev = result[-1] if result else None
        m = _HYPHEN_END.search(prev.text.rstrip()) if prev else None
        if m and ln.text[:1].islower() and not ln.bullet and not ln.new_paragraph:
            head = prev.text.rstrip()
            word, rest = (ln.text.split(" ", 1) + [""])[:2]
            joined = head + word if m.group(1).isupper() else head[:-1] + word
            log.append(Change("hyphen", prev.no, f"{head} / {word}", joined.rsplit(" ", 1)[-1]))
            prev.text = joined
            if rest.strip():
                ln.text = rest
                result.append(ln)
            continue
        result.append(ln)
    return result
