"""Python-Markdown extension: Markdown tables that become cards on a phone, and stay tables.

Every cell of a Markdown table gets its column's header text as ``data-label``, and every part
its table role, as `common.html_table` writes them for the data tables::

    <table role="table"><thead role="rowgroup"><tr role="row"><th role="columnheader">Fil</th>...
    <tbody role="rowgroup"><tr role="row"><td role="cell" data-label="Fil">strategi.txt</td>...

Under 600 px site.css shows each row as a card of "label: value" lines (the label is the
cell's ``::before``, with empty alternative text, so a screen reader hears the header once,
from the table); the same HTML serves both widths. The explicit roles keep the table's
semantics where a browser drops them for a table no longer displayed as one.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

ROLES = {"table": "table", "thead": "rowgroup", "tbody": "rowgroup", "tr": "row", "td": "cell"}


def _text(el: etree.Element) -> str:
    return " ".join("".join(el.itertext()).split())


def label_table(table: etree.Element) -> None:
    """Roles on every part, and each body cell labelled with its column's header."""
    heads = [_text(th) for th in table.iterfind("thead/tr/th")]
    for el in table.iter():
        if el.tag == "th":
            el.set("role", "rowheader" if el.get("scope") == "row" else "columnheader")
        elif el.tag in ROLES:
            el.set("role", ROLES[el.tag])
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
