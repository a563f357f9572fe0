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
COPIED = ("sources", "docs", "overrides", "scripts", "mkdocs.yml")


def run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run a project command with this interpreter; capture text output."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([PY, *map(str, args)], cwd=cwd, env=env, capture_output=True, text=True)


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
    result = run(ROOT / "scripts" / "build_site.py", "--site-dir", out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def end_headers(self):
        # LinkChecker throttles requests to a server unless it announces itself as a test server.
        self.send_header("LinkChecker", "local test server")
        super().end_headers()


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
