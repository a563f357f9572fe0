"""Which pages cite which clause, so every clause can show where it is cited from.

A page cites a clause with ``<!-- ref: ID -->``, or by a data marker whose data cites it
(``<!-- principles -->``, ``<!-- responsibilities: ... -->``, ``<!-- comparison -->``).
`build_index` scans the Swedish pages under docs/ and returns
``{clause id: [(page path under docs/, page title), ...]}`` in page order.
"""

from __future__ import annotations

import re
from pathlib import Path

from .datasets import Datasets
from .pagemark import ANY_MARKER, mask_code

_TITLE = re.compile(r"^#\s+(.*?)\s*(?:\{[^}]*\})?\s*$", re.M)


def page_title(text: str, fallback: str) -> str:
    m = _TITLE.search(mask_code(text))
    return m.group(1) if m else fallback


def build_index(root: Path, data: Datasets | None) -> dict[str, list[tuple[str, str]]]:
    cited_by_marker = data.cited() if data else {}
    index: dict[str, list[tuple[str, str]]] = {}
    docs = Path(root) / "docs"
    for path in sorted(docs.rglob("*.md")):
        if len(path.name.split(".")) > 2:
            continue
        rel = path.relative_to(docs).as_posix()
        text = path.read_text(encoding="utf-8")
        ids: list[str] = []
        for m in ANY_MARKER.finditer(mask_code(text)):
            name, value = m.group(1), m.group(2)
            if name == "ref" and value:
                ids.append(value.strip())
            elif name in cited_by_marker:
                ids.extend(sorted(cited_by_marker[name]))
        title = page_title(text, rel)
        for cid in dict.fromkeys(ids):
            index.setdefault(cid, []).append((rel, title))
    return index
