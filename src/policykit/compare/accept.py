"""Write accepted proposals into the data files, checked like every other claim, or not at all.

    accept(root, "norrvik",
           cells=[{"topic": "besok", "status": "addressed", "clauses": ["norrvik-besok-s1"],
                   "summary": {"sv": "...", "en": "..."}},
                  {"topic": "bistand-utrikespolitik", "status": "not-addressed",
                   "summary": {"sv": "...", "en": "..."}}],
           tasks=[{"body": "norrvik-kommunstyrelsen", "kind": "responsible", "area": "samordning",
                   "clause": "norrvik-ansvar-s1", "what": {"sv": "...", "en": "..."},
                   "basis": "Kommunstyrelsen ansvarar för",          # optional: the clause's words
                   "body_name": {"sv": "Kommunstyrelsen", "en": "Kommunstyrelsen (the municipal executive board)"}}])
    -> Accepted(written=["docs/data/comparison.yml", "docs/data/responsibilities.yml"], cells=2, tasks=1)

A cell replaces the municipality's cell in its topic's row of docs/data/comparison.yml (the
not-yet-assessed one the add command wrote). A task is appended to `tasks:` of
docs/data/responsibilities.yml; `body_name` is needed only for a body not yet in `bodies:` (it is
added, for this municipality); the clause's `unmapped:` entry, if any, is removed (it is mapped now).
The files are edited with ruamel.yaml's round trip: every comment, the order of keys and entries
and the untouched lines stay as they were. Then the clause checker runs (roles licensed by the
clause, modal verbs kept, truncated documents never not-addressed, ...): a problem that was not
there before rolls every file back byte for byte and raises `PolicyError` with the checker's lines.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from policykit.authoring.transaction import Transaction
from policykit.errors import PolicyError, Problem

COMPARISON, RESPONSIBILITIES = "docs/data/comparison.yml", "docs/data/responsibilities.yml"


@dataclass
class Accepted:
    written: list[str]
    cells: int
    tasks: int


def _yaml() -> YAML:
    y = YAML()  # round trip
    y.preserve_quotes = True
    y.width = 1_000_000        # never fold a long summary onto new lines
    y.indent(mapping=2, sequence=4, offset=2)   # the data files' own layout
    return y


def _bilingual(value, where: str, what: str) -> CommentedMap:
    if not isinstance(value, dict) or not all(isinstance(value.get(k), str) and value[k].strip() for k in ("sv", "en")):
        raise PolicyError(Problem(where, f"{what} needs a text in Swedish and in English",
                                  "give {\"sv\": \"...\", \"en\": \"...\"}"))
    return CommentedMap([("sv", value["sv"].strip()), ("en", value["en"].strip())])


def _cell(cell: dict) -> CommentedMap:
    out = CommentedMap([("status", cell.get("status"))])
    if cell.get("status") != "not-yet-assessed":
        out["summary"] = _bilingual(cell.get("summary"), COMPARISON, f"the cell for topic '{cell.get('topic')}'")
    if cell.get("clauses"):
        seq = CommentedSeq(list(cell["clauses"]))
        seq.fa.set_flow_style()   # [a, b], as every cell writes its clauses
        out["clauses"] = seq
    return out


def _edit_comparison(data, municipality: str, cells: list[dict]) -> None:
    rows = {row["topic"]: row for row in data["rows"]}
    for cell in cells:
        row = rows.get(cell.get("topic"))
        if row is None:
            raise PolicyError(Problem(COMPARISON, f"no row for topic {cell.get('topic')!r}",
                                      f"use a topic of docs/data/topics.yml: {', '.join(rows)}"))
        row["cells"][municipality] = _cell(cell)


def _edit_responsibilities(data, municipality: str, tasks: list[dict]) -> None:
    bodies = {b["id"] for b in data["bodies"]}
    for task in tasks:
        body = task.get("body")
        if body not in bodies:
            if not task.get("body_name"):
                raise PolicyError(Problem(RESPONSIBILITIES, f"body {body!r} is not in bodies:",
                                          f"give one of {', '.join(sorted(bodies))}, or body_name "
                                          "{sv, en} to add it"))
            data["bodies"].append(CommentedMap([("id", body), ("municipality", municipality),
                                                ("name", _bilingual(task["body_name"], RESPONSIBILITIES,
                                                                    f"body {body!r}"))]))
            bodies.add(body)
        row = CommentedMap([("body", body), ("kind", task.get("kind")), ("area", task.get("area")),
                            ("what", _bilingual(task.get("what"), RESPONSIBILITIES, f"the task of {body!r}")),
                            ("clause", task.get("clause"))])
        for key in ("basis", "to"):
            if task.get(key):
                row[key] = task[key]
        data["tasks"].append(row)
        unmapped = data.get("unmapped")
        if unmapped:
            for i in reversed(range(len(unmapped))):
                if unmapped[i].get("clause") == task.get("clause"):
                    del unmapped[i]
            if not unmapped:
                del data["unmapped"]


def _problems(root) -> dict[str, Problem]:
    from policykit.check.checker import check

    return {str(p): p for p in check(root).problems}


def accept(root, municipality: str, cells: list[dict], tasks: list[dict]) -> Accepted:
    from pathlib import Path

    from policykit.compare.propose import municipality_of
    from policykit.project import load

    root = Path(root)
    municipality_of(load(root), municipality)   # a clear error for an unknown id
    before = _problems(root)
    y, tx, written = _yaml(), Transaction(root), []
    try:
        for rel, edit, items in ((COMPARISON, _edit_comparison, cells), (RESPONSIBILITIES, _edit_responsibilities, tasks)):
            if not items:
                continue
            data = y.load((root / rel).read_text(encoding="utf-8"))
            edit(data, municipality, items)
            out = io.StringIO()
            y.dump(data, out)
            tx.write(rel, out.getvalue())
            written.append(rel)
        after = _problems(root)
        new = [after[line] for line in sorted(set(after) - set(before))]
        if new:
            raise PolicyError(new)   # the checker's own lines: file, line, what, fix
    except BaseException:
        tx.rollback()
        raise
    return Accepted(written, len(cells), len(tasks))
