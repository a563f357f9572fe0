"""Which pages cite which clause, so every clause can show where it is cited from.

A page cites a clause with ``<!-- ref: ID -->``, or by a data marker whose data cites it
(``<!-- principles -->``, ``<!-- responsibilities: ... -->``, ``<!-- comparison -->``).
`build_index` scans the Swedish pages under docs/ and returns
``{clause id: [(page path under docs/, {language: page title}), ...]}`` in page order; the
English title comes from the page's English twin (page.en.md) where there is one.
"""

from __future__ import annotations

import re
from pathlib import Path

from policykit.check.datasets import Datasets
from policykit.pages.pagemark import ANY_MARKER, is_translation, mask_code

_TITLE = re.compile(r"^#\s+(.*?)\s*(?:\{[^}]*\})?\s*$", re.M)


def page_title(text: str, fallback: str) -> str:
    m = _TITLE.search(mask_code(text))
    return m.group(1) if m else fallback


def build_index(root: Path, data: Datasets | None) -> dict[str, list[tuple[str, dict]]]:
    cited_by_marker = data.cited() if data else {}
    index: dict[str, list[tuple[str, str]]] = {}
    docs = Path(root) / "docs"
    for path in sorted(docs.rglob("*.md")):
        if is_translation(path):
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
        title = {"sv": page_title(text, rel)}
        twin = path.with_name(path.stem + ".en.md")
        title["en"] = page_title(twin.read_text(encoding="utf-8"), title["sv"]) if twin.exists() else title["sv"]
        for cid in dict.fromkeys(ids):
            index.setdefault(cid, []).append((rel, title))
    return index
