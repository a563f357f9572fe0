"""What the add command makes of a new text's lines: from its layout's `Reading` where the
reader gave one (a PDF, a scan, a web page), else from the guesses on the bare lines.

    plan = plan_lines(lines, reading)     # reading: intake.Reading or None (a text file)
    plan.furniture         [{line: 1, text: "Norrviks kommun · Kultur", reason: running}, ...]
    plan.line_joins        [7]           the title's (or a heading's) wrapped continuation
    plan.paragraph_breaks  [31]          a paragraph or list item opens without a blank line
    plan.settings          {page_start_space, bullet_glyphs, join_hyphens}: the repairs' layout block
    plan.title             "Internationell policy för Norrviks kommun" (joined), or None
    plan.sections(fix)     [Heading(line=6, text=..., key="titel"), Heading(11, "1 Syfte", "1"), ...]

With a reading: the title is ``reading.title`` joined, the sections start at the title and at
``reading.headings``, and what is set aside is ``reading.aside`` merged with
`intake.furniture`'s cues on the text. A cue never takes the title, a heading or a list item
the layout shows, unless the line has a phone number or an e-mail address (personal data is
set aside wherever it stands); where both set a line aside, a reason that withholds the line
(contact, address, letterhead, signature) wins. List items become ``bullet_glyphs`` (a glyph
and a space), a numbered item (``1.``) is one by itself, another item a paragraph break.
Without a reading: `intake.furniture` and `detect` guess, as they always have.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from policykit.authoring import detect
from policykit.intake import about, furniture
from policykit.intake.furniture import has_contact
from policykit.sources.layout import PERSONAL_REASONS, join_wrapped

_NUMBERED = re.compile(r"^\d+\.\s+\S")


@dataclass
class Plan:
    furniture: list[dict]
    line_joins: list[int]
    view: list[tuple[int, str]]            # (raw line, text) of what is left, the title joined
    settings: dict
    paragraph_breaks: list[int] = field(default_factory=list)
    title: str | None = None               # the layout's title, joined; None: about() and detect decide
    heads: list[int] | None = None         # the layout's section starts (title first); None: detect guesses

    def sections(self, fix=lambda text: text) -> list[detect.Heading]:
        if self.heads is None:
            return detect.sections([t for _, t in self.view], fix=fix, numbers=[n for n, _ in self.view])
        text = dict(self.view)
        keys: set[str] = set()
        found = []
        for i, line in enumerate(self.heads):
            key = None
            if i == 0:  # the title's section: the title alone when a heading follows at once
                following = [n for n, t in self.view if n > line and t.strip()]
                nxt = self.heads[1] if len(self.heads) > 1 else None
                key = "titel" if nxt is not None and following and following[0] == nxt else "inledning"
            found.append(detect.heading(line, text[line].strip(), keys, fix, key))
        return found


def plan_lines(lines: list[str], reading=None) -> Plan:
    if reading is None:
        entries, joins, view = furniture_repairs(lines)
        return Plan(entries, joins, view, detect.layout_settings([t for _, t in view]))
    return _from_reading(lines, reading)


def furniture_repairs(lines: list[str]) -> tuple[list[dict], list[int], list[tuple[int, str]]]:
    """(furniture entries, line joins, the view: (raw line, text) of what is left) for a text's lines.

    The view is what detect.sections reads: furniture out, a lone bullet glyph joined to its item
    ("• item" on the item's line), a title's wrapped continuation joined to it."""
    kept, aside = furniture("\n".join(lines))
    entries = [{"line": s.line, "text": s.text.strip(), "reason": s.reason} for s in aside]
    view = [(k.no, k.text) for k in kept]
    joins: list[int] = []
    title = about("\n".join(lines)).title
    first = next((i for i, (_, t) in enumerate(view) if t.strip()), None)
    if title and first is not None and first + 1 < len(view):
        head, (no, nxt) = view[first][1].strip(), view[first + 1]
        if nxt.strip() and title == f"{head} {nxt.strip()}" and no == view[first][0] + 1:
            joins.append(no)
            view[first] = (view[first][0], title)
            del view[first + 1]
    return entries, joins, view


def _from_reading(lines: list[str], reading) -> Plan:
    valid = set(range(1, len(lines) + 1))
    shown = set(reading.title) | set(reading.headings) | set(reading.continues) | set(reading.items)
    reasons = {s.line: s.reason for s in reading.aside if s.line in valid}
    for s in furniture("\n".join(lines))[1]:
        if s.line in shown and not has_contact(s.text):
            continue  # the layout shows it is the document's own: a title, heading or list item
        if s.line not in reasons or (s.reason in PERSONAL_REASONS and reasons[s.line] not in PERSONAL_REASONS):
            reasons[s.line] = s.reason
    text = {n: lines[n - 1].replace("\f", "") for n in valid}
    entries = [{"line": n, "text": text[n].strip(), "reason": reasons[n]} for n in sorted(reasons)]
    kept = [n for n in sorted(valid) if n not in reasons]
    title = [n for n in reading.title if n not in reasons]
    joins = title[1:] + [n for n in reading.continues if n not in reasons]
    view, joined = [], set(joins)
    for n in kept:
        if n in joined and view:
            view[-1] = (view[-1][0], f"{view[-1][1].rstrip()} {text[n].strip()}")
        else:
            view.append((n, text[n]))
    glyphs, breaks = set(), set(n for n in reading.paragraphs if n not in reasons)
    for n in reading.items:
        item = text[n].strip()
        if n in reasons or _NUMBERED.match(item) or any(reasons.get(m) == "bullet" for m in (n - 1, n - 2)):
            continue  # a numbered item is an item by itself; one under a lone glyph follows the glyph
        if len(item) > 2 and item[1] == " " and not item[0].isalnum():
            glyphs.add(item[0])
        else:
            breaks.add(n)
    settings = {**detect.layout_settings([t for _, t in view]), "bullet_glyphs": sorted(glyphs)}
    first = next((n for n, t in view if t.strip()), None)
    start = title[0] if title else first
    if first is not None and start is not None and first < start:
        start = first  # text the layout did not place stands before the title: it opens the first section
    heads = [] if start is None else [start] + [n for n in reading.headings if n in dict(view) and n > start]
    return Plan(entries, sorted(joins), view, settings, sorted(breaks),
                functools.reduce(join_wrapped, (text[n] for n in title)).strip() if title else None, heads)
