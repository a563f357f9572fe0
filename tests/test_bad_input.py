"""Bad input stops the check and the build with one clear line, and never leaves a half-built site.

Every case damages a private copy of the project, then runs the real commands.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import ROOT, run, reseal, CHECK_CMD, BUILD_CMD

CHECK = CHECK_CMD
BUILD = BUILD_CMD
STROMSUND_SRC = "sources/004_f7a0eeedf08f0e7c.txt"
ANCHOR = "## Om texterna { #om-texterna }"  # a line of docs/index.md before which the tests insert


def marker_line(project: Path) -> int:
    """The line of docs/index.md holding the inserted marker."""
    lines = (project / "docs" / "index.md").read_text(encoding="utf-8").splitlines()
    return next(n for n, text in enumerate(lines, 1) if text.startswith("<!-- clause"))


def check(project: Path) -> tuple[int, str]:
    result = run(CHECK, "--root", project)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result.returncode, result.stdout


def replace(path: Path, old: str, new: str):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_edited_source_fails_on_its_checksum(project):
    path = project / STROMSUND_SRC
    path.write_bytes(path.read_bytes().replace(b"Syfte", b"Syfta"))
    code, out = check(project)
    assert code == 1
    assert out.startswith("error: sources/004_f7a0eeedf08f0e7c.txt: checksum mismatch: sha256 is ")
    assert "sources/sources.yml line" in out and "git checkout -- sources/004_f7a0eeedf08f0e7c.txt" in out


def test_missing_source(project):
    (project / STROMSUND_SRC).unlink()
    code, out = check(project)
    assert code == 1
    line = next(n for n, t in enumerate((project / "sources/sources.yml").read_text().splitlines(), 1)
                if "file: 004_f7a0eeedf08f0e7c.txt" in t)
    assert f"error: sources/sources.yml:{line}: source file sources/004_f7a0eeedf08f0e7c.txt is missing" in out


def test_source_that_is_not_utf8(project):
    (project / STROMSUND_SRC).write_bytes(b"\xff\xfe Internationell policy\n")
    reseal(project, STROMSUND_SRC)
    code, out = check(project)
    assert code == 1
    assert "error: sources/004_f7a0eeedf08f0e7c.txt: not valid UTF-8 (byte 0); deliver the OCR text as UTF-8" in out


def test_correction_that_matches_nothing(project):
    path = project / "sources" / "repairs" / "004_f7a0eeedf08f0e7c.yml"
    replace(path, "words:\n", "words:\n  - {ocr: \"qqqx\", fix: \"x\"}\n")
    line = path.read_text(encoding="utf-8").splitlines().index('  - {ocr: "qqqx", fix: "x"}') + 1
    code, out = check(project)
    assert code == 1
    assert (f"error: sources/repairs/004_f7a0eeedf08f0e7c.yml:{line}: correction 'qqqx' → 'x' matches nothing "
            "in the source; remove the entry, or fix its 'ocr' or 'context' to match the OCR text") in out


def test_malformed_yaml_names_file_and_line(project):
    path = project / "sources" / "repairs" / "004_f7a0eeedf08f0e7c.yml"
    replace(path, '  - {ocr: "vird", fix: "vård"}', '  - {ocr: "vird", fix: "vård"')
    line = path.read_text(encoding="utf-8").splitlines().index('  - {ocr: "vird", fix: "vård"') + 2
    code, out = check(project)
    assert code == 1
    assert f"error: sources/repairs/004_f7a0eeedf08f0e7c.yml:{line}: malformed YAML" in out
    assert "fix the YAML syntax at that line" in out


def test_duplicate_section_key_is_a_duplicate_id(project):
    replace(project / "sources" / "sources.yml", "{key: former, line: 37}", "{key: syfte, line: 37}")
    line = next(n for n, t in enumerate((project / "sources/sources.yml").read_text().splitlines(), 1)
                if "{key: syfte, line: 37}" in t)
    code, out = check(project)
    assert code == 1
    assert f"error: sources/sources.yml:{line}: duplicate section key 'syfte' in 'stromsund'; give each section its own key" in out


def test_no_sources_means_no_clauses_and_fails(project):
    (project / "sources" / "sources.yml").write_text("files: []\n", encoding="utf-8")
    code, out = check(project)
    assert code == 1
    assert "error: sources/sources.yml: no source files are registered" in out
    assert out.strip().splitlines()[-1].startswith("FAILED: 0 clauses")


def test_unknown_marker_stops_the_build(project, tmp_path):
    replace(project / "docs" / "index.md", ANCHOR, "<!-- clauses: strategi-1 -->\n\n" + ANCHOR)
    path = project / "docs" / "index.en.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n<!-- clauses: strategi-1 -->\n", encoding="utf-8")
    result = run("-m", "mkdocs", "build", "--strict", "-d", tmp_path / "out", cwd=project)
    assert result.returncode == 1
    line = marker_line(project)
    assert (f"error: docs/index.md:{line}: unknown marker 'clauses'; use one of clause, comparison, fields, glossary, "
            "municipalities, ocr-repairs, principles, ref, responsibilities, statement, status, traceability (see docs/konventioner.md)"
            ) in result.stdout + result.stderr


def test_unknown_clause_id_in_any_page_stops_the_build(project, tmp_path):
    replace(project / "docs" / "index.md", ANCHOR, "<!-- clause: strategi-4-p7 -->x\n\n" + ANCHOR)
    code, out = check(project)
    assert code == 1
    line = marker_line(project)
    assert f"error: docs/index.md:{line}: unknown clause id 'strategi-4-p7'; use an existing id (nearest: strategi-4-p" in out


def test_a_failed_build_leaves_the_previous_site_untouched(project, tmp_path):
    target = tmp_path / "site"
    first = run(BUILD, "--root", project, "--site-dir", target)
    assert first.returncode == 0, first.stdout + first.stderr
    before = {p.relative_to(target): p.read_bytes() for p in target.rglob("*") if p.is_file()}
    replace(project / "docs" / "stockholm" / "strategi.md", "dock inga utpekade", "dock några utpekade")
    second = run(BUILD, "--root", project, "--site-dir", target)
    assert second.returncode == 1
    assert "clause strategi-4-p1 is altered" in second.stdout
    assert "not built, the clause check failed" in second.stderr
    after = {p.relative_to(target): p.read_bytes() for p in target.rglob("*") if p.is_file()}
    assert after == before
    assert not list(tmp_path.glob(".site.build-*"))


def test_a_strict_warning_also_leaves_the_previous_site(project, tmp_path):
    target = tmp_path / "site"
    assert run(BUILD, "--root", project, "--site-dir", target).returncode == 0
    before = (target / "index.html").read_bytes()
    replace(project / "docs" / "index.md", ANCHOR, "[trasig länk](finns-inte.md)\n\n" + ANCHOR)
    result = run(BUILD, "--root", project, "--site-dir", target)
    assert result.returncode == 1
    assert "finns-inte.md" in result.stdout + result.stderr
    assert "the previous site is untouched" in result.stderr
    assert (target / "index.html").read_bytes() == before
    assert not list(tmp_path.glob(".site.build-*"))
