"""What a document's layout shows about the lines of its extracted text.

A PDF's fonts and positions, a scan's blocks and paragraphs, a web page's elements know more
than the bare lines do: which line is the document's own title, which are headings, where a
list item starts, what is printed around the text. The readers in this package return it
beside the text (``Extracted.reading``); the add command takes it over the guesses that
`authoring.detect` and `intake.furniture` make from the bare lines::

    Reading(
        title=[3, 4],                  # the title, wrapped over lines 3 and 4 (joined)
        headings=[7, 15, 22],          # each the first line of a heading of the document's own
        items=[9, 10, 11],             # lines that open a list item (bullets only where the layout shows a list)
        aside=[SetAside(1, 1, "Norrviks kommun · Kultur", "running"), ...],   # furniture, with reasons
        paragraphs=[12, 18],           # a paragraph starts here although no blank line says so
        continues=[16],                # the line continues the one before it (a heading wrapped in print)
    )

Line numbers are 1-based, in ``Extracted.text`` as `furniture.furniture` numbers them
(``text.split("\\n")``; a form feed separates pages inside a line and adds no line). A text
file has no layout: its ``reading`` is None and the guesses decide.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from policykit.intake.furniture import SetAside


@dataclass
class Reading:
    title: list[int] = field(default_factory=list)
    headings: list[int] = field(default_factory=list)
    items: list[int] = field(default_factory=list)
    aside: list[SetAside] = field(default_factory=list)
    paragraphs: list[int] = field(default_factory=list)
    continues: list[int] = field(default_factory=list)
