"""How right the comparison proposals are (python -m policykit bench-compare), and how fast.

    python -m policykit bench-compare                    # labelled set, leave-one-out, timings
    python -m policykit bench-compare --only labelled    # one part: labelled | loo | time
    python -m policykit bench-compare --sweep            # status accuracy for a range of thresholds

Texts with known answers:
- the labelled set (compare_set/*.yml, format in compare_set/README.md): five policies written for
  it, each topic marked by a person; the topics described by every municipality of the project;
- leave-one-out on the real sources: the topics described by one municipality's cells only, the
  proposals measured against the other's cells (addressed cells: their cited clauses are the marks).
Per text and overall (summed over texts):
    recall@3     marked (topic, sentence) pairs among the topic's first three proposals, out of
                 min(3, marked) per topic (a topic with five marked sentences cannot show five in three)
    precision@1  addressed topics whose first proposal is a marked sentence
    status       (text, topic) pairs whose proposed status is the person's
Timings: proposing for one real document (Strömsund), and for the 300th municipality when 299
synthetic ones (authoring/synthetic.py, each section's sentences cited for its heading's topic)
describe the topics. One process; the machine's cores are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

from policykit import datafile
from policykit.clauses.segment import split_sentences
from policykit.compare.propose import THRESHOLD, describe, passages, topic_proposals
from policykit.compare.rank import Passage, Topic, rank
from policykit.errors import PolicyError, Problem

SET = Path(__file__).parent / "compare_set"
GOALS = {"recall@3": 0.9, "precision@1": 0.8, "status": 0.9}


def segment(name: str, text: str) -> list[Passage]:
    """A labelled text as clauses: a short line without a full stop is a heading (the context of what
    follows), "- " starts a list item, other paragraphs are cut into sentences."""
    out, heading, n = [], "", 0
    for para in re.split(r"\n\s*\n", text.strip()):
        lines = [ln.strip() for ln in para.strip().split("\n")]
        if len(lines) == 1 and not lines[0].startswith("- ") and not lines[0].endswith((".", ":", "!", "?")) \
                and len(lines[0].split()) <= 10:
            heading = lines[0]
            continue
        units = [ln[2:] for ln in lines if ln.startswith("- ")] or split_sentences(" ".join(lines))
        for unit in units:
            n += 1
            out.append(Passage(f"{name}-{n}", unit, heading))
    return out


def labelled_set(topic_ids: list[str]) -> list[dict]:
    """Each text of compare_set/: name, clauses, truncated, and per topic (status, marked clause ids)."""
    texts = []
    for path in sorted(SET.glob("*.yml")):
        data = datafile.load(path, display=str(path))
        clauses = segment(path.stem, data["text"])
        labels = {}
        for tid in topic_ids:
            label = (data.get("labels") or {}).get(tid)
            if not isinstance(label, dict) or "status" not in label:
                raise PolicyError(Problem(str(path), f"topic '{tid}' has no label", "add it under labels: with a status"))
            marked = []
            for start in label.get("marked", []):
                hits = [c.id for c in clauses if c.text.startswith(start)]
                if not hits:
                    raise PolicyError(Problem(str(path), f"no sentence starts with {start!r} (topic {tid})",
                                              "quote the first words of a sentence of the text"))
                marked.append(hits[0])
            labels[tid] = (label["status"], marked)
        texts.append({"name": path.stem, "clauses": clauses, "truncated": bool(data.get("truncated")), "labels": labels})
    return texts


def score(proposals: list[dict], labels: dict) -> dict:
    hit = want = p1 = addressed = right = 0
    for row in proposals:
        status, marked = labels[row["topic"]]
        ids = [c["clause"] for c in row["clauses"]]
        right += row["status"] == status
        if marked:
            want += min(3, len(marked))
            hit += len(set(ids[:3]) & set(marked))
            addressed += 1
            p1 += bool(ids) and ids[0] in marked
    return {"hit": hit, "want": want, "p1": p1, "addressed": addressed, "right": right, "pairs": len(proposals)}


def summed(measured) -> dict:
    """The counts of several texts added up (overall figures weigh every pair alike)."""
    total = dict.fromkeys(("hit", "want", "p1", "addressed", "right", "pairs"), 0)
    for _, proposals, labels, _ in measured:
        c = score(proposals, labels)
        total = {k: total[k] + c[k] for k in total}
    return total


def metrics(c: dict) -> dict:
    return {"recall@3": c["hit"] / max(c["want"], 1), "precision@1": c["p1"] / max(c["addressed"], 1),
            "status": c["right"] / max(c["pairs"], 1)}


def status_at(proposal: dict, threshold: float, truncated: bool) -> str:
    """The status a proposal would have with another threshold."""
    top = proposal["clauses"][0]["score"] if proposal["clauses"] else 0.0
    return "addressed" if top >= threshold else "not-in-available-text" if truncated else "not-addressed"


def runs(project, parts: set[str], threshold: float) -> list[tuple[str, list[dict], dict, bool]]:
    """(text name, proposals, labels, truncated) for every text measured."""
    out = []
    if "labelled" in parts:
        topics, vocab, background = describe(project, exclude="")
        for t in labelled_set([x.id for x in topics]):
            out.append((t["name"], topic_proposals(topics, vocab, background, t["clauses"], t["truncated"], threshold),
                        t["labels"], t["truncated"]))
    if "loo" in parts:
        munis = [m.id for m in project.model.municipalities]
        model = project.model
        for target in munis:
            for source in (m for m in munis if m != target):
                topics, vocab, background = describe(project, exclude=target, only=source)
                docs = next(m.documents for m in model.municipalities if m.id == target)
                labels = {r.topic: (r.cells[target].status, r.cells[target].clauses)
                          for r in project.data.rows if target in r.cells}
                truncated = any(model.documents[d].truncated for d in docs)
                proposals = topic_proposals(topics, vocab, background, passages(model, docs), truncated, threshold)
                out.append((f"{target} (from {source})", [p for p in proposals if p["topic"] in labels], labels, truncated))
    return out


def synthetic_topics(count: int) -> tuple[list[Topic], list[Passage], list[Passage]]:
    """Topics described by `count` synthetic municipalities, their clauses, and one more municipality's."""
    from policykit.authoring.synthetic import municipality

    by_heading = {"Syfte": "syfte", "Mål": "mal", "Prioriterade områden": "inriktningar", "Former för samarbete": "former",
                  "Vänorter": "vanorter-avtal", "EU-frågor": "eu", "Besök och resor": "besok",
                  "Ansvar och organisation": "organisation", "Finansiering": "resurser", "Uppföljning": "uppfoljning"}
    texts: dict[str, list[str]] = {}
    background: list[Passage] = []
    for n in range(1, count + 1):
        clauses = segment(f"syn{n}", municipality(n).text)
        background += clauses
        for c in clauses:
            if c.context in by_heading:
                texts.setdefault(by_heading[c.context], []).append(c.context + " " + c.text)
    topics = [Topic(tid, [tid, *ts], cited=ts) for tid, ts in texts.items()]
    return topics, background, segment("new", municipality(count + 1).text)


def timings(project) -> dict:
    from policykit.compare.propose import propose

    start = time.perf_counter()
    propose(project, "stromsund")
    one = time.perf_counter() - start
    topics, background, new = synthetic_topics(299)
    from policykit.compare.text import Vocabulary
    start = time.perf_counter()
    rank(topics, new, background, Vocabulary({}))
    many = time.perf_counter() - start
    return {"one_document_s": round(one, 2), "300th_s": round(many, 2), "background_clauses": len(background),
            "cores": os.cpu_count()}


def main(argv=None) -> int:
    from policykit.project import load

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path.cwd())
    parser.add_argument("--only", choices=["labelled", "loo", "time"], action="append",
                        help="measure only this part (repeatable); default: all three")
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    parser.add_argument("--sweep", action="store_true", help="status accuracy for thresholds 0.05 .. 1.0")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    parts = set(args.only or ["labelled", "loo", "time"])
    try:
        project = load(args.root)
        measured = runs(project, parts, args.threshold)
    except PolicyError as exc:
        print(exc)
        return 1
    result = {"threshold": args.threshold, "texts": {}}
    if measured:
        print(f"{'text':<28} {'recall@3':>9} {'precision@1':>12} {'status':>8}   (threshold {args.threshold}; goals "
              + ", ".join(f"{k} >= {v}" for k, v in GOALS.items()) + ")")
    for name, proposals, labels, _ in measured:
        m = metrics(score(proposals, labels))
        result["texts"][name] = m
        print(f"{name:<28} {m['recall@3']:>9.2f} {m['precision@1']:>12.2f} {m['status']:>8.2f}")
    groups = {"labelled set": [x for x in measured if "(from" not in x[0]],
              "leave-one-out": [x for x in measured if "(from" in x[0]], "overall": measured}
    for group, items in groups.items():
        if not items or (group == "overall" and len(items) in (len(groups["labelled set"]), len(groups["leave-one-out"]))):
            continue
        m = metrics(summed(items))
        result[group] = m
        print(f"{group:<28} {m['recall@3']:>9.2f} {m['precision@1']:>12.2f} {m['status']:>8.2f}   goals: "
              + ", ".join(f"{k} {'met' if m[k] >= v else 'NOT met'}" for k, v in GOALS.items()))
    if args.sweep and measured:
        print("threshold  status right")
        for th in [x / 100 for x in range(5, 101, 2)]:
            right = sum(labels[p["topic"]][0] == status_at(p, th, truncated)
                        for _, ps, labels, truncated in measured for p in ps)
            print(f"{th:>9.2f}  {right / sum(len(ps) for _, ps, _, _ in measured):.3f}")
    if "time" in parts:
        t = timings(project)
        result["time"] = t
        print(f"time to propose: one document (Strömsund) {t['one_document_s']} s; the 300th municipality with 299 "
              f"compared ({t['background_clauses']} clauses known) {t['300th_s']} s; {t['cores']} cores")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
