"""How right the word-repair proposals are on text they have never seen.

``python -m policykit bench-repair [--root DIR] [--only fixtures|sources]`` prints, per case::

    case                     words  WER before  WER after  changed  wrong  missed  flagged  one choice
    fixture clean              120      0.00%      0.00%        0      0       0        0           0
    stromsund (from 000)       900     10.20%      0.80%       85      2       5        3           2

WER = wrong words / words, token by token against the truth. ``changed``: tokens the accepted
(unflagged) proposals changed; ``wrong``: of those, not the truth; ``missed``: tokens still
wrong after (flagged ones included); ``flagged``: occurrences of flagged (unsure) tokens, right
or wrong; ``one choice``: of the missed, the tokens left as they are but flagged with the truth
among the listed alternatives, which a reviewer repairs with one choice. Cases:

- ``tests/fixtures/repair/<case>/{ocr.txt,truth.txt}``: hand-made damaged and clean texts,
  proposals with the shipped confusion table.
- the two real sources, leave-one-out: confusions learned from one source's recorded repairs,
  proposals on the other's layout-repaired OCR, truth = its recorded repairs applied.

- ``tests/fixtures/documents/<case>/``: real-looking documents (text PDFs, scans, web pages, a news
  item) through the add command, held to their ``expected.yml``: title, headings, words, time
  (policykit.bench.documents; ``--only documents``).

``--scan`` also times the intake of a 4-page scanned PDF (made here: policykit.intake.bench,
WeasyPrint then pdftoppm; read back by pdftotext and tesseract's Swedish OCR), as
``python -m policykit add`` reads one; ``--only scan`` prints that timing alone.
"""

from __future__ import annotations

import argparse
import difflib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from policykit.authoring.confusions import learn_confusions, pairs_from_repairs
from policykit.authoring.proposals import propose_words
from policykit.datafile import LINE
from policykit.sources.corrections import TOKEN, Corrections
from policykit.sources.layout import apply_layout

STOCKHOLM, STROMSUND = "000_a51568b8bbced0f4", "004_f7a0eeedf08f0e7c"


@dataclass
class Score:
    case: str
    words: int
    before: int
    after: int
    changed: int
    wrong: int
    missed: int
    flagged: int
    one_choice: int = 0


def corrector(proposals) -> Corrections:
    """The accepted proposals as the repairs a reviewer would record."""
    words = [{"ocr": p.ocr, "fix": p.fix, LINE: None, **({"context": p.context} if p.context else {})}
             for p in proposals if p.fix and not p.flagged and p.fix != p.ocr]
    return Corrections.from_repairs({"words": words}, "proposals")


def _pairs(a: list[str], b: list[str]) -> list[tuple[str | None, str | None]]:
    if len(a) == len(b):
        return list(zip(a, b))
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        xs, ys = a[i1:i2], b[j1:j2]
        out += [(xs[k] if k < len(xs) else None, ys[k] if k < len(ys) else None) for k in range(max(len(xs), len(ys)))]
    return out


def score(case: str, ocr: str, truth: str, table=None) -> Score:
    proposals = propose_words(ocr, table)
    fixed, _ = corrector(proposals).apply(ocr)
    o, f, t = TOKEN.findall(ocr), TOKEN.findall(fixed), TOKEN.findall(truth)
    before = sum(x != y for x, y in _pairs(o, t))
    after_pairs = _pairs(f, t)
    after = sum(x != y for x, y in after_pairs)
    alternatives = defaultdict(set)
    for p in proposals:
        if p.flagged:
            alternatives[p.ocr] |= set(p.alternatives)
    changed = wrong = one_choice = 0
    for (x, _), (y, z) in zip(_pairs(o, f), after_pairs) if len(o) == len(f) else []:
        if x != y:
            changed += 1
            wrong += y != z
        elif y != z and z in alternatives.get(x, ()):
            one_choice += 1
    return Score(case, len(t), before, after, changed, wrong, after - wrong,
                 sum(p.count for p in proposals if p.flagged), one_choice)


def source_case(root: Path, target: str, learn_from: str) -> tuple[str, str, list]:
    """(layout-repaired OCR, truth, confusion table learned from the other source)."""
    rep = yaml.safe_load((root / "sources" / "repairs" / f"{target}.yml").read_text(encoding="utf-8"))
    raw = (root / "sources" / f"{target}.txt").read_text(encoding="utf-8").split("\n")
    if raw and raw[-1] == "":
        raw.pop()
    layout = apply_layout(raw, rep, target)
    ocr = "\n".join(ln.text for ln in layout.lines)
    truth, _ = Corrections.from_repairs(rep, target).apply(ocr)
    table = learn_confusions(pairs_from_repairs([root / "sources" / "repairs" / f"{learn_from}.yml"]))
    return ocr, truth, table


def cases(root: Path, only: str | None):
    if only in (None, "fixtures"):
        for folder in sorted((root / "tests" / "fixtures" / "repair").glob("*/")):
            yield (f"fixture {folder.name}", (folder / "ocr.txt").read_text(encoding="utf-8"),
                   (folder / "truth.txt").read_text(encoding="utf-8"), None)
    if only in (None, "sources"):
        for target, other, name in ((STROMSUND, STOCKHOLM, "stromsund (from stockholm)"),
                                    (STOCKHOLM, STROMSUND, "stockholm (from stromsund)")):
            yield (name, *source_case(root, target, other))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m policykit bench-repair", description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: the current folder)")
    ap.add_argument("--only", choices=["fixtures", "sources", "documents", "scan"], help="one group of cases")
    ap.add_argument("--scan", action="store_true", help="also time the intake of a 4-page scanned PDF (OCR included)")
    ap.add_argument("--pages", type=int, default=4, help="pages of the scanned PDF (default 4)")
    args = ap.parse_args(argv)
    if args.only == "scan":
        return _scan(args.pages)
    if args.only == "documents":
        from policykit.bench.documents import report
        return report(args.root.resolve())
    print(f"{'case':28} {'words':>6} {'WER before':>10} {'WER after':>10} {'changed':>8} {'wrong':>6} "
          f"{'missed':>7} {'flagged':>8} {'one choice':>11}")
    for name, ocr, truth, table in cases(args.root.resolve(), args.only):
        s = score(name, ocr, truth, table)
        print(f"{s.case:28} {s.words:6d} {100 * s.before / s.words:9.2f}% {100 * s.after / s.words:9.2f}% "
              f"{s.changed:8d} {s.wrong:6d} {s.missed:7d} {s.flagged:8d} {s.one_choice:11d}")
    status = 0
    if args.only is None:
        from policykit.bench.documents import report
        print()
        status = report(args.root.resolve())
    if args.scan:
        return _scan(args.pages) or status
    return status


def _scan(pages: int) -> int:
    from policykit.errors import PolicyError
    from policykit.intake.bench import bench_scan

    try:
        bench_scan(pages)  # prints "intake: 4-page scanned PDF read in ... s (... s a page) by ..."
    except PolicyError as exc:
        print(exc)
        return 1
    return 0
