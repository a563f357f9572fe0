"""The built site in a real browser: headless Debian chromium driven by Playwright.

Every content page must load only from the local server, declare Swedish, and pass axe-core's
WCAG 2.0/2.1 level A and AA rules. Clause links and deep links must land on their clause, and
the Strömsund page must say where its incomplete source text ends.

Playwright never downloads a browser here: chromium is always Debian's /usr/bin/chromium.
"""

from __future__ import annotations

import contextlib
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
LOCAL_HOST = "127.0.0.1"
HARMLESS_SCHEMES = {"data", "blob"}

STRATEGY = "stockholm/strategi/"
STROMSUND = "stromsund/policy/"

# The element's top edge and the bottom edge of Material's sticky header, which covers the top
# of the viewport: a target scrolled to just under the header would be in the viewport but hidden.
_TOP_AND_HEADER = """id => {
    const header = document.querySelector('.md-header');
    return [document.getElementById(id).getBoundingClientRect().top,
            header ? header.getBoundingClientRect().bottom : 0];
}"""
_TARGET_ID = "(() => { const t = document.querySelector(':target'); return t ? t.id : null; })()"


# ---------------------------------------------------------------------------------------------
# Fixtures and helpers
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser() -> Browser:
    """One headless chromium for the whole module."""
    assert Path(CHROMIUM).is_file(), f"{CHROMIUM} is missing: install Debian's chromium (make chromium)"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def pages(site: Path) -> list[str]:
    """Every content page as a path relative to the site root ('' is the start page).

    Found from the built files (every index.html; 404.html is not a content page) and checked
    against sitemap.xml, whose URLs use site_url and are mapped onto the served site by path.
    """
    from_files = sorted(
        "" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
        for p in site.rglob("index.html")
    )
    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = ET.parse(site / "sitemap.xml").getroot().findall("sm:url/sm:loc", ns)
    from_sitemap = sorted(urlsplit(loc.text.strip()).path.lstrip("/") for loc in locs)
    assert from_files == from_sitemap, (
        f"built pages and sitemap.xml disagree:\n  files:   {from_files}\n  sitemap: {from_sitemap}")
    assert {"", STRATEGY, STROMSUND} <= set(from_files), from_files
    return from_files


@dataclass
class Visit:
    page: Page
    status: int | None = None
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@contextlib.contextmanager
def visit(browser: Browser, url: str):
    """Open url in a fresh context (no cache, no history), recording every request it makes."""
    context = browser.new_context()
    try:
        page = context.new_page()
        v = Visit(page)
        # On the context, so requests from workers (Material's search) and popups count too.
        context.on("request", lambda r: v.requests.append(r.url))
        context.on("requestfailed", lambda r: v.errors.append(f"request failed ({r.failure}): {r.url}"))
        context.on("response", lambda r: r.status >= 400 and v.errors.append(f"HTTP {r.status}: {r.url}"))
        response = page.goto(url, wait_until="networkidle")
        v.status = response.status if response else None
        yield v
    finally:
        context.close()


def _name(path: str) -> str:
    return path or "(start page)"


def _assert_on_target(page: Page, clause_id: str) -> None:
    """The clause is the document's :target, in the viewport, and not hidden under the header."""
    # The fragment is applied once the document has finished loading; on a busy machine that can come
    # after "networkidle": wait for it (a clause that never becomes the target still fails below).
    try:
        page.wait_for_function("id => { const t = document.querySelector(':target'); return !!t && t.id === id; }",
                               arg=clause_id, timeout=10_000)
    except PlaywrightTimeoutError:
        pass
    assert page.evaluate(_TARGET_ID) == clause_id
    expect(page.locator(f"#{clause_id}")).to_be_in_viewport()
    top, header_bottom = page.evaluate(_TOP_AND_HEADER, clause_id)
    assert top >= header_bottom - 1, (
        f"#{clause_id} is scrolled under the sticky header (top {top}px, header ends at {header_bottom}px)")


# ---------------------------------------------------------------------------------------------
# Every page: local requests only, Swedish, accessible
# ---------------------------------------------------------------------------------------------

def test_pages_load_only_from_localhost_in_their_language(browser: Browser, served: str, pages: list[str]):
    problems = []
    for path in pages:
        name = _name(path)
        with visit(browser, served + path) as v:
            if v.status != 200:
                problems.append(f"{name}: the page answered HTTP {v.status}")
            if not v.requests:
                problems.append(f"{name}: no requests recorded at all (the recorder is broken)")
            for url in v.requests:
                parts = urlsplit(url)
                if parts.scheme not in HARMLESS_SCHEMES and parts.hostname != LOCAL_HOST:
                    problems.append(f"{name}: request to another host: {url}")
            problems += [f"{name}: {e}" for e in v.errors]
            lang = v.page.evaluate("document.documentElement.getAttribute('lang')")
            expected = "en" if path.startswith("en/") else "sv"
            if lang != expected:
                problems.append(f"{name}: <html lang> is {lang!r}, expected {expected!r}")
    assert not problems, "\n".join(problems)


def test_pages_have_no_axe_violations(browser: Browser, served: str, pages: list[str]):
    axe = Axe()
    report = []
    for path in pages:
        with visit(browser, served + path) as v:
            violations = axe.run(v.page, options=AXE_OPTIONS).response["violations"]
        for viol in violations:
            targets = [" ".join(map(str, node["target"])) for node in viol["nodes"]]
            shown = "; ".join(targets[:3]) + (f"; ... ({len(targets)} in all)" if len(targets) > 3 else "")
            report.append(f"{_name(path)}: {viol['id']} ({viol.get('impact')}): {viol['help']}\n"
                          f"    at {shown}\n    see {viol.get('helpUrl', '')}")
    assert not report, "axe-core found WCAG 2.1 A/AA violations:\n" + "\n".join(report)


# ---------------------------------------------------------------------------------------------
# Clause links and deep links
# ---------------------------------------------------------------------------------------------

def test_clause_link_click_targets_the_clause(browser: Browser, served: str):
    clause = "strategi-4-p2"
    with visit(browser, served + STRATEGY) as v:
        page = v.page
        assert page.evaluate(_TARGET_ID) is None, "nothing should be :target before the click"
        link = page.locator(f'span.clause#{clause} a.clause-link[href="#{clause}"]')
        expect(link).to_have_count(1)
        # The marks are quiet until the reader points at the clause (site.css): then the § is clicked.
        page.locator(f"#{clause}").hover()
        link.click()
        page.wait_for_url(f"**/{STRATEGY}#{clause}")
        assert page.url.endswith(f"#{clause}"), page.url
        _assert_on_target(page, clause)


def test_deep_link_to_a_clause(browser: Browser, served: str):
    clause = "strategi-3-2-s4"
    with visit(browser, f"{served}{STRATEGY}#{clause}") as v:
        assert v.page.url.endswith(f"#{clause}"), v.page.url
        assert v.page.locator(f"span.clause#{clause}").count() == 1
        _assert_on_target(v.page, clause)


# ---------------------------------------------------------------------------------------------
# Where a clause is cited: a count that opens the list, from the keyboard, without JavaScript
# ---------------------------------------------------------------------------------------------

CITED_CLAUSE = "strategi-5-s16"  # cited on four pages


def _axe_violations(page: Page) -> list[str]:
    return [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in Axe().run(page, options=AXE_OPTIONS).response["violations"]]


@pytest.mark.parametrize("lang,name", [("", "Citeras på 4 sidor"), ("en/", "Cited on 4 pages")])
def test_cited_count_opens_its_list_from_the_keyboard(browser: Browser, served: str, lang: str, name: str):
    clause, list_id = CITED_CLAUSE, f"cited-{CITED_CLAUSE}"
    with visit(browser, served + lang + STRATEGY) as v:
        page = v.page
        cited = page.locator(f"#{list_id}")
        expect(cited).to_be_hidden()  # the text reads without the lists
        assert page.locator("article .cited-in:visible").count() == 0
        count = page.locator(f"#{clause} a.cited-count")
        expect(count).to_have_accessible_name(name)
        expect(count).to_have_text("4")
        # Reached from the clause's § link with the arrow key (clause-keys.js: a section's marks are one
        # Tab stop; on English pages the "sv" link comes between).
        page.locator(f"#{clause} a.clause-link").focus()
        for _ in range(2):
            page.keyboard.press("ArrowRight")
            if page.evaluate("document.activeElement.classList.contains('cited-count')"):
                break
        assert page.evaluate("document.activeElement.getAttribute('href')") == f"#{list_id}"
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/{STRATEGY}#{list_id}")
        expect(cited).to_be_visible()
        expect(cited.locator("a")).to_have_count(4)
        top, header_bottom = page.evaluate(_TOP_AND_HEADER, list_id)
        assert top >= header_bottom - 1, f"the opened list is under the sticky header ({top}px < {header_bottom}px)"
        assert page.locator("article .cited-in:visible").count() == 1, "only the chosen list opens"
        # The next Tab goes into the list that was opened.
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('.cited-in')?.id") == list_id
        assert not _axe_violations(page), _axe_violations(page)


@pytest.mark.parametrize("lang", ["", "en/"])
def test_cited_count_works_without_javascript_on_a_phone(browser: Browser, served: str, lang: str):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 812},
                                  has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(served + lang + STRATEGY, wait_until="load")
        cited = page.locator(f"#cited-{CITED_CLAUSE}")
        expect(cited).to_be_hidden()
        # A tap on the clause shows its quiet marks (site.css), a tap on the count opens the list.
        page.locator(f"#{CITED_CLAUSE}").tap()
        page.locator(f"#{CITED_CLAUSE} a.cited-count").tap()
        expect(cited).to_be_visible()
        expect(cited).to_be_in_viewport()
        # The article's text, the counts and the opened list fit the phone's width. (Material's
        # language menu, hidden off-screen, makes the document itself wider without JavaScript;
        # the other clauses' marks are hidden, opacity 0 in a box of no width, until tapped.)
        right = page.evaluate("Math.max(...[...document.querySelectorAll('article *')]"
                              ".filter(e => e.checkVisibility({opacityProperty: true}))"
                              ".map(e => e.getBoundingClientRect().right))")
        assert right <= 375, f"the article is wider than a phone: {right}px"
    finally:
        context.close()


# ---------------------------------------------------------------------------------------------
# The incomplete Strömsund source says where it ends
# ---------------------------------------------------------------------------------------------

def test_stromsund_says_where_the_source_ends(browser: Browser, served: str):
    with visit(browser, served + STROMSUND) as v:
        notes = v.page.locator("article .admonition").filter(has_text="slutar")
        assert notes.count() >= 1, "no admonition on the Strömsund page says where the source text ends"
        last = notes.last
        expect(last).to_be_visible()
        # The note that says it stops must come after the last clause of policy text.
        after_text = last.evaluate("""note => {
            const clauses = document.querySelectorAll('article .clause');
            const lastClause = clauses[clauses.length - 1];
            return !!lastClause && !!(lastClause.compareDocumentPosition(note) & Node.DOCUMENT_POSITION_FOLLOWING);
        }""")
        assert after_text, "the admonition about where the source ends is not after the last clause"


# ---------------------------------------------------------------------------------------------
# Two languages: the switcher keeps page and clause; search stays in the reader's language
# ---------------------------------------------------------------------------------------------

def test_switching_language_keeps_the_page_and_the_clause(browser: Browser, served: str):
    with visit(browser, served + STRATEGY + "#strategi-4-p2") as v:
        page = v.page
        page.locator(".md-header__option .md-select").hover()
        page.locator('a.md-select__link[hreflang="en"]').click()
        page.wait_for_url("**/en/stockholm/strategi/#strategi-4-p2")
        assert page.evaluate("document.documentElement.lang") == "en"
        _assert_on_target(page, "strategi-4-p2")
        assert "twinning agreements" in page.locator("#strategi-4-p1").inner_text()
        page.locator(".md-header__option .md-select").hover()
        page.locator('a.md-select__link[hreflang="sv"]').click()
        page.wait_for_url(f"{served}{STRATEGY}#strategi-4-p2")
        _assert_on_target(page, "strategi-4-p2")


def test_english_clause_links_to_its_swedish_original(browser: Browser, served: str):
    with visit(browser, served + "en/" + STRATEGY) as v:
        v.page.locator("#strategi-3-2-s4").hover()  # the marks show when the clause is pointed at
        v.page.locator("#strategi-3-2-s4 a.clause-original").click()
        v.page.wait_for_url(f"{served}{STRATEGY}#strategi-3-2-s4")
        _assert_on_target(v.page, "strategi-3-2-s4")
        assert "omvärldsbevakning" in v.page.locator("#strategi-3-2-s4").inner_text()


def _search(browser: Browser, url: str, query: str) -> list[str]:
    """Open the search with "/", type a query (Pagefind, loaded on opening); return the result links."""
    with visit(browser, url) as v:
        page = v.page
        assert not [u for u in v.requests if "/pagefind/" in u], "search files fetched before the search was opened"
        page.keyboard.press("/")
        page.locator(".md-search__input").fill(query)
        page.wait_for_function("q => document.querySelector('.md-search-result__list').dataset.query === q",
                               arg=query, timeout=20_000)
        remote = [u for u in v.requests if urlsplit(u).scheme not in HARMLESS_SCHEMES and urlsplit(u).hostname != LOCAL_HOST]
        assert not remote, remote
        return page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")


def test_swedish_search_finds_swedish_pages_only(browser: Browser, served: str):
    hits = _search(browser, served, "vänort")
    assert hits, "a Swedish search for vänort found nothing"
    assert all(urlsplit(h).path.startswith("/") and not urlsplit(h).path.startswith("/en/") for h in hits), hits
    assert any("/stockholm/strategi/" in h or "/stromsund/policy/" in h for h in hits), hits
    assert any(urlsplit(h).fragment == "strategi-4-p1" for h in hits), "the clause itself, not only its page"


def test_english_search_finds_english_pages_only(browser: Browser, served: str):
    hits = _search(browser, served + "en/", "twin")
    assert hits, "an English search for twin found nothing"
    assert all(urlsplit(h).path.startswith("/en/") for h in hits), hits
    assert any(urlsplit(h).fragment == "strategi-4-p1" for h in hits), hits


# ---------------------------------------------------------------------------------------------
# The onboarding path from the start page, in both languages
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang,guide_link", [("", "vägledningen för nya kontaktpersoner"),
                                             ("en/", "guide for new contact persons")])
def test_onboarding_path_from_the_start_page(browser: Browser, served: str, lang: str, guide_link: str):
    with visit(browser, served + lang) as v:
        page = v.page
        page.get_by_role("link", name=guide_link).click()
        page.wait_for_url(f"{served}{lang}kontaktperson/")
        refs = page.locator('article a[href*="stockholm/strategi/#strategi-5-"]')
        assert refs.count() >= 3, "the guide cites fewer than three clauses of section 5"
        target = refs.first.get_attribute("href").split("#")[1]
        assert refs.first.get_attribute("title"), "a clause citation shows the clause's words as tooltip"
        refs.first.click()
        page.wait_for_url(f"{served}{lang}stockholm/strategi/#{target}")
        _assert_on_target(page, target)
        page.go_back()
        page.get_by_role("link", name="besöksförfrågan" if not lang else "visit request").first.click()
        page.wait_for_url(f"{served}{lang}besok/**")
        assert page.locator("article details, article .task-list-item").count() >= 5
