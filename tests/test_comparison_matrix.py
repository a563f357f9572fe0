"""The comparison matrix (issue 18): one table, a row per topic, a column per municipality.

On the built HTML of the real site, both languages: the one table, its columns named by the
registry's municipalities and its rows by topics.yml, each cell the status, the summary and the
clause links the data names; the CSV, the JSON and the licence linked above it. In headless Debian
chromium, without scripts: a column shows while its box is ticked and a topic row hides when only
the chosen topics are shown; on a phone each topic is a card with the municipalities stacked.
With scripts, on a copy with five more municipalities (seven: more than the page holds): a fifth
choice is refused with a message, and a later municipality's column is fetched from its own page.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, expect

from conftest import BUILD_CMD, REVIEWER, copy_project, run, serve_folder
from policykit.authoring.add import Request, add
from policykit.authoring.approve import approve
from policykit.authoring.synthetic import accept_as_read, municipality
from policykit.labels import labels
from policykit.render.matrix import DEFAULT, INLINE
from test_browser import browser  # noqa: F401  (fixture: one chromium)
from test_reading import PHONE, opened

STATUS = labels("comparison.status")
M = labels("matrix")
LANGS = (("", "sv"), ("en/", "en"))


def _soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def _data(site: Path) -> dict:
    return json.loads((site / "data" / "comparison.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("prefix,lang", LANGS)
def test_one_table_a_row_per_topic_a_column_per_municipality(site: Path, prefix: str, lang: str):
    data = _data(site)
    soup = _soup(site, prefix + "jamforelse")
    tables = soup.select("article .matrix table")
    assert len(tables) == 1
    table = tables[0]
    munis = data["municipalities"][:INLINE]
    assert [th.get_text(strip=True) for th in table.select("thead th")][1:] == [m["name"][lang] for m in munis]
    rows = table.select("tbody tr")
    assert [tr["id"] for tr in rows] == [f"rad-{r['topic']}" for r in data["rows"]]
    names = {t["id"]: t["name"][lang] for t in data["topics"]}
    for tr, row in zip(rows, data["rows"], strict=True):
        assert tr.th.get_text(strip=True) == names[row["topic"]]
        cells = tr.find_all("td")
        assert len(cells) == len(munis)
        for td, m in zip(cells, munis, strict=True):
            cell = row["cells"][m["id"]]
            assert td["data-label"] == m["name"][lang]  # the phone's card says whose cell it is
            assert td.get_text(" ", strip=True).startswith(STATUS[cell["status"]][lang] + ".")
            if cell.get("summary"):
                assert " ".join(cell["summary"][lang].split()[:6]) in " ".join(td.get_text(" ").split())
            linked = [a["href"].rpartition("#")[2] for a in td.select(".matrix-src a")]
            assert linked == cell.get("clauses", []), (row["topic"], m["id"])
            # The clause links carry no title: no tooltip set up for each on load.
            assert not td.select(".matrix-src a[title]")
    # The open data and its licence, linked from the comparison, lead to files of the site.
    links = {a.get_text(strip=True): a["href"] for a in soup.select(".matrix-data a")}
    assert set(links) == {M["csv"][lang], M["json"][lang], M["licence"][lang]}
    page = site / prefix / "jamforelse"
    assert (page / links[M["csv"][lang]]).resolve() == (site / "data" / "comparison.csv").resolve()
    assert (page / links[M["json"][lang]]).resolve() == (site / "data" / "comparison.json").resolve()
    licence = links[M["licence"][lang]]
    assert licence.endswith("#licens")
    target = _soup(site, prefix + "oppna-data")
    assert "CC0" in target.find(id="licens").get_text() and "9 §" in target.get_text()
    # A box per municipality, the first four ticked.
    boxes = soup.select(".pick-cols input[type=checkbox]")
    assert [b["value"] for b in boxes] == [m["id"] for m in data["municipalities"]]
    assert [b.has_attr("checked") for b in boxes] == [i < DEFAULT for i in range(len(boxes))]


_VISIBLE_COLUMNS = """() => Array.from(document.querySelectorAll('.matrix thead th'))
    .filter(th => th.getBoundingClientRect().width > 0).map(th => th.textContent.trim())"""
_VISIBLE_ROWS = """() => Array.from(document.querySelectorAll('.matrix tbody tr'))
    .filter(tr => tr.getBoundingClientRect().height > 0).map(tr => tr.id)"""


@pytest.mark.parametrize("scripts", [False, True], ids=["without-js", "with-js"])
def test_choosing_municipalities_and_topics(browser: Browser, served: str, site: Path, scripts: bool):
    data = _data(site)
    first, second = data["municipalities"][:2]
    topics = [f"rad-{r['topic']}" for r in data["rows"]]
    with opened(browser, served + "jamforelse/", java_script_enabled=scripts,
                viewport={"width": 1280, "height": 900}) as page:
        names = [m["name"]["sv"] for m in data["municipalities"][:DEFAULT]]
        assert page.evaluate(_VISIBLE_COLUMNS) == ["Ämne"] + names
        page.locator("summary").click()
        page.locator(f"label[for=valj-{second['id']}]").click()  # untick the second
        assert page.evaluate(_VISIBLE_COLUMNS) == ["Ämne", first["name"]["sv"]] + names[2:]
        cell = page.locator(f"#{topics[0]} td").nth(1)
        expect(cell).to_be_hidden()
        page.locator(f"label[for=valj-{second['id']}]").click()
        expect(cell).to_be_visible()
        # Only the chosen topics: untick every topic but two, then show only the chosen.
        for tr in topics[2:]:
            page.locator(f"#{tr} .pick").uncheck()
        assert page.evaluate(_VISIBLE_ROWS) == topics
        page.get_by_label(M["only_topics"]["sv"]).check()
        assert page.evaluate(_VISIBLE_ROWS) == topics[:2]


@pytest.mark.parametrize("prefix,lang", LANGS)
def test_on_a_phone_a_topic_is_a_card_with_the_municipalities_stacked(browser: Browser, served: str,
                                                                      site: Path, prefix: str, lang: str):
    data = _data(site)
    with opened(browser, served + prefix + "jamforelse/", java_script_enabled=False, viewport=PHONE) as page:
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
        row = page.locator(".matrix tbody tr").first
        boxes = [page.locator(".matrix tbody tr").first.locator("td").nth(i).bounding_box()
                 for i in range(min(DEFAULT, len(data["municipalities"])))]
        card = row.bounding_box()
        assert card["x"] >= 0 and card["x"] + card["width"] <= PHONE["width"]
        # Stacked: each municipality's cell below the last, as wide as the card's text.
        assert all(b["y"] >= a["y"] + a["height"] - 1 for a, b in zip(boxes, boxes[1:]))
        assert all(b["x"] + b["width"] <= PHONE["width"] for b in boxes)


# ---------------------------------------------------------------------------------------------
# More municipalities than the page holds: the scripts fetch a later column, four at most
# ---------------------------------------------------------------------------------------------

ADDED = 5


@pytest.fixture(scope="module")
def grown(tmp_path_factory):
    base = tmp_path_factory.mktemp("matrix")
    project = copy_project(base / "project")
    synths = [municipality(n, seed=5) for n in range(ADDED)]
    for s in synths:
        add(project, Request(text=s.text.encode("utf-8"), municipality=s.id, name_sv=f"{s.name} kommun",
                             name_en=f"{s.name} Municipality", propose=False, check=False))
    ids = [s.id for s in synths]
    accept_as_read(project, ids)
    approve(project, ids, by=REVIEWER)
    site = base / "site"
    built = run(BUILD_CMD, "--root", project, "--site-dir", site)
    assert built.returncode == 0, built.stdout + built.stderr
    with serve_folder(site) as url:
        yield site, url


def test_a_later_municipality_is_fetched_and_a_fifth_refused(browser: Browser, grown):
    site, url = grown
    data = _data(site)
    munis = data["municipalities"]
    assert len(munis) > INLINE
    soup = _soup(site, "en/jamforelse")
    assert len(soup.select(".matrix thead th")) == INLINE + 1  # the page holds six columns, not all
    later = munis[INLINE]
    with opened(browser, url + "en/jamforelse/", viewport={"width": 1280, "height": 900}) as page:
        page.locator("summary").click()
        box = page.locator(f"#valj-{later['id']}")
        expect(box).to_be_enabled()
        box.click()  # a fifth: refused, and said
        expect(box).not_to_be_checked()
        expect(page.locator(".matrix-status")).to_have_text(M["full"]["en"])
        page.locator(f"#valj-{munis[1]['id']}").uncheck()
        box.check()
        head = page.locator(f".matrix thead th[data-m={later['id']}]")
        expect(head).to_have_text(later["name"]["en"])
        cells = page.locator(f".matrix tbody td[data-m={later['id']}]")
        expect(cells).to_have_count(len(data["rows"]))
        not_yet = STATUS["not-yet-assessed"]["en"]
        for i in range(len(data["rows"])):
            expect(cells.nth(i)).to_contain_text(not_yet + ".")
        # Its name leads to its own page, in English, on this site.
        assert head.locator("a").get_attribute("href") == f"{url}en/kommuner/{later['id']}/#jamforelse"
        box.uncheck()
        expect(cells).to_have_count(0)
