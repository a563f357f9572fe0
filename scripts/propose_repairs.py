#!/usr/bin/env python3
"""Propose word repairs for a source: OCR tokens the Swedish dictionary does not know.

    python scripts/propose_repairs.py sources/004_f7a0eeedf08f0e7c.txt
    python scripts/propose_repairs.py FILE --ambiguous   # also known words with a likelier-looking twin

Prints YAML entries for sources/repairs/<file>.yml, each with the dictionary's proposals as a
comment. It proposes; a person reviews every line against the printed original, and chooses
by context where a token has several readings (ar: är or år). Tokens already repaired by the
file's current repairs are skipped.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from policykit.corrections import TOKEN  # noqa: E402
from policykit.spelling import known, propose  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="an OCR text file")
    parser.add_argument("--ambiguous", action="store_true",
                        help="also list known words that an OCR confusion could have made from another word")
    args = parser.parse_args(argv)
    try:
        text = args.source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: {args.source}: cannot read it as UTF-8 text ({exc}); give a plain-text OCR file")
        return 1
    tokens = Counter(t for t in TOKEN.findall(text) if not t.isdigit())
    print("words:")
    for token, count in sorted(tokens.items(), key=lambda kv: kv[0].lower()):
        if known(token) or known(token.lower()):
            if not args.ambiguous:
                continue
            options = propose(token)
            if not options:
                continue
            note = "known word; could also be"
        else:
            options = propose(token)
            note = "unknown word"
        fix = options[0] if options else token
        print(f"  - {{ocr: {json.dumps(token, ensure_ascii=False)}, fix: {json.dumps(fix, ensure_ascii=False)}}}"
              f"   # {note}, {count}×; proposals: {', '.join(options) or 'none (allow-list it, or fix by hand)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
