"""The built HTML: every clause anchored once on its page with its words, nothing from other hosts.

The tests run twice (the `content` fixture): on the real project, and on a copy with a synthetic
municipality added, so none depends on today's documents.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, run, CHECK_CMD


@pytest.fixture(scope="module")
def report(content, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("report") / "report.json"
    result = run(CHECK_CMD, "--root", content.root, "--json", out)
    assert result.returncode == 0, result.stdout
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def pages(content) -> dict[str, BeautifulSoup]:
    site = content.site
    return {p.relative_to(site).as_posix(): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
            for p in site.rglob("*.html")}


def words(el) -> str:
    el = copy.copy(el)  # the parsed pages are shared by the module's tests
    for junk in el.select("a.clause-link, a.cited-count, sup, a.headerlink, a.footnote-backref, span.cited-in, "
                          "span.search-words"):
        junk.decompose()
    return re.sub(r"\s+", " ", el.get_text()).strip()


def test_every_clause_is_one_anchor_on_its_page_with_the_source_words(report, pages):
    for c in report["clauses"]:
        soup = pages[c["anchor"].split("#")[0] + "index.html"]
        found = soup.find_all(id=c["id"])
        assert len(found) == 1, f"{c['id']}: {len(found)} elements"
        el = found[0]
        if c["kind"] == "heading":
            assert el.name in ("h1", "h2", "h3")
        else:
            assert el.name == "span" and "clause" in el["class"]
            link = el.select_one("a.clause-link")
            assert link["href"] == "#" + c["id"] and link.get("aria-label")
        assert words(el) == c["text"], c["id"]


def test_footnotes_are_real_footnotes(pages):
    soup = pages["stockholm/tjansteutlatande/index.html"]
    notes = soup.select("div.footnote li")
    assert len(notes) == 7
    assert notes[6].select_one("span.clause")["id"] == "rapport-fn7"
    ref = soup.select_one("#rapport-synpunkter-s7 sup a")
    assert ref["href"] == "#fn:7"


def test_strategy_principles_are_list_items_with_their_own_anchor(pages):
    soup = pages["stockholm/strategi/index.html"]
    items = soup.select("#strategi-4 ~ ul > li > span.clause")
    assert [i["id"] for i in items[:5]] == [f"strategi-4-p{n}" for n in range(1, 6)]


def test_stromsund_page_says_where_the_source_ends(pages):
    soup = pages["stromsund/policy/index.html"]
    warnings = [a.get_text(" ", strip=True) for a in soup.select(".admonition.warning")]
    assert any("slutar mitt i listan under rubriken Organisation" in w for w in warnings)
    assert any("Här slutar källtexten" in w for w in warnings)
    last_clause = soup.select("span.clause")[-1]
    assert last_clause["id"] == "stromsund-organisation-p3"


def test_each_page_says_what_the_document_is(pages):
    for rel, phrase in [("stockholm/strategi/index.html", "bilaga 1"),
                        ("stockholm/tjansteutlatande/index.html", "tjänsteutlåtande"),
                        ("stromsund/policy/index.html", "Källan visar inget beslut")]:
        info = pages[rel].select_one(".admonition.info")
        assert info is not None and phrase in info.get_text(), rel


def test_raw_sources_are_offered_byte_for_byte_but_the_lines_that_may_name_a_person(content, pages):
    from policykit.intake.furniture import EMAIL
    from policykit.sources.downloads import WITHHELD
    model = content.project.model
    assert model.files
    withheld_somewhere = False
    for src in model.files:
        raw = src.path.read_bytes().decode("utf-8").split("\n")
        published = (content.site / "kallor" / src.name).read_bytes().decode("utf-8").split("\n")
        personal = model.layouts[src.name].personal()
        assert len(published) == len(raw), src.name  # every line keeps its number
        changed = {no for no, (a, b) in enumerate(zip(raw, published), 1) if a != b}
        assert changed == {no for no, _ in personal}, src.name
        for no, text in personal:  # the recorded text, and only it, is replaced
            assert published[no - 1].replace(WITHHELD, text, 1) == raw[no - 1], (src.name, no)
        assert not EMAIL.search("".join(published)), src.name
        withheld_somewhere |= bool(changed)
    assert withheld_somewhere  # Stockholm's letterhead, with an official's e-mail address
    links = [a["href"] for a in pages["stockholm/strategi/index.html"].select("a[href]")]
    assert "../../kallor/000_a51568b8bbced0f4.txt" in links
    muni = (content.site / "kommuner" / "stockholm" / "granskning" / "index.html").read_text(encoding="utf-8")
    assert "rad 15, 16, 18, 21, 23, 24, 26 ersatt med" in muni


def test_no_official_contact_details_are_republished(pages):
    for rel, soup in pages.items():
        text = soup.get_text()
        assert "kallstrom" not in text.lower() and "08.508" not in text, rel


def test_ocr_repairs_page_lists_the_repairs(pages):
    soup = pages["kommuner/stockholm/granskning/index.html"]  # the overview on om-texterna links there
    cells = [[td.get_text() for td in tr.select("td")] for tr in soup.select("table tr")]
    assert ["6vergripande", "övergripande"] in [row[:2] for row in cells]
    assert any(row[1:2] == ["brevhuvud"] for row in cells)


def test_no_reference_to_another_host_in_any_page(pages):
    for rel, soup in pages.items():
        # Everything a browser fetches by itself: scripts, images, frames, stylesheets, icons.
        for el in soup.select("[src], link[rel~=stylesheet], link[rel~=icon], link[rel~=preload], link[rel~=manifest]"):
            url = el.get("src") or el.get("href")
            assert not re.match(r"^(https?:)?//", url), f"{rel}: {url}"
        assert "fonts.googleapis" not in str(soup)


def test_html_lang_is_the_page_language(pages):
    for rel, soup in pages.items():
        assert soup.html["lang"] == ("en" if rel.startswith("en/") else "sv"), rel


def test_search_indexes_clauses_once_and_not_the_noise_around_them(pages):
    """Pagefind reads the article (data-pagefind-body), clauses weighted, not the 'citeras i' lists or data tables."""
    strategy = pages["stockholm/strategi/index.html"]
    bodies = strategy.select("[data-pagefind-body]")
    assert len(bodies) == 1 and bodies[0].name == "article", "the article, not the navigation, is indexed"
    clause = strategy.select_one("span.clause#strategi-4-p1")
    assert clause["data-pagefind-weight"] and float(clause["data-pagefind-weight"]) > 1
    assert clause.select_one("a.clause-link").has_attr("data-pagefind-ignore")
    assert all(c.has_attr("data-pagefind-ignore") for c in strategy.select("span.cited-in"))
    words = clause.select_one("span.search-words#strategi-4-p1--ord")
    assert words is not None and words.has_attr("hidden") and "avtal" in words.get_text().split(), \
        "vänortsavtal: the compound's end is a hidden search word"
    # The traceability and OCR-repair tables repeat every clause: never indexed.
    for rel in ("sparbarhet/index.html", "om-texterna/index.html"):
        tables = pages[rel].select("article table")
        assert tables and all(t.find_parent(attrs={"data-pagefind-ignore": True}) for t in tables
                              if "strategi-4-p1" in t.get_text() or "vänort" in t.get_text()), rel
    assert not pages["404.html"].select("[data-pagefind-body]"), "the 404 page is not indexed"


# ---------------------------------------------------------------------------------------------
# The accessibility statement (docs/om-webbplatsen.md): the parts the DOS law and Digg ask for,
# true to what the tests measure
# ---------------------------------------------------------------------------------------------

STATEMENT = {"sv": "om-webbplatsen/index.html", "en": "en/om-webbplatsen/index.html"}
STATEMENT_WORDS = {
    "sv": {"level": "delvis förenlig", "assessed": r"senaste bedömningen gjordes den (\d{4}-\d{2}-\d{2})",
           "updated": r"uppdaterades senast den (\d{4}-\d{2}-\d{2})", "pdfua": "16 av de 106",
           "placeholder": "platshållare", "keyboard": ("Tab", "Enter")},
    "en": {"level": "partially compliant", "assessed": r"latest assessment was made on (\d{4}-\d{2}-\d{2})",
           "updated": r"last updated on (\d{4}-\d{2}-\d{2})", "pdfua": "16 of the 106",
           "placeholder": "placeholder", "keyboard": ("Tab", "Enter")},
}


def _axe_version() -> str:
    import axe_playwright_python
    head = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")[:200]
    return re.search(r"axe v(\d+\.\d+\.\d+)", head).group(1)


def test_the_accessibility_statement_has_its_required_parts(pages):
    import datetime
    from importlib.metadata import version

    import yaml
    from pdfua import coverage

    from policykit.render.statement import is_placeholder, settings

    config = settings(yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["extra"])
    cov = coverage()
    for lang, rel in STATEMENT.items():
        words = STATEMENT_WORDS[lang]
        article = pages[rel].select_one("article")
        text = " ".join(article.get_text(" ").split())
        # The responsible organisation and a way to give feedback, both from mkdocs.yml.
        assert config["publisher"][lang] in text, lang
        mail = article.select(f'a[href="mailto:{config["feedback_email"]}"]')
        assert len(mail) >= 2, (lang, "the feedback address, in 'report an error' and in the statement")
        assert (words["placeholder"] in text) == is_placeholder(config["feedback_email"]), lang
        # Digg's page for reporting a site.
        assert article.select('a[href="https://www.digg.se/tdosanmalan"]'), lang
        # Compliance level, the standard, the known problems.
        assert words["level"] in text and "WCAG 2.1" in text and "EN 301 549" in text, lang
        assert article.select_one("#kanda-brister") and article.select_one("#sa-har-vi-testat"), lang
        # The dates of the assessment and of the last update: real dates, not in the future.
        for key in ("assessed", "updated"):
            found = re.search(words[key], text)
            assert found, (lang, key)
            assert datetime.date.fromisoformat(found.group(1)) <= datetime.date.today(), (lang, key)
        # The method as the tests run it: the versions and counts are those installed here.
        assert f"axe-core (version {_axe_version()})" in text, (lang, _axe_version())
        assert f"pdfua (version {version('pdfua')})" in text, (lang, version("pdfua"))
        assert (cov.covered, cov.total) == (16, 106) and words["pdfua"] in text, (lang, cov.summary())
        assert f"{cov.implemented_rules} " in text and "veraPDF" in text, lang
        assert all(key in text for key in words["keyboard"]), lang


@pytest.mark.parametrize("accessibility,message", [
    (None, "no 'extra: accessibility:'"),
    ({"publisher": {"sv": "X"}, "feedback_email": "a@b.se"}, "publisher needs a name in sv and en"),
    ({"publisher": {"sv": "X", "en": "X"}, "feedback_email": "Anna Andersson"}, "is not an e-mail address"),
])
def test_the_statement_refuses_a_missing_publisher_or_address(accessibility, message):
    from policykit.errors import PolicyError
    from policykit.render.statement import settings

    with pytest.raises(PolicyError, match=re.escape(message)):
        settings({"accessibility": accessibility} if accessibility else {})


def test_an_example_address_is_said_to_be_a_placeholder():
    from policykit.render.statement import render

    extra = {"accessibility": {"publisher": {"sv": "Norrviks kommun", "en": "Norrvik Municipality"},
                               "feedback_email": "tillganglighet@example.org"}}
    assert "platshållare" in render(extra, "sv", "feedback")
    extra["accessibility"]["feedback_email"] = "tillganglighet@norrvik.se"
    assert render(extra, "sv", "feedback") == "[tillganglighet@norrvik.se](mailto:tillganglighet@norrvik.se)"
    assert render(extra, "en", "publisher") == "Norrvik Municipality"
