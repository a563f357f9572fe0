"""First guesses at a new OCR text's structure, for a person to review.

`layout_settings(lines)` proposes the ``layout:`` block of a repairs file::

    page_start_space: true     # some line starts with a space (a new printed page)
    bullet_glyphs: ["e", "¢"]  # a glyph + space opens at least two lines (a bullet read as a letter)
    join_hyphens: true         # some line ends in "letter-" and the next starts in lower case

`sections(lines)` finds the headings: a short line (at most 8 words and 70 characters) followed by
a blank line and following a blank line, a list item or a page start, starting with a capital or a section number (``3.1 Mål``), not
ending in punctuation, and not leading into a list. The first line with text is the title;
its section is ``titel`` when a heading follows at once, else ``inledning``. A numbered heading
keys its section by its number (``3-1``); another by its words (``former-for-samarbete``).

Both are guesses. Footnotes, letterheads and headings printed inside running text need a
person: the checker and the page show what the guess made of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykit.text import slug

_NUMBER = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+\S")
# Lower-case letters that are Swedish words of their own cannot be taken for bullet glyphs.
_WORD_LETTERS = set("iåöIÅÖA")
_HYPHEN_END = re.compile(r"[^\W\d_]-$")


@dataclass
class Heading:
    line: int       # raw line number, 1-based
    text: str       # as the OCR reads it
    key: str


def _bullet_glyph(text: str) -> str | None:
    if len(text) > 2 and text[1] == " " and not text[0].isdigit() and text[0] not in _WORD_LETTERS:
        if not text[0].isalpha() or text[0].islower():
            return text[0]
    return None


def layout_settings(lines: list[str]) -> dict:
    starts: dict[str, int] = {}
    for text in lines:
        glyph = _bullet_glyph(text.lstrip(" "))
        if glyph:
            starts[glyph] = starts.get(glyph, 0) + 1
    glyphs = sorted(g for g, n in starts.items() if n >= 2 or not g.isalpha())
    nonblank = [t.strip() for t in lines]
    hyphens = any(_HYPHEN_END.search(a.rstrip()) and b[:1].islower()
                  for a, b in zip(nonblank, nonblank[1:]) if a and b)
    return {"page_start_space": any(t.startswith(" ") and t.strip() for t in lines),
            "bullet_glyphs": glyphs, "join_hyphens": hyphens}


def _is_heading(text: str, glyphs: list[str]) -> bool:
    words = text.split()
    if not words or len(words) > 8 or len(text) > 70 or text[-1] in ".,;:!?-":
        return False
    if any(text.startswith(g + " ") for g in glyphs):
        return False
    return text[0].isupper() or bool(_NUMBER.match(text))


def sections(lines: list[str], fix=lambda text: text) -> list[Heading]:
    """Headings of the text; `fix` repairs a heading's words before it becomes a key."""
    glyphs = layout_settings(lines)["bullet_glyphs"]
    texts = [t.strip() for t in lines]
    found: list[Heading] = []
    keys: set[str] = set()
    first = next((i for i, t in enumerate(texts) if t), None)
    if first is None:
        return []
    for i, text in enumerate(texts):
        if not text:
            continue
        if i != first:
            before = texts[i - 1] if i else ""
            after = texts[i + 1] if i + 1 < len(texts) else ""
            following = next((t for t in texts[i + 1:] if t), "")
            # A heading stands after a blank line, a list item, or at the top of a printed page.
            opens = not before or lines[i].startswith(" ") or any(before.startswith(g + " ") for g in glyphs)
            if not opens or after or not _is_heading(text, glyphs):
                continue
            if any(following.startswith(g + " ") for g in glyphs):
                continue  # a line that leads into a list is the list's own sentence
        number = _NUMBER.match(text)
        key = number.group(1).replace(".", "-") if number else slug(fix(text))[:40].strip("-") or f"avsnitt-{i + 1}"
        if i == first:
            # The title's section: only the title when a heading follows at once, else its introduction.
            nxt = next((j for j in range(i + 1, len(texts)) if texts[j]), None)
            key = "titel" if nxt is not None and _is_heading(texts[nxt], glyphs) and texts[nxt - 1] == "" \
                and (nxt + 1 >= len(texts) or texts[nxt + 1] == "") else "inledning"
        base, n = key, 2
        while key in keys:
            key, n = f"{base}-{n}", n + 1
        keys.add(key)
        found.append(Heading(i + 1, text, key))
    return found
