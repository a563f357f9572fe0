#!/usr/bin/env python3
"""Write a first Swedish page for each document from the clause model.

    python scripts/scaffold_pages.py            # only documents whose page does not exist yet
    python scripts/scaffold_pages.py --force    # overwrite (loses hand edits: review the diff)

The pages are then people's files: they edit the commentary, and the checker
(scripts/check_clauses.py) holds the policy text to the sources. Each clause becomes one
line with its marker; sentences of one source paragraph stay one Markdown paragraph.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from policykit.model import build_model  # noqa: E402
from policykit.errors import PolicyError  # noqa: E402
from policykit.scaffold import swedish  # noqa: E402

def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--force", action="store_true", help="overwrite existing pages")
    args = parser.parse_args(argv)
    try:
        model = build_model(args.root)
    except PolicyError as exc:
        print(exc)
        return 1
    for src in model.files:
        for doc in src.documents:
            path = args.root / "docs" / doc.page
            if path.exists() and not args.force:
                print(f"kept {path.relative_to(args.root)} (exists; --force overwrites)")
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(swedish(model, doc, src.name), encoding="utf-8")
            print(f"wrote {path.relative_to(args.root)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
