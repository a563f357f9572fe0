"""Compare two built sites file by file: what a change of the build did to what readers get.

    python -m policykit.bench.sitediff BEFORE AFTER [--context 1]

Prints the files only in one of them, then for each file that differs its first differing
lines (text files) or its sizes (PDFs and other binaries), and a summary line. Exit status 0
when the sites are byte for byte the same, 1 otherwise. Used to show that a refactoring of the
build changed nothing a reader sees, except what its note names.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path


def files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}


def compare(before: Path, after: Path, context: int = 1, limit: int = 6) -> list[str]:
    a, b = files(before), files(after)
    out = [f"only in {before}: {rel}" for rel in sorted(a.keys() - b.keys())]
    out += [f"only in {after}: {rel}" for rel in sorted(b.keys() - a.keys())]
    for rel in sorted(a.keys() & b.keys()):
        old, new = a[rel].read_bytes(), b[rel].read_bytes()
        if old == new:
            continue
        try:
            lines = list(difflib.unified_diff(old.decode().splitlines(), new.decode().splitlines(),
                                              f"{before.name}/{rel}", f"{after.name}/{rel}", n=context, lineterm=""))
            out.append(f"differs: {rel}")
            out += ["    " + line[:200] for line in lines[2:2 + limit]]
        except UnicodeDecodeError:
            out.append(f"differs: {rel} ({len(old)} -> {len(new)} bytes)")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m policykit.bench.sitediff", description=__doc__.split("\n\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--context", type=int, default=1, help="lines of context around each difference")
    args = parser.parse_args(argv)
    lines = compare(args.before, args.after, args.context)
    print("\n".join(lines))
    changed = sum(line.startswith(("differs:", "only in")) for line in lines)
    print(f"{changed} files differ" if changed else "the sites are byte for byte the same")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
