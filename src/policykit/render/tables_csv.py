"""The comparison and the responsibility tables as CSV, beside the JSON under data/.

For people who benchmark in a spreadsheet: UTF-8 with a byte order mark (so spreadsheet
programs read å, ä and ö right), comma-separated, one header row, quoted where needed
(RFC 4180), line ends CRLF. A text is given in both languages, in two columns. The
columns are documented for readers on docs/oppna-data.md.

    data/comparison.csv        topic, topic_sv, topic_en, municipality, municipality_sv,
                               municipality_en, status, summary_sv, summary_en, clauses,
                               contrast_sv, contrast_en, standing_sv, standing_en
                                                                       (one row per cell; standing: the
                                                                       sentence on the standing of the
                                                                       municipality's documents that the
                                                                       pages carry, render/export.py)
    data/responsibilities.csv  municipality, body, body_sv, body_en, kind, kind_sv, kind_en,
                               area, area_sv, area_en, what_sv, what_en, clause, to, basis
                                                                       (one row per task)

``clauses`` lists clause ids separated by spaces; they resolve in data/clauses.json.
"""

from __future__ import annotations

import csv
import io

from policykit.check.datasets import KINDS

COMPARISON = ["topic", "topic_sv", "topic_en", "municipality", "municipality_sv", "municipality_en", "status",
              "summary_sv", "summary_en", "clauses", "contrast_sv", "contrast_en", "standing_sv", "standing_en"]
RESPONSIBILITIES = ["municipality", "body", "body_sv", "body_en", "kind", "kind_sv", "kind_en", "area", "area_sv",
                    "area_en", "what_sv", "what_en", "clause", "to", "basis"]


def _csv(header: list[str], rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    return "\ufeff" + out.getvalue()


def _t(value, lang):
    return (value or {}).get(lang, "")


def tables(data, standing: dict | None = None) -> dict[str, str]:
    """File name → CSV text of the comparison and the responsibilities. `standing`: municipality id →
    {language: its documents' standing as plain text} (render/export.py)."""
    standing = standing or {}
    topics = {t["id"]: t for t in data.topics}
    munis = {m["id"]: m for m in data.municipalities}
    rows = []
    for row in data.rows:
        topic = topics.get(row["topic"], {})
        for mid in munis:
            cell = row["cells"].get(mid)
            if cell is None:
                continue
            rows.append([row["topic"], _t(topic.get("name"), "sv"), _t(topic.get("name"), "en"), mid,
                         _t(munis[mid]["name"], "sv"), _t(munis[mid]["name"], "en"), cell.get("status"),
                         _t(cell.get("summary"), "sv"), _t(cell.get("summary"), "en"),
                         " ".join(cell.get("clauses") or []), _t(row.get("contrast"), "sv"),
                         _t(row.get("contrast"), "en"), _t(standing.get(mid), "sv"), _t(standing.get(mid), "en")])
    bodies = {b["id"]: b for b in data.bodies}
    areas = {a["id"]: a for a in data.areas}
    tasks = []
    for t in data.tasks:
        body, area, kind = bodies.get(t["body"], {}), areas.get(t["area"], {}), KINDS.get(t["kind"], {})
        tasks.append([body.get("municipality"), t["body"], _t(body.get("name"), "sv"), _t(body.get("name"), "en"),
                      t["kind"], kind.get("sv", ""), kind.get("en", ""), t["area"], _t(area.get("name"), "sv"),
                      _t(area.get("name"), "en"), _t(t.get("what"), "sv"), _t(t.get("what"), "en"), t["clause"],
                      t.get("to"), t.get("basis")])
    return {"comparison.csv": _csv(COMPARISON, rows), "responsibilities.csv": _csv(RESPONSIBILITIES, tasks)}
