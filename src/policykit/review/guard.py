"""The project byte for byte as it was, unless every step of a review action succeeds.

    with unchanged_on_failure(root):      # sources/, docs/ and mkdocs.yml remembered first
        mends.set_aside(root, doc, 17, "letterhead")
        refresh(root, "ekby")              # rewrites the pages, runs the checker; raises on failure

An action of the review app writes through several authoring functions (a mend, the refresh, the
approval), each with its own `Transaction`; one that succeeded is not undone by the next one's
failure. So the app remembers every file an authoring command may write (`WRITTEN`: the registry,
repairs, pages, data and the navigation) before it starts and, on any exception, puts each changed
file back, deletes each new one and removes the folders that only they filled. Files are written
by `write_atomic`: a temporary file beside the target, renamed over it, so a crash never leaves half
a file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

WRITTEN = ("sources", "docs", "mkdocs.yml")


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file an authoring command may write, by path under `root`."""
    out = {}
    for name in WRITTEN:
        path = root / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for p in files:
            out[p.relative_to(root).as_posix()] = p.read_bytes()
    return out


def restore(root: Path, saved: dict[str, bytes]) -> None:
    now = snapshot(root)
    for rel in now.keys() - saved.keys():
        (root / rel).unlink()
        parent = (root / rel).parent
        while parent != root and parent.exists() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    for rel, data in saved.items():
        if now.get(rel) != data:
            write_atomic(root / rel, data)


@contextlib.contextmanager
def unchanged_on_failure(root: Path):
    root = Path(root)
    saved = snapshot(root)
    try:
        yield
    except BaseException:
        restore(root, saved)
        raise


def write_atomic(path: Path, data: str | bytes) -> None:
    data = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
