#!/usr/bin/env python3
"""Build the site into site/ without ever leaving a half-built site there.

    python scripts/build_site.py [--site-dir site]

Runs the clause check, then `mkdocs build --strict` into a fresh folder beside the target,
and only when both succeed swaps it into place. On any failure the previous site stays
exactly as it was, the partial build is removed, and the exit status is 1.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--site-dir", type=Path, default=None, help="target folder (default: <root>/site)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    target = (args.site_dir or root / "site").resolve()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    check = subprocess.run([sys.executable, str(root / "scripts" / "check_clauses.py"), "--root", str(root)], env=env)
    if check.returncode != 0:
        print(f"error: {target}: not built, the clause check failed; fix the problems above", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in target.parent.glob(f".{target.name}.build-*"):
        shutil.rmtree(stale, ignore_errors=True)  # left by an interrupted earlier build
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.build-", dir=target.parent))
    try:
        build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict",
                                "-f", str(root / "mkdocs.yml"), "-d", str(tmp)], cwd=root, env=env)
        if build.returncode != 0:
            print(f"error: {target}: not replaced, mkdocs build --strict failed; fix the problems above "
                  "(the previous site is untouched)", file=sys.stderr)
            return 1
        old = target.with_name(f".{target.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            target.rename(old)
        tmp.rename(target)
        shutil.rmtree(old, ignore_errors=True)
        print(f"built {target}")
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
