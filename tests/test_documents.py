"""Real-looking documents in, end to end: every case of tests/fixtures/documents/<case>/ (text PDFs with
letterheads and footers, scans, saved web pages from differently built sites, a news item) is added
with `python -m policykit add` to one project copy, approved, and the site is built once.

For each case, against its hand-written expected.yml (format: policykit.bench.documents): the title
is the document's own, the headings are the document's own (none extra, none missed), no line of
what was set aside is policy text, none of its `never` strings (names, numbers, chrome) is in any
built file (pages, data, search fragments, PDFs, kallor/), no original is served as HTML, and a
born-digital text's words are exactly the document's (under 1 % wrong in a scan).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ADD_CMD, BUILD_CMD, copy_project, review_and_approve, run
from test_add_documents import _site_texts

from policykit.bench.documents import heading_match, word_diff, words
from policykit.intake.extract import sniff

FIX = Path(__file__).parent / "fixtures" / "documents"
CASES = sorted(p.parent.name for p in FIX.glob("*/expected.yml"))


def expected(case: str) -> dict:
    return yaml.safe_load((FIX / case / "expected.yml").read_text(encoding="utf-8"))


def muni(case: str) -> str:
    return "dok" + re.sub(r"[^a-z0-9]", "", case.lower())


def test_there_are_cases_of_every_kind():
    kinds = [expected(c)["kind"] for c in CASES]
    assert kinds.count("pdf-text") >= 2 and kinds.count("pdf-scan") >= 2 and kinds.count("html") >= 4, kinds
    assert any(expected(c).get("news") for c in CASES)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(project, site, registry documents by municipality): every case added, approved, built once."""
    assert shutil.which("pdftotext") and shutil.which("tesseract"), "make intake-deps installs poppler and tesseract"
    base = tmp_path_factory.mktemp("documents")
    project = copy_project(base / "project")
    for case in CASES:
        exp = expected(case)
        source = next((FIX / case).glob("input.*"))
        added = run(ADD_CMD, source, "--id", muni(case), "--name", f"{case.title()} kommun",
                    "--name-en", f"{case.title()} Municipality", *(["--summary"] if exp.get("news") else []),
                    "--root", project)
        assert added.returncode == 0, case + ": " + added.stdout + added.stderr
    review_and_approve(project, *(muni(case) for case in CASES))  # a draft is not published
    site = base / "site"
    result = run(BUILD_CMD, "--root", project, "--site-dir", site)
    assert result.returncode == 0, result.stdout + result.stderr
    registry = yaml.safe_load((project / "sources" / "sources.yml").read_text(encoding="utf-8"))
    docs = {m["id"]: None for m in registry["municipalities"]}
    for f in registry["files"]:
        for d in f["documents"]:
            owner = next(m["id"] for m in registry["municipalities"] if d["id"] in m["documents"])
            docs[owner] = {**d, "file": f}
    return project, site, docs


def _repairs(project: Path, doc: dict) -> dict:
    return yaml.safe_load((project / "sources" / doc["file"]["repairs"]).read_text(encoding="utf-8")) or {}


def _clauses(project: Path, doc_id: str):
    from policykit.clauses.model import build_model
    return build_model(project).clauses_of(doc_id)


@pytest.mark.parametrize("case", CASES)
def test_title_and_headings_are_the_documents_own(built, case):
    project, _, docs = built
    exp, doc = expected(case), docs[muni(case)]
    assert " ".join(doc["title"].split()) == " ".join(exp["title"].split())
    headings = [c.text for c in _clauses(project, doc["id"]) if c.kind == "heading"]
    if headings and " ".join(headings[0].split()) == " ".join(doc["title"].split()):
        headings = headings[1:]
    found, missed, extra = heading_match(headings, exp.get("headings") or [])
    assert not extra, f"headings not in the document: {extra}"
    assert not missed, f"the document's headings missed: {missed}"


@pytest.mark.parametrize("case", CASES)
def test_the_words_are_the_documents(built, case):
    project, _, docs = built
    exp = expected(case)
    truth = words(exp["text"])
    wrong, dropped = word_diff(words(" ".join(c.text for c in _clauses(project, docs[muni(case)]["id"]))), truth)
    if exp.get("born_digital", True):
        assert (wrong, dropped) == (0, 0), f"{wrong} words changed or added, {dropped} dropped"
    else:
        assert wrong / len(truth) < 0.01, f"{wrong} of {len(truth)} words wrong or added"


def test_nothing_set_aside_and_nothing_personal_reaches_the_site(built, site):
    """None of a case's `never` strings in any built file; a generic word among them ("samordnare",
    "Dnr") that the site without the cases says already is no sign of a leak, and is passed over,
    and so is a running header or page number, which Om texterna lists as set aside."""
    project, added_site, docs = built
    before = " ".join(" ".join(p.read_text(encoding="utf-8", errors="replace").split())
                      for p in site.rglob("*") if p.suffix in (".html", ".json", ".csv", ".txt"))
    # A running header or a page number names no one: Om texterna lists it as set aside, as it lists
    # every such line (the words test holds it out of the clauses).
    listed = " ".join(str(f.get("text", "")) for d in docs.values() if d
                      for f in _repairs(project, d).get("furniture") or [] if f.get("reason") in ("running", "page-number"))
    never = {s: case for case in CASES for s in expected(case).get("never") or []
             if s not in before and s not in listed}
    for case in CASES:  # every case still has strings of its own to hold
        assert not expected(case).get("never") or case in never.values(), case
    texts = list(_site_texts(added_site))
    assert any(rel.startswith("pagefind/fragment/") for rel, _ in texts)
    for rel, text in texts:
        flat = " ".join(text.split())
        for s, case in never.items():
            assert s not in flat, f"{rel} carries {s!r} of {case}"


def test_no_original_is_served_as_active_content(built):
    _, site, _ = built
    for path in (site / "kallor").rglob("*"):
        if path.is_file():
            assert path.suffix.lower() in (".txt", ".pdf"), path.name
            assert sniff(path.read_bytes()) in ("pdf", "text"), path.name
