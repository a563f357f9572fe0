"""Machine-readable data for people who benchmark: JSON files under the site's data/ folder.

    data/clauses.json           {"summary": {...}, "clauses": [ {id, document, municipality, kind,
                                 section, source_line, ocr, text, footnotes, repairs, page,
                                 page_line, anchor, status, cited_in}, ... ]}
                                 (status "unreviewed" for a draft's clause, in a preview only)
    data/principles.json        {"principles": [ {id, municipality, kind, title, clauses, meaning, topics} ]}
    data/responsibilities.json  {"areas": [...], "bodies": [...], "tasks": [ {body, kind, area, what, clause, to, basis} ],
                                 "unmapped": [ {municipality, clause} ]}
    data/comparison.json        {"municipalities": [ {id, name, documents, standing} ], "topics": [...],
                                 "rows": [ {topic, cells, contrast} ]}
                                 standing: {"sv": ..., "en": ...}, the sentence the pages carry on the
                                 standing of the municipality's documents (from sources/sources.yml,
                                 render/status.py), as plain text
    data/glossary.json          {"terms": [ {id, term, forms, definition} ]}
    data/comparison.csv, data/responsibilities.csv   the same rows for spreadsheets (render/tables_csv.py)

Texts are ``{"sv": ..., "en": ...}``; clause ids resolve in clauses.json. The schema is
documented for readers on the page docs/oppna-data.md.
"""

from __future__ import annotations

import json

import html
import re

from policykit.render.tables_csv import tables
def contents(report, citations: dict) -> dict[str, str]:
    """File name → JSON text of every published data file."""
    clauses = report.as_json()
    drafts = getattr(report.drafts, "documents", ())  # shown only in a preview: publish/drafts.py
    for c in clauses["clauses"]:
        c["cited_in"] = [path for path, _ in citations.get(c["id"], [])]
        if c["document"] in drafts:
            c["status"] = "unreviewed"  # checked, but no person has reviewed it: never "matched"
    data = report.data
    standing = standings(report.model, data)
    munis = [{**m, "standing": standing.get(m["id"], {})} for m in data.municipalities]
    files = {
        "clauses.json": {"summary": clauses["summary"], "clauses": clauses["clauses"]},
        "principles.json": {"principles": data.principles},
        "responsibilities.json": {"areas": data.areas, "bodies": data.bodies, "tasks": data.tasks,
                                   "unmapped": data.unmapped},
        "comparison.json": {"municipalities": munis, "topics": data.topics, "rows": data.rows},
        "glossary.json": {"terms": data.terms},
    }
    return {**{name: json.dumps(content, ensure_ascii=False, indent=1) for name, content in files.items()},
            **tables(data, standing)}  # the comparison and the responsibilities as CSV too: render/tables_csv.py


def standings(model, data) -> dict[str, dict[str, str]]:
    """Municipality id -> {language: the standing sentence of the comparison page}, as plain text."""
    from policykit.render.common import Context
    from policykit.render.comparison import standing

    out: dict[str, dict[str, str]] = {}
    for m in data.municipalities:
        for lang in ("sv", "en"):
            text = standing(Context(model, data, lang, "jamforelse.md"), m)
            out.setdefault(m["id"], {})[lang] = _plain(text)
    return out


def _plain(markdown: str) -> str:
    """A rendered Markdown sentence as plain text: a link's label only, escapes undone."""
    # a link is [label](target "title"); render/common.ref() keeps '"' out of the title
    text = re.sub(r"\[((?:\\.|[^\]\\])*)\]\([^()\s]+(?:\s+\"[^\"]*\")?\)", r"\1", markdown)
    return html.unescape(re.sub(r"\\([\\`*_\[\]|])", r"\1", text))
