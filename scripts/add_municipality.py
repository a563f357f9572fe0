#!/usr/bin/env python3
"""Add a municipality's policy text to the site: source, proposed repairs, pages, data rows.

    python scripts/add_municipality.py norrvik.txt --id norrvik \\
        --name "Norrviks kommun" --name-en "Norrvik Municipality" \\
        [--title-en "International policy for Norrvik Municipality"] [--document ID] [--truncated]

The text is a plain UTF-8 file, OCR'd or clean. What it writes, and what a person does next,
is listed when it finishes (and in the README, "Adding a municipality"). If any step fails,
nothing is left changed. Exit status 0 on success, 1 with a message naming the fix otherwise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from policykit.addition import Request, add  # noqa: E402
from policykit.errors import PolicyError  # noqa: E402
from policykit.todo import todo  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("text", type=Path, help="the policy as a plain-text file (UTF-8)")
    parser.add_argument("--id", required=True, help="the municipality's id in links and data, e.g. norrvik")
    parser.add_argument("--name", required=True, help='its Swedish name, e.g. "Norrviks kommun"')
    parser.add_argument("--name-en", required=True, help='its English name, e.g. "Norrvik Municipality"')
    parser.add_argument("--title-en", help="the document's title in English (default: the Swedish title)")
    parser.add_argument("--document", help="the document's id (default: the municipality's id)")
    parser.add_argument("--truncated", action="store_true", help="the text ends before the document does")
    parser.add_argument("--no-proposals", action="store_true",
                        help="skip the dictionary's word repairs (faster; for tests and benchmarks)")
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (default: this repository)")
    args = parser.parse_args(argv)
    try:
        data = args.text.read_bytes()
    except OSError as exc:
        print(f"error: {args.text}: cannot read it ({exc.strerror}); give the path of a plain-text file")
        return 1
    request = Request(text=data, municipality=args.id, name_sv=args.name, name_en=args.name_en,
                      document=args.document, title_en=args.title_en, truncated=args.truncated,
                      propose=not args.no_proposals, display=str(args.text))
    try:
        result = add(args.root, request)
    except PolicyError as exc:
        print(exc)
        print("nothing was changed")
        return 1
    print(f"added {args.name}: {result.clauses} clauses in {len(result.sections)} sections "
          f"({', '.join(result.sections)}); every clause is on {result.page}")
    print("wrote: " + ", ".join(result.written))
    print(f"{len(result.proposals)} word repairs proposed, {len(result.unknown)} unknown words without a proposal")
    print("\nto do before publishing:")
    for item in todo(result.report, args.root):
        print(f"  - {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
