"""Material's stylesheet, pruned of the rules no page can match (policykit.publish.css_prune).

The unit tests pin the selector rule (what a selector requires, what it never requires); the
browser test proves it on the built site: on real pages in chromium, after Material's script and
ours have run (scrolled, a tooltip shown, the search opened with results, the language menu
open), every rule of Material's original stylesheet whose names the live page has is still in
the pruned one.
"""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
import tinycss2
from playwright.sync_api import sync_playwright

from policykit.publish import css_prune

ORIGINAL = next((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("main.*.min.css"))


def _required(selector: str) -> list[tuple[str, str]]:
    return css_prune.required(tinycss2.parse_component_value_list(selector))


def test_a_selector_requires_its_classes_ids_and_attribute_values_outside_functional_pseudo_classes():
    assert _required(".md-nav .md-nav__link") == [("class", "md-nav"), ("class", "md-nav__link")]
    assert _required("#__search:checked~.md-search") == [("id", "__search"), ("class", "md-search")]
    assert _required("[dir=rtl] .md-icon") == [("dir", "rtl"), ("class", "md-icon")]
    assert _required('[data-md-color-scheme="slate"]') == [("data-md-color-scheme", "slate")]
    # Names that match by absence, by alternatives or by part are never required.
    assert _required(".md-nav__link:not(.md-nav__container)") == [("class", "md-nav__link")]
    assert _required(":is(.md-typeset .tabbed-set,.admonition) p") == []
    assert _required("[class^=md-] a[href*=x] [hidden]") == []


def test_pruning_drops_only_what_needs_an_unknown_name():
    css = ("a{color:red}.known{margin:0}.gone{margin:1px}.known .gone,.known>p{padding:0}"
           ".known:not(.gone){top:0}@media screen{.gone{x:1}.known{y:2}}@media print{.gone{z:3}}"
           "@keyframes spin{0%{opacity:0}to{opacity:1}}[dir=rtl] .known{left:0}")
    pruned, dropped = css_prune.prune_css(css, {"class": {"known"}, "js": set()})
    assert pruned == ("a{color:red}.known{margin:0}.known>p{padding:0}.known:not(.gone){top:0}"
                      "@media screen{.known{y:2}}@keyframes spin{0%{opacity:0}to{opacity:1}}")
    assert dropped == 4
    # A name any script string holds is known: scripts set classes, e.g. Material's "md-tooltip2".
    assert ".gone{margin:1px}" in css_prune.prune_css(css, {"class": {"known"}, "js": {"gone"}})[0]


def test_known_names_read_every_attribute_of_every_tag_and_every_script_string(tmp_path):
    (tmp_path / "a.html").write_text('<p title="x > y" class="one two" id=three data-md-state=\'open\'><br/>',
                                     encoding="utf-8")
    (tmp_path / "a.js").write_text('el.classList.add("md-tooltip2--active"); var s = `md-${x} four`;', encoding="utf-8")
    known = css_prune.known_names(tmp_path)
    assert {"one", "two"} <= known["class"] and known["id"] == {"three"} and known["data-md-state"] == {"open"}
    assert {"md-tooltip2--active", "four"} <= known["js"]


def test_a_stylesheet_that_does_not_parse_is_an_error_not_a_silent_loss():
    with pytest.raises(ValueError, match="does not parse at line 2"):
        css_prune.prune_css(".a{x:1}\n.b", {"js": set()})


def test_the_pruned_copy_gets_its_own_hash_and_every_page_links_it(tmp_path):
    folder = tmp_path / "assets" / "stylesheets"
    folder.mkdir(parents=True)
    (folder / "main.0123abcd.min.css").write_text(".used{a:b}.unused{c:d}", encoding="utf-8")
    for page in ("index.html", "en/index.html"):
        (tmp_path / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / page).write_text('<link rel="stylesheet" href="assets/stylesheets/main.0123abcd.min.css">'
                                     '<p class="used">x</p>', encoding="utf-8")
    path = css_prune.prune(tmp_path)
    assert re.fullmatch(r"assets/stylesheets/main\.[0-9a-f]{8}\.min\.css", path)
    assert (tmp_path / path).read_text(encoding="utf-8") == ".used{a:b}"
    assert not (folder / "main.0123abcd.min.css").exists()
    for page in ("index.html", "en/index.html"):
        assert path in (tmp_path / page).read_text(encoding="utf-8")


def _live_names(page) -> dict[str, list[str]]:
    """{"class": [...], "id": [...], attribute: [values]} of every element of the live page."""
    return page.evaluate("""() => {
        const names = {};
        for (const el of document.querySelectorAll('*')) {
            for (const attr of el.attributes) {
                (names[attr.name] = names[attr.name] || []).push(...attr.value.split(/\\s+/).filter(Boolean));
            }
        }
        return names;
    }""")


def test_no_rule_whose_names_a_live_page_has_was_pruned(site, served):
    kept = next((site / css_prune.STYLESHEETS).glob("main.*.min.css")).read_text(encoding="utf-8")
    live: dict[str, set[str]] = {"js": set()}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        try:
            for path, query in (("stockholm/strategi/", "besök"), ("en/stockholm/strategi/", "visits"),
                                ("jamforelse/", "avtal"), ("", "kontaktperson")):
                for width in (1280, 375):
                    page = browser.new_page(viewport={"width": width, "height": 800})
                    page.goto(served + path, wait_until="networkidle")
                    page.mouse.wheel(0, 2500)
                    page.mouse.wheel(0, -600)  # scrolling up shows the back-to-top button
                    page.wait_for_timeout(300)
                    cites = page.locator("article a[title]")
                    if cites.count():
                        cites.first.hover()
                    for attr, values in _live_names(page).items():
                        live.setdefault(attr, set()).update(values)
                    page.keyboard.press("Escape")
                    page.keyboard.press("/")
                    page.keyboard.type(query)
                    page.wait_for_function("() => document.querySelector('.md-search-result__list').children.length > 0")
                    for attr, values in _live_names(page).items():
                        live.setdefault(attr, set()).update(values)
                    page.close()
        finally:
            browser.close()
    assert {"md-search-result__item", "md-top"} <= live["class"]  # the interactions happened
    missing = []
    for rule in tinycss2.parse_stylesheet(ORIGINAL.read_text(encoding="utf-8"), skip_whitespace=True, skip_comments=True):
        if rule.type != "qualified-rule":
            continue
        for selector in css_prune._selectors(rule.prelude):
            needs = css_prune.required(selector)
            if needs and all(css_prune._is_known(n, live) for n in needs):
                text = tinycss2.serialize(selector).strip()
                if text not in kept:
                    missing.append(text)
    assert len(kept) < ORIGINAL.stat().st_size * 0.8  # it was pruned
    assert missing == [], missing[:20]
