"""The OCR channel: which glyphs this OCR reads for which Swedish letters, learned from repairs.

Every recorded word repair (``{ocr: "&rende", fix: "ärende"}`` in ``sources/repairs/*.yml``) is
aligned character by character; the differing stretches are the confusions::

    align("&rende", "ärende")            -> [("&", "ä"), ("r", "r"), ("e", "e"), ...]
    align("é&r", "är")                   -> [("é&", "ä"), ("r", "r")]
    align("frn", "från")                 -> [("f", "f"), ("r", "rå"), ("n", "n")]
    align("mail", "mål")                 -> [("m", "m"), ("ai", "å"), ("l", "l")]

`learn_confusions(pairs)` counts them into a table, written to ``confusions.yml`` beside this
module by ``python -m policykit.authoring.confusions sources/repairs/*.yml``::

    confusions:                          # fix: the printed letter; ocr: what the OCR read for it
      - {fix: "ä", ocr: "a", count: 212, q: 0.71, p: 0.64}
      - {fix: "ö", ocr: "6", count: 18, q: 0.07, p: 0.06}

``q`` = P(ocr | fix, the letter was damaged): how the damage of one letter is spread over glyphs.
``p`` = P(ocr | fix) over the repaired words (undamaged letters of those words counted too).
The proposer scales ``q`` by the damage rate of the document at hand, not by ``p``.
"""

from __future__ import annotations

import functools
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

TABLE = Path(__file__).with_name("confusions.yml")
PRIOR = Path(__file__).with_name("ocr_prior.yml")   # hand-written generic confusions, same fields


@dataclass(frozen=True)
class Confusion:
    fix: str       # what was printed: "ä"
    ocr: str       # what the OCR read: "a"
    count: int
    q: float       # P(ocr | fix, damaged)
    p: float       # P(ocr | fix) in the repaired words


def align(ocr: str, fix: str) -> list[tuple[str, str]]:
    """Levenshtein alignment of two spellings; neighbouring edits are merged into one stretch."""
    n, m = len(ocr), len(fix)
    cost = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        cost[i][0] = i
    for j in range(m + 1):
        cost[0][j] = j
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            same = ocr[i - 1] == fix[j - 1]
            cost[i][j] = min(cost[i - 1][j - 1] + (0 if same else 1), cost[i - 1][j] + 1, cost[i][j - 1] + 1)
    ops: list[tuple[str, str]] = []
    i, j = n, m
    while i or j:   # prefer match/substitution, then deletion, then insertion
        if i and j and cost[i][j] == cost[i - 1][j - 1] + (ocr[i - 1] != fix[j - 1]):
            ops.append((ocr[i - 1], fix[j - 1]))
            i, j = i - 1, j - 1
        elif i and cost[i][j] == cost[i - 1][j] + 1:
            ops.append((ocr[i - 1], ""))
            i -= 1
        else:
            ops.append(("", fix[j - 1]))
            j -= 1
    ops.reverse()
    # An inserted or dropped glyph joins a neighbouring substitution ("é&" -> "ä"), else the
    # letter before it ("r" -> "rå"), so that every stretch has letters on both sides.
    out = [list(op) for op in ops]
    k = 0
    while k < len(out):
        a, b = out[k]
        if a and b:
            k += 1
            continue
        subst = lambda x: 0 <= x < len(out) and out[x][0] and out[x][1] and out[x][0] != out[x][1]
        target = k + 1 if subst(k + 1) else k - 1 if subst(k - 1) else k - 1 if k > 0 else k + 1
        if not 0 <= target < len(out):
            k += 1
            continue
        t = out[target]
        out[target] = [t[0] + a, t[1] + b] if target < k else [a + t[0], b + t[1]]
        del out[k]
        k = max(0, min(k, target))
    return [(a, b) for a, b in out]


def learn_confusions(pairs) -> list[Confusion]:
    """Count the confusions of (ocr, fix) pairs; a pair may carry a weight: (ocr, fix, count)."""
    edits: Counter = Counter()
    seen: Counter = Counter()     # how often each printed stretch occurs in the fixes
    for pair in pairs:
        ocr, fix, weight = (pair + (1,))[:3] if isinstance(pair, tuple) else (pair[0], pair[1], 1)
        for a, b in align(ocr, fix):
            if a != b:
                edits[(b, a)] += weight
                seen[b] += weight
            else:
                for ch in b:
                    seen[ch] += weight
    damaged: Counter = Counter()
    for (b, _a), c in edits.items():
        damaged[b] += c
    table = [Confusion(b, a, c, round(c / damaged[b], 4), round(c / seen[b], 4)) for (b, a), c in edits.items()]
    return sorted(table, key=lambda e: (-e.count, e.fix, e.ocr))


def pairs_from_repairs(paths) -> list[tuple[str, str]]:
    """The (ocr, fix) pairs of repairs files, context entries included."""
    out = []
    for path in paths:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        out += [(w["ocr"], w["fix"]) for w in data.get("words") or [] if isinstance(w, dict)]
    return out


def dump(table: list[Confusion], sources: list[str]) -> str:
    def q(s: str) -> str:
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
    lines = ["# OCR confusions learned from recorded, reviewed word repairs. Generated; do not edit:",
             "#   python -m policykit.authoring.confusions " + " ".join(sources),
             "# fix: the printed letters; ocr: what the OCR read; q = P(ocr | fix, damaged);",
             "# p = P(ocr | fix) in the repaired words. Format: src/policykit/authoring/confusions.py.",
             "confusions:"]
    lines += [f"  - {{fix: {q(e.fix)}, ocr: {q(e.ocr)}, count: {e.count}, q: {e.q}, p: {e.p}}}" for e in table]
    return "\n".join(lines) + "\n"


@functools.lru_cache(maxsize=4)
def load(path: Path = TABLE) -> tuple[Confusion, ...]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return tuple(Confusion(e["fix"], e["ocr"], e["count"], e["q"], e["p"]) for e in data["confusions"])


@functools.lru_cache(maxsize=1)
def prior(path: Path = PRIOR) -> dict[tuple[str, str], float]:
    """The generic confusions of printed Swedish: {(fix, ocr): q}."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return {(e["fix"], e["ocr"]): float(e["q"]) for e in data["prior"]}


def weights(table, strength: float = 5.0) -> dict[tuple[str, str], float]:
    """P(ocr | fix, damaged) for every confusion: learned counts smoothed towards the prior.

    A Dirichlet prior: w = (count + strength · q0) / (damaged + strength), where damaged is
    how many damaged `fix` letters the repairs show. With no repairs a confusion gets its prior
    share; with many, its learned share. Learned confusions the prior lacks keep q0 = 0.
    """
    q0 = prior()
    counts: Counter = Counter()
    damaged: Counter = Counter()
    for e in table:
        counts[(e.fix, e.ocr)] += e.count
        damaged[e.fix] += e.count
    out = {}
    for key in set(counts) | set(q0):
        fix = key[0]
        w = (counts.get(key, 0) + strength * q0.get(key, 0.0)) / (damaged[fix] + strength)
        if w > 0:
            out[key] = w
    return out


def main(argv: list[str] | None = None) -> int:
    """Learn the table from repairs files and write it: ``confusions [--out FILE] REPAIRS.yml...``."""
    args = list(sys.argv[1:] if argv is None else argv)
    out = TABLE
    if "--out" in args:
        k = args.index("--out")
        out = Path(args[k + 1])
        del args[k:k + 2]
    if not args:
        print("usage: python -m policykit.authoring.confusions [--out FILE] sources/repairs/*.yml")
        return 2
    table = learn_confusions(pairs_from_repairs(args))
    out.write_text(dump(table, args), encoding="utf-8")
    print(f"{out}: {len(table)} confusions from {len(args)} repairs file(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
