"""What the comparison step shows: the proposals of compare/propose.py beside what is already decided.

    comparable(report)               [{id, name}] municipalities with no draft and a cell not yet assessed
    page(report, "ekby", rejected, kept)   the context of review/templates/compare.html (kept: the
                                     form the checker refused, {"topic"|"role": ..., fields}, refilled):

        muni      {id, name}
        topics    one per topic of docs/data/topics.yml, in its order:
                  {id, name, status (the cell's), accepted (its summary and clauses, when decided),
                   rejected, proposed (the proposal's status), clauses: [{id, pieces, checked, score}]}
                  pieces: the clause's text as (text, marked) pairs, the matched words marked
        roles     the proposed responsibilities not yet written: {key, body, body_known, kind, clause,
                  basis, pieces (the basis marked), rejected}
        tasks     the municipality's tasks already in responsibilities.yml: {body, kind, clause, what}
        kinds, areas, statuses   the choices of the forms

Everything comes from the checker's report (its project model and typed data files) and from
`compare.propose.propose` on that project: no second reading of sources/ or docs/data/.
"""

from __future__ import annotations

import re

from policykit.compare.propose import THRESHOLD, propose
from policykit.check.datasets import KINDS
from policykit.compare.responsibilities import body_id
from policykit.labels import labels

PENDING = "not-yet-assessed"
# The statuses a reviewer can give and the kinds of role, named as the site names them (labels.yml).
STATUS = labels("comparison.status")
STATUSES = [(s, STATUS[s]["sv"]) for s in ("addressed", "not-addressed", "not-in-available-text")]


def data_of(report):
    """The one read of the typed data files here (check/datasets.py): topics, rows, areas, bodies, tasks."""
    d = report.project.data
    return d.topics, d.rows, d.areas, d.bodies, d.tasks


def municipalities(report) -> dict[str, object]:
    return {m.id: m for m in report.model.municipalities}


def ready(report, muni_id: str) -> bool:
    """A municipality can be compared once none of its documents is a draft."""
    m = municipalities(report).get(muni_id)
    return m is not None and bool(m.documents) and not any(report.model.documents[d].draft for d in m.documents)


def comparable(report) -> list[dict]:
    if report.model is None or report.project is None or report.project.data is None:
        return []
    _, rows, *_ = data_of(report)
    pending = {muni for row in rows for muni, cell in row.cells.items() if cell.status == PENDING}
    return [{"id": m.id, "name": m.name.sv} for m in report.model.municipalities
            if m.id in pending and ready(report, m.id)]


def clause_ids(report, muni_id: str) -> set[str]:
    """The clauses a cell or task of this municipality can cite (its documents' clauses, no headings)."""
    m = municipalities(report)[muni_id]
    return {c.id for d in m.documents for c in report.model.clauses_of(d) if c.kind != "heading"}


def marked(text: str, words) -> list[tuple[str, bool]]:
    """`text` as (piece, marked) pairs: each of `words` (lower case, as matched) marked where it stands."""
    words = sorted({w for w in words if w.strip()}, key=len, reverse=True)
    if not words:
        return [(text, False)]
    rx = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])", re.I)
    out, at = [], 0
    for m in rx.finditer(text):
        out += [(text[at:m.start()], False), (m.group(), True)]
        at = m.end()
    out.append((text[at:], False))
    return [p for p in out if p[0]]


def page(report, muni_id: str, rejected: set, kept: dict | None = None) -> dict:
    project, model = report.project, report.model
    topics, rows, areas, bodies, tasks = data_of(report)
    muni = municipalities(report)[muni_id]
    proposal = propose(project, muni_id)
    by_topic = {t["topic"]: t for t in proposal["topics"]}
    cells = {row.topic: row.cells.get(muni_id) for row in rows}
    out_topics = []
    for t in topics:
        cell, prop = cells.get(t.id), by_topic.get(t.id, {"status": "not-addressed", "clauses": []})
        decided = cell is not None and cell.status != PENDING
        clauses = [{"id": c["clause"], "score": c["score"], "pieces": marked(model.by_id[c["clause"]].text, c["words"]),
                    "checked": prop["status"] == "addressed" and c["score"] >= THRESHOLD} for c in prop["clauses"]]
        out_topics.append({
            "id": t.id, "name": t.name.sv, "status": STATUS[cell.status if cell else PENDING]["sv"], "decided": decided,
            "accepted": {"summary": cell.summary.sv if cell.summary else "", "clauses": list(cell.clauses)}
            if decided else None,
            "rejected": ("topic", t.id) in rejected, "proposed": prop["status"],
            "proposed_label": STATUS[prop["status"]]["sv"], "clauses": clauses, "chosen": prop["status"], "sv": "", "en": ""})
        if kept and kept.get("topic") == t.id:   # what the reviewer sent, as sent
            out_topics[-1].update(chosen=kept.get("status"), sv=kept.get("sv", ""), en=kept.get("en", ""))
            for c in clauses:
                c["checked"] = c["id"] in kept["clauses"]
    names = {b.id: b.name.sv for b in bodies}
    written = {(t.body, t.kind, t.clause) for t in tasks}
    roles = []
    for r in proposal["responsibilities"]:
        bid, known = body_id(project, muni_id, r["body"])
        if (bid, r["kind"], r["clause"]) in written:
            continue
        key = f'{r["clause"]}/{bid}/{r["kind"]}'
        roles.append({**r, "key": key, "kind_label": KINDS[r["kind"]]["sv"], "body_known": known, "rejected": ("role", key) in rejected,
                      "text": model.by_id[r["clause"]].text,
                      "pieces": marked(model.by_id[r["clause"]].text, [r["basis"]]), "chosen": r["kind"],
                      "sv": "", "en": "", "body_en": "", "area": ""})
        if kept and kept.get("role") and (kept.get("clause"), kept.get("body"), kept.get("basis")) == \
                (r["clause"], r["body"], r["basis"]):
            roles[-1].update({k: kept.get(k, "") for k in ("sv", "en", "body_en", "area")}, chosen=kept.get("kind"))
    own = [{"body": names.get(t.body, t.body), "kind": KINDS[t.kind]["sv"], "clause": t.clause, "what": t.what.sv}
           for t in tasks if t.clause in clause_ids(report, muni_id)]
    return {"muni": {"id": muni.id, "name": muni.name.sv}, "topics": out_topics, "roles": roles, "tasks": own,
            "kinds": [(k, v["sv"]) for k, v in KINDS.items()], "areas": [(a.id, a.name.sv) for a in areas], "statuses": STATUSES}
