"""What the review page shows, taken from the checker's report (its project model): no second reading.

    drafts(report)                     [{id, title, municipality}] of the documents still drafts
    document(report, root, doc_id)     the context of review/templates/document.html:

        rows      one per raw line with text: {no, page, text, role, reason, label, continued, words}
                  role: title | heading | paragraph | item | aside | personal
        flagged   the words the add command could not decide: {ocr, alternatives, sentence}
        todo      what is left (check/todo.py), `decides` first: approve waits for those
        untranslated   the English twin's to-do line ("7 of 7 clauses not yet translated")

`source_of(report, doc_id)` is the one place that finds a document's source file (registry adapter).
"""

from __future__ import annotations

import re
from pathlib import Path

from policykit.check.todo import items
from policykit.review.mends import flagged
from policykit.sources.corrections import TOKEN
from policykit.sources.layout import PERSONAL_REASONS

# The roles and the furniture reasons as the page names them (Swedish: the reviewers are staff).
ROLE_NAMES = {"title": "Titel", "heading": "Rubrik", "paragraph": "Stycke", "item": "Listpunkt",
              "aside": "Åt sidan", "personal": "Personuppgift, visas inte"}
REASONS = {"running": "sidhuvud eller sidfot", "page-number": "sidnummer", "letterhead": "brevhuvud",
           "contact": "kontaktuppgift", "address": "adress", "web": "webbsidans kringtext",
           "signature": "underskrift", "byline": "byline", "date": "datum", "person": "namn på person",
           "bullet": "punkttecken"}
# The one-click buttons of a line: the role it gets, and its label.
BUTTONS = [("heading", "Rubrik"), ("paragraph", "Stycke"), ("aside:letterhead", "Brevhuvud"),
           ("aside:running", "Sidhuvud/sidfot"), ("aside:page-number", "Sidnummer"),
           ("aside:contact", "Kontaktuppgift")]


def drafts(report) -> list[dict]:
    model = report.model
    names = {m.id: m.name.sv for m in model.municipalities}
    return [{"id": d.id, "title": d.title, "municipality": names.get(d.municipality, d.municipality)}
            for d in model.documents.values() if d.draft]


def source_of(report, doc_id: str):
    return next(s for s in report.model.files if any(d.id == doc_id for d in s.documents))


def _role(n: int, doc, aside: dict, starts: dict, title_lines: set) -> tuple[str, str]:
    if n in aside:
        reason = aside[n]
        return ("personal" if reason in PERSONAL_REASONS else "aside"), reason
    if n in title_lines:
        return "title", ""
    clause = starts.get(n)
    if clause is None:
        return "", ""
    return {"heading": "heading", "item": "item"}.get(clause.kind, "paragraph"), ""


def document(report, root: Path, doc_id: str) -> dict:
    model = report.model
    doc = model.documents[doc_id]
    src = source_of(report, doc_id)
    layout = model.layouts[src.name]
    aside = {c.line: c.reason for c in layout.log if c.kind == "furniture"}
    joined = {c.line for c in layout.log if c.kind == "line-join"}
    clauses = model.clauses_of(doc_id)
    starts: dict[int, object] = {}
    for c in clauses:
        starts.setdefault(c.line, c)
    title_lines = {doc.sections[0].line} if clauses and clauses[0].kind == "heading" else set()
    title_lines |= {n for n in joined if n - 1 in title_lines or n - 2 in title_lines}
    words = flagged(src.repairs)
    tokens = {w["ocr"] for w in words}
    rows, page, role, current = [], 1, "", []
    for n in range(doc.first, doc.last + 1):
        raw = src.lines[n - 1]
        page += raw.count("\f") if n > doc.first else 0   # poppler starts each new page with a form feed
        text = raw.replace("\f", "")
        if not text.strip():
            continue
        own, reason = _role(n, doc, aside, starts, title_lines)
        continued = not own
        role = own or (role if role not in ("title", "heading", "aside", "personal") else "paragraph")
        if n in starts:   # the clauses that start on this line (a continued line keeps the last ones)
            current = [c for c in clauses if c.line == n]
        fixes = {} if role in ("aside", "personal") else {o: f for c in current for o, f in c.repairs}
        rows.append({"no": n, "page": page, "role": role, "reason": REASONS.get(reason, reason),
                     "label": ROLE_NAMES[role], "continued": continued, "parts": _pieces(text, tokens, fixes),
                     "buttons": [(r, lbl) for r, lbl in BUTTONS if not _same(r, role, reason)]})
    todo = [t for t in items(report, root) if doc_id in t.documents]
    left = [_say(t) for t in todo if t.decides and not REVIEWED.search(t.what) and not t.where.startswith("docs/")]
    left += [_say(t) for t in todo if not t.decides and not t.what.startswith("document '")]
    return {"doc": doc, "src": src, "rows": rows, "flagged": words, "left": [x for x in left if x],
            "untranslated": _untranslated(todo), "title_lines": title_lines}


# What "Godkänn" does itself (mends.mark_reviewed): the repairs reviewed, the pages' notice removed.
REVIEWED = re.compile(r"not yet reviewed|still says its reading is not reviewed")
_FLAGGED_WORDS = re.compile(r"flagged words? not yet decided \(([^;]+);")
_TRANSLATED = re.compile(r"(\d+) of (\d+) clauses not yet translated")


def _say(t) -> tuple[bool, str, str]:
    """(blocks the approval, what, where) in the page's language where the app knows the item."""
    flagged_words = _FLAGGED_WORDS.search(t.what)
    if flagged_words:
        return True, f"Ord kvar att avgöra: {flagged_words.group(1)}", t.where
    if _TRANSLATED.search(t.what):
        return ()
    return t.decides, t.what, t.where


def _untranslated(todo) -> str | None:
    for t in todo:
        m = _TRANSLATED.search(t.what)
        if m:
            return f"{m.group(1)} av {m.group(2)} klausuler är ännu inte översatta ({t.where})"
    return None


def _pieces(text: str, flagged_tokens: set, fixes: dict) -> list[tuple[str, str, str]]:
    """The line as (text, kind, OCR) pieces: kind "flagged" for a word to decide, "fixed" for a word
    the repairs change (shown as the page will say it, the OCR beside it), "" for the rest."""
    out, at = [], 0
    for m in TOKEN.finditer(text):
        word = m.group()
        kind = "flagged" if word in flagged_tokens else "fixed" if word in fixes and fixes[word] != word else ""
        if kind:
            out.append((text[at:m.start()], "", ""))
            out.append((fixes[word] if kind == "fixed" else word, kind, word))
            at = m.end()
    out.append((text[at:], "", ""))
    return [p for p in out if p[0]]


def _same(button: str, role: str, reason: str) -> bool:
    if button.startswith("aside:"):
        return role in ("aside", "personal") and button[6:] == reason
    return button == role or (button == "paragraph" and role == "item")
