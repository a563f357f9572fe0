"""Shared fixtures: the project root, throwaway project copies, the built and served site."""

from __future__ import annotations

import dataclasses
import hashlib
import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from policykit.bench.lighthouse import served as served_folder
from policykit.project import copy_project as copy_content

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
# The project's commands (python -m policykit ...), for run().
CHECK_CMD = ("-m", "policykit", "check")
BUILD_CMD = ("-m", "policykit", "build")
ADD_CMD = ("-m", "policykit", "add")
APPROVE_CMD = ("-m", "policykit", "approve")
# Who approves the documents the tests add (stored in the registry, never published: test_drafts.py).
REVIEWER = "Testgranskare"


def run(*args: str | Path | tuple, cwd: Path = ROOT, timeout: float | None = None) -> subprocess.CompletedProcess:
    """Run a project command with this interpreter (a tuple argument is spread); capture text output."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    flat = [str(a) for arg in args for a in (arg if isinstance(arg, tuple) else (arg,))]
    return subprocess.run([PY, *flat], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def copy_project(dest: Path) -> Path:
    """A copy of this project's content (the code is the installed package's)."""
    return copy_content(ROOT, dest)


def reseal(project: Path, rel: str):
    """Record a changed source's new checksum in the registry, as a reviewer accepting a delivery would."""
    name = Path(rel).name
    registry = project / "sources" / "sources.yml"
    lines = registry.read_text(encoding="utf-8").split("\n")
    at = next(n for n, text in enumerate(lines) if text.strip() == f"- file: {name}")
    sha = next(n for n in range(at, len(lines)) if "sha256:" in lines[n])
    lines[sha] = lines[sha].split("sha256:")[0] + "sha256: " + hashlib.sha256((project / rel).read_bytes()).hexdigest()
    registry.write_text("\n".join(lines), encoding="utf-8")


def review_and_approve(root: Path, *doc_ids: str):
    """What happens before the site publishes an added document: its reviewer accepts the reading
    as the add command made it (the tests' texts are invented, with no printed original to check
    against: authoring.synthetic.accept_as_read), then approves it with the real approve command."""
    from policykit.authoring.synthetic import accept_as_read

    accept_as_read(root, doc_ids)
    result = run(APPROVE_CMD, *doc_ids, "--by", REVIEWER, "--root", root)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private copy of the project that a test may damage."""
    return copy_project(tmp_path / "project")


@dataclasses.dataclass
class Content:
    """A project (its folder, its model) and its built site, for the content tests."""
    name: str
    root: Path
    site: Path

    @functools.cached_property
    def project(self):
        from policykit.project import load
        return load(self.root)


REVIEW_PDF = Path(__file__).parent / "fixtures" / "review" / "input.pdf"


@pytest.fixture(scope="session")
def ekby_draft(tmp_path_factory) -> Path:
    """A copy of the project with the review fixture's PDF (tests/fixtures/review/input.pdf) added by the
    add command as Ekby, a draft: added once per session; a test that changes it works on its own copy
    (`draft_copy`)."""
    root = copy_project(tmp_path_factory.mktemp("ekby-draft") / "project")
    result = run(ADD_CMD, REVIEW_PDF, "--id", "ekby", "--name", "Ekby kommun", "--name-en", "Ekby Municipality",
                 "--root", root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def draft_copy(ekby_draft: Path, dest: Path) -> Path:
    """Ekby's draft project copied to dest (the review tests change their copies, never the shared one)."""
    return Path(shutil.copytree(ekby_draft, dest))


def _added(tmp_path_factory) -> Path:
    """A copy of the project with one synthetic, OCR-damaged municipality added by the add command
    and approved, so the build publishes it."""
    from policykit.authoring.synthetic import municipality

    base = tmp_path_factory.mktemp("content-added")
    root = copy_project(base / "project")
    synthetic = municipality(0)
    text = base / f"{synthetic.id}.txt"
    text.write_text(synthetic.text, encoding="utf-8")
    result = run(ADD_CMD, text, "--id", synthetic.id, "--name", f"{synthetic.name}s kommun",
                 "--name-en", f"{synthetic.name} Municipality", "--root", root)
    assert result.returncode == 0, result.stdout + result.stderr
    review_and_approve(root, synthetic.id)
    return root


@pytest.fixture(scope="session", params=["real", "added"])
def content(request, tmp_path_factory) -> Content:
    """The content tests run twice: on the real project, and on a copy with a municipality added
    (the site grows; no test may depend on today's documents or counts)."""
    if request.param == "real":
        return Content("real", ROOT, request.getfixturevalue("site"))
    root = _added(tmp_path_factory)
    out = tmp_path_factory.mktemp("content-site") / "site"
    result = run(BUILD_CMD, "--root", root, "--site-dir", out)
    assert result.returncode == 0, result.stdout + result.stderr
    return Content("added", root, out)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site built once per session with the real build command (check + strict build)."""
    out = tmp_path_factory.mktemp("built") / "site"
    result = run(BUILD_CMD, "--site-dir", out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


# Serve a folder over HTTP on 127.0.0.1 (a free port); yields its base URL: the benchmarks' own server.
serve_folder = served_folder


@pytest.fixture(scope="session")
def served(site: Path):
    """The built site served over HTTP on 127.0.0.1; yields its base URL."""
    with serve_folder(site) as url:
        yield url
