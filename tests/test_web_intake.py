"""Saved municipal web pages read as their documents: their own title and headings, nothing of the page
around them, no person.

Fixtures: tests/fixtures/documents/web-*/ (input.html as saved from three differently built sites and a
news item, expected.yml with the truth: title, headings, the document's own words, and `never`: personal
data and chrome that must not appear anywhere). At the intake level each page is read with `extract`
and its `Reading`, and with `furniture` alone (what a caller without the reading keeps); end to end the
pages are added with `python -m policykit add` to a project copy that is then built, and every built file
is searched for `never`.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from conftest import ADD_CMD, BUILD_CMD, copy_project, review_and_approve, run

from policykit.intake.about import news_signs
from policykit.intake import about, extract, furniture, is_summary_or_news, kept_text, summary_reason
from policykit.intake.furniture import SetAside
from policykit.sources.layout import FURNITURE_REASONS, PERSONAL_REASONS

DOCS = Path(__file__).parent / "fixtures" / "documents"
CASES = sorted(p.name for p in DOCS.glob("web-*"))
# Municipalities the end-to-end test adds the pages as (invented, as the pages are).
ADDED = {"web-sitevision": ("kallby", "Källby kommun", "Källby Municipality"),
         "web-episerver": ("asalv", "Åsälvs kommun", "Åsälv Municipality"),
         "web-wordpress": ("lindeberga", "Lindeberga kommun", "Lindeberga Municipality"),
         "web-news": ("storvik", "Storviks kommun", "Storvik Municipality")}


def expected(case: str) -> dict:
    return yaml.safe_load((DOCS / case / "expected.yml").read_text(encoding="utf-8"))


def words(text: str) -> list[str]:
    """The words of a text: list bullets and line breaks are layout, not words."""
    return re.sub(r"^\s*•\s", "", text, flags=re.M).split()


def read(case: str):
    """(the extraction, its lines, the kept lines' text) for a case."""
    doc = extract(DOCS / case / "input.html")
    lines = doc.text.split("\n")
    aside = {s.line for s in doc.reading.aside}
    kept = "\n".join(t for no, t in enumerate(lines, 1) if no not in aside)
    return doc, lines, kept


def test_the_fixtures_are_there():
    assert {"web-sitevision", "web-episerver", "web-wordpress", "web-news"} <= set(CASES)
    assert set(CASES) <= set(ADDED)


@pytest.mark.parametrize("case", CASES)
def test_title_and_headings_are_the_documents_own(case):
    exp = expected(case)
    doc, lines, _ = read(case)
    assert doc.kind == exp["kind"] == "html"
    assert " ".join(lines[no - 1] for no in doc.reading.title) == exp["title"]
    assert [lines[no - 1] for no in doc.reading.headings] == exp["headings"]
    assert all(lines[no - 1].startswith("• ") for no in doc.reading.items)


@pytest.mark.parametrize("case", CASES)
def test_the_kept_words_are_exactly_the_documents(case):
    exp = expected(case)
    _, _, kept = read(case)
    assert words(kept) == words(exp["text"])
    for s in exp["never"]:
        assert s not in kept, s


@pytest.mark.parametrize("case", CASES)
def test_no_chrome_line_is_kept(case):
    doc, lines, kept = read(case)
    # the text cues find nothing more in what is kept: no furniture line stays
    assert furniture(kept)[1] == []
    for s in doc.reading.aside:
        assert isinstance(s, SetAside) and s.reason in FURNITURE_REASONS and lines[s.line - 1] == s.text
    # what names or reaches a person is set aside as personal, so the site never reproduces it
    for s in expected(case)["never"]:
        for a in (a for a in doc.reading.aside if s in a.text and re.search(r"\d{3}|@|[A-ZÅÄÖ][a-zåäö]+ [A-ZÅÄÖ]", s)):
            assert a.reason in PERSONAL_REASONS, a


@pytest.mark.parametrize("case", CASES)
def test_scripts_and_site_chrome_never_reach_the_text(case):
    doc, _, _ = read(case)
    for s in ("googletagmanager", "dataLayer", "gtag(", "_paq", "fbq(", "Skriv ut", "Lyssna", "kakor", "cookies",
              "Hittade du", "Var sidan till hjälp", "senast uppdaterad", "Följ oss", "Du är här", "Hoppa till"):
        assert s not in doc.text, s
    assert doc.notes and "left out of the text" in doc.notes[0]


@pytest.mark.parametrize("case", CASES)
def test_furniture_alone_keeps_no_person(case):
    """What a caller keeps that reads the text without the markup (furniture only)."""
    doc, _, _ = read(case)
    kept = kept_text(furniture(doc.text)[0])
    for s in expected(case)["never"]:
        assert s not in kept, s


@pytest.mark.parametrize("case", CASES)
def test_a_news_item_is_known_and_a_policy_is_not(case):
    exp = expected(case)
    doc, lines, kept = read(case)
    assert is_summary_or_news(doc.text) is exp["news"], summary_reason(doc.text)
    assert is_summary_or_news(kept) is exp["news"]
    assert about(kept).title == exp["title"]  # the document's own h1 leads its kept text


@pytest.mark.parametrize("line, reason", [
    ("POSTADRESS BESÖKSADRESS TELEFON TELEFAX ORGANISATIONSNUMMER", "address"),
    ("Postadress Besöksadress Telefon E-postadress", "address"),
    ("TELEFAX", "contact"), ("E-POSTADRESS", "contact"), ("VÄXEL", "contact"),
    ("Växel: 0480-45 00 00", "contact"), ("212000-1234", "address"),
    ("Box 100    Storgatan 1    0480-45 00 00    212000-1234", "contact"),
    ("Postadress          Besöksadress          Telefon", "address"),
    ("2024-03-05", "date"), ("12 mars 2024", "date"),
    ("Skriv ut Lyssna Dela", "web"), ("Hittade du den information du sökte?", "web"),
    ("Var sidan till hjälp?", "web"), ("Följ oss på Facebook", "web"), ("Vi använder kakor på webbplatsen.", "web"),
    ("Start / Kommun och politik / Styrdokument", "web"), ("Du är här: Start › Nyheter", "web"),
    ("Illustration: Elin Stråhle", "byline"), ("Foto: Per Ek", "byline"), ("Bild: Kommunen", "byline"),
    ("Text: Tomas Wiklund", "byline"), ("Sidan publicerad av: Tomas Wiklund", "byline"),
    ("Publicerad: 14 februari 2022", "byline"), ("Uppdaterad: 2024-01-02", "byline"),
])
def test_text_cues(line, reason):
    text = f"Internationell policy\n\nKommunen ska delta i europeiska samarbeten.\n\n{line}\n\nPolicyn följs upp varje år.\n"
    kept, aside = furniture(text)
    assert [(s.text, s.reason) for s in aside] == [(line, reason)]


def test_a_name_beside_a_cue_is_personal_wherever_it_stands():
    text = ("Internationell policy\n\nKommunen ska delta i europeiska samarbeten.\n\n"
            "Enligt Karin Berg ska arbetet växa.\n\nVänorten ligger i Berg.\n\n"
            "– Det är ett viktigt steg, säger ordföranden Sara Hedlund.\n\n"
            "Karin Berg\nInternationell samordnare\n\nIllustration: Ola Sund-Ek\n\nSund-Ek ritade bilden.\n")
    kept, aside = furniture(text)
    assert {(s.text, s.reason) for s in aside} == {
        ("Enligt Karin Berg ska arbetet växa.", "person"),
        ("– Det är ett viktigt steg, säger ordföranden Sara Hedlund.", "person"),
        ("Karin Berg", "contact"), ("Internationell samordnare", "contact"),
        ("Illustration: Ola Sund-Ek", "byline"), ("Sund-Ek ritade bilden.", "person")}
    assert "Vänorten ligger i Berg." in kept_text(kept)  # the surname as a place name stays


# --- end to end: added with the add command, built, every built file read ---------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(project, site, {case: add's output}): the web pages added to one project copy, built once."""
    from test_add_documents import _site_texts
    base = tmp_path_factory.mktemp("web-intake")
    project = copy_project(base / "project")
    out = {}
    for case in CASES:
        muni, name, name_en = ADDED[case]
        extra = ("--summary",) if expected(case)["news"] else ()
        result = run(ADD_CMD, DOCS / case / "input.html", "--id", muni, "--name", name, "--name-en", name_en,
                     "--no-proposals", *extra, "--root", project)
        assert result.returncode == 0, case + ": " + result.stdout + result.stderr
        out[case] = result.stdout
    review_and_approve(project, *(ADDED[case][0] for case in CASES))  # a draft is not published
    site = base / "site"
    result = run(BUILD_CMD, "--root", project, "--site-dir", site)
    assert result.returncode == 0, result.stdout + result.stderr
    return project, site, out, list(_site_texts(site))


def test_a_news_item_is_refused_without_summary(tmp_path):
    project = copy_project(tmp_path / "project")
    result = run(ADD_CMD, DOCS / "web-news" / "input.html", "--id", "storvik", "--name", "Storviks kommun",
                 "--name-en", "Storvik Municipality", "--no-proposals", "--root", project)
    assert result.returncode == 1 and "is a summary or news item about a policy" in result.stdout


def test_nothing_of_never_in_any_built_file(built):
    _, site, _, texts = built
    assert any(rel.startswith("kallby/") for rel, _ in texts)
    assert any(rel.startswith("pdf/") and "kallby" in rel for rel, _ in texts)      # the PDFs, read as text
    assert any(rel.startswith("pagefind/fragment/") for rel, _ in texts)           # the search fragments
    assert any(rel.startswith("kallor/") for rel, _ in texts)                      # the texts offered
    for rel, text in texts:
        flat = " ".join(text.split())
        for case in CASES:
            for s in expected(case)["never"]:
                assert s not in flat, (rel, case, s)


def _registered(project: Path, muni: str) -> tuple[dict, dict]:
    registry = yaml.safe_load((project / "sources" / "sources.yml").read_text(encoding="utf-8"))
    for f in registry["files"]:
        for d in f["documents"]:
            if d["id"] == muni:
                return f, d
    raise AssertionError(f"{muni} not registered")


@pytest.mark.parametrize("case", [c for c in CASES if c != "web-news"])
def test_the_added_document_has_its_own_title_and_headings(built, case):
    """Depends on the add command taking the title and sections from `Extracted.reading`."""
    project, _, _, _ = built
    exp = expected(case)
    f, doc = _registered(project, ADDED[case][0])
    assert doc["title"] == exp["title"]
    raw = (project / "sources" / f["file"]).read_text(encoding="utf-8").split("\n")
    heads = [raw[s["line"] - 1] for s in doc["sections"]]
    assert [h for h in heads if h != exp["title"]] == exp["headings"]


@pytest.mark.parametrize("text, reason", [
    ("Nyhet · Publicerad 2024-03-05\n\nNy strategi\n", "is filed as news"),
    ("Kommunfullmäktige i Storviks kommun antog på måndagen en ny internationell strategi.\n",
     "reports a decision in the third person ('Kommunfullmäktige antog på måndagen en ny ...')"),
    ("– Vi vill mer, säger kommunstyrelsens ordförande Sara Hedlund.\n", "quotes a person ('..., säger ...')"),
])
def test_each_news_cue(text, reason):
    assert summary_reason(text) == reason


def test_a_byline_or_publishing_date_is_a_sign_not_a_verdict():
    # policy pages carry them too: they are listed as signs, and alone they make no news
    text = "Policy\n\nSidan publicerad av: Tomas Wiklund\n\nPublicerad 5 mars 2024\n"
    assert summary_reason(text) is None
    assert news_signs(text) == ["has a byline ('Publicerad av ...')", "gives its publishing date ('Publicerad 2024-03-05')"]
    doc, _, _ = read("web-news")
    assert {"is filed as news", "has a byline ('Publicerad av ...')", "gives its publishing date ('Publicerad 2024-03-05')",
            "reports a decision in the third person ('Kommunfullmäktige antog på måndagen en ny ...')",
            "quotes a person ('..., säger ...')"} <= set(news_signs(doc.text))


def test_a_policy_is_no_news():
    for case in CASES:
        if not expected(case)["news"]:
            assert summary_reason(expected(case)["text"]) is None, case
    assert about("Ny internationell strategi antagen\n\nStrategin gäller till 2030.\n").title == \
        "Ny internationell strategi antagen"
    assert about("Antagen av kommunfullmäktige 2015-03-23\n\nPolicy\n").title == "Policy"


def test_om_texterna_says_what_each_reason_means(built):
    from policykit.labels import labels
    _, site, _, _ = built
    about_texts = (site / "om-texterna" / "index.html").read_text(encoding="utf-8")
    reasons = labels("repairs")
    for reason in FURNITURE_REASONS:
        for text in (reasons["reasons"][reason]["sv"], reasons["reason_about"][reason]["sv"]):
            assert html.escape(text) in about_texts, (reason, text)
    # on the municipality's audit page the contact box is listed as set aside, described and not reproduced
    page = (site / "kommuner" / "kallby" / "granskning" / "index.html").read_text(encoding="utf-8")
    assert "satt åt sidan: kontaktuppgifter" in page
    assert reasons["personal"]["sv"] in page
