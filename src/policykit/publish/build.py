"""Build the site into site/ without ever leaving a half-built site there.

    python -m policykit build [--site-dir site]

Runs the clause check, then `mkdocs build --strict` into a fresh folder beside the target,
and only when both succeed swaps it into place. On any failure the previous site stays
exactly as it was, the partial build is removed, and the exit status is 1. That holds when
the build is stopped too: SIGTERM, SIGINT or SIGHUP end it cleanly, and after SIGKILL the
next build removes what was left (builds into one folder take turns, see `_lock`).
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

def build(root: Path, site_dir: Path | None = None) -> int:
    root = Path(root).resolve()
    target = (site_dir or root / "site").resolve()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

    def stop(signum, frame):
        # subprocess.run kills its child on the way out, and `finally` removes the partial build.
        raise SystemExit(f"error: {target}: not replaced, the build was stopped ({signal.Signals(signum).name}); "
                         "the previous site is untouched, build again")

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, stop)
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = _lock(target.parent)
    old = target.with_name(f".{target.name}.old")
    _restore(target, old)  # a build killed between the two renames of the swap
    check = subprocess.run([sys.executable, "-m", "policykit", "check", "--root", str(root)], env=env)
    if check.returncode != 0:
        print(f"error: {target}: not built, the clause check failed; fix the problems above", file=sys.stderr)
        return 1
    for stale in target.parent.glob(f".{target.name}.build-*"):
        shutil.rmtree(stale, ignore_errors=True)  # left by a killed build: under the lock, nothing writes there
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.build-", dir=target.parent))
    try:
        # mkdocs inherits the lock, so a mkdocs that outlives this script still holds off the next build.
        build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict",
                                "-f", str(root / "mkdocs.yml"), "-d", str(tmp)], cwd=root, env=env,
                               pass_fds=(lock,), preexec_fn=_die_with_parent)
        if build.returncode != 0:
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


def _die_with_parent():
    """In the mkdocs child: let Linux kill it when this script dies, even by SIGKILL."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: the lock still keeps the next build waiting until mkdocs ends

