"""The English edition: a twin of every Swedish page with the same anchors, per-language search and 404.

Checked on the built site, and with the checker on damaged copies of the project.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, run, CHECK_CMD

CHECK = CHECK_CMD


@pytest.fixture(scope="module")
def twins(site: Path) -> list[tuple[str, BeautifulSoup, BeautifulSoup]]:
    out = []
    for sv in sorted(site.rglob("index.html")):
        rel = sv.relative_to(site).as_posix()
        if rel.startswith("en/"):
            continue
        en = site / "en" / rel
        assert en.exists(), f"{rel} has no English twin"
        read = lambda p: BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")  # noqa: E731
        out.append((rel, read(sv), read(en)))
    assert len(out) >= 12
    return out


def test_every_page_has_an_english_twin_with_the_same_clause_anchors(twins):
    for rel, sv, en in twins:
        sv_ids = [s["id"] for s in sv.select("span.clause")]
        en_ids = [s["id"] for s in en.select("span.clause")]
        assert sv_ids == en_ids, rel
        sv_heads = {h["id"] for h in sv.select("article [id]") if h.name in ("h1", "h2", "h3", "h4")}
        en_heads = {h["id"] for h in en.select("article [id]") if h.name in ("h1", "h2", "h3", "h4")}
        assert sv_heads <= en_heads, (rel, sv_heads - en_heads)
        assert len(sv.select("article table")) == len(en.select("article table")), rel


def test_english_pages_are_english_and_name_their_twins(twins, site: Path):
    for rel, sv, en in twins:
        assert en.html["lang"] == "en" and sv.html["lang"] == "sv", rel
        page = "/" + rel[: -len("index.html")]
        sv_links = {a["hreflang"]: urljoin("http://x" + page, a["href"]) for a in sv.select("a.md-select__link[hreflang]")}
        en_links = {a["hreflang"]: urljoin("http://x/en" + page, a["href"]) for a in en.select("a.md-select__link[hreflang]")}
        assert sv_links == en_links == {"sv": "http://x" + page, "en": "http://x/en" + page}, rel
    # hreflang alternates for search engines: in the sitemap (Material fetches a sitemap for
    # every <link rel=alternate> in a page head, so the head carries none).
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count('hreflang="sv"') == sitemap.count('hreflang="en"') == 2 * len(twins)


def test_heading_permalinks_are_labelled_in_the_page_language(twins):
    for rel, sv, en in twins:
        assert {a["title"] for a in sv.select("a.headerlink")} <= {"Permanent länk till rubriken"}, rel
        titles = {a["title"] for a in en.select("a.headerlink")}
        assert titles and titles == {"Permanent link to this heading"}, (rel, titles)


def test_translated_policy_text_is_marked_and_links_to_the_original(twins):
    strategy = next(en for rel, sv, en in twins if rel == "stockholm/strategi/index.html")
    assert "This is a translation" in strategy.select_one(".admonition.note").get_text()
    for span in strategy.select("span.clause"):
        link = span.select_one("a.clause-original")
        assert link["href"] == f"../../../stockholm/strategi/#{span['id']}" and link["hreflang"] == "sv"
    assert "kommunstyrelsen (the municipal executive board)" in strategy.get_text()


def test_english_data_pages_render_english_data(twins):
    comparison = next(en for rel, sv, en in twins if rel == "jamforelse/index.html")
    text = comparison.get_text()
    assert "Not in the available text" in text and "does not rank" in text
    assert "Stockholm has no designated twin towns" in text
    responsibilities = next(en for rel, sv, en in twins if rel == "ansvar/index.html")
    assert "decides" in responsibilities.get_text()


def test_search_index_per_language(site: Path):
    """Pagefind keeps one index per <html lang>: each page is found in its own language only."""
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"sv", "en"}, entry
    pages = {lang: sum(1 for p in site.rglob("index.html") if p.relative_to(site).parts[0] == "en") if lang == "en"
             else sum(1 for p in site.rglob("index.html") if p.relative_to(site).parts[0] != "en")
             for lang in ("sv", "en")}
    assert {lang: entry["languages"][lang]["page_count"] for lang in pages} == pages
    assert not (site / "search" / "search_index.json").exists() and not (site / "en" / "search").exists()
    for page in ("index.html", "en/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert "data-policy-search" in html and "search_index.json" not in html, page


def test_404_pages_per_language(site: Path):
    root = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser")
    en = BeautifulSoup((site / "en" / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert root.html["lang"] == "sv" and root.h1.get_text() == "Sidan finns inte"
    assert en.html["lang"] == "en" and en.h1.get_text() == "Page not found"


# --- the parity check --------------------------------------------------------------------------

def _without_line(path: Path, needle: str):
    lines = path.read_text(encoding="utf-8").split("\n")
    kept = [line for line in lines if needle not in line]
    assert len(kept) == len(lines) - 1, needle
    path.write_text("\n".join(kept), encoding="utf-8")


def test_a_clause_missing_from_the_english_twin_fails(project):
    _without_line(project / "docs/stockholm/strategi.en.md", "<!-- clause: strategi-4-p3 -->")
    result = run(CHECK, "--root", project)
    assert result.returncode == 1
    assert ("error: docs/stockholm/strategi.en.md: clause strategi-4-p3 is missing from the English twin; "
            "translate it under heading strategi-4") in result.stdout
    assert "1 translation differences" in result.stdout.splitlines()[-1]


def test_a_page_without_english_twin_fails(project):
    (project / "docs/ordlista.en.md").unlink()
    result = run(CHECK, "--root", project)
    assert result.returncode == 1
    assert ("error: docs/ordlista.en.md: docs/ordlista.md has no English twin; translate it into "
            "docs/ordlista.en.md") in result.stdout


def test_a_reference_missing_from_the_english_twin_fails(project):
    _without_line(project / "docs/ansvar.en.md", "<!-- ref: strategi-4-p5 -->")
    result = run(CHECK, "--root", project)
    assert result.returncode == 1
    assert ("error: docs/ansvar.en.md: references and tables differ from docs/ansvar.md: missing "
            "<!--ref:strategi-4-p5-->; extra –") in result.stdout


def test_a_missing_heading_anchor_in_the_twin_fails(project):
    path = project / "docs/stockholm/strategi.en.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("{ #strategi-3-2 }", ""), encoding="utf-8")
    result = run(CHECK, "--root", project)
    assert result.returncode == 1
    assert "error: docs/stockholm/strategi.en.md: heading anchor #strategi-3-2 of docs/stockholm/strategi.md is missing" in result.stdout
