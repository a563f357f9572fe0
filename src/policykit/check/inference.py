"""An editor's inference said as one: what the source does not show reads as a reading.

A page that says more than its source shows ("the list continued on a missing page") labels it,
in the words docs/data/kinds.yml gives under `inference`::

    inference:
      says: {sv: [fortsatte, ...], en: [continued, ...]}
      label: {sv: "Vår bedömning, inte källans ord", en: "Our reading, not the source's words"}

Every page is read, the documents' own pages too (that is where such notes stand), except the
lines that carry a clause (``<!-- clause: ID -->``: the document's words). A sentence with one of
the `says` words and without the label fails::

    error: docs/stromsund/policy.md:64: 'Listan fortsatte i originalet ...' says what the source does not
    show ('fortsatte') as a fact; introduce it with '*Vår bedömning, inte källans ord:*' ...

`check_inference(project, kinds)` returns `Problem`s.
"""

from __future__ import annotations

import re

from policykit.check.prose import page_sentences, plain
from policykit.errors import Problem, at
from policykit.text import short

CLAUSE_LINE = re.compile(r"<!--\s*clause:")


def check_inference(project, kinds: dict) -> list[Problem]:
    spec = kinds.get("inference") if isinstance(kinds.get("inference"), dict) else {}
    says, label = spec.get("says") or {}, spec.get("label") or {}
    problems = []
    for rel in project.page_paths():
        lang = "en" if rel.endswith(".en.md") else "sv"
        words = [str(w) for w in (says.get(lang) or []) if isinstance(says.get(lang), list)]
        mark = str(label.get(lang, ""))
        if not words or not mark:
            continue
        rx = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])", re.I)
        text = project.page(rel)
        # a clause line is the document's own words: blank it, keep the line numbers
        text = "\n".join("" if CLAUSE_LINE.search(line) else line for line in text.split("\n"))
        for line, sentence in page_sentences(text):
            found = rx.search(plain(sentence))
            if found and mark.lower() not in plain(sentence).lower():
                problems.append(Problem(at(f"docs/{rel}", line),
                                        f"{short(plain(sentence).strip(), 80)!r} says what the source does not show "
                                        f"({found.group(0)!r}) as a fact",
                                        f"introduce it with '*{mark}:*' (docs/data/kinds.yml, inference), or say only "
                                        "what the source shows"))
    return problems

