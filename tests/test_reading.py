"""Reading first (issue 18), in headless Debian chromium: the built site on a phone and from the keyboard.

- At 375 px, on every page in both languages, nothing is wider than the screen: not the page, not
  a table, not a cell (tables become cards, site.css), not a cell's content.
- A glossary term is marked (``abbr``) at most once on a page, and never in a heading.
- The strategy page's text is passed with one Tab stop per section of clauses, and every clause's
  marks are still reached (the arrow keys, clause-keys.js), with their hint.
- Focus shows on every control of the visit guide, its checkboxes included.
- The search panel closes when focus leaves it; without JavaScript a line says where to look;
  a clause's search result is titled as the pages cite it.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, expect

from conftest import ROOT
from test_browser import browser, pages  # noqa: F401  (fixtures: one chromium, every page of the sitemap)

STRATEGY = "stockholm/strategi/"
VISIT = "besok/"
PHONE = {"width": 375, "height": 812}


@contextlib.contextmanager
def opened(browser: Browser, url: str, **context_args):
    context = browser.new_context(**context_args)
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        yield page
    finally:
        context.close()


# ---------------------------------------------------------------------------------------------
# A phone: nothing off-screen
# ---------------------------------------------------------------------------------------------

# Everything that sticks out of a 375 px screen: the page itself, each table, each visible
# cell and caption (left or right of the screen), and each cell whose content overflows it.
_OFF_SCREEN = """width => {
    const out = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > width) out.push(`the page is ${doc.scrollWidth}px wide`);
    document.querySelectorAll('article table').forEach((table, t) => {
        const boxes = [[table, 'table']];
        table.querySelectorAll('caption, tbody th, tbody td').forEach(c => boxes.push([c, c.tagName.toLowerCase()]));
        // The column headers are either on the screen or visually hidden (the cards' labels say them).
        const head = table.querySelector('thead');
        if (head && head.getBoundingClientRect().width > 1) {
            head.querySelectorAll('th, td').forEach(c => boxes.push([c, 'thead ' + c.tagName.toLowerCase()]));
        }
        for (const [el, what] of boxes) {
            const r = el.getBoundingClientRect();
            const text = el.textContent.trim().slice(0, 40);
            if (r.width === 0 && r.height === 0) continue;
            if (r.left < -0.5 || r.right > width + 0.5) {
                out.push(`table ${t + 1}: ${what} '${text}' spans ${Math.round(r.left)}..${Math.round(r.right)}px`);
            } else if (el.scrollWidth > el.clientWidth + 1) {
                out.push(`table ${t + 1}: ${what} '${text}' holds ${el.scrollWidth}px in ${el.clientWidth}px`);
            }
        }
        const wrap = table.closest('.md-typeset__scrollwrap, .md-typeset__table');
        if (wrap && wrap.scrollWidth > wrap.clientWidth + 1) {
            out.push(`table ${t + 1} scrolls sideways (${wrap.scrollWidth}px in ${wrap.clientWidth}px)`);
        }
    });
    return [out, document.querySelectorAll('article table').length];
}"""


def test_every_page_fits_a_phone(browser: Browser, served: str, pages: list[str]):
    problems, tables = [], 0
    with opened(browser, served, viewport=PHONE) as page:
        for path in pages:
            page.goto(served + path, wait_until="load")
            found, count = page.evaluate(_OFF_SCREEN, PHONE["width"])
            tables += count
            problems += [f"/{path}: {p}" for p in found]
    assert tables, "no table on any page: the test measured nothing"
    assert not problems, "at 375 px, off the screen:\n" + "\n".join(problems)


def _ax_roles(page: Page) -> dict[str, int]:
    """How many nodes of each role chromium's accessibility tree holds (DevTools protocol)."""
    client = page.context.new_cdp_session(page)
    try:
        nodes = client.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        client.detach()
    roles: dict[str, int] = {}
    for node in nodes:
        if not node.get("ignored"):
            role = node.get("role", {}).get("value", "")
            roles[role] = roles.get(role, 0) + 1
    return roles


def test_a_table_on_a_phone_is_cards_that_stay_a_table(browser: Browser, served: str):
    """The same HTML at both widths: columns side by side at 1280 px; at 375 px each cell under the
    other with its column's label, the header row visually hidden, the table's roles kept."""
    url = served + "ansvar/besok/"
    for width, stacked in ((1280, False), (375, True)):
        with opened(browser, url, viewport={"width": width, "height": 900}) as page:
            cells = page.locator("article table tbody tr").first.locator("th, td")
            lefts = [cells.nth(i).bounding_box()["x"] for i in range(cells.count())]
            assert cells.count() >= 3
            assert (len(set(round(x) for x in lefts)) == 1) is stacked, (width, lefts)
            label = cells.nth(1).evaluate("c => getComputedStyle(c, '::before').content")
            head = page.locator("article table thead th").nth(1).inner_text()
            if stacked:
                assert head in label, (label, head)
            else:
                assert label in ("none", "normal"), label
            # Still a table to a screen reader: chromium's own accessibility tree (not Playwright's
            # guess from the tags) has the table, its column headers and a cell for every cell.
            roles = _ax_roles(page)
            assert roles.get("table", 0) >= page.locator("article table").count(), (width, roles)
            assert roles.get("columnheader", 0) >= page.locator("article thead th").count(), (width, roles)
            assert roles.get("cell", 0) >= page.locator("article tbody td").count(), (width, roles)


# ---------------------------------------------------------------------------------------------
# The glossary: marked once, never in a heading (the built HTML of every page)
# ---------------------------------------------------------------------------------------------

def test_glossary_terms_are_marked_once_and_never_in_headings(site: Path):
    problems, marked = [], 0
    for path in sorted(site.rglob("index.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article")
        if article is None:
            continue
        seen: dict[str, str] = {}
        for abbr in article.select("abbr[title]"):
            marked += 1
            word = abbr.get_text()
            if abbr.find_parent(re.compile(r"^h[1-6]$")):
                problems.append(f"{path.relative_to(site)}: '{word}' marked in a heading")
            if abbr["title"] in seen:
                problems.append(f"{path.relative_to(site)}: '{word}' marked again (first as '{seen[abbr['title']]}')")
            seen.setdefault(abbr["title"], word)
        if soup.title and "<abbr" in str(soup.title):
            problems.append(f"{path.relative_to(site)}: a glossary mark in the page title")
    assert marked, "no glossary term marked on any page: the glossary's tooltips are gone"
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------------------------------------
# The keyboard: one stop per section of clauses, every clause reached
# ---------------------------------------------------------------------------------------------

_ACTIVE = """() => { const a = document.activeElement, art = document.querySelector('article');
    return [!!a && a !== document.body && art.contains(a), a ? a.className : '', a ? a.getAttribute('href') : null]; }"""
# What the text of the article offers the keyboard: the sections holding clause marks (the text
# between two headings), and every other Tab stop of the article (¶ permalinks, links of the
# commentary, footnotes), the hidden "citeras i" lists not counted.
_BOUND = """() => {
    const art = document.querySelector('article');
    const marks = 'a.clause-link, a.clause-original, a.cited-count';
    let sections = 0, open = false;
    art.querySelectorAll('h1, h2, h3, h4, h5, h6, ' + marks).forEach(el => {
        if (/^H\\d$/.test(el.tagName)) { open = false; return; }
        if (!open) { sections += 1; open = true; }
    });
    const others = [...art.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
        .filter(el => !el.matches(marks) && el.tabIndex >= 0 && el.getClientRects().length > 0);
    return [sections, others.length, art.querySelectorAll(marks).length];
}"""


def _tab_through_article(page: Page) -> list[tuple[str, str]]:
    """Tab from the top of the page until focus has passed the article; the stops inside it."""
    stops, inside_before = [], False
    for _ in range(1000):
        page.keyboard.press("Tab")
        inside, cls, href = page.evaluate(_ACTIVE)
        if inside:
            stops.append((cls, href))
        elif inside_before:
            return stops
        inside_before = inside
    raise AssertionError("Tab never left the article")


@pytest.mark.parametrize("lang", ["", "en/"])
def test_strategy_text_is_one_tab_stop_per_section(browser: Browser, served: str, lang: str):
    with opened(browser, served + lang + STRATEGY, viewport={"width": 1280, "height": 900}) as page:
        sections, others, marks = page.evaluate(_BOUND)
        stops = _tab_through_article(page)
        clause_stops = [s for s in stops if re.search(r"clause-link|clause-original|cited-count", s[0])]
        # One stop per section of clauses; nothing else of the article lost or added.
        assert len(clause_stops) == sections, (len(clause_stops), sections)
        assert len(stops) <= sections + others, (len(stops), sections, others)
        assert marks > 3 * sections, "the page's clause marks are not many more than its sections: nothing is measured"


def test_every_clause_mark_is_reached_with_the_arrow_keys(browser: Browser, served: str):
    with opened(browser, served + STRATEGY, viewport={"width": 1280, "height": 900}) as page:
        expected = page.eval_on_selector_all("article a.clause-link, article a.cited-count",
                                             "els => els.map(e => e.getAttribute('href'))")
        reached = []
        for cls, href in _tab_through_article(page):
            if "clause-link" not in cls:
                continue
            # The section's first mark has focus: its marks one by one with the arrow key, the hint shown.
            page.evaluate("h => document.querySelector(`article a.clause-link[href='${h}']`).focus()", href)
            page.keyboard.press("Home")
            expect(page.locator("#clause-keys")).to_be_visible()
            expect(page.locator("#clause-keys")).to_be_in_viewport()
            while True:
                reached.append(page.evaluate("document.activeElement.getAttribute('href')"))
                assert page.evaluate("getComputedStyle(document.activeElement.closest('.clause-marks')).opacity") == "1"
                before = reached[-1]
                page.keyboard.press("ArrowRight")
                if page.evaluate("document.activeElement.getAttribute('href')") == before:
                    break  # the section's last mark
        assert reached == expected, "the arrow keys did not reach every clause mark, in order"
        # Enter on a § link lands on its clause, as a click does.
        page.evaluate("document.querySelector(\"article a.clause-link[href='#strategi-4-p2']\").focus()")
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/{STRATEGY}#strategi-4-p2")
        assert page.evaluate("document.querySelector(':target').id") == "strategi-4-p2"
        expect(page.locator("#strategi-4-p2 .clause-marks")).to_be_visible()


def test_clause_marks_are_quiet_until_pointed_at(browser: Browser, served: str):
    with opened(browser, served + "en/" + STRATEGY, viewport={"width": 1280, "height": 900}) as page:
        marks = page.locator("#strategi-4-p1 > .clause-marks")
        assert marks.evaluate("m => getComputedStyle(m).opacity") == "0"
        # Hidden marks take no room in the line: the text does not move when they show.
        page.locator("#strategi-4-p1").scroll_into_view_if_needed()
        text_box = page.locator("#strategi-4-p1").bounding_box()
        page.locator("#strategi-4-p1").hover()
        assert marks.evaluate("m => getComputedStyle(m).opacity") == "1"
        assert page.locator("#strategi-4-p1").bounding_box() == text_box
        expect(marks.locator("a.clause-original")).to_have_text("sv")
        marks.locator("a.clause-original").click()
        page.wait_for_url(f"**/{STRATEGY}#strategi-4-p1")
        assert "/en/" not in page.url


# ---------------------------------------------------------------------------------------------
# Focus shown on every control; the search panel
# ---------------------------------------------------------------------------------------------

# The focus ring of the focused element: its outline or box-shadow, or for a task list's hidden
# checkbox the ring drawn round its icon (the indicator's ::after).
_RING = """() => {
    const a = document.activeElement;
    const ring = s => (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1) || s.boxShadow !== 'none';
    if (a.matches('.task-list-control [type=checkbox]')) {
        const s = getComputedStyle(a.nextElementSibling, '::after');
        return [a.getAttribute('aria-label'), s.content !== 'none' && ring(s)];
    }
    return [a.getAttribute('aria-label') || a.textContent.trim().slice(0, 30) || a.className, ring(getComputedStyle(a))];
}"""


def test_focus_is_visible_on_every_control_of_the_visit_guide(browser: Browser, served: str):
    with opened(browser, served + VISIT, viewport={"width": 1280, "height": 900}) as page:
        boxes = page.locator("article .task-list-control [type=checkbox]").count()
        assert boxes >= 5
        seen_boxes, problems = 0, []
        for _ in range(400):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement === document.body"):
                break
            name, ring = page.evaluate(_RING)
            seen_boxes += page.evaluate("document.activeElement.matches('.task-list-control [type=checkbox]')")
            if not ring:
                problems.append(name)
        assert seen_boxes == boxes, f"Tab reached {seen_boxes} of {boxes} checkboxes"
        assert not problems, f"no focus ring on: {problems}"


def test_search_panel_closes_when_focus_leaves_it(browser: Browser, served: str):
    with opened(browser, served + STRATEGY, viewport={"width": 1280, "height": 900}) as page:
        page.keyboard.press("/")
        page.locator(".md-search__input").fill("vänort")
        page.wait_for_function("() => document.querySelector('.md-search-result__list').dataset.query === 'vänort'",
                               timeout=20_000)
        assert page.evaluate("document.getElementById('__search').checked")
        page.keyboard.press("Tab")  # into the results: still open
        assert page.evaluate("document.querySelector('.md-search').contains(document.activeElement)")
        assert page.evaluate("document.getElementById('__search').checked")
        for _ in range(50):
            page.keyboard.press("Tab")
            if not page.evaluate("document.querySelector('.md-search').contains(document.activeElement)"):
                break
        page.wait_for_function("() => !document.getElementById('__search').checked", timeout=2_000)
        expect(page.locator(".md-search__overlay")).to_be_hidden()


@pytest.mark.parametrize("lang,query,clause", [("", "vänortsavtal", "strategi-4-p1"), ("en/", "twin", "strategi-4-p1")])
def test_search_results_are_titled_as_the_pages_cite(browser: Browser, served: str, lang: str, query: str,
                                                      clause: str):
    from policykit.project import load
    from policykit.render.common import Context, clause_label
    project = load(ROOT)
    name = clause_label(Context(project.model, project.data, lang.rstrip("/") or "sv", "index.md"), clause)
    with opened(browser, served + lang, viewport={"width": 1280, "height": 900}) as page:
        page.keyboard.press("/")
        page.locator(".md-search__input").fill(query)
        page.wait_for_function("q => document.querySelector('.md-search-result__list').dataset.query === q",
                               arg=query, timeout=20_000)
        result = page.locator(f".md-search-result__list a[href$='#{clause}'] h2")
        expect(result.first).to_have_text(name)
        titles = page.locator(".md-search-result__list h2").all_inner_texts()
        assert not [t for t in titles if t.startswith("§")], titles


@pytest.mark.parametrize("lang,link", [("", "Alla kommuner och dokument"), ("en/", "All municipalities and documents")])
def test_without_javascript_the_search_box_says_where_to_look(browser: Browser, served: str, lang: str, link: str):
    for viewport in (PHONE, {"width": 1280, "height": 900}):
        with opened(browser, served + lang + STRATEGY, java_script_enabled=False, viewport=viewport) as page:
            fallback = page.locator(".policy-search-nojs")
            expect(fallback).to_be_visible()
            expect(fallback).to_be_in_viewport()
            fallback.get_by_role("link", name=link).click()
            page.wait_for_url(f"{served}{lang}kommuner/")
