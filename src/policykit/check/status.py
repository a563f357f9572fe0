"""Document status as data: "gäller" cannot be said of a document whose adoption the source does not show.

Each document in sources/sources.yml has a `status` (unknown, attachment, proposed-in-report,
adopted {by, date}). Sentences in guidance pages and data texts that say a document applies
("gäller", "i kraft", "applies", "in force" ...) are refused unless it is `adopted`.
"""

from __future__ import annotations

import re
from pathlib import Path

from policykit.check.prose import data_texts, guidance_pages, page_sentences, plain
from policykit.errors import Problem, at
from policykit.text import short

DOCS = Path("docs")
STATUSES = ("unknown", "attachment", "proposed-in-report", "adopted")
STATUS_WORDS = {
    "sv": re.compile(r"(?<![\w-])(?:gäller|gällande|i kraft|har antagits|är antagen)(?![\w-])", re.I),
    "en": re.compile(r"\b(?:applies|apply|in force|has been adopted|is adopted)\b", re.I),
}
GENERIC = {"sv": "dokument", "en": "document"}


def _names(model) -> dict[str, dict[str, re.Pattern]]:
    """For each document not shown as adopted, per language, a pattern for how texts name it."""
    out = {}
    for doc in model.documents.values():
        if (doc.status or {}).get("value") == "adopted":
            continue
        pats = {}
        for lang in ("sv", "en"):
            words = str((doc.short or {}).get(lang, doc.id)).lower().split()
            if len(words) > 1:  # "Norrviks kommun": the whole name, not its last word ("kommunstyrelsen")
                pats[lang] = re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, words)) + r"(?![\w-])", re.I)
                continue
            short = words[-1]
            if lang == "sv":  # "Strategin", "strategins", "strategi": the stem and its inflections
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
    paths = set(project.page_paths())
    for doc in project.model.documents.values():
        for rel in (doc.page, doc.page.replace(".md", ".en.md")):
            if rel not in paths:
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
                problems.append(Problem(at(shown, line), f"{short(plain(sentence).strip(), 90)!r} {wrong}", fix))
    for where, line, lang, _trail, text in data_texts(project):
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            wrong = status_problem(sentence, lang, names, model)
            if wrong:
                problems.append(Problem(at(where, line), f"{short(sentence, 90)!r} {wrong}", fix))
    return problems
