"""First guesses at a new OCR text's structure, for a person to review.

`layout_settings(lines)` proposes the ``layout:`` block of a repairs file::

    page_start_space: true     # some line starts with a space (a new printed page)
    bullet_glyphs: ["e", "¢"]  # a glyph + space opens at least two lines (a bullet read as a letter)
    join_hyphens: true         # some line ends in "letter-" and the next starts in lower case

`sections(lines)` finds the headings: a short line (at most 8 words and 70 characters) following
a blank line, a list item or a page start, starting with a capital or a section number and a
capital (``3.1 Mål``; ``1. delta i ...`` is a list item), not ending in punctuation, and not
leading into a list (a numbered heading may). After it comes a blank line, or, for a heading
printed directly above its paragraph, a line that opens a sentence: the heading is numbered or
clearly shorter than that line, has no sentence end inside and does not end in a word that runs
on ("och", "för", "att" ...). The first line with text is the title;
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
_DECISION = re.compile(r"\d{4}-\d{2}-\d{2}|§|\b(?:antagen|antaget|fastställd|beslutad|reviderad)\b", re.I)


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
    if _DECISION.search(text):  # "Antagen av kommunfullmäktige 2015-03-23, § 41" states a decision
        return False
    number = _NUMBER.match(text)
    if number:  # "3.1 Profilering" is a heading, "1. delta i ..." a numbered list item
        return text[number.end() - 1].isupper()
    return text[0].isupper()


# A line that ends in one of these words runs on into the next line: it is no heading.
_RUNS_ON = {"och", "eller", "i", "för", "med", "att", "som", "av", "till", "en", "ett", "på", "om", "de", "den",
            "det", "samt", "från", "inom", "vid", "mot", "under", "genom", "där", "när", "ska", "kan", "är"}


def _above_paragraph(text: str, after: str, glyphs: list[str]) -> bool:
    """A heading printed directly above its paragraph: a short heading line, then a line that opens a
    sentence (or, under a numbered heading, a list item)."""
    if _NUMBER.match(text) and any(after.startswith(g + " ") for g in glyphs):
        return True
    if not after or not (after[0].isupper() or after[0].isdigit()) or _NUMBER.match(after):
        return False
    if re.search(r"[.!?]\s", text) or text.split()[-1].lower() in _RUNS_ON:
        return False  # a sentence's first line, wrapped
    return bool(_NUMBER.match(text)) or len(text) < 0.7 * len(after)


def sections(lines: list[str], fix=lambda text: text, numbers: list[int] | None = None) -> list[Heading]:
    """Headings of the text; `fix` repairs a heading's words before it becomes a key. `numbers` gives
    each line's raw line number where `lines` is a view of the source (furniture taken out)."""
    glyphs = layout_settings(lines)["bullet_glyphs"]
    texts = [t.strip() for t in lines]
    numbers = numbers or list(range(1, len(lines) + 1))
    found: list[Heading] = []
    keys: set[str] = set()
    first = next((i for i, t in enumerate(texts) if t), None)
    if first is None:
        return []

    def is_head(i: int) -> bool:
        text = texts[i]
        before = texts[i - 1] if i else ""
        after = texts[i + 1] if i + 1 < len(texts) else ""
        following = next((t for t in texts[i + 1:] if t), "")
        # A heading stands after a blank line, a list item, or at the top of a printed page.
        opens = not before or lines[i].startswith((" ", "\f")) or any(before.startswith(g + " ") for g in glyphs)
        if not opens or not _is_heading(text, glyphs):
            return False
        if after and not (not any(before.startswith(g + " ") for g in glyphs) and _above_paragraph(text, after, glyphs)):
            return False
        if any(following.startswith(g + " ") for g in glyphs) and not _NUMBER.match(text) \
                and not (not after and len(text.split()) <= 2):
            # A line that leads into a list is the list's own sentence ("Kommunen ska verka för"),
            # but one or two words standing apart above a list are its heading ("Mål").
            return False
        return True

    for i, text in enumerate(texts):
        if not text or (i != first and not is_head(i)):
            continue
        key = None
        if i == first:
            # The title's section: only the title when a heading follows at once, else its introduction.
            nxt = next((j for j in range(i + 1, len(texts)) if texts[j]), None)
            key = "titel" if nxt is not None and texts[nxt - 1] == "" and is_head(nxt) else "inledning"
        found.append(heading(numbers[i], text, keys, fix, key, place=i + 1))
    return found


def heading(line: int, text: str, keys: set[str], fix=lambda text: text, key: str | None = None,
            place: int | None = None) -> Heading:
    """A heading keyed by its number (``3-1``) or its words (``former-for-samarbete``), unique in `keys`
    (``avsnitt-N`` for one without either, N its `place`)."""
    if key is None:
        number = _NUMBER.match(text)
        key = number.group(1).replace(".", "-") if number else slug(fix(text))[:40].strip("-") or f"avsnitt-{place or line}"
    base, n = key, 2
    while key in keys:
        key, n = f"{base}-{n}", n + 1
    keys.add(key)
    return Heading(line, text, key)
