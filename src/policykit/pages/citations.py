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

from policykit.pages import markers
from policykit.pages.pagemark import is_translation

_TITLE = re.compile(r"^#\s+(.*?)\s*(?:\{[^}]*\})?\s*$", re.M)


def page_title(text: str, fallback: str) -> str:
    m = _TITLE.search(markers.mask_code(text))
    return m.group(1) if m else fallback


def build_index(project) -> dict[str, list[tuple[str, dict]]]:
    """Clause id -> [(page path under docs/, {language: title})] of the pages citing it (`project.Project`)."""
    cited_by_marker = project.data.cited() if project.data else {}
    index: dict[str, list[tuple[str, str]]] = {}
    paths = set(project.page_paths())
    for rel in project.page_paths():
        if is_translation(Path(rel)):
            continue
        text = project.page(rel)
        ids: list[str] = []
        for m in markers.find(text):
            if m.name == "ref" and m.value:
                ids.append(m.value)
            elif m.name in cited_by_marker:
                ids.extend(sorted(cited_by_marker[m.name]))
        title = {"sv": page_title(text, rel)}
        twin = rel[:-3] + ".en.md"
        title["en"] = page_title(project.page(twin), title["sv"]) if twin in paths else title["sv"]
        for cid in dict.fromkeys(ids):
            index.setdefault(cid, []).append((rel, title))
    return index
