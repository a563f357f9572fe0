"""Claims about the documents, held to the clauses they cite.

The clause checker proves the policy text; this module checks what the site says *about*
it, in the data files and in the guidance pages (every page under docs/ that is not a
document's page), in five ways:

    kind      a responsibility row's kind (decides, coordinates, ...) is licensed by words of its
              clause (docs/data/kinds.yml), or the row quotes the words it rests on in 'basis:'.
              A principle's kind (principle, direction, goal, form, use) is the document's own word.
    truncated 'not-addressed' is refused for a municipality whose document is cut off
              (`truncated: true` in sources/sources.yml): use not-in-available-text.
    modal     a text that cites exactly one clause keeps that clause's modal verb
              (ska/bör/kan/får; shall, must, is to / should / can, may). Deliberate
              exceptions: docs/data/modal-exceptions.yml.
    status    "gäller", "i kraft", "applies", "in force" ... said of a document whose status in
              sources/sources.yml is not `adopted` is refused.

`check_claims(root, model)` returns `Problem`s naming file, line and fix.
"""

from __future__ import annotations

import re
from pathlib import Path

from policykit.check.datasets import KINDS
from policykit.check.prose import data_texts, find_line, load, page_sentences, plain, refs
from policykit.datafile import LINE
from policykit.labels import labels
from policykit.errors import Problem, at

DOCS = Path("docs")
KINDS_FILE = "docs/data/kinds.yml"
EXCEPTIONS_FILE = "docs/data/modal-exceptions.yml"
STATUSES = ("unknown", "attachment", "proposed-in-report", "adopted")
# The labels of the principle kinds, for the principles page; their source words are in kinds.yml.
PRINCIPLE_KINDS = labels("principles.kinds")

# Modal verbs by strength class. English 'can' and 'may' both stand for kan and får.
SV_MODALS = {"ska": "ska", "skall": "ska", "måste": "ska", "bör": "bör", "kan": "kan", "får": "får"}
EN_MODALS = [(re.compile(r"\b(?:shall|must|(?:is|are|was|were) to)\b", re.I), "ska"),
             (re.compile(r"\bshould\b", re.I), "bör"),
             (re.compile(r"\b(?:can|cannot|can't|may)\b", re.I), "kan/får")]
HEDGES = {"bör", "kan", "får", "kan/får"}
STATUS_WORDS = {
    "sv": re.compile(r"(?<![\w-])(?:gäller|gällande|i kraft|har antagits|är antagen)(?![\w-])", re.I),
    "en": re.compile(r"\b(?:applies|apply|in force|has been adopted|is adopted)\b", re.I),
}
GENERIC = {"sv": "dokument", "en": "document"}


def check_claims(project) -> list[Problem]:
    """Every claim problem of a project (`policykit.project.Project`; its pages are read once)."""
    root, model = project.root, project.model
    problems: list[Problem] = []
    clauses = {c.id: c for c in model.clauses}
    kinds = load(root, "kinds.yml") or {}
    problems += _kinds(root, model, clauses, kinds)
    problems += _principle_kinds(root, model, clauses, kinds)
    problems += _truncated(root, model)
    problems += _modal(project, clauses)
    problems += _status(project)
    return problems


# --- kinds -------------------------------------------------------------------------------------

def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def licensing_text(model, clauses: dict, cid: str) -> str:
    """The clause's words, and for a list item also the sentence that introduces the list."""
    clause = clauses[cid]
    text = clause.text
    if re.search(r"-p\d+$", cid):
        lead = None
        for c in model.clauses_of(clause.document):
            if c.id == cid:
                break
            if c.section == clause.section and re.search(r"-s\d+$", c.id):
                lead = c
        if lead is not None:
            text = lead.text + " " + text
    return _norm(text)


def licensed(words: list[str], text: str) -> bool:
    return any(re.search(r"(?<![\w-])" + re.escape(_norm(w)), text) for w in words)


def _kinds(root, model, clauses, kinds) -> list[Problem]:
    problems = []
    spec = kinds.get("responsibilities") or {}
    for kind in KINDS:
        if kind not in spec:
            problems.append(Problem(KINDS_FILE, f"kind '{kind}' has no licensing words",
                                    f"add '{kind}: {{licensed_by: [...]}}' with the Swedish verbs that give this role"))
    data = load(root, "responsibilities.yml") or {}
    where = "docs/data/responsibilities.yml"
    for task in data.get("tasks") or []:
        if not isinstance(task, dict):
            continue
        kind, cid, basis = task.get("kind"), task.get("clause"), task.get("basis")
        if kind not in KINDS or cid not in clauses or kind not in spec:
            continue  # unknown kinds and clauses are reported by datasets.py
        text = licensing_text(model, clauses, cid)
        words = (spec[kind] or {}).get("licensed_by") or []
        line = task.get(LINE)
        if basis is not None:
            if not isinstance(basis, str) or _norm(basis) not in text:
                problems.append(Problem(at(where, line), f"the basis {basis!r} of this {kind} row does not occur "
                                        f"in clause {cid}", f"quote the clause's own words: {clauses[cid].text!r}",
                                        subject=cid))
            continue
        if not licensed(words, text):
            found = [k for k, v in spec.items() if k in KINDS and licensed((v or {}).get("licensed_by") or [], text)]
            hint = f"use kind {' or '.join(found)}, which the clause's words support, " if found else "use a kind the clause's words support "
            problems.append(Problem(at(where, line), f"kind '{kind}' for body '{task.get('body')}' is not licensed by "
                                    f"clause {cid}: it has none of {', '.join(words)} (the clause says "
                                    f"{_short(clauses[cid].text)!r})",
                                    hint + "or add 'basis:' quoting the clause words the row rests on",
                                    subject=cid))
    return problems


def _principle_kinds(root, model, clauses, kinds) -> list[Problem]:
    problems = []
    spec = kinds.get("principles") or {}
    data = load(root, "principles.yml") or {}
    where = "docs/data/principles.yml"
    for p in data.get("principles") or []:
        if not isinstance(p, dict):
            continue
        kind, line = p.get("kind"), p.get(LINE)
        if kind not in spec or kind not in PRINCIPLE_KINDS:
            problems.append(Problem(at(where, line), f"entry '{p.get('id')}' has {'no kind' if kind is None else f'unknown kind {kind!r}'}",
                                    f"add 'kind:' with one of {', '.join(k for k in PRINCIPLE_KINDS if k in spec)}: "
                                    "the word the document itself uses (only what it calls a principle is a principle)"))
            continue
        word = _norm(str((spec[kind] or {}).get("source_word", "")))
        for cid in p.get("clauses") or []:
            if cid not in clauses:
                continue
            c = clauses[cid]
            top = c.section.split("-")[0]
            near = " ".join(x.text for x in model.clauses_of(c.document) if x.section in (c.section, top))
            if word and word not in _norm(near):
                problems.append(Problem(at(where, line), f"entry '{p.get('id')}' is a {kind}, but clause {cid} stands "
                                        f"in a section that never says '{word}'",
                                        "give it the kind its document's words give it (docs/data/kinds.yml)", subject=cid))
                break
    return problems


# --- truncated documents --------------------------------------------------------------------

def _truncated(root, model) -> list[Problem]:
    cut = {}
    for doc in model.documents.values():
        if doc.truncated:
            cut.setdefault(doc.municipality, doc.id)
    problems = []
    data = load(root, "comparison.yml") or {}
    for row in data.get("rows") or []:
        if not isinstance(row, dict) or not isinstance(row.get("cells"), dict):
            continue
        for mid, cell in row["cells"].items():
            if mid in cut and isinstance(cell, dict) and cell.get("status") == "not-addressed":
                problems.append(Problem(at("docs/data/comparison.yml", cell.get(LINE)),
                                        f"cell '{mid}' of row '{row.get('topic')}' says not-addressed, but document "
                                        f"'{cut[mid]}' is truncated (sources/sources.yml): what the rest says cannot be known",
                                        "use status not-in-available-text and say where the available text ends"))
    return problems


# --- modal verbs ----------------------------------------------------------------------------

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


def _exceptions(root) -> list[dict]:
    data = load(root, "modal-exceptions.yml") or {}
    return [e for e in data.get("exceptions") or [] if isinstance(e, dict)]


def _excepted(exceptions, file, cid, text) -> bool:
    return any(e.get("file") == file and e.get("clause") == cid and str(e.get("text", "\0")) in text
               for e in exceptions)


def _modal(project, clauses) -> list[Problem]:
    root, model = project.root, project.model
    problems, exceptions = [], _exceptions(root)
    fix = ("use the clause's modal verb (ska → shall/must/is to, bör → should, kan/får → can/may), or record a "
           f"deliberate exception in {EXCEPTIONS_FILE}")

    def judge(where, line, lang, cid, text):
        if cid not in clauses or _excepted(exceptions, where, cid, text):
            return
        wrong = modal_problem(text, lang, clauses[cid].text)
        if wrong:
            problems.append(Problem(at(where, line), f"{_short(plain(text).strip())!r} cites {cid} and {wrong}", fix,
                                    subject=cid))

    for path, lang in guidance_pages(root, model):
        shown = path.relative_to(root).as_posix()
        for line, sentence in page_sentences(project.page(path.relative_to(root / DOCS).as_posix())):
            ids = refs(sentence)
            if len(set(ids)) == 1:
                judge(shown, line, lang, ids[0], sentence)
    for where, record, field, line, cid in _single_clause_texts(root):
        for lang in ("sv", "en"):
            text = record.get(field, {}).get(lang) if isinstance(record.get(field), dict) else None
            if isinstance(text, str):
                judge(where, line(lang, text), lang, cid, text)
    return problems


def _single_clause_texts(root):
    """(file, record, field, line function, clause) for data texts that cite exactly one clause."""
    for name, key, field, cites in (("responsibilities.yml", "tasks", "what", lambda r: [r.get("clause")]),
                                    ("principles.yml", "principles", "meaning", lambda r: r.get("clauses") or [])):
        data = load(root, name) or {}
        lines = (Path(root) / "docs/data" / name).read_text(encoding="utf-8").split("\n") if data else []
        for rec in data.get(key) or []:
            if isinstance(rec, dict) and len(set(cites(rec))) == 1:
                yield (f"docs/data/{name}", rec, field,
                       lambda lang, text, rec=rec, lines=lines: find_line(lines, rec.get(LINE), text), cites(rec)[0])
    data = load(root, "comparison.yml") or {}
    lines = (Path(root) / "docs/data/comparison.yml").read_text(encoding="utf-8").split("\n") if data else []
    for row in data.get("rows") or []:
        for mid, cell in (row.get("cells") or {}).items() if isinstance(row, dict) and isinstance(row.get("cells"), dict) else []:
            if isinstance(cell, dict) and len(set(cell.get("clauses") or [])) == 1:
                yield ("docs/data/comparison.yml", cell, "summary",
                       lambda lang, text, cell=cell: find_line(lines, cell.get(LINE), text), cell["clauses"][0])


def guidance_pages(root, model):
    """(path, language) of every page that is not a document's own page (nor its English twin)."""
    sources = {doc.page[:-3] for doc in model.documents.values()}
    for path in sorted((Path(root) / DOCS).rglob("*.md")):
        rel = path.relative_to(Path(root) / DOCS).as_posix()
        lang = "en" if rel.endswith(".en.md") else "sv"
        stem = rel[: -len(".en.md")] if lang == "en" else rel[:-3]
        if stem not in sources:
            yield path, lang


# --- document status ------------------------------------------------------------------------

def _names(model) -> dict[str, dict[str, re.Pattern]]:
    """For each document not shown as adopted, per language, a pattern for how texts name it."""
    out = {}
    for doc in model.documents.values():
        if (doc.status or {}).get("value") == "adopted":
            continue
        pats = {}
        for lang in ("sv", "en"):
            short = str((doc.short or {}).get(lang, doc.id)).lower().split()[-1]
            if lang == "sv":
                short = re.sub(r"(?:en|et|n)$", "", short) if len(short) > 6 else short
            pats[lang] = re.compile(r"(?<![\w-])" + re.escape(short) + r"\w*", re.I)
        out[doc.id] = pats
    return out


def status_problem(text: str, lang: str, names: dict, model) -> str | None:
    t = plain(text)
    word = STATUS_WORDS[lang].search(t)
    if not word:
        return None
    for doc_id, pats in names.items():
        if pats[lang].search(t):
            status = model.documents[doc_id].status.get("value", "unknown")
            return (f"says {word.group(0)!r} of a document, but document '{doc_id}' has status '{status}' in "
                    "sources/sources.yml: the source does not show that it was adopted")
    if re.search(r"(?<![\w-])" + GENERIC[lang], t, re.I):
        return (f"says {word.group(0)!r} of the documents, but {', '.join(sorted(names))} "
                "are not shown as adopted in sources/sources.yml")
    return None


def _status_markers(project) -> list[Problem]:
    """Each document page, in each language, says the document's standing with <!-- status: ID -->
    (rendered from the registry), so its standing is never written by hand."""
    from policykit.pages import markers

    problems = []
    for doc in project.model.documents.values():
        for rel in (doc.page, doc.page.replace(".md", ".en.md")):
            if not (project.root / "docs" / rel).is_file():
                continue  # a missing twin is the translation check's to report
            found = [m for m in markers.find(project.page(rel)) if m.name == "status" and m.value == doc.id]
            if not found:
                problems.append(Problem(at(f"docs/{rel}", 1), f"the page does not say the standing of document "
                                        f"'{doc.id}' from the registry",
                                        f"write <!-- status: {doc.id} --> in its info box (Om dokumentet) instead of "
                                        "a sentence of your own; the words come from its status in sources/sources.yml"))
    return problems


def _status(project) -> list[Problem]:
    root, model = project.root, project.model
    problems = _status_markers(project)
    for doc in model.documents.values():
        value = (doc.status or {}).get("value")
        if value not in STATUSES:
            problems.append(Problem(at("sources/sources.yml", doc.status.get("line")),
                                    f"document '{doc.id}' has unknown status {value!r}",
                                    f"use one of {', '.join(STATUSES)}"))
        elif value == "adopted" and not all(doc.status.get(k) for k in ("by", "date")):
            problems.append(Problem(at("sources/sources.yml", doc.status.get("line")),
                                    f"document '{doc.id}' is adopted, but the registry does not say by whom and when",
                                    "write status: {value: adopted, by: <body>, date: <YYYY-MM-DD>, clause: <id>}"))
    names = _names(model)
    if not names:
        return problems
    fix = ("describe what the source shows instead (for example 'proposed in the report', 'the source does not "
           "show whether it was adopted'), or record the adoption in sources/sources.yml if the source shows it")
    for path, lang in guidance_pages(root, model):
        shown = path.relative_to(root).as_posix()
        for line, sentence in page_sentences(project.page(path.relative_to(root / DOCS).as_posix())):
            wrong = status_problem(sentence, lang, names, model)
            if wrong:
                problems.append(Problem(at(shown, line), f"{_short(plain(sentence).strip())!r} {wrong}", fix))
    for where, line, lang, _trail, text in data_texts(root):
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            wrong = status_problem(sentence, lang, names, model)
            if wrong:
                problems.append(Problem(at(where, line), f"{_short(sentence)!r} {wrong}", fix))
    return problems


def _short(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
