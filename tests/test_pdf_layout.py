"""Born-digital PDFs read by their layout (intake/pdflayout.py, authoring/plan.py).

The fixtures are tests/fixtures/documents/pdf-*/: input.pdf (made by the folder's make.py with
WeasyPrint) and expected.yml, the truth written by hand: the title, the headings in order, the
document's own words in reading order, and what must never reach the site. Both PDFs are added
with `python -m policykit add` to one project copy, which is then built once.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
import yaml

from conftest import ADD_CMD, BUILD_CMD, copy_project, review_and_approve, run
from test_add_documents import _site_texts

from policykit.authoring.plan import plan_lines
from policykit.intake import extract
from policykit.intake.furniture import SetAside
from policykit.intake.pdflayout import arrange
from policykit.intake.pdfwords import Line, Page, Word, parse
from policykit.intake.reading import Reading

DOCS = Path(__file__).parent / "fixtures" / "documents"
CASES = sorted(p.name for p in DOCS.glob("pdf-*") if (p / "expected.yml").exists()
               and yaml.safe_load((p / "expected.yml").read_text(encoding="utf-8"))["kind"] == "pdf-text")


@pytest.fixture(autouse=True, scope="module")
def _poppler():
    """A missing tool fails, never skips: make test installs it (make intake-deps)."""
    assert shutil.which("pdftotext"), "poppler-utils missing: make intake-deps installs it"


def expected(case: str) -> dict:
    return yaml.safe_load((DOCS / case / "expected.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    """(project, site, {case: add's output}): the PDFs added, the site built once."""
    base = tmp_path_factory.mktemp("pdf-layout")
    project = copy_project(base / "project")
    out = {}
    for case in CASES:
        exp = expected(case)
        result = run(ADD_CMD, DOCS / case / "input.pdf", "--id", exp["id"], "--name", exp["name"]["sv"],
                     "--name-en", exp["name"]["en"], "--root", project)
        assert result.returncode == 0, case + ": " + result.stdout + result.stderr
        out[case] = result.stdout
    review_and_approve(project, *(expected(case)["id"] for case in CASES))  # a draft is not published
    site = base / "site"
    built = run(BUILD_CMD, "--root", project, "--site-dir", site)
    assert built.returncode == 0, built.stdout + built.stderr
    return project, site, out


def _entry(project: Path, case: str) -> tuple[dict, dict]:
    registry = yaml.safe_load((project / "sources" / "sources.yml").read_text(encoding="utf-8"))
    for f in registry["files"]:
        for d in f["documents"]:
            if d["id"] == expected(case)["id"]:
                return f, d
    raise AssertionError(f"{case} not registered")


def _clauses(site: Path, doc_id: str) -> list[dict]:
    data = json.loads((site / "data" / "clauses.json").read_text(encoding="utf-8"))
    return [c for c in data["clauses"] if c["document"] == doc_id]


@pytest.mark.parametrize("case", CASES)
def test_the_title_is_the_documents_own(added, case):
    project, site, _ = added
    _, doc = _entry(project, case)
    title = expected(case)["title"]
    assert doc["title"] == title
    page = (site / expected(case)["id"] / "policy" / "index.html").read_text(encoding="utf-8")
    assert f"<title>{title}" in page  # the page's title, joined where it wraps in print


@pytest.mark.parametrize("case", CASES)
def test_the_sections_are_exactly_the_headings(added, case):
    project, site, _ = added
    _, doc = _entry(project, case)
    headings = [c["text"] for c in _clauses(site, doc["id"]) if c["kind"] == "heading"]
    # The first section opens with the title; then the document's headings, none missed, none extra.
    assert headings[0] == expected(case)["title"]
    assert headings[1:] == expected(case)["headings"]


@pytest.mark.parametrize("case", CASES)
def test_the_clauses_are_the_documents_words(added, case):
    project, site, out = added
    f, doc = _entry(project, case)
    clauses = _clauses(site, doc["id"])
    words = " ".join(c["text"] for c in clauses).split()
    truth = expected(case)["text"].split()
    assert words == truth  # 0 words changed, added or missed
    assert all(c["text"] == c["ocr"] for c in clauses)  # no word repaired: the text layer is the text
    assert "0 word repairs proposed" in out[case]


@pytest.mark.parametrize("case", CASES)
def test_no_furniture_is_a_clause(added, case):
    project, site, _ = added
    f, doc = _entry(project, case)
    repairs = yaml.safe_load((project / "sources" / f["repairs"]).read_text(encoding="utf-8"))
    furniture = repairs["furniture"]
    raw = (project / "sources" / f["file"]).read_text(encoding="utf-8").split("\n")
    clauses = _clauses(site, doc["id"])
    assert furniture
    for e in furniture:
        assert raw[e["line"] - 1].replace("\f", "").strip() == e["text"]
        assert not any(c["source_line"] == e["line"] or c["ocr"] == e["text"] for c in clauses), e
        if e["reason"] in ("contact", "address", "signature") and len(e["text"]) > 3:
            assert not any(e["text"] in c["text"] for c in clauses), e  # nor a part of one


@pytest.mark.parametrize("case", CASES)
def test_nothing_of_never_reaches_the_site(added, case):
    _, site, _ = added
    never = expected(case)["never"]
    texts = list(_site_texts(site))
    assert any(rel.startswith(f"{expected(case)['id']}/") for rel, _ in texts)
    for rel, text in texts:
        flat = " ".join(text.split())
        for s in never:
            assert s not in flat, (rel, s)


@pytest.mark.parametrize("case", CASES)
def test_the_text_is_the_tools_words_arranged_by_the_layout(case):
    """Registered byte for byte, the text must be poppler's words, untouched and in its order;
    only the line and paragraph arrangement is the layout's."""
    pdf = DOCS / case / "input.pdf"
    doc = extract(pdf)
    assert re.fullmatch(r"pdftotext \d+\.\d+\.\d+ -bbox-layout", doc.tool) and doc.kind == "pdf-text"
    out = subprocess.run(["pdftotext", "-bbox-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    words = [w.text for p in parse(out) for ln in p.lines for w in ln.words]
    assert doc.text.split() == words
    assert doc.text.count("\f") == doc.pages - 1
    plain = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    # The same characters as pdftotext's plain text (which may run "– 1 –" together as "–1–").
    assert Counter(re.sub(r"\s", "", doc.text)) == Counter(re.sub(r"\s", "", plain))


def test_the_letterhead_address_block_and_running_header_are_set_aside():
    doc = extract(DOCS / "pdf-lovsjo" / "input.pdf")
    lines = doc.text.split("\n")
    reasons = {s.text: s.reason for s in doc.reading.aside}
    assert reasons["Lövsjö kommun · Kommunledningsförvaltningen"] == "running"
    assert [s.reason for s in doc.reading.aside if s.text.startswith("Sida ")] == ["page-number"] * 3
    for text in ("Kommunstyrelsen", "Kommunledningsförvaltningen", "2024-02-12", "Dnr KS 2024/0087"):
        assert reasons[text] == "letterhead", text
    assert reasons["Handläggare Maria Sundström"] in ("letterhead", "contact")
    assert reasons["Telefon 0581-812 34"] == "contact"
    for label in ("POSTADRESS", "BESÖKSADRESS", "TELEFON", "TELEFAX", "ORGANISATIONSNUMMER", "E-POSTADRESS"):
        assert reasons[label] == "address", label
    assert reasons["0581-810 99"] == "contact"
    # The running header stands first, but the title is the document's own.
    assert [lines[n - 1] for n in doc.reading.title] == ["Policy för internationellt arbete"]


def test_a_paragraph_runs_on_over_a_page_break():
    doc = extract(DOCS / "pdf-lovsjo" / "input.pdf")
    aside = {s.line for s in doc.reading.aside}
    raw = doc.text.split("\n")
    at = next(n for n, t in enumerate(raw, 1) if t.startswith("grannkommunerna och med regionen"))
    before = max(n for n in range(1, at) if n not in aside)
    assert raw[before - 1].endswith("Kommunen bör samverka med")  # no blank line between: one paragraph
    assert any("\f" in raw[n - 1] for n in range(before + 1, at))  # with the page break and its furniture between


def test_a_wrapped_title_a_list_and_a_signature():
    doc = extract(DOCS / "pdf-hagby" / "input.pdf")
    lines = doc.text.split("\n")
    assert [lines[n - 1] for n in doc.reading.title] == ["Riktlinjer för internationell",
                                                         "samverkan inom kultur och fritid"]
    items = [lines[n - 1] for n in doc.reading.items]
    assert [t[:2] for t in items] == ["• "] * 3 + ["1.", "2.", "3.", "4."]
    no = lines.index(items[0]) + 1
    assert lines[no] == "ekonomi eller var i kommunen de bor,"  # line no + 1, under a hanging indent:
    assert no + 1 not in doc.reading.items and no + 2 in doc.reading.items  # the item continues
    reasons = {s.text: s.reason for s in doc.reading.aside}
    assert reasons["Karin Blomqvist"] == reasons["Kultur- och fritidsnämndens ordförande"] == "signature"
    assert reasons["HAGBY KOMMUN"] == "letterhead"
    assert reasons["Riktlinjer för internationell samverkan"] == "running"  # the header repeats the title's words
    assert {s.reason for s in doc.reading.aside if s.text.startswith("–")} == {"page-number"}
    # Paragraphs by spacing: a blank line before each paragraph, none inside one.
    body = lines.index("Den internationella samverkan ska ge invånarna i Hagby fler möjligheter att möta kultur")
    assert lines[body - 1] == "" and lines[body + 1].startswith("och idrott")


def test_the_plan_takes_the_layout_over_the_cues():
    """A cue on the bare line ("kommun" alone reads as a sender) never takes the title's wrapped
    line; a phone number is set aside wherever the layout put it."""
    lines = ["Internationell policy för Norrviks", "kommun", "", "1 Syfte", "", "Kommunen ska arbeta.",
             "Ring 0612-345 67", "", "2 Mål", "", "• delta i samarbeten,", "• ta emot besök."]
    reading = Reading(title=[1, 2], headings=[4, 7, 9], items=[11, 12],
                      aside=[SetAside(6, 1, "Kommunen ska arbeta.", "running")])
    plan = plan_lines(lines, reading)
    assert plan.title == "Internationell policy för Norrviks kommun" and plan.line_joins == [2]
    assert {e["line"]: e["reason"] for e in plan.furniture} == {6: "running", 7: "contact"}
    assert [(h.line, h.key) for h in plan.sections()] == [(1, "titel"), (4, "1"), (9, "2")]
    assert plan.settings["bullet_glyphs"] == ["•"]
    without = plan_lines(lines, None)  # a text file: the guesses, as before
    assert without.title is None and without.heads is None


# --- the layout rules on pages laid out here (points; y grows downwards) ------------------------

def _line(text: str, x: float, y: float, size: float = 11, page: int = 1, block: int = 1) -> Line:
    words, at = [], x
    for w in text.split():
        words.append(Word(w, at, y, at + 0.5 * size * len(w), y + 1.15 * size))
        at += 0.5 * size * (len(w) + 1)
    return Line(words, page, block, x, y, words[-1].x1, y + 1.15 * size)


def _read(*lines: Line) -> tuple[list[str], Reading]:
    text, reading = arrange([Page(595, 842, list(lines))])
    return text.split("\n"), reading


def test_a_first_line_indent_opens_a_paragraph_and_a_hanging_indent_continues_an_item():
    lines, reading = _read(
        _line("Riktlinjer för resor", 70, 100, 20),
        _line("Kommunen ska resa klimatsmart och bara när det behövs.", 90, 140),
        _line("Resor ska alltid ha ett beslutat syfte.", 70, 155),
        _line("Nämnderna ska redovisa resorna varje år.", 90, 170),   # indented: a new paragraph, no gap
        _line("Det gäller också bolagen.", 70, 185),
        _line("a) resor med tåg inom Sverige och till", 70, 205),
        _line("grannländerna,", 82, 220),                             # under the item's text: it continues
        _line("b) resor med flyg när tåg inte går.", 70, 235),
        _line("Avgiften är 3. Den gäller alla nämnder och bolag i", 70, 255),
        _line("3. kvartalet och följs upp av ekonomikontoret.", 70, 270))  # no list: a line that starts "3."
    assert lines[:4] == ["Riktlinjer för resor", "", "Kommunen ska resa klimatsmart och bara när det behövs.",
                         "Resor ska alltid ha ett beslutat syfte."]
    assert lines[4] == "" and lines[5].startswith("Nämnderna")
    items = [lines[n - 1] for n in reading.items]
    assert items == ["a) resor med tåg inom Sverige och till", "b) resor med flyg när tåg inte går."]
    assert reading.title == [1] and reading.headings == []


def test_a_lead_paragraph_set_large_is_no_heading_and_a_lone_page_number_is_set_aside():
    lines, reading = _read(
        _line("Policy för internationellt arbete", 70, 100, 22),
        _line("Kommunen vill vara öppen mot omvärlden och lära av andra.", 70, 150, 13),
        _line("Därför finns den här policyn.", 70, 166, 13),
        _line("Syfte", 70, 200, 14),
        _line("Policyn gäller alla nämnder.", 70, 225),
        _line("1", 290, 800, 9))
    assert [lines[n - 1] for n in reading.headings] == ["Syfte"]
    assert [(s.text, s.reason) for s in reading.aside] == [("1", "page-number")]


def test_a_page_read_by_ocr_keeps_its_lines_and_place():
    pages = [Page(595, 842, [_line("Policy för vänorter", 70, 100, 20), _line("Kommunen ska ha vänorter.", 70, 150)]),
             Page(595, 842, []),
             Page(595, 842, [_line("Uppföljning", 70, 100, 14, page=3), _line("Den sker varje år.", 70, 125, page=3)])]
    text, reading = arrange(pages, {2: "Vänorterna väljs\nav nämnden.\n"})
    assert text.split("\f") == ["Policy för vänorter\n\nKommunen ska ha vänorter.\n",
                                "Vänorterna väljs\nav nämnden.\n\n", "Uppföljning\n\nDen sker varje år.\n"]
    lines = text.split("\n")
    assert [lines[n - 1] for n in reading.title] == ["Policy för vänorter"]
    assert [lines[n - 1].lstrip("\f") for n in reading.headings] == ["Uppföljning"]


def test_the_sender_printed_large_at_the_top_is_no_title():
    lines, reading = _read(
        _line("Lövsjö kommun", 70, 40, 24),                     # the sender, larger than the title
        _line("Vänortspolicy Lövsjö kommun", 70, 200, 20),     # ends like a sender, stands like a title
        _line("Kommunen har tre vänorter i Norden.", 70, 240))
    assert [lines[n - 1] for n in reading.title] == ["Vänortspolicy Lövsjö kommun"]
    assert [(s.text, s.reason) for s in reading.aside] == [("Lövsjö kommun", "letterhead")]


def test_a_one_page_letter_has_its_header_set_aside_though_nothing_repeats():
    lines, reading = _read(
        _line("Lövsjö kommun · Kultur", 70, 40, 8),
        _line("Policy för kulturutbyte", 70, 150, 20),
        _line("Kommunen ska stödja kulturutbyte med vänorterna.", 70, 190),
        _line("Nämnden beslutar om bidragen varje år.", 70, 205),
        _line("1 Se kulturplanen.", 70, 760, 8))                # a footnote at the foot stays
    assert [(s.text, s.reason) for s in reading.aside] == [("Lövsjö kommun · Kultur", "running")]
    assert "1 Se kulturplanen." in lines
