"""Shared fixtures: the project root, throwaway project copies, the built and served site."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
COPIED = ("sources", "docs", "overrides", "src", "mkdocs.yml")
# The project's commands (python -m policykit ...), for run().
CHECK_CMD = ("-m", "policykit", "check")
BUILD_CMD = ("-m", "policykit", "build")
ADD_CMD = ("-m", "policykit", "add")


def run(*args: str | Path | tuple, cwd: Path = ROOT, timeout: float | None = None) -> subprocess.CompletedProcess:
    """Run a project command with this interpreter (a tuple argument is spread); capture text output."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    flat = [str(a) for arg in args for a in (arg if isinstance(arg, tuple) else (arg,))]
    return subprocess.run([PY, *flat], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def copy_project(dest: Path) -> Path:
    for name in COPIED:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    return dest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private copy of the project that a test may damage."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site built once per session with the real build command (check + strict build)."""
    out = tmp_path_factory.mktemp("built") / "site"
    result = run(BUILD_CMD, "--site-dir", out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve_folder(folder: Path):
    """Serve a folder over HTTP on 127.0.0.1 (a free port); yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def served(site: Path):
    """The built site served over HTTP on 127.0.0.1; yields its base URL."""
    with serve_folder(site) as url:
        yield url
