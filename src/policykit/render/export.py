"""Machine-readable data for people who benchmark: JSON files under the site's data/ folder.

    data/clauses.json           {"summary": {...}, "clauses": [...]}: every clause, its text and place
    data/principles.json        {"principles": [...]}
    data/responsibilities.json  {"areas": [...], "bodies": [...], "tasks": [...], "unmapped": [...]}
    data/comparison.json        {"municipalities": [...], "topics": [...], "rows": [...]}
    data/glossary.json          {"terms": [...]}
    data/comparison.csv, data/responsibilities.csv   the same rows for spreadsheets (render/tables_csv.py)

Each entry holds the fields its data file gives, as the models of check/datasets.py declare
them; the JSON Schema of each file is published beside it (data/<name>.schema.json,
render/schema.py). A municipality adds its ``standing``: the sentence the pages carry on the
standing of its documents (from sources/sources.yml, render/status.py), as plain text. A draft's
clause has status "unreviewed", in a preview only.
"""

from __future__ import annotations

import json

import html
import re

from policykit.render import schema
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
    munis = [{**dump(m), "standing": standing.get(m.id, {})} for m in data.municipalities]
    files = {
        "clauses.json": {"summary": clauses["summary"], "clauses": clauses["clauses"]},
        "principles.json": {"principles": dump(data.principles)},
        "responsibilities.json": {"areas": dump(data.areas), "bodies": dump(data.bodies), "tasks": dump(data.tasks),
                                   "unmapped": dump(data.unmapped)},
        "comparison.json": {"municipalities": munis, "topics": dump(data.topics), "rows": dump(data.rows)},
        "glossary.json": {"terms": dump(data.terms)},
    }
    return {**{name: json.dumps(content, ensure_ascii=False, indent=1) for name, content in files.items()},
            **tables(data, standing),  # the comparison and the responsibilities as CSV too: render/tables_csv.py
            **schema.contents()}       # and the schema of each file, from the same models: render/schema.py


def dump(value):
    """Entries as JSON-ready data: the fields the data file gives, in declared order."""
    if isinstance(value, list):
        return [dump(v) for v in value]
    return value.model_dump(mode="json", exclude_unset=True, exclude_none=True)


def standings(model, data) -> dict[str, dict[str, str]]:
    """Municipality id -> {language: the standing sentence of the comparison page}, as plain text."""
    from policykit.render.common import Context
    from policykit.render.comparison import standing

    out: dict[str, dict[str, str]] = {}
    for m in data.municipalities:
        for lang in ("sv", "en"):
            text = standing(Context(model, data, lang, "jamforelse.md"), m)
            out.setdefault(m.id, {})[lang] = _plain(text)
    return out


def _plain(markdown: str) -> str:
    """A rendered Markdown sentence as plain text: a link's label only, escapes undone."""
    # a link is [label](target "title"); render/common.ref() keeps '"' out of the title
    text = re.sub(r"\[((?:\\.|[^\]\\])*)\]\([^()\s]+(?:\s+\"[^\"]*\")?\)", r"\1", markdown)
    return html.unescape(re.sub(r"\\([\\`*_\[\]|])", r"\1", text))
