"""Roles in prose, held to the clauses the text cites.

A summary, meaning, glossary definition or guidance sentence that gives a body a role
("beslutar", "samordnar", "ansvarar för", "företräder"; "decides", "coordinates", "is responsible",
"represents") must cite a clause whose own words license that role: docs/data/kinds.yml lists,
for each kind, the words that say it in each language (`says`) and the clause words that
license it (`licensed_by`). In Swedish, a role word followed by a preposition (i, om, för, över)
must meet the same preposition after it (one word may stand between) in a cited clause:
"beslutar i stadsövergripande frågor" is not
"beslutar om stadens uppfattning i ...". A failure reads::

    error: docs/data/comparison.yml:220: 'Kommunstyrelsen samordnar ... beslutar i ...' says 'beslutar i', but no
    clause it cites says 'beslutar i' (strategi-5-s5: 'Kommunstyrelsen beslutar om stadens uppfattning i ...');
    use the clause's own words, or cite the clause that gives the role

`check_roles(project, clauses, kinds)` returns `Problem`s.
"""

from __future__ import annotations

import re

from policykit.check.modal import claim_texts
from policykit.check.prose import guidance_pages, page_sentences, plain, refs
from policykit.errors import Problem, at
from policykit.text import short

DOCS = "docs"
PREPOSITIONS = ("i", "om", "för", "över")


def norm(text: str) -> str:
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
    return norm(text)


def licensed(words: list[str], text: str) -> bool:
    return any(re.search(r"(?<![\w-])" + re.escape(norm(w)), text) for w in words)


def _says(kinds: dict) -> list[tuple[str, str, re.Pattern, list[str]]]:
    """(kind, language, pattern of a role word, the words that license the kind)."""
    out = []
    for kind, spec in ((kinds.get("responsibilities") or {}).items()):
        if not isinstance(spec, dict):
            continue  # the line number the data reader keeps
        for lang, words in ((spec.get("says") or {}).items()):
            if lang not in ("sv", "en") or not isinstance(words, list):
                continue
            for word in words:
                tail = r"(?:\s+(" + "|".join(PREPOSITIONS) + r")(?![\w-]))?" if lang == "sv" else ""
                out.append((kind, lang, re.compile(r"(?<![\w-])" + re.escape(str(word)) + r"(?![\w-])" + tail, re.I),
                            list(spec.get("licensed_by") or [])))
    return out


def role_problem(text: str, lang: str, cids: list[str], model, clauses: dict, says) -> str | None:
    """What is wrong with the roles `text` gives, against the clauses it cites, or None."""
    plain_text = plain(text)
    texts = {c: licensing_text(model, clauses, c) for c in cids if c in clauses}
    if not texts:
        return None
    for kind, word_lang, rx, licensing in says:
        if word_lang != lang:
            continue
        for m in rx.finditer(plain_text):
            if not any(licensed(licensing, t) for t in texts.values()):
                return (f"says {m.group(0).strip()!r} ({kind}), which none of the clauses it cites licenses "
                        f"(it needs one of: {', '.join(licensing)})")
            prep = m.group(1) if m.groups() else None
            if prep:
                phrase = " ".join(m.group(0).lower().split())
                verb = phrase.rsplit(" ", 1)[0]
                # the clause may put one word between ("beslutar också om")
                rx_clause = r"(?<![\w-])" + re.escape(verb) + r"(?:\s+[\w-]+)?\s+" + re.escape(prep.lower()) + r"(?![\w-])"
                if not any(re.search(rx_clause, t) for t in texts.values()):
                    first = next(iter(texts))
                    return (f"says {phrase!r}, but no clause it cites says {phrase!r} "
                            f"({first}: {short(clauses[first].text, 70)!r})")
    return None


def check_roles(project, clauses: dict, kinds: dict) -> list[Problem]:
    root, model = project.root, project.model
    says, problems = _says(kinds), []
    fix = "use the clause's own words for the role (docs/data/kinds.yml), or cite the clause that gives it"
    for path, lang in guidance_pages(root, model):
        shown = path.relative_to(root).as_posix()
        for line, sentence in page_sentences(project.page(path.relative_to(root / DOCS).as_posix())):
            ids = refs(sentence)
            wrong = role_problem(sentence, lang, ids, model, clauses, says) if ids else None
            if wrong:
                problems.append(Problem(at(shown, line), f"{short(plain(sentence).strip(), 80)!r} {wrong}", fix,
                                        subject=ids[0]))
    for where, record, field, line, cids, _label in claim_texts(project):
        if field == "what":
            continue  # a task's role is its kind, held to the clause by check/claims.py
        texts = record.get(field) if isinstance(record.get(field), dict) else {}
        for lang in ("sv", "en"):
            text = texts.get(lang)
            wrong = role_problem(text, lang, cids, model, clauses, says) if isinstance(text, str) else None
            if wrong:
                problems.append(Problem(at(where, line(lang, text)), f"{short(text.strip(), 80)!r} {wrong}", fix,
                                        subject=cids[0]))
    return problems
