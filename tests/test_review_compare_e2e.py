"""The review app's comparison step end to end: add, review, approve, compare, build, in a real browser.

Ekby's PDF (tests/fixtures/review/input.pdf) is added with the real add command to a copy of the
project; the real server (``python -m policykit review``) runs on a free port, and Debian's chromium,
driven by Playwright, takes the draft to approved as test_review_e2e.py does (its helpers), then opens
"Jämför Ekby kommun". There the reviewer accepts three topics, one as proposed, one with a proposed
clause unticked, one with its status and clauses changed; rejects a fourth; tries a role the clause
does not license (the checker's message; nothing written) and accepts two roles. Clicks are counted
(typing is not). axe finds no WCAG 2.1 A/AA violation on the step's page, no request leaves the app
and no page breaks its Content-Security-Policy.

Then the project is built once: each topic's page (jamforelse/<topic>/) and Ekby's page
(kommuner/ekby/#jamforelse) show its cells with their clause links, in both languages; the
responsibilities pages show its two roles; data/comparison.json has the cells.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from conftest import BUILD_CMD, draft_copy, run
from test_review_e2e import AXE_OPTIONS, CHROMIUM, REVIEWER, files, review_app

# topic: (status, clauses, Swedish summary, English summary); the reviewer's own words
TOPICS = {
    "syfte": ("addressed", ["ekby-syfte-s1"], "Policyn ska främja kommunens övergripande mål för tillväxt och utbildning.",
              "The policy is to promote the municipality's overall goals for growth and education."),
    "organisation": ("addressed", ["ekby-ansvar-s1", "ekby-ansvar-s2"],
                     "Kommunstyrelsen ansvarar för att policyn följs, och varje nämnd ska redovisa sitt internationella "
                     "arbete en gång per år.",
                     "Kommunstyrelsen (the municipal executive board) is responsible for making sure the policy is "
                     "followed, and each committee is to report on its international work once a year."),
    "besok": ("addressed", ["ekby-syfte-s2"],
              "Det internationella arbetet ska göra kommunen till en god värd för gäster från andra länder.",
              "International work is to make the municipality a good host for guests from other countries."),
}
REJECTED = "eu"
# The step's clicks on this document: the link, a status radio and the clause boxes the reviewer
# changes, Godta per topic, Avvisa, and per role Godta (the first one twice: once refused); measured 11
CLICKS = 11
# (label of the body, label of the kind proposed, kind chosen, area, Swedish task, English task, English body name)
ROLES = [("Kommunstyrelsen", "ansvarar för", "responsible", "samordning", "Att policyn följs",
          "That the policy is followed", "Kommunstyrelsen (the municipal executive board)"),
         ("Nämnd", "ska", "is-to", "redovisning", "Redovisa sitt internationella arbete en gång per år",
          "Report on its international work once a year", "Each committee (nämnd)")]


@pytest.fixture(scope="module")
def compared(ekby_draft, tmp_path_factory):
    """(files after approval, files after the comparison, site, clicks, foreign requests, CSP messages,
    the refused change's message, files after it)."""
    assert Path(CHROMIUM).is_file(), f"{CHROMIUM} is missing: install Debian's chromium (make chromium)"
    base = tmp_path_factory.mktemp("compare-e2e")
    root = draft_copy(ekby_draft, base / "project")
    out = {}
    clicks = 0
    with review_app(root) as (page, url, foreign, violations):
        def click(locator, navigates=True):
            nonlocal clicks
            clicks += 1
            if not navigates:
                return locator.click()
            with page.expect_navigation():
                locator.click()

        # the review, as test_review_e2e.py does it
        click(page.get_by_role("link", name="Policy för internationellt samarbete"))
        click(page.get_by_role("button", name="Rad 17: Brevhuvud"))
        click(page.get_by_role("button", name="Rad 13: Rubrik"))
        click(page.locator("#words").get_by_role("button", name="värd", exact=True))
        page.get_by_label("Ditt namn").fill(REVIEWER)
        click(page.get_by_role("button", name="Godkänn"))
        out["approved"] = files(root)
        out["review_clicks"] = clicks
        # the comparison step
        click(page.get_by_role("link", name="Jämför Ekby kommun"))
        expect(page.locator("h1")).to_have_text("Jämför Ekby kommun")
        axe = Axe().run(page, options=AXE_OPTIONS)
        assert axe.violations_count == 0, axe.generate_report()
        for topic, (status, clauses, sv, en) in TOPICS.items():
            form = page.locator(f"#amne-{topic} form")
            radio = form.locator(f'input[name="status"][value="{status}"]')
            if not radio.is_checked():
                click(radio, navigates=False)
            for box in form.locator('input[name="clause"]').all():
                if box.is_checked() != (box.get_attribute("value") in clauses):
                    click(box, navigates=False)
            form.locator('input[name="sv"]').fill(sv)
            form.locator('input[name="en"]').fill(en)
            click(form.get_by_role("button", name="godta"))
            expect(page.locator(f"#amne-{topic} p.notice.ok")).to_contain_text(sv)
        click(page.locator(f"#amne-{REJECTED}").get_by_role("button", name="avvisa"))
        expect(page.locator(f"#amne-{REJECTED}")).to_contain_text("Förslaget är avvisat")
        for n, (body, label, kind, area, sv, en, body_en) in enumerate(ROLES):
            role = page.locator("div.role").filter(has=page.get_by_text(f"{body} · {label} ·"))
            expect(role).to_have_count(1)
            role.get_by_label("Område").select_option(area)
            role.get_by_label(f"{body} heter på engelska").fill(body_en)
            role.get_by_label("Uppgiften på svenska").fill(sv)
            role.get_by_label("Uppgiften på engelska").fill(en)
            if n == 0:   # first a kind the clause does not license: refused, the form comes back as sent
                role.get_by_label("Roll").select_option("decides")
                before = files(root)
                click(role.get_by_role("button", name="godta"))
                out["refused"] = page.locator("section.notice.fail").inner_text()
                out["unchanged"] = files(root) == before
                axe = Axe().run(page, options=AXE_OPTIONS)
                assert axe.violations_count == 0, axe.generate_report()
                role = page.locator("div.role").filter(has=page.get_by_text(f"{body} · {label} ·"))
                expect(role.get_by_label("Uppgiften på svenska")).to_have_value(sv)
                role.get_by_label("Roll").select_option(kind)
            click(role.get_by_role("button", name="godta"))
            expect(page.locator("#ansvar")).to_contain_text(sv)
    out.update(after=files(root), clicks=clicks, foreign=foreign, violations=violations)
    site = base / "site"
    built = run(BUILD_CMD, "--root", root, "--site-dir", site)
    assert built.returncode == 0, built.stdout + built.stderr
    out["site"] = site
    return out


def test_the_step_needs_no_request_outside_the_app_and_keeps_the_csp(compared):
    assert compared["foreign"] == [] and compared["violations"] == []
    # after the review: the link, three ticks or radios at most per topic, Godta for each, Avvisa, two roles (one retried)
    assert compared["review_clicks"] == 5
    print("clicks in the comparison step:", compared["clicks"] - compared["review_clicks"])
    assert 1 + len(TOPICS) + 1 + len(ROLES) + 1 <= compared["clicks"] - compared["review_clicks"] <= CLICKS


def test_a_refused_role_shows_the_checkers_message_and_changes_nothing(compared):
    assert "Ändringen gjordes inte" in compared["refused"]
    assert "kind 'decides' for body 'ekby-kommunstyrelsen' is not licensed by clause ekby-ansvar-s1" in compared["refused"]
    assert compared["unchanged"]


def test_only_the_two_data_files_changed(compared):
    before, after = compared["approved"], compared["after"]
    changed = sorted(rel for rel in before.keys() | after.keys() if before.get(rel) != after.get(rel))
    assert changed == ["docs/data/comparison.yml", "docs/data/responsibilities.yml"]


def _row(page: str, muni: str) -> str:
    at = page.index(f'id="kommun-{muni}"')
    return page[at:page.index("</tr>", at)]


def _text(row: str) -> str:
    """A row's words as a reader sees them (the glossary's <abbr> and the links unwrapped)."""
    return html.unescape(re.sub(r"<[^>]+>", "", row))


def test_each_topic_page_shows_the_new_cell_with_its_clause_links(compared):
    site = compared["site"]
    for topic, (status, clauses, sv, en) in TOPICS.items():
        for prefix, summary in (("", sv), ("en/", en)):
            row = _row((site / prefix / "jamforelse" / topic / "index.html").read_text(encoding="utf-8"), "ekby")
            assert summary in _text(row), (topic, prefix)
            links = re.findall(r'href="\.\./\.\./(?:\.\./)?ekby/policy/#([\w-]+)"', row)
            assert links == clauses, (topic, prefix, row)
    rejected = _row((site / "jamforelse" / REJECTED / "index.html").read_text(encoding="utf-8"), "ekby")
    assert "Inte jämförd ännu" in rejected and "ekby/policy/#" not in rejected


def test_the_municipality_page_lists_the_cells_topic_by_topic(compared):
    page = (compared["site"] / "kommuner" / "ekby" / "index.html").read_text(encoding="utf-8")
    table = page[page.index('id="jamforelse"'):]
    for topic, (_, clauses, sv, _) in TOPICS.items():
        at = table.index(f'id="amne-{topic}"')
        row = table[at:table.index("</tr>", at)]
        assert sv in _text(row) and re.findall(r'ekby/policy/#([\w-]+)"', row) == clauses


def test_the_open_data_and_the_responsibility_pages_have_them(compared):
    site = compared["site"]
    data = json.loads((site / "data" / "comparison.json").read_text(encoding="utf-8"))
    cells = {row["topic"]: row["cells"]["ekby"] for row in data["rows"]}
    for topic, (status, clauses, sv, en) in TOPICS.items():
        assert cells[topic] == {"status": status, "summary": {"sv": sv, "en": en}, "clauses": clauses}
    assert cells[REJECTED]["status"] == "not-yet-assessed"
    for (body, _, kind, area, sv, _, _), clause in zip(ROLES, ("ekby-ansvar-s1", "ekby-ansvar-s2")):
        page = (site / "ansvar" / area / "index.html").read_text(encoding="utf-8")
        at = page.index(f"#organ-ekby-{body.lower().replace('ä', 'a')}")
        row = page[at:page.index("</tr>", at)]
        assert sv in _text(row) and f'ekby/policy/#{clause}"' in row, (body, row)
