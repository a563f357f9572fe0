"""Real documents added with `python -m policykit add FILE`: text PDF, scanned PDF, web page, text.

One fixture folder per case in tests/fixtures/add/<case>/: the input (text, HTML, or the HTML
a PDF is made from in the test) and expected.yml (sections, what the document says about
itself, the reasons of what is set aside, the personal data that must not reach the site).
All five are added to one project copy, which is then built once with the real build command,
after they were reviewed and approved in a copy of it (a draft is never published).
"""

from __future__ import annotations

import hashlib
import gzip
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
import yaml

from conftest import ADD_CMD, BUILD_CMD, PY, copy_project, run
from test_add_municipality import review_and_approve_copy, tree_digest

from policykit.intake import MAX_PAGES
from policykit.intake.bench import render_pdf, scanned_pdf

FIX = Path(__file__).parent / "fixtures" / "add"
CASES = ["text-pdf", "scanned-pdf", "ocr-damaged", "clean", "html-page"]
PHONE = re.compile(r"\b0\d{2,3}-\d{2,3} ?\d{2}(?: ?\d{2})?\b")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.(?:se|com|nu)\b")


@pytest.fixture(autouse=True, scope="module")
def _intake_tools():
    """A missing tool fails, never skips: make test installs them (make intake-deps)."""
    assert shutil.which("pdftotext") and shutil.which("tesseract"), \
        "poppler-utils or tesseract missing: make intake-deps installs them"


def expected(case: str) -> dict:
    return yaml.safe_load((FIX / case / "expected.yml").read_text(encoding="utf-8"))


def args(exp: dict) -> tuple:
    return ("--id", exp["id"], "--name", exp["name"]["sv"], "--name-en", exp["name"]["en"])


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict[str, Path]:
    """Each case's input file: the PDFs made here (WeasyPrint, then pdftoppm for the scan)."""
    tmp = tmp_path_factory.mktemp("inputs")
    pdf = render_pdf((FIX / "text-pdf" / "input.html").read_text(encoding="utf-8"), tmp / "policy.pdf")
    return {"text-pdf": pdf, "scanned-pdf": scanned_pdf(pdf, tmp / "scan.pdf"),
            "ocr-damaged": FIX / "ocr-damaged" / "input.txt", "clean": FIX / "clean" / "input.txt",
            "html-page": FIX / "html-page" / "input.html"}


@pytest.fixture(scope="module")
def added(inputs, tmp_path_factory):
    """(project, site, {case: add's output}): the five documents added, the site built once."""
    base = tmp_path_factory.mktemp("add-documents")
    project = copy_project(base / "project")
    out = {}
    for case in CASES:
        result = run(ADD_CMD, inputs[case], *args(expected(case)), "--root", project)
        assert result.returncode == 0, case + ": " + result.stdout + result.stderr
        out[case] = result.stdout
    approved = review_and_approve_copy(project, base / "approved", *(expected(case)["id"] for case in CASES))
    site = base / "site"
    built = run(BUILD_CMD, "--root", approved, "--site-dir", site)
    assert built.returncode == 0, built.stdout + built.stderr
    return project, site, out


def registry(project: Path) -> dict:
    return yaml.safe_load((project / "sources" / "sources.yml").read_text(encoding="utf-8"))


def entry(project: Path, case: str) -> tuple[dict, dict]:
    """The case's file entry and its document in sources.yml."""
    doc_id = expected(case)["id"]
    for f in registry(project)["files"]:
        for d in f["documents"]:
            if d["id"] == doc_id:
                return f, d
    raise AssertionError(f"{doc_id} not registered")


@pytest.mark.parametrize("case", CASES)
def test_the_document_and_its_text_are_kept_and_registered(added, inputs, case):
    project, site, _ = added
    f, _ = entry(project, case)
    text = project / "sources" / f["file"]
    assert hashlib.sha256(text.read_bytes()).hexdigest() == f["sha256"]
    from policykit.project import load
    from policykit.sources.downloads import text_download
    personal = load(project).model.layouts[f["file"]].personal()
    # Offered byte for byte, but the lines that may name a person (sources/downloads.py).
    assert (site / "kallor" / f["file"]).read_bytes() == text_download(text.read_bytes(), personal)
    exp = expected(case)
    if exp["kind"] == "text":
        assert "original" not in f
        assert text.read_bytes() == inputs[case].read_bytes()  # byte for byte
        return
    original = f["original"]
    kept = project / "sources" / original["file"]
    assert original["file"] == f["file"][:-4] + (".html" if exp["kind"] == "html" else ".pdf")
    assert kept.read_bytes() == inputs[case].read_bytes()
    assert original["sha256"] == hashlib.sha256(kept.read_bytes()).hexdigest()
    assert original["kind"] == exp["kind"]
    assert re.fullmatch({"pdf-text": r"pdftotext \d+\.\d+\.\d+ -bbox-layout",
                         "pdf-scan": r"pdftotext \S+ \+ tesseract \S+ \(swe, 300 dpi\)",
                         "html": r"tinyhtml5 \S+"}[exp["kind"]], original["tool"])
    page = (site / entry(project, case)[1]["page"].replace(".md", "/index.html")).read_text(encoding="utf-8")
    if exp["kind"] == "html":  # a web page's original is never published: only its extracted text
        assert not (site / "kallor" / original["file"]).exists()
        assert not any(p.suffix.lower() in (".html", ".htm") for p in (site / "kallor").iterdir())
        assert "Originalet, en sparad webbsida, publiceras inte här" in page
        assert f'kallor/{original["file"]}' not in page and f'kallor/{f["file"]}' in page
    elif personal:  # its text has contact details: the original is kept in sources/, not published
        assert not (site / "kallor" / original["file"]).exists()
        assert "Originalet publiceras inte här, eftersom det har kontaktuppgifter till personer" in page
    else:
        assert (site / "kallor" / original["file"]).read_bytes() == kept.read_bytes()  # offered for download
        assert f'kallor/{original["file"]}' in page
    if exp["kind"] != "pdf-scan":  # the registered text is the tool's output (OCR is not re-run here)
        from policykit.intake import extract
        assert text.read_bytes() == extract(inputs[case]).text.encode("utf-8")


@pytest.mark.parametrize("case", CASES)
def test_the_sections_found_are_the_documents_sections(added, case):
    project, _, out = added
    _, doc = entry(project, case)
    assert [s["key"] for s in doc["sections"]] == expected(case)["sections"]
    assert f"sections ({', '.join(expected(case)['sections'])})" in out[case]
    if "title" in expected(case):
        assert doc["title"] == expected(case)["title"]


@pytest.mark.parametrize("case", CASES)
def test_what_the_document_says_about_itself(added, case):
    project, site, _ = added
    exp = expected(case)
    _, doc = entry(project, case)
    assert doc["about"] == exp["about"]
    status = doc["status"] if isinstance(doc["status"], str) else doc["status"]["value"]
    assert status == exp["status"]
    if status == "adopted":
        assert (doc["status"]["by"], doc["status"]["date"]) == (exp["about"]["decided_by"], exp["about"]["decided_on"])
    page = (site / exp["id"] / "policy" / "index.html").read_text(encoding="utf-8")
    en = (site / "en" / exp["id"] / "policy" / "index.html").read_text(encoding="utf-8")
    box = page[page.index("Om dokumentet"):page.index("Om dokumentet") + 3000]
    for key, value in exp["about"].items():
        if value is None:
            continue
        assert (f"§ {value}" if key == "paragraph" else value) in box, key
    silent = sum(v is None for v in exp["about"].values())
    assert box.count("källan säger inte") == silent
    assert en.count("the source does not say") == silent


@pytest.mark.parametrize("case", CASES)
def test_furniture_is_recorded_and_never_policy_text(added, case):
    project, site, _ = added
    f, doc = entry(project, case)
    repairs = yaml.safe_load((project / "sources" / f["repairs"]).read_text(encoding="utf-8"))
    furniture = repairs.get("furniture", [])
    assert set(expected(case)["set_aside"]) <= {e["reason"] for e in furniture}
    clauses = [c for c in json.loads((site / "data" / "clauses.json").read_text(encoding="utf-8"))["clauses"]
               if c["document"] == doc["id"]]
    assert clauses and {c["status"] for c in clauses} == {"matched"}
    raw = (project / "sources" / f["file"]).read_text(encoding="utf-8").split("\n")
    for e in furniture:
        assert raw[e["line"] - 1].replace("\f", "").strip() == e["text"]
        assert not any(c["ocr"] == e["text"] or c["source_line"] == e["line"] for c in clauses), e  # no clause, no section
        if e["reason"] in ("contact", "address") and len(e["text"]) > 3:
            assert not any(e["text"] in c["ocr"] for c in clauses), e


def test_lone_bullets_are_joined_to_their_items(added):
    project, site, _ = added
    f, doc = entry(project, "text-pdf")
    raw = (project / "sources" / f["file"]).read_text(encoding="utf-8")
    assert "\n•\n" in raw  # the extraction as pdftotext gave it, glyph alone
    clauses = [c for c in json.loads((site / "data" / "clauses.json").read_text(encoding="utf-8"))["clauses"]
               if c["document"] == doc["id"]]
    items = [c["text"] for c in clauses if c["kind"] == "item"]
    assert len(items) == expected("text-pdf")["items"]
    assert "Projekt med EU-stöd ska förankras i berörd nämnd." in items
    assert not any("•" in c["text"] for c in clauses)


def _site_texts(site: Path):
    """(file, text) of everything the site says in words: HTML, JSON and CSV data, search indexes,
    and the PDFs made from the pages, and the source texts and originals offered under kallor/."""
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file():
            continue
        if path.suffix in (".html", ".json", ".csv", ".xml", ".txt"):
            yield rel, path.read_text(encoding="utf-8", errors="replace")
        elif path.suffix == ".pdf":
            yield rel, "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(path).pages)
        elif path.suffix == ".pf_fragment":  # Pagefind's index: gzip, "pagefind_dcd" + the page's JSON
            yield rel, gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")


def test_no_personal_data_reaches_the_site(added):
    _, site, _ = added
    personal = [s for case in CASES for s in expected(case)["personal"]]
    texts = list(_site_texts(site))
    assert any(rel.startswith("pdf/norrvik") for rel, _ in texts)
    assert any(rel.startswith("pagefind/fragment/") for rel, _ in texts)
    for rel, text in texts:
        flat = " ".join(text.split())
        for s in personal:
            assert not re.search(rf"(?<![\w.@]){re.escape(s)}(?![\w@])", flat), (rel, s)
        ours = [m for m in EMAIL.findall(flat) if m.endswith(("norrvik.se", "asby.se"))]
        assert not ours, (rel, ours)
        assert not [m for m in PHONE.findall(flat) if m.startswith("0612")], rel


def test_om_texterna_shows_what_was_set_aside(added):
    _, site, _ = added
    # The repairs of a municipality's files stand on its audit page (kommuner/<id>/granskning/, render/pages.py).
    page = (site / "kommuner" / "norrvik" / "granskning" / "index.html").read_text(encoding="utf-8")
    part = page[page.index("005_norrvik.txt</h3>"):]
    assert "satt åt sidan: sidnummer" in part and re.search(r"<td[^>]*>1 \(2\)</td>", part)
    assert "satt åt sidan: kontaktuppgifter" in part
    assert "rad med namn-, kontakt- eller adressuppgifter, återges inte här" in part
    assert "satt åt sidan: punkttecken skilt från sin punkt" in part
    assert "Lindqvist" not in part and "Kommunstyrelsen</td>" not in part


@pytest.mark.parametrize("case", [c for c in CASES if expected(c)["clean"]])
def test_a_clean_texts_words_are_unchanged(added, case):
    project, site, out = added
    f, doc = entry(project, case)
    repairs = yaml.safe_load((project / "sources" / f["repairs"]).read_text(encoding="utf-8"))
    assert repairs["words"] == []
    assert "0 word repairs proposed" in out[case]
    clauses = [c for c in json.loads((site / "data" / "clauses.json").read_text(encoding="utf-8"))["clauses"]
               if c["document"] == doc["id"]]
    assert clauses and all(c["text"] == c["ocr"] for c in clauses)


def test_the_damaged_text_gets_repairs_proposed(added):
    project, _, _ = added
    f, _ = entry(project, "ocr-damaged")
    words = yaml.safe_load((project / "sources" / f["repairs"]).read_text(encoding="utf-8"))["words"]
    proposed = {w["ocr"]: w["fix"] for w in words}
    assert {"hjalpa": "hjälpa", "Mal": "Mål", "oka": "öka", "stoder": "stöder"}.items() <= proposed.items()


# --- a summary or news item ------------------------------------------------------------------

def test_a_news_item_is_refused_or_labelled(tmp_path):
    project = copy_project(tmp_path / "project")
    before = tree_digest(project)
    news = Path(__file__).parent / "fixtures" / "intake" / "news-item" / "input.txt"
    base = ("--id", "nyby", "--name", "Nyby kommun", "--name-en", "Nyby Municipality", "--no-proposals",
            "--root", project)
    result = run(ADD_CMD, news, *base)
    assert result.returncode == 1
    line = result.stdout.splitlines()[0]
    assert line.startswith(f"error: {news}: is a summary or news item about a policy, not the policy itself")
    assert "add --summary" in line and "Traceback" not in result.stdout + result.stderr
    assert tree_digest(project) == before
    result = run(ADD_CMD, news, *base, "--summary")
    assert result.returncode == 0, result.stdout
    page = (project / "docs" / "nyby" / "policy.md").read_text(encoding="utf-8")
    assert '!!! warning "En sammanfattning, inte styrdokumentet"' in page
    assert "summary: true" in (project / "sources" / "sources.yml").read_text(encoding="utf-8")


# --- bad input: one clear line naming the file and the fix, the project byte for byte --------

@pytest.fixture(scope="module")
def bare_project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("bad") / "project")


def _bad(kind: str, inputs: dict, tmp: Path) -> tuple[Path, dict]:
    env = {}
    if kind == "encrypted":
        writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(inputs["text-pdf"]))
        writer.encrypt(user_password="hemlig", owner_password="ägare")
        path = tmp / "encrypted.pdf"
        writer.write(path)
    elif kind == "corrupt":
        path = tmp / "truncated.pdf"
        path.write_bytes(inputs["text-pdf"].read_bytes()[:6000])
    elif kind == "too-long":
        reader, writer = pypdf.PdfReader(inputs["text-pdf"]), pypdf.PdfWriter()
        for i in range(500):
            writer.add_page(reader.pages[i % 2])
        path = tmp / "long.pdf"
        writer.write(path)
    elif kind == "no-ocr":
        path = inputs["scanned-pdf"]
        bin_dir = tmp / "bin"
        bin_dir.mkdir()
        for tool in ("pdfinfo", "pdftotext", "pdftoppm"):
            (bin_dir / tool).symlink_to(shutil.which(tool))
        env = {"PATH": str(bin_dir)}  # poppler, but no tesseract
    else:  # no-main
        path = Path(__file__).parent / "fixtures" / "intake" / "bad-no-main" / "input.html"
    return path, env


BAD = {
    "encrypted": ("is an encrypted PDF that needs a password to open", "ask the municipality for an unprotected copy"),
    "corrupt": ("is a damaged PDF that poppler cannot read", "download the document again"),
    "too-long": (f"has 500 pages, more than the {MAX_PAGES} an intake reads", "split the PDF"),
    "no-ocr": ("has no text layer (a scanned PDF) and tesseract is not installed", "install Debian's poppler-utils"),
    "no-main": ("is a web page without main content", "save the policy itself"),
}


@pytest.mark.parametrize("kind", list(BAD))
def test_bad_documents_are_refused_and_nothing_changes(bare_project, inputs, tmp_path, kind):
    before = tree_digest(bare_project)
    path, env = _bad(kind, inputs, tmp_path)
    result = subprocess.run([PY, *ADD_CMD, str(path), "--id", "aby", "--name", "Åby kommun", "--name-en",
                             "Åby Municipality", "--root", str(bare_project)], capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}, timeout=600)
    assert result.returncode == 1
    what, fix = BAD[kind]
    lines = result.stdout.splitlines()
    assert lines == [lines[0], "nothing was changed"], result.stdout
    assert lines[0].startswith(f"error: {path}: {what}") and fix in lines[0], lines[0]
    assert "Traceback" not in result.stdout + result.stderr
    assert tree_digest(bare_project) == before


@pytest.mark.parametrize("case, ocr", [("html-page", False), ("text-pdf", False), ("scanned-pdf", True)])
def test_the_page_says_what_is_not_reviewed_yet(added, case, ocr):
    # A text layer or a web page was never OCR'd: the box speaks of the tool's reading, not of OCR repairs.
    project, _, _ = added
    _, doc = entry(project, case)
    page = (project / "docs" / doc["page"]).read_text(encoding="utf-8")
    assert ("OCR-rättelserna i den här texten" in page) == ocr, case
    assert ("Uppdelningen är inte granskad ännu" in page) == (not ocr), case
