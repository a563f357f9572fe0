"""Python-Markdown extension: Markdown tables that become cards on a phone, and stay tables.

Every body cell of a Markdown table gets its column's header text as ``data-label``, as
`common.html_table` writes them for the data tables::

    <table><thead><tr><th>Fil</th>...</tr></thead>
    <tbody><tr><td data-label="Fil">strategi.txt</td>...

Under 600 px site.css shows each row as a card of "label: value" lines (the label is the
cell's ``::before``, with empty alternative text, so a screen reader hears the header once,
from the table); the same HTML serves both widths. No explicit ARIA roles: they would cost
30 bytes a cell (75 KB on a municipality's page), and chromium and Firefox keep a table's
semantics whatever its display (tests/test_reading.py reads the roles at 375 px).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor


def _text(el: etree.Element) -> str:
    return " ".join("".join(el.itertext()).split())


def label_table(table: etree.Element) -> None:
    """Each body cell labelled with its column's header."""
    heads = [_text(th) for th in table.iterfind("thead/tr/th")]
    for row in table.iterfind("tbody/tr"):
        for head, cell in zip(heads, row):
            if head:
                cell.set("data-label", head)


class _Cards(Treeprocessor):
    def run(self, root):
        for table in root.iter("table"):
            label_table(table)


class TableCardsExtension(Extension):
    def extendMarkdown(self, md):
        # After the tables extension's block processor has made the tables; any order among treeprocessors.
        md.treeprocessors.register(_Cards(md), "policy_table_cards", 4)
