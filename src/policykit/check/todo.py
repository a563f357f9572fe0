"""What a person still has to do: work the project accepts but that is not finished.

None of it stops the check or the build (a new municipality is checked while it is a draft, and
published step by step); all of it is listed by ``python -m policykit check`` and ``add``, from
the report of the check they just ran, one line each (`Todo`: where, what, fix)::

    sources/repairs/005_norrvik.yml:6: the repairs are proposals, not yet reviewed: ...
    sources/repairs/005_norrvik.yml:40: 2 flagged words not yet decided (Mal, sam): ...
    docs/norrvik/policy.md:12: the page still says its reading is not reviewed: ...
    docs/norrvik/policy.en.md: 41 of 41 clauses not yet translated: ...
    docs/data/comparison.yml: Norrviks kommun: 16 of 16 topics not yet compared: ...
    docs/data/responsibilities.yml: Norrviks kommun: 9 clauses not yet mapped to tasks: ...
    sources/sources.yml:120: document 'norrvik' is a draft: ...
    docs/norrvik/policy.md: the info box names the title '...', the registry '...': run python -m policykit refresh norrvik

Items that `decide` the reading of a document (its repairs, its flagged words, the page's notice
that they are unreviewed) are what `python -m policykit approve` waits for (authoring/approve.py);
translation, comparison and mapping may follow after publication.

A failing check adds one ``hint:`` line per document whose pages no longer follow its reading
(after a mend in sources/: `authoring.refresh`), before the summary line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from policykit.authoring.rewrite import named_title
from policykit.authoring.scaffold import UNTRANSLATED
from policykit.check.datasets import PENDING
from policykit.errors import at
from policykit.labels import label, labels

# The flagged words `add` lists in a repairs file (authoring/register.py): "#   Mal (2×): unsure, could be ..."
FLAGGED = re.compile(r"^#\s+(\S+) \(\d+×\): unsure, could be ")
REVIEWED_FALSE = re.compile(r"^reviewed:\s*false\s*(?:#.*)?$")
# The first line of each box a scaffolded page carries while its reading is unreviewed (labels.yml).
NOTICES = {labels(f"scaffold.{key}")[lang].strip().split("\n")[0]
           for key in ("unreviewed", "unreviewed_reading") for lang in ("sv", "en")}
RECHECK = label("refresh.changed", "en").split("\n")[0]  # the "Translation to check" box's first line


@dataclass(frozen=True)
class Todo:
    where: str                     # file, or file:line
    what: str
    fix: str
    documents: tuple[str, ...] = ()   # the documents it concerns
    decides: bool = False             # a decision about a document's reading: approve waits for it

    def __str__(self) -> str:
        return f"{self.where}: {self.what}: {self.fix}"


def items(report, root: Path) -> list[Todo]:
    """What is left to do in a project whose check passed (`report` from `checker.check`)."""
    root = Path(root)
    out: list[Todo] = []
    for src in report.model.files:
        docs = tuple(d.id for d in src.documents)
        out += _repairs(src, root, docs)
        for doc in src.documents:
            if src.reviewed:  # while it is not, the repairs' item says to remove the notice too
                out += _notices(root, doc)
            twin = Path("docs") / (doc.page[:-3] + ".en.md")
            if (root / twin).is_file():
                lines = [ln for ln in (root / twin).read_text(encoding="utf-8").splitlines() if "<!-- clause:" in ln]
                left = sum(UNTRANSLATED in ln for ln in lines)
                if left:
                    out.append(Todo(twin.as_posix(), f"{left} of {len(lines)} clauses not yet translated",
                                    f"replace each {UNTRANSLATED}...</span> with the English text, then remove "
                                    "the 'Not yet translated' box", (doc.id,)))
                boxes = (root / twin).read_text(encoding="utf-8").count(RECHECK)
                if boxes:
                    out.append(Todo(twin.as_posix(), f"{boxes} earlier translations to check (kept by the refresh "
                                    "after a mend)", "put each where it belongs, then delete its 'Translation to "
                                    "check' box", (doc.id,)))
            page = root / "docs" / doc.page
            named = named_title(page.read_text(encoding="utf-8")) if page.is_file() else None
            if named and named != doc.title:
                out.append(Todo(f"docs/{doc.page}", f"the info box names the title {named!r}, sources/sources.yml "
                                f"{doc.title!r}", f"run python -m policykit refresh {doc.id}", (doc.id,)))
    data = report.data
    names = {m.id: m.name.sv for m in data.municipalities}
    pending = Counter(mid for row in data.rows for mid, cell in row.cells.items() if cell.status == PENDING)
    for mid, n in pending.items():
        out.append(Todo("docs/data/comparison.yml", f"{names[mid]}: {n} of {len(data.rows)} topics not yet compared",
                        "give each cell its status (addressed with clauses, not-addressed, not-in-available-text) "
                        "and summary"))
    for mid, n in Counter(u.municipality for u in data.unmapped).items():
        out.append(Todo("docs/data/responsibilities.yml", f"{names[mid]}: {n} clauses not yet mapped to tasks",
                        "add bodies and tasks for them, then delete their 'unmapped' rows"))
    for doc in report.model.documents.values():
        if doc.draft:
            out.append(Todo(at("sources/sources.yml", doc.line), f"document '{doc.id}' is a draft: checked and shown "
                            "by make serve, not published", "when nothing above is left to decide for it, "
                            f"python -m policykit approve {doc.id} --by NAME", (doc.id,)))
    return out


def todo(report, root: Path) -> list[str]:
    """The to-do lines for a project whose check passed."""
    return [str(item) for item in items(report, root)]


def _repairs(src, root: Path, docs: tuple) -> list[Todo]:
    """The repairs file's unreviewed proposals and its flagged words not yet decided."""
    rel = src.repairs.relative_to(root).as_posix() if src.repairs.is_relative_to(root) else str(src.repairs)
    try:
        lines = src.repairs.read_text(encoding="utf-8").split("\n")
    except OSError:  # the model read it a moment ago; nothing to list if it is gone now
        return []
    out = []
    if not src.reviewed:
        line = next((n for n, text in enumerate(lines, 1) if REVIEWED_FALSE.match(text)), None)
        out.append(Todo(at(rel, line), "the repairs are proposals, not yet reviewed",
                        "check each against the printed original, then set 'reviewed: true' and remove the "
                        "page's notice", docs, decides=True))
    flagged = [(n, m.group(1)) for n, text in enumerate(lines, 1) if (m := FLAGGED.match(text))]
    if flagged:
        out.append(Todo(at(rel, flagged[0][0]), f"{len(flagged)} flagged word{'s' if len(flagged) > 1 else ''} "
                        "not yet decided "
                        f"({', '.join(word for _, word in flagged)}; lines {', '.join(str(n) for n, _ in flagged)})",
                        "for each, add a words entry with the right word, or keep the reading as it is; then "
                        "delete its comment line", docs, decides=True))
    return out


def _notices(root: Path, doc) -> list[Todo]:
    """A reviewed document's page (either language) that still says its reading is unreviewed."""
    out = []
    for rel in (doc.page, doc.page[:-3] + ".en.md"):
        path = root / "docs" / rel
        if not path.is_file():
            continue
        lines = path.read_text(encoding="utf-8-sig").split("\n")
        for first, last in notice_blocks(lines):
            out.append(Todo(at(f"docs/{rel}", first), f"the page still says its reading is not reviewed "
                            f"({lines[first - 1].strip()})", f"the repairs are reviewed: remove that box "
                            f"(lines {first}-{last})", (doc.id,), decides=True))
    return out


def notice_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last) line, 1-based, of each box in a page's lines that says its reading is unreviewed."""
    out = []
    for n, text in enumerate(lines, 1):
        if text.strip() in NOTICES:
            end = n  # the box goes on while its lines are indented (a blank line inside it included)
            while end < len(lines) and (lines[end].startswith("    ") or not lines[end].strip()
                                        and end + 1 < len(lines) and lines[end + 1].startswith("    ")):
                end += 1
            out.append((n, end))
    return out


def print_report(report, root: Path) -> None:
    """What `check` prints: one line per problem, the to-do lines of a passing check, the summary."""
    for problem in report.problems:
        print(problem)
    if report.ok:
        # Accepted but unfinished work (a new municipality, step by step); never an error.
        for item in todo(report, root):
            print(f"todo: {item}")
    for line in _stale(report):
        print(line)
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
