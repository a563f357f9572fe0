"""The comparison and the responsibility tables as CSV, beside the JSON under data/.

For people who benchmark in a spreadsheet: UTF-8 with a byte order mark (so spreadsheet
programs read å, ä and ö right), comma-separated, one header row, quoted where needed
(RFC 4180), line ends CRLF. A text is given in both languages, in two columns. The columns
are `COLUMNS` below, described in labels.yml and published as CSV on the Web descriptions beside the files (render/schema.py)::

    data/comparison.csv        one row per cell: topic, ..., status, summary_sv, summary_en, clauses, ...
    data/responsibilities.csv  one row per task: municipality, body, ..., kind, ..., clause, to, basis
"""

from __future__ import annotations

import csv
import io

from policykit.check.datasets import KINDS

# The columns of each CSV, in order; what each holds: labels.yml `fields.<file>` (published as CSV on
# the Web descriptions beside the files, render/schema.py, and on docs/oppna-data.md).
COMPARISON = ["topic", "topic_sv", "topic_en", "municipality", "municipality_sv", "municipality_en", "status",
              "summary_sv", "summary_en", "clauses", "contrast_sv", "contrast_en", "standing_sv", "standing_en"]
RESPONSIBILITIES = ["municipality", "body", "body_sv", "body_en", "kind", "kind_sv", "kind_en", "area", "area_sv",
                    "area_en", "what_sv", "what_en", "clause", "to", "basis"]
COLUMNS = {"comparison.csv": COMPARISON, "responsibilities.csv": RESPONSIBILITIES}


def _csv(header: list[str], rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    return "\ufeff" + out.getvalue()


def _t(value, lang):
    return value[lang] if value else ""


def tables(data, standing: dict | None = None) -> dict[str, str]:
    """File name → CSV text of the comparison and the responsibilities. `standing`: municipality id →
    {language: its documents' standing as plain text} (render/export.py)."""
    standing = standing or {}
    topics = {t.id: t for t in data.topics}
    munis = {m.id: m for m in data.municipalities}
    rows = []
    for row in data.rows:
        topic = topics[row.topic]
        for mid in munis:
            cell = row.cells.get(mid)
            if cell is None:
                continue
            rows.append([row.topic, _t(topic.name, "sv"), _t(topic.name, "en"), mid,
                         _t(munis[mid].name, "sv"), _t(munis[mid].name, "en"), cell.status,
                         _t(cell.summary, "sv"), _t(cell.summary, "en"),
                         " ".join(cell.clauses or []), _t(row.contrast, "sv"),
                         _t(row.contrast, "en"), _t(standing.get(mid), "sv"), _t(standing.get(mid), "en")])
    bodies = {b.id: b for b in data.bodies}
    areas = {a.id: a for a in data.areas}
    tasks = []
    for t in data.tasks:
        body, area, kind = bodies[t.body], areas[t.area], KINDS[t.kind]
        tasks.append([body.municipality, t.body, _t(body.name, "sv"), _t(body.name, "en"),
                      t.kind, kind["sv"], kind["en"], t.area, _t(area.name, "sv"),
                      _t(area.name, "en"), _t(t.what, "sv"), _t(t.what, "en"), t.clause,
                      t.to, t.basis])
    return {"comparison.csv": _csv(COMPARISON, rows), "responsibilities.csv": _csv(RESPONSIBILITIES, tasks)}
