"""Modal strength kept: a text that cites exactly one clause keeps that clause's modal verb.

    ska, skall, måste / shall, must, is to      the strongest
    bör / should
    kan, får / can, may

A data text (task `what`, principle `meaning`, comparison summary) or a guidance sentence
that cites one clause and says *ska* where the clause says *bör* is refused, naming file,
line and fix. Deliberate exceptions: docs/data/modal-exceptions.yml.
"""

from __future__ import annotations

import re
from pathlib import Path

from policykit.check.prose import find_line, guidance_pages, load, page_sentences, plain, refs
from policykit.datafile import LINE
from policykit.errors import Problem, at
from policykit.text import short

DOCS = Path("docs")
EXCEPTIONS_FILE = "docs/data/modal-exceptions.yml"
SV_MODALS = {"ska": "ska", "skall": "ska", "måste": "ska", "bör": "bör", "kan": "kan", "får": "får"}
EN_MODALS = [(re.compile(r"\b(?:shall|must|(?:is|are|was|were) to)\b", re.I), "ska"),
             (re.compile(r"\bshould\b", re.I), "bör"),
             (re.compile(r"\b(?:can|cannot|can't|may)\b", re.I), "kan/får")]
HEDGES = {"bör", "kan", "får", "kan/får"}


def modals(text: str, lang: str) -> set[str]:
    text = plain(text)
    if lang == "sv":
        return {SV_MODALS[w.lower()] for w in re.findall(r"(?<![\w-])(ska|skall|måste|bör|kan|får)(?![\w-])", text, re.I)}
    return {cls for rx, cls in EN_MODALS if rx.search(text)}


def _clause_modals(text: str, lang: str) -> set[str]:
    found = modals(text, "sv")
    if lang == "en":
        found = {"kan/får" if m in ("kan", "får") else m for m in found}
    return found


def modal_problem(text: str, lang: str, clause_text: str) -> str | None:
    """What is wrong with the modal verbs of `text` against its one clause, or None."""
    said, source = modals(text, lang), _clause_modals(clause_text, lang)
    extra = said - source
    if extra:
        return f"says {'/'.join(sorted(extra))}, which the clause does not ({'/'.join(sorted(source)) or 'no modal verb'})"
    dropped = (source & HEDGES) - said
    if dropped and not (said & source):
        return f"drops the clause's {'/'.join(sorted(dropped))}"
    return None


def _exceptions(project) -> list[dict]:
    data = load(project, "modal-exceptions.yml") or {}
    return [e for e in data.get("exceptions") or [] if isinstance(e, dict)]


def _excepted(exceptions, file, cid, text) -> bool:
    return any(e.get("file") == file and e.get("clause") == cid and str(e.get("text", "\0")) in text
               for e in exceptions)


def _modal(project, clauses) -> list[Problem]:
    root, model = project.root, project.model
    problems, exceptions = [], _exceptions(project)
    fix = ("use the clause's modal verb (ska → shall/must/is to, bör → should, kan/får → can/may), or record a "
           f"deliberate exception in {EXCEPTIONS_FILE}")

    def judge(where, line, lang, cid, text):
        if cid not in clauses or _excepted(exceptions, where, cid, text):
            return
        wrong = modal_problem(text, lang, clauses[cid].text)
        if wrong:
            problems.append(Problem(at(where, line), f"{short(plain(text).strip(), 90)!r} cites {cid} and {wrong}", fix,
                                    subject=cid))

    for path, lang in guidance_pages(root, model):
        shown = path.relative_to(root).as_posix()
        for line, sentence in page_sentences(project.page(path.relative_to(root / DOCS).as_posix())):
            ids = refs(sentence)
            if len(set(ids)) == 1:
                judge(shown, line, lang, ids[0], sentence)
    for where, record, field, line, cid in _single_clause_texts(project):
        for lang in ("sv", "en"):
            text = record.get(field, {}).get(lang) if isinstance(record.get(field), dict) else None
            if isinstance(text, str):
                judge(where, line(lang, text), lang, cid, text)
    return problems


def _single_clause_texts(project):
    """(file, record, field, line function, clause) for data texts that cite exactly one clause."""
    for name, key, field, cites in (("responsibilities.yml", "tasks", "what", lambda r: [r.get("clause")]),
                                    ("principles.yml", "principles", "meaning", lambda r: r.get("clauses") or [])):
        data = load(project, name) or {}
        lines = project.data_lines(name) if data else []
        for rec in data.get(key) or []:
            if isinstance(rec, dict) and len(set(cites(rec))) == 1:
                yield (f"docs/data/{name}", rec, field,
                       lambda lang, text, rec=rec, lines=lines: find_line(lines, rec.get(LINE), text), cites(rec)[0])
    data = load(project, "comparison.yml") or {}
    lines = project.data_lines("comparison.yml") if data else []
    for row in data.get("rows") or []:
        for mid, cell in (row.get("cells") or {}).items() if isinstance(row, dict) and isinstance(row.get("cells"), dict) else []:
            if isinstance(cell, dict) and len(set(cell.get("clauses") or [])) == 1:
                yield ("docs/data/comparison.yml", cell, "summary",
                       lambda lang, text, cell=cell: find_line(lines, cell.get(LINE), text), cell["clauses"][0])
