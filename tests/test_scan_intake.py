"""Scanned PDFs read with tesseract's own structure (src/policykit/intake/ocr.py), at the intake level.

One fixture folder per scan in tests/fixtures/documents/scan-*/ (made by make_scans.py there;
expected.yml holds the truth by hand): the title and the headings are the document's own, no
line of furniture is kept, and the words kept, after the proposer's sure repairs, differ from the
document's own in under 1 of 100.
"""

from __future__ import annotations

import difflib
import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from policykit.authoring.proposals import propose_words
from policykit.bench.repair import corrector
from policykit.intake import about, extract
from policykit.intake.furniture import BULLET_GLYPHS
from policykit.sources.corrections import TOKEN

DOCS = Path(__file__).parent / "fixtures" / "documents"
SCANS = sorted(p.name for p in DOCS.glob("scan-*") if (p / "expected.yml").exists())
MARKER = re.compile(r"^\s*(?:\S{1,2}\s+)")


@cache
def read(case: str):
    return extract(DOCS / case / "input.pdf")


def expected(case: str) -> dict:
    return yaml.safe_load((DOCS / case / "expected.yml").read_text(encoding="utf-8"))


def joined(lines: list[str]) -> str:
    """Lines of a wrapped title as one: a line ending in a hyphen goes on without a space (EU-arbete)."""
    out = ""
    for line in lines:
        out += line.strip() if not out or out.endswith("-") else " " + line.strip()
    return out


def kept_text(case: str) -> str:
    """The text without the lines set aside, list markers taken off the items (as the page shows them)."""
    doc = read(case)
    aside = {s.line for s in doc.reading.aside}
    items = set(doc.reading.items)
    lines = []
    for no, line in enumerate(doc.text.split("\n"), 1):
        line = line.replace("\f", "")
        if no in aside:
            continue
        lines.append(MARKER.sub("", line, count=1) if no in items else line)
    return "\n".join(lines)


def word_errors(got: str, truth: str) -> tuple[int, int, list[str]]:
    """(words wrong, missing or added; words in the truth; the differences) on word sequences."""
    a, b = TOKEN.findall(got), TOKEN.findall(truth)
    wrong, diffs = 0, []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op != "equal":
            wrong += max(i2 - i1, j2 - j1)
            diffs.append(f"{' '.join(a[i1:i2])!r} for {' '.join(b[j1:j2])!r}")
    return wrong, len(b), diffs


@pytest.mark.parametrize("case", SCANS)
def test_scan_is_read_as_a_scan(case):
    doc = read(case)
    assert doc.kind == expected(case)["kind"] == "pdf-scan" and expected(case)["born_digital"] is False
    assert re.fullmatch(r"pdftotext \S+ \+ tesseract \S+ \(swe, \d+ dpi\)", doc.tool), doc.tool
    assert doc.reading is not None


@pytest.mark.parametrize("case", SCANS)
def test_title_is_the_documents_own(case):
    doc = read(case)
    lines = doc.text.split("\n")
    assert joined([lines[n - 1] for n in doc.reading.title]) == expected(case)["title"]


@pytest.mark.parametrize("case", SCANS)
def test_headings_are_exactly_the_documents_own(case):
    doc = read(case)
    lines = doc.text.split("\n")
    found = [lines[n - 1].replace("\f", "").strip() for n in doc.reading.headings]
    want = expected(case)["headings"]
    extra = [h for h in found if h not in want]
    missed = [h for h in want if h not in found]
    print(f"{case}: headings found {len(found)}, missed {missed}, extra {extra}")
    assert not extra, f"headings that are none of the document's: {extra}"
    assert not missed, f"headings missed: {missed}"


@pytest.mark.parametrize("case", SCANS)
def test_list_items_only_where_the_layout_shows_a_list(case):
    doc = read(case)
    lines = doc.text.split("\n")
    items = [MARKER.sub("", lines[n - 1], count=1) for n in doc.reading.items]
    truth_items = [ln for ln in expected(case)["text"].splitlines() if ln and not ln.endswith((":",))
                   and any(ln.startswith(i.split()[0]) for i in items)]
    assert len(items) == len(truth_items) == 3, (items, truth_items)
    for line in doc.text.split("\n"):   # no stray mark made a paragraph an item
        assert line.strip() not in BULLET_GLYPHS


@pytest.mark.parametrize("case", SCANS)
def test_no_furniture_is_kept(case):
    text = kept_text(case)
    for never in expected(case)["never"]:
        assert never not in text, never
    assert not re.search(r"^\s*(?:Sida \d+ av \d+|\d+ ?\(\d+\))\s*$", text, re.M)
    assert "@" not in text and not re.search(r"\d{3,4}-\d{3}", text)


@pytest.mark.parametrize("case", SCANS)
def test_words_under_one_in_a_hundred_after_the_sure_repairs(case):
    text = kept_text(case)
    repaired, _ = corrector(propose_words(text)).apply(text)
    before, words, _ = word_errors(text, expected(case)["text"])
    after, _, diffs = word_errors(repaired, expected(case)["text"])
    print(f"{case}: {words} words; wrong, missing or added: {before} ({before / words:.2%}) as read, "
          f"{after} ({after / words:.2%}) after the sure repairs: {diffs}")
    assert after / words < 0.01, diffs


@pytest.mark.parametrize("case", SCANS)
def test_paragraph_sign_read_before_and_after_repair(case):
    text = kept_text(case)
    repaired, _ = corrector(propose_words(text)).apply(text)
    number = re.search(r"§ (\d+)", expected(case)["text"])[1]
    assert f"§ {number}" in repaired
    assert about(read(case).text).paragraph == number == about(repaired).paragraph


def test_mixed_pdf_carries_the_reading_of_its_scanned_page(tmp_path):
    """A text page followed by a scanned one: one Reading for the whole text, the text page's lines
    as its layout reads them (intake.pdflayout), the scanned page's as tesseract's structure reads
    them, numbered in the whole text."""
    import pypdf

    from policykit.intake.bench import render_pdf
    text_page = render_pdf("<html lang='sv'><body><h1>Inledning</h1><p>Den här sidan har ett textlager "
                           "med mer än tjugo tecken.</p></body></html>", tmp_path / "text.pdf")
    writer = pypdf.PdfWriter()
    writer.add_page(pypdf.PdfReader(text_page).pages[0])
    writer.add_page(pypdf.PdfReader(DOCS / "scan-clean" / "input.pdf").pages[1])
    mixed = tmp_path / "mixed.pdf"
    with mixed.open("wb") as f:
        writer.write(f)
    doc = extract(mixed)
    assert doc.kind == "pdf-mixed" and doc.notes == ["pages read by OCR: 2"]
    lines = doc.text.split("\n")
    first_scanned = next(no for no, line in enumerate(lines, 1) if "\f" in line)
    r = doc.reading
    assert [lines[n - 1] for n in r.title] == ["Inledning"]     # the text page's, by its layout
    scanned = [n for n in r.headings if n >= first_scanned]
    assert [lines[n - 1].replace("\f", "") for n in scanned] == ["3 Mål", "4 Så arbetar vi",
                                                                   "5 Ansvar och uppföljning"]
    assert {s.reason for s in r.aside if s.line >= first_scanned} >= {"page-number"}
    assert len([n for n in r.items if n >= first_scanned]) == 3
