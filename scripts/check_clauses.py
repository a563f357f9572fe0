#!/usr/bin/env python3
"""Prove that every source clause stands on its Swedish page, unaltered, and nothing else does.

    python scripts/check_clauses.py                 # print problems and a summary line
    python scripts/check_clauses.py --json report.json

Exit status: 0 when every clause is matched and no page has stray policy text; 1 otherwise
(one line per problem, naming file, line, clause and fix, then the summary line).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from policykit.checker import check  # noqa: E402
from policykit.todo import todo  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (default: this repository)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the full report as JSON")
    args = parser.parse_args(argv)
    report = check(args.root)
    for problem in report.problems:
        print(problem)
    if args.json:
        if report.model is None:
            print(f"error: {args.json}: no report written, the sources could not be read; fix the errors above")
        else:
            try:
                args.json.parent.mkdir(parents=True, exist_ok=True)
                args.json.write_text(json.dumps(report.as_json(), ensure_ascii=False, indent=1), encoding="utf-8")
            except OSError as exc:
                print(f"error: {args.json}: the report cannot be written ({exc.strerror}); give a writable path")
                print(report.summary_line())
                return 1
    if report.ok:
        # Accepted but unfinished work (a new municipality, step by step); never an error.
        for item in todo(report, args.root):
            print(f"todo: {item}")
    print(report.summary_line())
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
