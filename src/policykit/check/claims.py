"""Claims about the documents, held to the clauses they cite.

The clause checker proves the policy text; this module checks what the site says *about*
it, in the data files and in the guidance pages (every page under docs/ that is not a
document's page), in these ways:

    kind      a responsibility row's kind (decides, needs-to, is-to, ...) is licensed by words of
              its clause (docs/data/kinds.yml); a 'basis:' quoting the words the row rests on must
              hold a licensing word too. For kinds with `agent: named` (behöver, ska) the clause
              names the body, or the body is 'ej-utpekad' ("ska ... planeras": no one is made
              responsible), and 'ej-utpekad' has no other kind.
              A principle's kind (principle, direction, goal, form, use) is the document's own word.
    roles     a summary, meaning, glossary entry or guidance sentence gives a role only where a
              clause it cites licenses it (`roles`)
    glossary  a glossary entry that speaks of a document ("enligt strategin", "the policy") cites
              the clauses it rests on, and is then held to them like any other claim
    inference a sentence that says what the source does not show ("the list continued") carries the
              label docs/data/kinds.yml gives for an editor's reading (check/inference.py)
    truncated 'not-addressed' is refused for a municipality whose document is cut off
              (`truncated: true` in sources/sources.yml): use not-in-available-text.
    modal     a text keeps the modal verbs of the clauses it cites, in both languages (`modal`)
    status    "gäller", "in force" ... said of a document not shown as adopted (`status`)

`check_claims(project)` returns `Problem`s naming file, line and fix.
"""

from __future__ import annotations

import re
from pathlib import Path

from policykit.check.datasets import KINDS
from policykit.check.prose import load
from policykit.datafile import LINE
from policykit.labels import labels
from policykit.check.inference import check_inference
from policykit.check.modal import _modal
from policykit.check.roles import check_roles, licensed, licensing_text, norm as _norm
from policykit.check.status import _status
from policykit.errors import Problem, at
from policykit.text import short

DOCS = Path("docs")
KINDS_FILE = "docs/data/kinds.yml"
EXCEPTIONS_FILE = "docs/data/modal-exceptions.yml"
# The labels of the principle kinds, for the principles page; their source words are in kinds.yml.
PRINCIPLE_KINDS = labels("principles.kinds")
# The body of a responsibility row whose clause names no one ("ska ... planeras").
UNNAMED = "ej-utpekad"

# Modal verbs by strength class. English 'can' and 'may' both stand for kan and får.


def check_claims(project) -> list[Problem]:
    """Every claim problem of a project (`policykit.project.Project`; its pages are read once)."""
    model = project.model
    if project.data is None:
        return []  # the data files are invalid: the checker reports why, and nothing here can be read
    problems: list[Problem] = []
    clauses = {c.id: c for c in model.clauses}
    kinds = load(project, "kinds.yml") or {}
    problems += _kinds(project, model, clauses, kinds)
    problems += check_roles(project, clauses, kinds)
    problems += _glossary_cites(project)
    problems += check_inference(project, kinds)
    problems += _principle_kinds(project, model, clauses, kinds)
    problems += _truncated(project, model)
    problems += _modal(project, clauses)
    problems += _status(project)
    return problems


# --- kinds -------------------------------------------------------------------------------------

def _kinds(project, model, clauses, kinds) -> list[Problem]:
    problems = []
    spec = kinds.get("responsibilities") or {}
    for kind in KINDS:
        if kind not in spec:
            problems.append(Problem(KINDS_FILE, f"kind '{kind}' has no licensing words",
                                    f"add '{kind}: {{licensed_by: [...]}}' with the Swedish verbs that give this role"))
    data = load(project, "responsibilities.yml") or {}
    where = "docs/data/responsibilities.yml"
    # a body's Swedish name up to its first sign that is not part of a name ("Internationella
    # beredningen (IB)" → "Internationella beredningen"): what a clause that names it says
    names = {b.get("id"): re.match(r"[\w\s-]*", str((b.get("name") or {}).get("sv", ""))).group(0).strip()
             for b in data.get("bodies") or [] if isinstance(b, dict) and isinstance(b.get("name"), dict)}
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
            text = _norm(basis)  # the words the row rests on must themselves give the role
        agent = (spec[kind] or {}).get("agent") == "named"
        body = task.get("body")
        if body == UNNAMED and kind != "is-to":
            problems.append(Problem(at(where, line), f"body '{UNNAMED}' (no body named) has kind '{kind}'",
                                    f"use kind is-to: a clause that names no one gives no one a role", subject=cid))
            continue
        if agent and body != UNNAMED and _norm(names.get(body, "")) not in _norm(clauses[cid].text):
            problems.append(Problem(at(where, line), f"kind '{kind}' for body '{body}', but clause {cid} does not "
                                    f"name {names.get(body)!r} (it says {short(clauses[cid].text, 90)!r})",
                                    f"use body '{UNNAMED}' when the clause names no one (\"ska ... planeras\"), "
                                    "or cite the clause that names the body", subject=cid))
            continue
        if not licensed(words, text):
            found = [k for k, v in spec.items() if k in KINDS and licensed((v or {}).get("licensed_by") or [], text)]
            hint = f"use kind {' or '.join(found)}, which the clause's words support, " if found else "use a kind the clause's words support "
            problems.append(Problem(at(where, line), f"kind '{kind}' for body '{task.get('body')}' is not licensed by "
                                    f"clause {cid}: it has none of {', '.join(words)} (the clause says "
                                    f"{short(clauses[cid].text, 90)!r})",
                                    hint + "or add 'basis:' quoting the clause words the row rests on",
                                    subject=cid))
    return problems


def _principle_kinds(project, model, clauses, kinds) -> list[Problem]:
    problems = []
    spec = kinds.get("principles") or {}
    data = load(project, "principles.yml") or {}
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


# --- the glossary cites ----------------------------------------------------------------------

# Words by which a definition speaks for a document.
SPEAKS = {"sv": re.compile(r"(?<![\w-])(?:enligt (?:strategin|policyn|tjänsteutlåtandet|sin text|dess text)|strategin|"
                           r"strategins|policyn|policyns|tjänsteutlåtandet)(?![\w-])", re.I),
          "en": re.compile(r"\b(?:the strategy|strategy's|the policy|policy's|officials' report|according to its text)\b",
                           re.I)}


def _glossary_cites(project) -> list[Problem]:
    data = load(project, "glossary.yml") or {}
    problems = []
    for entry in data.get("terms") or []:
        if not isinstance(entry, dict) or entry.get("clauses"):
            continue
        for lang in ("sv", "en"):
            text = str((entry.get("definition") or {}).get(lang, ""))
            m = SPEAKS[lang].search(text)
            if m:
                problems.append(Problem(at("docs/data/glossary.yml", entry.get(LINE)),
                                        f"glossary entry '{entry.get('id')}' says what a document says "
                                        f"({m.group(0)!r}) but cites no clause",
                                        "add 'clauses: [...]' with the clauses it rests on; they hold it like any other claim"))
                break
    return problems


# --- truncated documents --------------------------------------------------------------------

def _truncated(project, model) -> list[Problem]:
    cut = {}
    for doc in model.documents.values():
        if doc.truncated:
            cut.setdefault(doc.municipality, doc.id)
    problems = []
    data = load(project, "comparison.yml") or {}
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
