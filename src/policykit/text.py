"""Small text helpers every stage shares: one of each.

    FOOTREF       a footnote reference in Markdown: "[^3]" (not the escaped text "\\[^3]")
    slug(text)    "Former för samarbete" -> "former-for-samarbete" (ids, anchors, file names)
    short(text)   a quotation cut to a width with "…", for one-line messages
    lines(text)   a text's lines without line ends (a final newline ends the last line)
"""

from __future__ import annotations

import re
import unicodedata

FOOTREF = re.compile(r"(?<!\\)\[\^([^\[\]]+)\]")


def slug(text: str) -> str:
    """Lower-case ASCII letters, digits and single hyphens: å, ä, ö lose their marks."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def short(text: str, width: int = 50) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def lines(text: str) -> list[str]:
    out = text.split("\n")
    if out and out[-1] == "":
        out.pop()  # the file's final newline ends the last line; it is not a line of its own
    return out
