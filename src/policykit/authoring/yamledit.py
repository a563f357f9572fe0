"""Add entries to hand-kept YAML files without losing their comments or layout.

PyYAML cannot write a file back with its comments, so additions are made as text: PyYAML's
composer finds the node to extend (a block sequence or mapping) and where it ends, and the
new lines go in right after its last entry, at its indentation::

    doc = YamlText.read(path)
    node = doc.node("rows", 0, "cells")               # path of keys and indexes
    doc.append(node, "stromsund: {status: not-yet-assessed}")
    doc.replace(doc.node("files", 0, "documents", 0, "review"), '{by: "NAME", date: "2026-12-02"}')
    doc.write()

A value written on one line can be replaced in place (the rest of its line, a comment
included, stays). Only block collections can be extended; anything else raises `PolicyError`
naming the file, the line and the fix. The caller validates the result with the project's own loaders.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from policykit.errors import PolicyError, Problem, at


def _end_line(node: yaml.Node) -> int:
    """Index of the line after the node's last character (block ends mark the next token)."""
    while not getattr(node, "flow_style", False) and isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.value:
        node = node.value[-1][1] if isinstance(node, yaml.MappingNode) else node.value[-1]
    mark = node.end_mark
    return mark.line if mark.column == 0 else mark.line + 1


class YamlText:
    def __init__(self, path: Path, display: str, text: str):
        self.path, self.display = path, display
        self.lines = text.split("\n")
        self.inserts: list[tuple[int, list[str]]] = []  # (line index, lines), applied on write
        self.replacements: dict[int, list[tuple[int, int, str]]] = {}  # line index -> (start, end, text)
        try:
            self.root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise PolicyError(Problem(at(display, mark.line + 1 if mark else None), f"malformed YAML: {exc}",
                                      "fix the YAML syntax before adding a municipality"))

    @classmethod
    def read(cls, path: Path, display: str) -> "YamlText":
        return cls(path, display, path.read_text(encoding="utf-8"))

    def node(self, *keys) -> yaml.Node:
        node = self.root
        for key in keys:
            if isinstance(key, int) and isinstance(node, yaml.SequenceNode) and key < len(node.value):
                node = node.value[key]
                continue
            if isinstance(node, yaml.MappingNode):
                found = next((v for k, v in node.value if k.value == key), None)
                if found is not None:
                    node = found
                    continue
            raise PolicyError(Problem(self.display, f"no '{'.'.join(map(str, keys))}' in the file",
                                      "restore the file's structure (see its format in scripts/policykit)"))
        return node

    def find(self, *keys) -> yaml.Node | None:
        try:
            return self.node(*keys)
        except PolicyError:
            return None

    def append(self, node: yaml.Node, entry: str):
        """Add `entry` (YAML text; several lines allowed) as the last item of a block collection."""
        if getattr(node, "flow_style", False) or not node.value:
            raise PolicyError(Problem(at(self.display, node.start_mark.line + 1),
                                      "this list or mapping is written in flow style ([...] or {...}) or is empty",
                                      "write it as a block (one entry per line) so entries can be added"))
        first = node.value[0][0] if isinstance(node, yaml.MappingNode) else node.value[0]
        indent = first.start_mark.column
        if isinstance(node, yaml.SequenceNode):
            indent = self.lines[first.start_mark.line].index("-", 0, first.start_mark.column + 1) \
                if "-" in self.lines[first.start_mark.line][:first.start_mark.column] else indent - 2
        end = _end_line(node)
        pad = " " * indent
        self.inserts.append((end, [pad + ln if ln else ln for ln in entry.rstrip("\n").split("\n")]))

    def insert_after(self, node: yaml.Node, entry: str, indent: int):
        """Add `entry` right after `node` (an item of a block collection), at `indent`."""
        self.inserts.append((_end_line(node), [" " * indent + ln if ln else ln for ln in entry.rstrip("\n").split("\n")]))

    def add_top_level(self, entry: str):
        """Add a top-level key (YAML text) at the end of the file."""
        self.inserts.append((len(self.lines) - (1 if self.lines and self.lines[-1] == "" else 0),
                             [""] + entry.rstrip("\n").split("\n")))

    def replace(self, node: yaml.Node, value: str):
        """Put `value` (YAML text, one line) where the one-line value `node` stands."""
        start, end = node.start_mark, node.end_mark
        if start.line != end.line or "\n" in value:
            raise PolicyError(Problem(at(self.display, start.line + 1), "this value spans several lines",
                                      "write it on one line (a flow mapping {...} or a plain value)"))
        self.replacements.setdefault(start.line, []).append((start.column, end.column, value))

    def text(self) -> str:
        lines = list(self.lines)
        for index, spans in self.replacements.items():  # from the right, so earlier columns stay valid
            for start, end, value in sorted(spans, reverse=True):
                lines[index] = lines[index][:start] + value + lines[index][end:]
        # From the end backwards, so earlier indexes stay valid; at one index, in the order added.
        order = sorted(range(len(self.inserts)), key=lambda k: (self.inserts[k][0], k), reverse=True)
        for k in order:
            index, new = self.inserts[k]
            lines[index:index] = new
        return "\n".join(lines)

    def write(self):
        self.path.write_text(self.text(), encoding="utf-8")
