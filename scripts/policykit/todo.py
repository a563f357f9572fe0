"""What a person still has to do: work the project accepts but that is not finished.

None of it stops the build (a new municipality can be published step by step); all of it is
listed by ``scripts/check_clauses.py`` and ``scripts/add_municipality.py``::

    sources/repairs/003_norrvik.txt.yml: the repairs are proposals, not yet reviewed: ...
    docs/norrvik/policy.en.md: 41 of 41 clauses not yet translated: ...
    docs/data/comparison.yml: Norrviks kommun: 16 of 16 topics not yet compared: ...
    docs/data/responsibilities.yml: Norrviks kommun: 9 clauses not yet mapped to tasks: ...
"""

from __future__ import annotations

from pathlib import Path

from . import datafile
from .scaffold import UNTRANSLATED

DATA = Path("docs") / "data"


def todo(root: Path) -> list[str]:
    root = Path(root)
    out: list[str] = []
    registry = datafile.load(root / "sources" / "sources.yml", display="sources/sources.yml")
    for entry in registry.get("files") or []:
        rel = Path("sources") / str(entry.get("repairs"))
        path = root / rel
        if path.is_file() and datafile.load(path, display=str(rel)).get("reviewed") is False:
            out.append(f"{rel.as_posix()}: the repairs are proposals, not yet reviewed: check each against "
                       "the printed original, then set 'reviewed: true' and remove the page's notice")
        for doc in entry.get("documents") or []:
            twin = Path("docs") / (str(doc.get("page"))[:-3] + ".en.md")
            if (root / twin).is_file():
                lines = [ln for ln in (root / twin).read_text(encoding="utf-8").splitlines() if "<!-- clause:" in ln]
                left = sum(UNTRANSLATED in ln for ln in lines)
                if left:
                    out.append(f"{twin.as_posix()}: {left} of {len(lines)} clauses not yet translated: replace each "
                               f"{UNTRANSLATED}...</span> with the English text, then remove the 'Not yet translated' box")
    comparison = datafile.load(root / DATA / "comparison.yml", display="docs/data/comparison.yml")
    names = {m.get("id"): m.get("name", {}).get("sv") for m in comparison.get("municipalities") or []
             if isinstance(m, dict)}
    pending: dict[str, int] = {}
    rows = [r for r in comparison.get("rows") or [] if isinstance(r, dict)]
    for row in rows:
        for mid, cell in (row.get("cells") or {}).items():
            if isinstance(cell, dict) and cell.get("status") == "not-yet-assessed":
                pending[mid] = pending.get(mid, 0) + 1
    for mid, n in pending.items():
        out.append(f"docs/data/comparison.yml: {names.get(mid, mid)}: {n} of {len(rows)} topics not yet compared: "
                   "give each cell its status (addressed with clauses, not-addressed, not-in-available-text) and summary")
    resp = datafile.load(root / DATA / "responsibilities.yml", display="docs/data/responsibilities.yml")
    unmapped: dict[str, int] = {}
    for u in resp.get("unmapped") or []:
        if isinstance(u, dict):
            unmapped[u.get("municipality")] = unmapped.get(u.get("municipality"), 0) + 1
    for mid, n in unmapped.items():
        out.append(f"docs/data/responsibilities.yml: {names.get(mid, mid)}: {n} clauses not yet mapped to tasks: "
                   "add bodies and tasks for them, then delete their 'unmapped' rows")
    return out
