"""Build the site into site/ without ever leaving a half-built site there.

    python -m policykit build [--site-dir site]
    python -m policykit build --drafts [--site-dir site-drafts]   # a preview: drafts shown, with a banner

Checks the project once (`policykit.check`), then runs `mkdocs build --strict` in this process
into a fresh folder beside the target, handing the checked project to the policykit plugin (so
nothing is read or checked twice), and only when both succeed swaps it into place. On any failure the previous site stays
exactly as it was, the partial build is removed, and the exit status is 1. That holds when
the build is stopped too: SIGTERM, SIGINT or SIGHUP end it cleanly, and after SIGKILL the
next build removes what was left (builds into one folder take turns, see `_lock`).

What is published leaves out every document no person has reviewed (publish/drafts.py); a
preview (`--drafts`) shows them, each page with the banner "Utkast, inte granskat" and noindex,
and goes to site-drafts/ unless told otherwise, so site/ only ever holds what may be published.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path

from policykit.check.checker import check
from policykit.check.todo import print_report

def build(root: Path, site_dir: Path | None = None, preview: bool = False) -> int:
    root = Path(root).resolve()
    target = (site_dir or root / ("site-drafts" if preview else "site")).resolve()
    def stop(signum, frame):
        # Raised inside the build: `finally` removes the partial build.
        raise SystemExit(f"error: {target}: not replaced, the build was stopped ({signal.Signals(signum).name}); "
                         "the previous site is untouched, build again")

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, stop)
    target.parent.mkdir(parents=True, exist_ok=True)
    _lock(target.parent)  # held (the descriptor stays open) until this process exits
    old = target.with_name(f".{target.name}.old")
    _restore(target, old)  # a build killed between the two renames of the swap
    report = check(root)
    print_report(report, root)
    if not report.ok:
        print(f"error: {target}: not built, the clause check failed; fix the problems above", file=sys.stderr)
        return 1
    for stale in target.parent.glob(f".{target.name}.build-*"):
        shutil.rmtree(stale, ignore_errors=True)  # left by a killed build: under the lock, nothing writes there
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.build-", dir=target.parent))
    try:
        if not _mkdocs(root, tmp, report, preview):
            print(f"error: {target}: not replaced, mkdocs build --strict failed; fix the problems above "
                  "(the previous site is untouched)", file=sys.stderr)
            return 1
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            target.rename(old)
        tmp.rename(target)
        shutil.rmtree(old, ignore_errors=True)
        print(f"built {target}")
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        _restore(target, old)


def _lock(folder: Path) -> int:
    """Hold an exclusive lock on the target's folder until this process and its mkdocs exit.

    Builds into the same folder take turns, so a build never removes another one's work in
    progress as stale. The lock is on the folder itself: no lock file is left behind.
    """
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print(f"waiting for another build into {folder} to finish", file=sys.stderr)
        fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def _restore(target: Path, old: Path):
    if not target.exists() and old.exists():
        old.rename(target)


def _mkdocs(root: Path, site: Path, report, preview: bool = False) -> bool:
    """`mkdocs build --strict` of the project into `site`, in this process; False when it failed."""
    from mkdocs.__main__ import ColorFormatter
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, BuildError, ConfigurationError

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(ColorFormatter())
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site), strict=True)
        plugin = config.plugins.get("policykit")
        if plugin is None:
            print("error: mkdocs.yml: the policykit plugin is not in 'plugins'; add '- policykit' (see its comments)")
            return False
        plugin.checked(report, preview)
        mkdocs_build(config)
        return True
    except (Abort, BuildError, ConfigurationError) as exc:
        print(f"Aborted: {exc}", file=sys.stderr)
        return False
    finally:
        logger.removeHandler(handler)
