"""policykit.intake: real documents (text PDF, scanned PDF, web page, text) in as plain text.

One fixture folder per case in tests/fixtures/intake/: the input (or how the test makes it)
and the expected kept text, set-aside lines or error message.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pypdf
import pytest
import yaml

from policykit.errors import PolicyError
from policykit.intake import MAX_PAGES, about, extract, furniture, is_summary_or_news, kept_text, summary_reason
from policykit.intake import pdf as intake_pdf
from policykit.intake.bench import render_pdf, scanned_pdf
from policykit.intake.furniture import BULLET_GLYPHS, has_contact

FIX = Path(__file__).parent / "fixtures" / "intake"
PHONE_OR_EMAIL = re.compile(r"\d{3,4}-\d{3}|@|\(Q|norrvik\.se")
ITEMS = ["delta i europeiska samarbeten som gynnar kommunens invånare,",
         "ta emot studiebesök från andra länder,",
         "utveckla vänortssamarbetet med kommuner i Norden.",
         "Projekt med EU-stöd ska förankras i berörd nämnd.",
         "Resor ska vara kopplade till ett beslutat uppdrag."]
# A missing tool fails, never skips: make test installs them (make intake-deps).
needs_poppler = pytest.mark.usefixtures("poppler")
needs_tesseract = pytest.mark.usefixtures("tesseract")


@pytest.fixture
def poppler():
    assert shutil.which("pdftotext"), "poppler-utils missing: make intake-deps installs it"


@pytest.fixture
def tesseract():
    assert shutil.which("tesseract"), "tesseract missing: make intake-deps installs it"


@pytest.fixture(scope="module")
def text_pdf(tmp_path_factory) -> Path:
    """text-pdf/input.html as a two-page PDF with a text layer (WeasyPrint)."""
    html = FIX / "text-pdf" / "input.html"
    return render_pdf(html.read_text(encoding="utf-8"), tmp_path_factory.mktemp("intake") / "policy.pdf")


@pytest.fixture(scope="module")
def scan_pdf(text_pdf, tmp_path_factory) -> Path:
    """The same PDF as page images only, as a scanner gives it back."""
    return scanned_pdf(text_pdf, tmp_path_factory.mktemp("intake") / "scan.pdf")


def _tsv(aside) -> str:
    return "".join(f"{s.line}\t{s.reason}\t{s.text}\n" for s in aside)


def _error(exc: pytest.ExceptionInfo, path: Path) -> str:
    return str(exc.value).replace(str(path), "{path}")


def _expected_error(case: str, index: int = 0) -> str:
    return (FIX / case / "expected.txt").read_text(encoding="utf-8").splitlines()[index]


def _assert_no_personal_data(text: str) -> None:
    assert not PHONE_OR_EMAIL.search(text), text
    assert "Lindqvist" not in text and "Anna" not in text
    assert not any(has_contact(line) for line in text.splitlines())


@needs_poppler
def test_text_pdf(text_pdf):
    doc = extract(text_pdf)
    assert (doc.kind, doc.pages) == ("pdf-text", 2)
    assert re.fullmatch(r"pdftotext \d+\.\d+\.\d+ -bbox-layout", doc.tool)
    assert doc.text.count("\f") == 1
    kept, aside = furniture(doc.text)
    text = kept_text(kept)
    assert text == (FIX / "text-pdf" / "expected.txt").read_text(encoding="utf-8")
    assert _tsv(aside) == (FIX / "text-pdf" / "set-aside.tsv").read_text(encoding="utf-8")
    _assert_no_personal_data(text)
    assert not re.search(r"^\d+ \(\d+\)$", text, re.M)  # page numbers gone
    for item in ITEMS:
        assert f"\n• {item}\n" in text
    for heading in ("1 Syfte", "2 Mål", "3 Ansvar", "4 Former för samarbete"):
        assert f"\n{heading}\n" in text


@needs_poppler
def test_text_pdf_about(text_pdf):
    meta = about(extract(text_pdf).text)
    assert meta.title == "Internationell policy för Norrviks kommun"
    assert (meta.decided_by, meta.decided_on, meta.paragraph) == ("kommunfullmäktige", "2015-03-23", "41")
    assert (meta.diarienummer, meta.document_date) == ("KS 2015/123", "2015-03-25")


@needs_tesseract
def test_scanned_pdf(scan_pdf):
    expected = yaml.safe_load((FIX / "scanned-pdf" / "expected.yml").read_text(encoding="utf-8"))
    doc = extract(scan_pdf)
    assert (doc.kind, doc.pages) == (expected["kind"], expected["pages"])
    assert re.fullmatch(r"pdftotext \S+ \+ tesseract \S+ \(swe, 300 dpi\)", doc.tool)
    kept, aside = furniture(doc.text)
    text = kept_text(kept)
    lines = [ln.strip() for ln in text.splitlines()]
    for wanted in expected["kept_contains"]:
        assert wanted in text, wanted
    for item in ITEMS:  # each item on one line with its bullet glyph, whatever the OCR made of it
        line = next(ln for ln in lines if ln.endswith(item))
        assert line[: -len(item)].strip() in BULLET_GLYPHS, line
    for absent in expected["kept_absent"]:
        assert absent not in text, absent
    _assert_no_personal_data(text)
    assert set(expected["set_aside_reasons"]) <= {s.reason for s in aside}
    assert about(doc.text).paragraph == "41"  # "§ 41" read as "8 41"


def test_html_page():
    path = FIX / "html-page" / "input.html"
    doc = extract(path)
    assert (doc.kind, doc.pages) == ("html", 1) and doc.tool.startswith("tinyhtml5 ")
    for menu in ("Kommun och politik", "Styrdokument", "Relaterat", "Dold text", "Sök", "dataLayer", "redaktör"):
        assert menu not in doc.text  # nav, header, aside, hidden, script, comments
    kept, aside = furniture(doc.text)
    text = kept_text(kept)
    assert text == (FIX / "html-page" / "expected.txt").read_text(encoding="utf-8")
    _assert_no_personal_data(text)
    assert {(s.text, s.reason) for s in aside} == {
        ("Kontakt: Anna Lindqvist, internationell strateg, telefon 0612-345 67", "contact"),
        ("Skriv ut", "web"), ("Dela", "web"), ("Sidan senast uppdaterad 2024-05-02", "web")}
    meta = about(doc.text)
    assert (meta.title, meta.decided_on, meta.diarienummer) == (
        "Internationell policy för Norrviks kommun", "2015-03-23", "KS 2015/123")


def test_lone_bullets_signature_and_address():
    case = FIX / "lone-bullets"
    doc = extract(case / "input.txt")
    assert (doc.kind, doc.pages, doc.tool) == ("text", 2, "utf-8")
    kept, aside = furniture(doc.text)
    assert kept_text(kept) == (case / "expected.txt").read_text(encoding="utf-8")
    assert _tsv(aside) == (case / "set-aside.tsv").read_text(encoding="utf-8")
    assert [k.no for k in kept if k.text.startswith(("• ", "e ", "– "))] == [10, 13, 15]  # the item's line


def test_content_decides_not_the_name(tmp_path):
    html = tmp_path / "policy.txt"
    html.write_bytes((FIX / "html-page" / "input.html").read_bytes())
    assert extract(html).kind == "html"
    docx = tmp_path / "policy.pdf"
    docx.write_bytes(b"PK\x03\x04" + bytes(100))
    with pytest.raises(PolicyError) as exc:
        extract(docx)
    assert "is a ZIP container (a Word or OpenDocument file), not a PDF" in str(exc.value)


def test_news_item_flagged():
    news = (FIX / "news-item" / "input.txt").read_text(encoding="utf-8")
    assert is_summary_or_news(news)
    assert summary_reason(news) == (FIX / "news-item" / "expected.txt").read_text(encoding="utf-8").strip()
    assert not is_summary_or_news((FIX / "text-pdf" / "expected.txt").read_text(encoding="utf-8"))
    assert not is_summary_or_news((FIX / "lone-bullets" / "input.txt").read_text(encoding="utf-8"))


def test_silent_document_gives_none():
    meta = about("Vänortsarbetet ska ge invånarna kontakter i andra länder.\n")
    assert meta.title is None and meta.decided_by is None and meta.diarienummer is None


# Bad inputs: one clear error each, naming the file and the fix.

def test_no_main_content():
    path = FIX / "bad-no-main" / "input.html"
    with pytest.raises(PolicyError) as exc:
        extract(path)
    assert _error(exc, path) == _expected_error("bad-no-main")


@needs_poppler
def test_encrypted_pdf(text_pdf, tmp_path):
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(text_pdf))
    writer.encrypt(user_password="hemlig", owner_password="ägare")
    path = tmp_path / "encrypted.pdf"
    writer.write(path)
    with pytest.raises(PolicyError) as exc:
        extract(path)
    assert _error(exc, path) == _expected_error("bad-encrypted")


@needs_poppler
def test_owner_password_only_is_read(text_pdf, tmp_path):
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(text_pdf))
    writer.encrypt(user_password="", owner_password="ägare", permissions_flag=0)
    path = tmp_path / "restricted.pdf"
    writer.write(path)
    doc = extract(path)
    assert "Kommunen ska:" in doc.text and doc.notes[0].startswith("encrypted with an owner password only")


@needs_poppler
def test_corrupt_pdf(text_pdf, tmp_path):
    path = tmp_path / "truncated.pdf"
    path.write_bytes(text_pdf.read_bytes()[:6000])
    with pytest.raises(PolicyError) as exc:
        extract(path)
    assert _error(exc, path) == _expected_error("bad-corrupt")


@needs_poppler
def test_too_many_pages(text_pdf, tmp_path):
    reader = pypdf.PdfReader(text_pdf)
    writer = pypdf.PdfWriter()
    for i in range(MAX_PAGES + 1):
        writer.add_page(reader.pages[i % 2])
    path = tmp_path / "long.pdf"
    writer.write(path)
    with pytest.raises(PolicyError) as exc:
        extract(path)
    assert _error(exc, path) == _expected_error("bad-too-long")


@needs_tesseract
def test_scan_without_tesseract(scan_pdf, tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("pdfinfo", "pdftotext", "pdftoppm"):
        (bin_dir / tool).symlink_to(shutil.which(tool))
    monkeypatch.setenv("PATH", str(bin_dir))
    intake_pdf._version.cache_clear()
    try:
        with pytest.raises(PolicyError) as exc:
            extract(scan_pdf)
    finally:
        intake_pdf._version.cache_clear()
    assert _error(exc, scan_pdf) == _expected_error("bad-no-ocr", 0)


@needs_tesseract
def test_scan_without_swedish(scan_pdf, tmp_path, monkeypatch):
    (tmp_path / "tessdata").mkdir()
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path / "tessdata"))
    with pytest.raises(PolicyError) as exc:
        extract(scan_pdf)
    assert _error(exc, scan_pdf) == _expected_error("bad-no-ocr", 1)


def test_a_utf8_page_without_a_charset_is_read_as_utf8(tmp_path):
    # Saved pages often lack <meta charset>; HTML's default (windows-1252) would read "för" as "fÃ¶r"
    # and lose what the page says about itself ("Antagen av kommunfullmäktige ...").
    page = tmp_path / "policy.html"
    page.write_bytes("<html><body><main><h1>Policy för Älvby</h1><p>Antagen av kommunfullmäktige "
                     "2019-06-17, § 88.</p><p>Kommunen ska främja utbyten.</p></main></body></html>".encode("utf-8"))
    text = extract(page).text
    assert "Policy för Älvby" in text and "Ã" not in text
    meta = about(text)
    assert (meta.decided_by, meta.decided_on, meta.paragraph) == ("kommunfullmäktige", "2019-06-17", "88")
    latin = tmp_path / "latin.html"
    latin.write_bytes('<html><head><meta charset="windows-1252"></head><body><main><p>Policy för Älvby, '
                      'kommunen ska främja utbyten.</p></main></body></html>'.encode("cp1252"))
    assert "Policy för Älvby" in extract(latin).text  # a declared charset is still obeyed
