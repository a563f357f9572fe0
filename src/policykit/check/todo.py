"""What a person still has to do: work the project accepts but that is not finished.

None of it stops the build (a new municipality can be published step by step); all of it is
listed by ``scripts/check_clauses.py`` and ``scripts/add_municipality.py``, from the report
of the check they just ran (nothing is read twice)::

    sources/repairs/003_norrvik.txt.yml: the repairs are proposals, not yet reviewed: ...
    docs/norrvik/policy.en.md: 41 of 41 clauses not yet translated: ...
    docs/data/comparison.yml: Norrviks kommun: 16 of 16 topics not yet compared: ...
    docs/data/responsibilities.yml: Norrviks kommun: 9 clauses not yet mapped to tasks: ...
    docs/norrvik/policy.md: the info box names the title '...', the registry '...': run python -m policykit refresh norrvik

A failing check adds one ``hint:`` line per document whose pages no longer follow its reading
(after a mend in sources/: `authoring.refresh`), before the summary line.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from policykit.check.datasets import PENDING
from policykit.authoring.rewrite import named_title
from policykit.authoring.scaffold import UNTRANSLATED
from policykit.labels import label

RECHECK = label("refresh.changed", "en").split("\n")[0]  # the "Translation to check" box's first line


def todo(report, root: Path) -> list[str]:
    """The to-do lines for a project whose check passed (`report` from `checker.check`)."""
    root = Path(root)
    out: list[str] = []
    for src in report.model.files:
        if not src.reviewed:
            rel = src.repairs.relative_to(root).as_posix() if src.repairs.is_relative_to(root) else str(src.repairs)
            out.append(f"{rel}: the repairs are proposals, not yet reviewed: check each against "
                       "the printed original, then set 'reviewed: true' and remove the page's notice")
        for doc in src.documents:
            twin = Path("docs") / (doc.page[:-3] + ".en.md")
            if (root / twin).is_file():
                lines = [ln for ln in (root / twin).read_text(encoding="utf-8").splitlines() if "<!-- clause:" in ln]
                left = sum(UNTRANSLATED in ln for ln in lines)
                if left:
                    out.append(f"{twin.as_posix()}: {left} of {len(lines)} clauses not yet translated: replace each "
                               f"{UNTRANSLATED}...</span> with the English text, then remove the 'Not yet translated' box")
                boxes = (root / twin).read_text(encoding="utf-8").count(RECHECK)
                if boxes:
                    out.append(f"{twin.as_posix()}: {boxes} earlier translations to check (kept by the refresh after a "
                               "mend): put each where it belongs, then delete its 'Translation to check' box")
            page = root / "docs" / doc.page
            named = named_title(page.read_text(encoding="utf-8")) if page.is_file() else None
            if named and named != doc.title:
                out.append(f"docs/{doc.page}: the info box names the title {named!r}, sources/sources.yml "
                           f"{doc.title!r}: run python -m policykit refresh {doc.id}")
    data = report.data
    names = {m["id"]: m["name"]["sv"] for m in data.municipalities}
    pending = Counter(mid for row in data.rows for mid, cell in row["cells"].items() if cell["status"] == PENDING)
    for mid, n in pending.items():
        out.append(f"docs/data/comparison.yml: {names[mid]}: {n} of {len(data.rows)} topics not yet compared: "
                   "give each cell its status (addressed with clauses, not-addressed, not-in-available-text) and summary")
    for mid, n in Counter(u["municipality"] for u in data.unmapped).items():
        out.append(f"docs/data/responsibilities.yml: {names[mid]}: {n} clauses not yet mapped to tasks: "
                   "add bodies and tasks for them, then delete their 'unmapped' rows")
    return out


def print_report(report, root: Path) -> None:
    """What `check` prints: one line per problem, the to-do lines of a passing check, the summary."""
    for problem in report.problems:
        print(problem)
    for line in _stale(report):
        print(line)
    if report.ok:
        # Accepted but unfinished work (a new municipality, step by step); never an error.
        for item in todo(report, root):
            print(f"todo: {item}")
    print(report.summary_line())


def _stale(report) -> list[str]:
    """A hint for each document with clause problems on its own pages: after a mend, refresh rewrites them."""
    if report.ok or report.model is None:
        return []
    out = []
    for doc in report.model.documents.values():
        pages = (f"docs/{doc.page}", f"docs/{doc.page[:-3]}.en.md")
        mine = f"{doc.id}-"
        if any(p.subject.startswith(mine) and p.where.split(":")[0] in pages for p in report.problems):
            out.append(f"hint: {pages[0]}: the pages of '{doc.id}' do not follow its reading in sources/; if the "
                       f"sources were mended, python -m policykit refresh {doc.id} rewrites their clauses, keeping "
                       "boxes and translations")
    return out
