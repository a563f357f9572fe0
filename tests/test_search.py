"""Search in a real browser: Pagefind in Material's header box, as a reader uses it.

Every query is typed into the search box of a page (opened with "/"), and the clause that says it
in the policy text must be among the first results, linked to its anchor with its sentence shown;
the link must land on the clause. Swedish inflections (besöket -> besök) and compounds (avtal ->
samarbetsavtal, vänortsavtal; besök -> besöksförfrågningar), English forms (agreement ->
agreements, visits -> visit). Nothing is fetched for search before it is opened, only the page's
language is searched, and no request leaves 127.0.0.1. Headless Debian chromium, as test_browser.py.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from test_browser import AXE_OPTIONS, HARMLESS_SCHEMES, LOCAL_HOST, _assert_on_target, browser, visit  # noqa: F401

FIRST = 10  # "among the first results": the first ten links of the result list
STRATEGY, STROMSUND = "stockholm/strategi/", "stromsund/policy/"

# (query, page of the expected clause, any of these clause ids)
SWEDISH = [
    ("kontaktperson", STRATEGY, {"strategi-5-s24", "strategi-5-s22", "strategi-5-s23"}),
    ("kontaktpersonerna", STRATEGY, {"strategi-5-s23"}),
    ("medlemskap", STRATEGY, {"strategi-5-s7", "strategi-5-s13", "strategi-4-p3"}),
    ("EU-projekt", STRATEGY, {"strategi-3-3-s8", "strategi-5-s13", "strategi-5-s20"}),
    ("EU-program", STROMSUND, {"stromsund-former-p1"}),
    ("Sida", STRATEGY, {"strategi-4-p5"}),
    ("besöket", STRATEGY, {"strategi-3-3-s11", "strategi-3-3-s12", "strategi-5-s4", "strategi-4-p4"}),
    ("besöksförfrågningar", STRATEGY, {"strategi-5-s16"}),
    ("förfrågningar", STRATEGY, {"strategi-5-s16", "strategi-1-s7"}),
    ("avtal", STRATEGY, {"strategi-4-p1", "strategi-4-p2", "strategi-4-p3"}),
    ("vänortsavtal", STRATEGY, {"strategi-4-p1"}),
    ("samarbetsavtal", STRATEGY, {"strategi-4-p2"}),
    ("vänort", STRATEGY, {"strategi-4-p1"}),
    ("vänorter", STRATEGY, {"strategi-4-p1"}),
    ("utrikespolitik", STRATEGY, {"strategi-4-s1"}),
    ("politik", STRATEGY, {"strategi-4-s1", "strategi-fn1"}),
    ("inbjudningsbrev", STRATEGY, {"strategi-4-p4"}),
    ("delegationer", STRATEGY, {"strategi-4-p4", "strategi-5-s4"}),
    ("omvärldsbevakning", STRATEGY, {"strategi-3-2-s4", "strategi-3-2-s5", "strategi-3-2-s9"}),
    ("bevakning", STRATEGY, {"strategi-3-2-s4", "strategi-3-2-s5", "strategi-3-2-s9"}),
    ("Europaföreningen", STRATEGY, {"strategi-5-s26", "strategi-5-s25", "strategi-5-s28", "strategi-5-s29"}),
    ("varumärket", STRATEGY, {"strategi-3-1-s5", "strategi-1-s4"}),
    ("profilering", STRATEGY, {"strategi-3-1-s4"}),
    ("företagskontakter", STROMSUND, {"stromsund-mal-p1"}),
    ("turistort", STROMSUND, {"stromsund-mal-p3"}),
    ("bistånd", STRATEGY, {"strategi-4-p5", "strategi-fn1"}),
]
ENGLISH = [
    ("twin", STRATEGY, {"strategi-4-p1"}),
    ("membership", STRATEGY, {"strategi-5-s13", "strategi-5-s7"}),
    ("agreement", STRATEGY, {"strategi-4-p2", "strategi-4-p1"}),
    ("foreign policy", STRATEGY, {"strategi-4-s1"}),
    ("EU projects", STRATEGY, {"strategi-3-3-s8"}),
    ("visits", STRATEGY, {"strategi-3-3-s11", "strategi-3-3-s12", "strategi-5-s4", "strategi-5-s16"}),
    ("visit requests", STRATEGY, {"strategi-5-s16"}),
    ("contact person", STRATEGY, {"strategi-5-s24", "strategi-5-s22"}),
    ("Sida", STRATEGY, {"strategi-4-p5"}),
    ("letters of invitation", STRATEGY, {"strategi-4-p4"}),
    ("EU programmes", STROMSUND, {"stromsund-former-p1"}),
    ("business contacts", STROMSUND, {"stromsund-mal-p1"}),
]
QUERIES = [("", *q) for q in SWEDISH] + [("en/", *q) for q in ENGLISH]


def search(page: Page, query: str) -> list[str]:
    """Type query into the open search box; the result links' hrefs once the results are shown."""
    box = page.locator(".md-search__input")
    box.fill("")
    box.fill(query)
    page.wait_for_function(
        """q => document.querySelector('.md-search__input').value === q
               && document.querySelector('.md-search-result__list').dataset.query === q""", arg=query, timeout=20_000)
    # The links a reader sees: not those folded into "N more on this page".
    return page.eval_on_selector_all(".md-search-result__list a", "els => els.filter(e => !e.closest('details')).map(e => e.href)")


def _clause_links(hrefs: list[str], served: str, lang: str, page: str, ids: set[str]) -> list[tuple[int, str]]:
    found = []
    for rank, href in enumerate(hrefs):
        parts = urlsplit(href)
        if parts.path == urlsplit(served).path + lang + page and parts.fragment in ids:
            found.append((rank, href))
    return found


def test_thirty_queries_find_the_clause_and_land_on_it(browser: Browser, served: str):
    assert len(QUERIES) >= 30
    problems = []
    for lang in ("", "en/"):
        with visit(browser, served + lang + STRATEGY) as v:
            v.page.keyboard.press("/")  # opens the search, as Material's did
            focused = v.page.evaluate("[document.activeElement.className, document.getElementById('__search').checked]")
            assert "md-search__input" in focused[0] and focused[1], focused
            for q_lang, query, page, ids in QUERIES:
                if q_lang != lang:
                    continue
                hrefs = search(v.page, query)
                shown = v.page.eval_on_selector_all(".md-search-result__item", """items => items.map(item =>
                    Array.from(item.querySelectorAll('p')).map(p => p.textContent))""")
                if any("\u00b6" in text for texts in shown for text in texts):
                    problems.append(f"{lang}{query!r}: a heading's permalink mark in a result: {shown}")
                if any(len(set(texts)) < len(texts) for texts in shown):
                    problems.append(f"{lang}{query!r}: a result repeats its own excerpt: {shown}")
                hits = _clause_links(hrefs, served, lang, page, ids)
                if not hits or hits[0][0] >= FIRST:
                    shown = "\n      ".join(hrefs[:FIRST])
                    problems.append(f"{lang}{query!r}: none of {sorted(ids)} among the first {FIRST} links:\n      {shown}")
                    continue
                rank, href = hits[0]
                sentence = v.page.locator(f'.md-search-result__list a[href$="#{urlsplit(href).fragment}"] p').first
                if "<mark>" not in sentence.inner_html():
                    problems.append(f"{lang}{query!r}: the clause's sentence is shown without the words found marked")
                with visit(browser, href) as landed:
                    try:
                        _assert_on_target(landed.page, urlsplit(href).fragment)
                    except AssertionError as exc:
                        problems.append(f"{lang}{query!r}: {href} does not land on the clause: {exc}")
                    if not landed.page.locator(f"#{urlsplit(href).fragment} mark").count():
                        problems.append(f"{lang}{query!r}: the landing clause does not mark the words searched")
    assert not problems, "\n".join(problems)


def test_prefixes_and_compounds_are_found_in_the_clauses(browser: Browser, served: str):
    """besök finds besöksförfrågningar (a prefix); avtal finds samarbetsavtal and vänortsavtal (a compound's end)."""
    with visit(browser, served + STRATEGY) as v:
        v.page.keyboard.press("/")
        cases = {"besök": ("besöksförfrågningar", "besöksbedömningar"), "avtal": ("samarbetsavtal", "vänortsavtal")}
        for query, compounds in cases.items():
            search(v.page, query)
            marked = v.page.eval_on_selector_all(".md-search-result__list a[href*='#strategi-'] mark",
                                                 "els => els.map(e => e.textContent.toLowerCase())")
            for word in compounds:
                assert any(m.startswith(word) for m in marked), (query, word, marked)


def test_policy_text_ranks_before_guidance_that_quotes_it(browser: Browser, served: str):
    """For a word of policy text, the document's clause comes before any guidance page's link."""
    with visit(browser, served + STRATEGY) as v:
        v.page.keyboard.press("s")
        for query in ("kontaktperson", "medlemskap", "EU-projekt", "vänortsavtal"):
            hrefs = search(v.page, query)
            first_clause = next(i for i, h in enumerate(hrefs) if urlsplit(h).path.endswith(f"/{STRATEGY}"))
            guidance = [i for i, h in enumerate(hrefs) if "/kontaktperson/" in h or "/ansvar/" in h or "/principer/" in h]
            assert not guidance or first_clause < guidance[0], (query, hrefs[:FIRST])


@pytest.mark.parametrize("lang,query,other", [("", "vänort", "/en/"), ("en/", "twin", None)])
def test_search_costs_nothing_until_opened_and_stays_local_and_in_its_language(browser: Browser, served: str,
                                                                               lang: str, query: str, other):
    with visit(browser, served + lang + STRATEGY) as v:
        page = v.page
        assert not [u for u in v.requests if "/pagefind/" in u], "Pagefind was fetched before the search was opened"
        page.keyboard.press("/")
        hrefs = search(page, query)
        assert hrefs, f"{query!r} found nothing"
        paths = [urlsplit(h).path for h in hrefs]
        if other:  # Swedish results only
            assert not any(p.startswith(other) for p in paths), paths
        else:
            assert all(p.startswith("/en/") for p in paths), paths
        assert any(u.endswith(f".pf_meta") and f"pagefind.{'en' if lang else 'sv'}_" in u for u in v.requests), v.requests
        assert not any(f"pagefind.{'sv' if lang else 'en'}_" in u for u in v.requests), "the other language's index"
        remote = [u for u in v.requests if urlsplit(u).scheme not in HARMLESS_SCHEMES and urlsplit(u).hostname != LOCAL_HOST]
        assert not remote, remote
        assert not v.errors, v.errors
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        assert not violations, [(x["id"], [n["target"] for n in x["nodes"]][:3]) for x in violations]


def test_keyboard_opens_moves_and_closes(browser: Browser, served: str):
    with visit(browser, served + STRATEGY) as v:
        page = v.page
        page.keyboard.press("s")
        assert page.evaluate("document.getElementById('__search').checked")
        search(page, "vänortsavtal")
        page.keyboard.press("ArrowDown")
        assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
        page.keyboard.press("Escape")
        assert not page.evaluate("document.getElementById('__search').checked")
        page.keyboard.press("/")
        assert page.evaluate("document.getElementById('__search').checked")


def test_pagefind_entry_lists_its_languages_sorted_so_identical_builds_are_identical(site, tmp_path):
    import json

    from policykit.publish import search as indexing
    entry = tmp_path / "pagefind-entry.json"
    entry.write_text('{"version":"1.5.2","languages":{"sv":{"page_count":2},"en":{"page_count":2}},'
                     '"include_characters":["_"]}', encoding="utf-8")
    indexing._sort_entry(entry)
    assert entry.read_text(encoding="utf-8") == ('{"version":"1.5.2","languages":{"en":{"page_count":2},'
                                                 '"sv":{"page_count":2}},"include_characters":["_"]}')
    built = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(built["languages"]) == sorted(built["languages"]) and len(built["languages"]) > 1


@pytest.mark.parametrize("query", ["twin city", "twin cities", "twin-city"])
def test_the_termbase_variants_find_the_clause_in_english(browser: Browser, served: str, query: str):
    """The strategy's English says "twin towns" (terms.yml's choice); a reader who searches a variant
    the termbase avoids still finds the clause (publish/synonyms.py)."""
    with visit(browser, served + "en/" + STRATEGY) as v:
        v.page.keyboard.press("/")
        hits = _clause_links(search(v.page, query), served, "en/", STRATEGY, {"strategi-4-p1"})
        assert hits and hits[0][0] < FIRST, query
