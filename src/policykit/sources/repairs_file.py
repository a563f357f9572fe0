"""A source's repairs file, ``sources/repairs/<file>.yml``, as declared models.

What each part repairs: sources/layout.py (layout, letterhead, noise, furniture, line_joins,
joins, paragraph_breaks, footnotes) and sources/corrections.py (words). ``reviewed: false``
marks repairs the add command proposed and no person has reviewed yet::

    layout: {page_start_space: true, bullet_glyphs: ["e"], join_hyphens: true}
    letterhead: [{line: 18, text: "omvarldsavdelningen"}]
    furniture: [{line: 1, text: "Norrviks kommun", reason: running}]
    footnotes: [{area: [149, 167], notes: [{number: 1, line: 150, glyph: "!", marker: {line: 115, after: "x", glyph: "'"}}]}]
    words: [{ocr: "ar", fix: "är"}, {ocr: "ar", fix: "år", context: "vart fjarde ar"}]
    reviewed: false

`read(data, where)` validates loaded data (datafile.load) and raises PolicyError naming the line.
"""

from typing import Literal, Optional

from pydantic import model_validator

from policykit.datafile import Entry, parse

FURNITURE_REASONS = ("running", "page-number", "letterhead", "contact", "address", "web", "signature", "bullet",
                     "byline", "date", "person")
# Set-aside lines that may name a person or carry contact details: described, never reproduced on the site.
PERSONAL_REASONS = ("letterhead", "contact", "address", "signature", "byline", "person")


class Layout(Entry):
    page_start_space: bool = False
    bullet_glyphs: list[str] = []
    join_hyphens: bool = False


class LineStart(Entry):
    """Text removed from the start of a raw line (letterhead, noise)."""
    line: int
    text: str


class Furniture(Entry):
    line: int
    text: str
    reason: Literal[FURNITURE_REASONS]


class Marker(Entry):
    line: int
    after: str
    glyph: str


class Note(Entry):
    line: int
    number: int
    glyph: str
    marker: Marker


class FootnoteArea(Entry):
    area: list[int]
    notes: list[Note]


class Word(Entry):
    ocr: str
    fix: str
    context: Optional[str] = None


class Repairs(Entry):
    layout: Layout = Layout()
    letterhead: list[LineStart] = []
    noise: list[LineStart] = []
    furniture: list[Furniture] = []
    line_joins: list[int] = []
    joins: list[int] = []
    paragraph_breaks: list[int] = []
    footnotes: list[FootnoteArea] = []
    words: list[Word] = []
    reviewed: bool = True

    @model_validator(mode="before")
    @classmethod
    def _empty_is_absent(cls, data):  # "words:" with nothing under it is no words
        return {k: v for k, v in data.items() if v is not None} if isinstance(data, dict) else data


def read(data, where: str) -> Repairs:
    """The repairs as the model, from loaded data or an already read model."""
    return data if isinstance(data, Repairs) else parse(Repairs, data, where)
