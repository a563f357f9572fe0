"""Modal strength kept: a text that paraphrases clauses keeps their modal verbs, in both languages.

    ska, skall, måste / shall, must, is to      the strongest
    bör / should
    behöver / need to, needs to
    kan, får / can, may

Four rules, over every data text that cites clauses (task `what` read with its kind's label,
principle `title` and `meaning`, comparison `summary`, glossary `definition`) and every
guidance sentence with ``<!-- ref: -->`` markers:

    one clause     the text says no modal the clause lacks and keeps the clause's hedge
                   (bör, behöver, kan, får): "omprövas" for "bör ... omprövas" is refused
    several        the text says no modal that none of its clauses says
    same verb      (Swedish) a sentence that keeps a clause's verb keeps its modal too:
                   "används" for "ska användas", "försöker påverka" for "behöver påverka"
    both languages the English text of a record says the same modal classes as the Swedish

Each failure names file, line and fix. Deliberate exceptions: docs/data/modal-exceptions.yml.
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
SV_MODALS = {"ska": "ska", "skall": "ska", "måste": "ska", "bör": "bör", "kan": "kan", "får": "får",
             "behöver": "behöver"}
# 'behöver' is a modal verb only before another word ("behöver påverka"), not at a clause's end
# ("kompetens som arbetet behöver").
SV_MODAL = re.compile(r"(?<![\w-])(ska|skall|måste|bör|kan|får|behöver(?=\s+\w))(?![\w-])", re.I)
EN_MODALS = [(re.compile(r"\b(?:shall|must|(?:is|are|was|were)(?:\s+(?:also|then|therefore|thus|not|always))?\s+to)\b",
                         re.I), "ska"),
             (re.compile(r"\bshould\b", re.I), "bör"),
             (re.compile(r"\bneeds? to\b", re.I), "behöver"),
             (re.compile(r"\b(?:can|cannot|can't|may)\b", re.I), "kan/får")]
# "The purpose is to create" states a purpose, not a duty (Swedish "syftet är att").
PURPOSE = re.compile(r"\b(?:purpose|aim|task|goal|objective|intention)s?\s+(?:is|are|was|were)\s+to\b", re.I)
HEDGES = {"bör", "kan", "får", "kan/får", "behöver"}
# Words of at least this many letters count as content words when a sentence is matched to its clause.
CONTENT = 5


def modals(text: str, lang: str) -> set[str]:
    text = plain(text)
    if lang == "sv":
        return {SV_MODALS[w.lower()] for w in SV_MODAL.findall(text)}
    text = PURPOSE.sub(" ", text)
    return {cls for rx, cls in EN_MODALS if rx.search(text)}


def _en_class(found: set[str]) -> set[str]:
    return {"kan/får" if m in ("kan", "får") else m for m in found}


def modal_extra(text: str, lang: str, clause_texts: list[str]) -> str | None:
    """A modal verb in `text` that none of its clauses says, or None."""
    source = set().union(*(_clause_modals(c, lang) for c in clause_texts)) if clause_texts else set()
    extra = modals(text, lang) - source
    if extra:
        return (f"says {'/'.join(sorted(extra))}, which none of its clauses does "
                f"({'/'.join(sorted(source)) or 'no modal verb'})")
    return None


def _words(text: str) -> list[str]:
    return re.findall(r"[\wåäöÅÄÖéü-]+", plain(text).lower())


def governed(clause_text: str) -> list[tuple[str, str, set[str]]]:
    """(modal, its verb, the verb's forms without the modal) for each Swedish modal of a clause:
    a passive infinitive within three words after it (ska ... planeras), or the word right after it
    when that is an infinitive (behöver påverka)."""
    words, out = _words(clause_text), []
    for i, w in enumerate(words):
        if w not in SV_MODALS:
            continue
        for j, v in enumerate(words[i + 1:i + 4]):
            if len(v) >= CONTENT and v.endswith("as"):
                out.append((SV_MODALS[w], v, {v, v[:-2] + "s"}))
                break
            if j == 0 and len(v) >= CONTENT and v.endswith("a") and SV_MODALS[w] in ("ska", "behöver", "bör"):
                out.append((SV_MODALS[w], v, {v, v + "r"}))
                break
            if j == 0:
                continue
    return out


def verb_dropped(sentence: str, clause_text: str) -> str | None:
    """'används' for 'ska användas': the sentence keeps the clause's verb (and at least two more of
    its content words) but not the modal verb that governs it."""
    said, seq = modals(sentence, "sv"), _words(sentence)
    # An infinitive after 'att' or a modal verb is not a finite verb that drops the modal ("att jämföra").
    words = {w for i, w in enumerate(seq) if not (w.endswith("a") and i and (seq[i - 1] == "att" or seq[i - 1] in SV_MODALS))}
    clause_words = {w for w in _words(clause_text) if len(w) >= CONTENT}
    for modal, verb, forms in governed(clause_text):
        hit = forms & words
        if hit and modal not in said and len((words & clause_words) - {verb}) >= 2:
            return f"keeps the clause's verb ('{sorted(hit)[0]}') but drops its '{modal} {verb}'"
    return None


def parity(sv: str, en: str) -> str | None:
    """The English says other modal classes than the Swedish of the same record, or None."""
    a, b = _en_class(modals(sv, "sv")), modals(en, "en")
    if a != b:
        return (f"the Swedish says {'/'.join(sorted(a)) or 'no modal verb'}, the English "
                f"{'/'.join(sorted(b)) or 'no modal verb'}")
    return None


def _clause_modals(text: str, lang: str) -> set[str]:
    found = modals(text, "sv")
    return _en_class(found) if lang == "en" else found


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
    fix = ("use the clause's modal verb (ska → is to (shall on a document page), bör → should, behöver → needs to, "
           f"kan → can), or record a deliberate exception in {EXCEPTIONS_FILE}")

    def report(where, line, cid, text, wrong, how=fix):
        problems.append(Problem(at(where, line), f"{short(plain(text).strip(), 90)!r} cites {cid} and {wrong}", how,
                                subject=cid.split(", ")[0]))

    def judge(where, line, lang, cids, text):
        cids = [c for c in dict.fromkeys(cids) if c in clauses]
        if not cids or any(_excepted(exceptions, where, c, text) for c in cids):
            return
        if len(cids) == 1:
            wrong = modal_problem(text, lang, clauses[cids[0]].text)
        else:
            wrong = modal_extra(text, lang, [clauses[c].text for c in cids])
        if wrong:
            return report(where, line, ", ".join(cids), text, wrong)
        if lang == "sv":
            for sentence in _sentences(text):
                for c in cids:
                    dropped = verb_dropped(sentence, clauses[c].text)
                    if dropped:
                        return report(where, line, c, sentence, dropped,
                                      f"keep the modal verb with the verb (clause: {short(clauses[c].text, 80)!r}), "
                                      f"or record a deliberate exception in {EXCEPTIONS_FILE}")

    for path, lang in guidance_pages(root, model):
        shown = path.relative_to(root).as_posix()
        for line, sentence in page_sentences(project.page(path.relative_to(root / DOCS).as_posix())):
            ids = refs(sentence)
            if ids:
                judge(shown, line, lang, ids, sentence)
    for where, record, field, line, cids, label in claim_texts(project):
        texts = record.get(field) if isinstance(record.get(field), dict) else {}
        for lang in ("sv", "en"):
            if isinstance(texts.get(lang), str):
                judge(where, line(lang, texts[lang]), lang, cids, f"{label.get(lang, '')} {texts[lang]}".strip())
        if all(isinstance(texts.get(lang), str) for lang in ("sv", "en")) and not any(
                _excepted(exceptions, where, c, texts["en"]) for c in cids):
            wrong = parity(f"{label.get('sv', '')} {texts['sv']}", f"{label.get('en', '')} {texts['en']}")
            if wrong:
                report(where, line("en", texts["en"]), ", ".join(cids), texts["en"], wrong,
                       "say the same modal verb in both languages (ska → is to, bör → should, behöver → needs to, "
                       "kan → can)")
    return problems


def _sentences(text: str) -> list[str]:
    return [s for _, s in page_sentences(text)]


def claim_texts(project):
    """(file, record, field, line function, clause ids, kind label per language) for every data text
    that speaks for the documents: task `what` (read after its kind's label), principle `title` and
    `meaning`, comparison `summary` and `contrast` (the row's clauses), glossary `definition`."""
    from policykit.check.datasets import KINDS

    def lines_of(name):
        return project.data_lines(name)

    def at_line(lines, rec):
        return lambda lang, text: find_line(lines, rec.get(LINE), text)

    data = load(project, "responsibilities.yml") or {}
    lines = lines_of("responsibilities.yml") if data else []
    for rec in data.get("tasks") or []:
        if isinstance(rec, dict) and rec.get("clause"):
            yield ("docs/data/responsibilities.yml", rec, "what", at_line(lines, rec), [rec["clause"]],
                   KINDS.get(rec.get("kind")) or {})
    for name, key, fields in (("principles.yml", "principles", ("title", "meaning")),
                              ("glossary.yml", "terms", ("definition",))):
        data = load(project, name) or {}
        lines = lines_of(name) if data else []
        for rec in data.get(key) or []:
            cids = (rec.get("clauses") or []) if isinstance(rec, dict) else []
            if cids and isinstance(cids, list):
                for field in fields:
                    yield f"docs/data/{name}", rec, field, at_line(lines, rec), [str(c) for c in cids], {}
    data = load(project, "comparison.yml") or {}
    lines = lines_of("comparison.yml") if data else []
    for row in data.get("rows") or []:
        cells = row.get("cells") if isinstance(row, dict) else None
        if not isinstance(cells, dict):
            continue
        every = []
        for cell in cells.values():
            if isinstance(cell, dict) and isinstance(cell.get("clauses"), list) and cell["clauses"]:
                every += cell["clauses"]
                yield "docs/data/comparison.yml", cell, "summary", at_line(lines, cell), cell["clauses"], {}
        if every and isinstance(row.get("contrast"), dict):
            yield "docs/data/comparison.yml", row, "contrast", at_line(lines, row), every, {}
