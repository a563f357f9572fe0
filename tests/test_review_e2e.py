"""The review app end to end: a person takes a PDF's draft to published in a real browser.

tests/fixtures/review/input.pdf (Ekby, made by make.py there) is added with the real add command to a
copy of the project. Its intake leaves three decisions to a person: the sender's letterhead at the
foot of the page is kept as text, the heading "Ansvar" (printed in the body's size) is read as the
start of a paragraph, and the word "vird" is flagged (värd or vård). The real server
(``python -m policykit review``) runs on a free port of 127.0.0.1; Debian's chromium, driven by
Playwright, opens it, and the reviewer sets the letterhead aside, makes "Ansvar" a heading, picks
"värd" and approves with a typed name, one click each (counted: `CLICKS`). No page breaks its
Content-Security-Policy and axe finds no WCAG 2.1 A/AA violation on the review page.

Then the project is built once (``python -m policykit build``): the page is published with exactly
those decisions (the heading with its anchor, "värd", no letterhead anywhere on the site, the
reviewer's name in no built file), and the repository's diff is the expected one, line by line.

``REVIEW_SCREENSHOTS=docs/assets/images`` also saves the screenshots of the editors' page
(docs/ny-kommun.md) at 1280 and 768 px.
"""

from __future__ import annotations

import contextlib
import datetime
import difflib
import os
import socket
import subprocess
import time
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect, sync_playwright

from conftest import BUILD_CMD, PY, draft_copy, run
from test_add_documents import _site_texts

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
REVIEWER = "Anna Granskare"
LETTERHEAD = "Ekby kommun · Kommunstyrelsens förvaltning · Storgatan 1"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
               "resultTypes": ["violations"]}
CLICKS = 5   # the draft's link, the letterhead, the heading, the word, Godkänn (and the name typed)


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for d in ("sources", "docs") for p in (root / d).rglob("*")
            if p.is_file()} | {"mkdocs.yml": (root / "mkdocs.yml").read_bytes()}


def changed_lines(old: bytes, new: bytes) -> tuple[list[str], list[str]]:
    """(removed, added) lines of a file's diff."""
    diff = list(difflib.unified_diff(old.decode().split("\n"), new.decode().split("\n"), lineterm="", n=0))
    return ([d[1:] for d in diff if d.startswith("-") and not d.startswith("---")],
            [d[1:] for d in diff if d.startswith("+") and not d.startswith("+++")])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def review_app(root: Path):
    """The real review server on a free port and a chromium page open on it: yields (page, url, requests to
    other hosts, CSP violations); the server is stopped however the block ends."""
    port = free_port()
    server = subprocess.Popen([PY, "-m", "policykit", "review", "--root", str(root), "--port", str(port),
                               "--no-browser"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        assert "review: http://127.0.0.1:" in server.stdout.readline()
        url = f"http://127.0.0.1:{port}/"
        for _ in range(100):   # until uvicorn listens (no timing is asserted)
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        foreign, violations = [], []
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("request", lambda r: None if r.url.startswith(url) else foreign.append(r.url))
            page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
            page.goto(url)
            try:
                yield page, url, foreign, violations
            finally:
                browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture(scope="module")
def reviewed(ekby_draft, tmp_path_factory):
    """(project, files before the review, files after it, the published site, clicks, requests to other hosts)."""
    assert Path(CHROMIUM).is_file(), f"{CHROMIUM} is missing: install Debian's chromium (make chromium)"
    base = tmp_path_factory.mktemp("review-e2e")
    root = draft_copy(ekby_draft, base / "project")
    before = files(root)
    shots = os.environ.get("REVIEW_SCREENSHOTS")
    clicks = 0
    with review_app(root) as (page, url, foreign, violations):
        def click(locator):
            nonlocal clicks
            with page.expect_navigation():
                locator.click()
            clicks += 1
            expect(page.locator("section.verdict.ok")).to_be_visible()

        click(page.get_by_role("link", name="Policy för internationellt samarbete"))
        expect(page.locator("#line-17 td.role")).to_have_text("Stycke")
        expect(page.locator("#line-13 td.role")).to_have_text("Stycke")
        if shots:
            _screenshots(page, Path(shots), "granska", (1280, 768))
        axe = Axe().run(page, options=AXE_OPTIONS)
        assert axe.violations_count == 0, axe.generate_report()
        click(page.get_by_role("button", name="Rad 17: Brevhuvud"))
        expect(page.locator("#line-17")).to_have_class("role-personal")
        expect(page.locator("#line-17 td.role")).to_have_text("Personuppgift, visas inte:brevhuvud")
        click(page.get_by_role("button", name="Rad 13: Rubrik"))
        expect(page.locator("#line-13 td.role")).to_have_text("Rubrik")
        click(page.locator("#words").get_by_role("button", name="värd", exact=True))
        expect(page.locator("#words")).to_contain_text("Inga ord kvar att avgöra")
        if shots:
            page.locator("#line-13").evaluate("e => e.scrollIntoView()")
            _screenshots(page, Path(shots), "granska-klar", (1280,))
        page.get_by_label("Ditt namn").fill(REVIEWER)
        click(page.get_by_role("button", name="Godkänn"))
        expect(page.locator("p.notice.ok")).to_contain_text("ekby")
        expect(page.locator("ul.drafts")).to_have_count(0)
    after = files(root)
    site = base / "site"
    built = run(BUILD_CMD, "--root", root, "--site-dir", site)
    assert built.returncode == 0, built.stdout + built.stderr
    return root, before, after, site, clicks, foreign, violations


def _screenshots(page, folder: Path, name: str, widths):
    """The review page at these widths (900 px high), as the editors' page shows it."""
    from PIL import Image

    for width in widths:
        page.set_viewport_size({"width": width, "height": 900})
        path = folder / f"{name}-{width}.png"
        page.screenshot(path=path)
        image = Image.open(path).convert("RGB").quantize(colors=32)   # small: a screenshot has few colours
        image.save(path, optimize=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_review_takes_five_clicks_within_the_app_and_no_request_leaves_it(reviewed):
    _, _, _, _, clicks, foreign, violations = reviewed
    assert clicks == CLICKS
    assert foreign == []
    assert violations == []


def test_the_repository_diff_is_exactly_the_decisions(reviewed):
    root, before, after, *_ = reviewed
    changed = sorted(rel for rel in before.keys() | after.keys() if before.get(rel) != after.get(rel))
    assert changed == ["docs/data/responsibilities.yml", "docs/ekby/policy.en.md", "docs/ekby/policy.md",
                       "sources/repairs/005_ekby.yml", "sources/sources.yml"]
    today = datetime.date.today().isoformat()
    removed, added = changed_lines(before["sources/sources.yml"], after["sources/sources.yml"])
    assert [r.strip() for r in removed] == ["review: draft"]
    assert [a.strip() for a in added] == [f'review: {{by: "{REVIEWER}", date: "{today}"}}',
                                          '- {key: "ansvar", line: 13}']
    removed, added = changed_lines(before["sources/repairs/005_ekby.yml"], after["sources/repairs/005_ekby.yml"])
    assert removed[0] == "reviewed: false" and removed[1].startswith("#   vird (1×): unsure, could be värd, vård")
    assert len(removed) == 2
    assert added == ["reviewed: true", "furniture:", f'  - {{line: 17, text: "{LETTERHEAD}", reason: letterhead}}',
                     "", '  - {ocr: "vird", fix: "värd"}   # decided in the review']
    for rel in ("docs/ekby/policy.md", "docs/ekby/policy.en.md"):
        removed, added = changed_lines(before[rel], after[rel])
        assert any("Ansvar Kommunstyrelsen ansvarar" in r for r in removed)
        assert any(r.startswith("!!! warning") for r in removed)       # the notice: the reading is reviewed
        assert any(LETTERHEAD in r for r in removed) and not any(LETTERHEAD in a for a in added)
        assert any(a.startswith("## ") and "Ansvar" in a and "{ #ekby-ansvar }" in a for a in added)
    # The English twin has the same structure, its clauses still marked untranslated (Swedish, lang="sv").
    en = after["docs/ekby/policy.en.md"].decode()
    assert '<!-- clause: ekby-ansvar-s1 --><span lang="sv">Kommunstyrelsen ansvarar för att policyn följs.</span>' in en
    assert "Not yet translated" in en


def test_the_published_page_shows_exactly_those_decisions(reviewed):
    _, _, _, site, *_ = reviewed
    for lang, prefix in (("sv", ""), ("en", "en/")):
        html = (site / prefix / "ekby" / "policy" / "index.html").read_text(encoding="utf-8")
        assert 'id="ekby-ansvar"' in html, lang
        assert "en god värd för gäster" in html and " vird " not in html, lang
        assert "Ansvar Kommunstyrelsen" not in html, lang
        assert "Utkast, inte granskat" not in html and "Draft, not reviewed" not in html
    for rel, text in _site_texts(site):
        flat = " ".join(text.split())
        assert "Kommunstyrelsens förvaltning · Storgatan" not in flat, rel
        assert REVIEWER not in flat, rel
