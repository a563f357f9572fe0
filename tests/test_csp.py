"""No original served as active content, and a Content-Security-Policy on every page (issue 17).

In headless Debian chromium (Playwright, as tests/test_browser.py): every built page of both
languages, the 404 pages included, loads, runs its own scripts and is scrolled without one
`securitypolicyviolation`, search works under the policy in each language, and a glossary tooltip
styles itself without 'unsafe-inline'; a script planted in
a built page (inline, from another host, an event handler) or written into a page's Markdown does
not run and makes no request. A saved web page added with the add command is offered only as its
extracted text; the build refuses an .html planted under kallor/. `mkdocs serve` keeps its live
reload under the policy.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import ADD_CMD, BUILD_CMD, PY, copy_project, review_and_approve, run, serve_folder
from test_browser import HARMLESS_SCHEMES, LOCAL_HOST, STRATEGY, browser  # noqa: F401

from policykit.publish import csp
from policykit.sources.downloads import PASSIVE, Download, claim_problems

FIX = Path(__file__).parent / "fixtures" / "add" / "html-page"
# Recorded from the first script on: what the policy blocked, and where.
LISTEN = """window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(
    [e.effectiveDirective, e.blockedURI, e.sourceFile + ':' + e.lineNumber, e.sample].join(' | ')));"""
QUERY = {"": "besök", "en/": "visits"}
PLANTED = ("<script>window.__plantedInline = 1</script>"
           '<script src="http://example.invalid/t.js"></script>'
           '<img src="data:," alt="" onload="window.__plantedHandler = 1" onerror="window.__plantedHandler = 1">'
           '<a href="javascript:window.__plantedUrl = 1" id="planted-link">x</a>')


def _url(rel: str) -> str:
    return rel[: -len("index.html")] if rel == "index.html" or rel.endswith("/index.html") else rel


def _elsewhere(url: str) -> bool:
    return urlsplit(url).scheme not in HARMLESS_SCHEMES and urlsplit(url).hostname != LOCAL_HOST


def _open(browser: Browser, url: str, wait_until: str = "networkidle"):
    """(context, page, left, console), the violation listener installed before any script. `left`: the
    requests that reached the network for another host. Each is answered here with a script that sets
    window.__plantedExternal (example.invalid would not resolve): let through, it would run. A request
    the policy blocks never reaches the network (Playwright reports it failed with "csp")."""
    context = browser.new_context()
    context.add_init_script(LISTEN)
    left: list[str] = []
    console: list[str] = []

    def route(r):
        if not _elsewhere(r.request.url):
            return r.continue_()
        left.append(r.request.url)
        return r.fulfill(body="window.__plantedExternal = 1", content_type="text/javascript")

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
    page.goto(url, wait_until=wait_until)
    return context, page, left, console


def _ran(page) -> bool:
    """The site's own scripts ran: Material's inline one (__md_scope) and its bundle (html.js). Waited
    for: on a busy machine the bundle may still be running when the network is idle."""
    try:
        # A function, not an expression: Playwright evaluates an expression with eval, which the policy forbids.
        page.wait_for_function("() => typeof __md_scope === 'object' && document.documentElement.classList.contains('js')",
                               timeout=30_000)
    except PlaywrightTimeout:
        return False
    return True


def _search(page, query: str) -> int:
    page.keyboard.press("/")
    page.locator(".md-search__input").fill(query)
    page.wait_for_function("q => document.querySelector('.md-search-result__list').dataset.query === q",
                           arg=query, timeout=30_000)
    return page.eval_on_selector_all(".md-search-result__list a", "els => els.length")


# ---------------------------------------------------------------------------------------------
# The policy as written, on every built file
# ---------------------------------------------------------------------------------------------

def test_every_page_carries_its_policy_first_with_exactly_its_inline_scripts(site: Path):
    pages = sorted(site.rglob("*.html"))
    assert {"404.html", "en/404.html", "index.html", "en/index.html"} <= {p.relative_to(site).as_posix() for p in pages}
    for path in pages:
        html = path.read_text(encoding="utf-8")
        rel = path.relative_to(site).as_posix()
        head = html.index("<head>") + len("<head>")
        assert html[head:].lstrip().startswith('<meta http-equiv="Content-Security-Policy" content="'), rel
        assert html.index('<meta charset="utf-8">') < 1024, rel  # the charset still within the first 1024 bytes
        scripts = csp.inline_scripts(html)
        assert scripts, rel  # Material's inline scripts are there, so the hashes are tested
        assert csp.protected(html) and f'content="{csp.policy(map(csp.digest, scripts))}"' in html, rel
    assert not csp.unprotected(site)


def test_the_policy_allows_only_the_sites_own_scripts_and_styles():
    text = csp.policy(["abc="])
    directives = dict(d.split(" ", 1) for d in text.split("; "))
    assert directives == {"default-src": "'self'", "script-src": "'self' 'wasm-unsafe-eval' 'sha256-abc='",
                          "style-src": "'self'", "img-src": "'self' data:", "object-src": "'none'",
                          "base-uri": "'self'", "form-action": "'self'"}
    assert "unsafe-inline" not in text and "unsafe-eval'" not in text.replace("wasm-unsafe-eval'", "")


def test_a_script_in_the_pages_content_is_never_hashed():
    template = '<html><head><title>t</title><script>theme()</script></head><body>{}<script>after()</script></body></html>'
    for content in ["<p><script>evil()</script></p>", "<p><script>evil()", "<p><script>theme()</script></p>"]:
        html = csp.protect(template.format(content), content)
        assert f"'sha256-{csp.digest('evil()')}'" not in html
        allowed = {csp.digest("theme()"), csp.digest("after()")}
        assert html.count("'sha256-") == len(allowed) and all(h in html for h in allowed), content
    with pytest.raises(csp.ContentNotFound):
        csp.protect(template.format("<p>x</p>"), "<p>changed</p>")


def test_the_live_reload_script_mkdocs_serve_adds_is_allowed_by_its_hash_alone():
    built = csp.protect("<html><head></head><body><p>x</p></body></html>").encode()
    sent = built.replace(b"</body>", b"<script>livereload(1, 2);</script></body>")
    out = csp.allow_injected(built, sent).decode()
    assert f"'sha256-{csp.digest('livereload(1, 2);')}'" in out and out.count("'sha256-") == 1
    assert out.endswith("<script>livereload(1, 2);</script></body></html>")
    assert csp.allow_injected(built, built + b"<p>") == built + b"<p>"  # not a script: nothing allowed


# ---------------------------------------------------------------------------------------------
# In chromium: no violation on any page, search works; planted scripts do not run
# ---------------------------------------------------------------------------------------------

def test_no_page_of_either_language_violates_its_policy(browser: Browser, site: Path, served: str):
    problems, searched = [], []
    for path in sorted(site.rglob("*.html")):
        rel = _url(path.relative_to(site).as_posix())
        context, page, left, console = _open(browser, served + rel)
        try:
            if not _ran(page):
                problems.append(f"{rel or '/'}: the site's own scripts did not run")
            page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # back-to-top button, toc follow
            page.wait_for_timeout(50)
            if rel in QUERY:
                found = _search(page, QUERY[rel])
                searched.append((rel, found))
            problems += [f"{rel or '/'}: {v}" for v in page.evaluate("window.__csp")]
            problems += [f"{rel or '/'}: {m}" for m in console if "Content Security Policy" in m]
            problems += [f"{rel or '/'}: request to another host: {u}" for u in left]
        finally:
            context.close()
    assert not problems, "\n".join(problems)
    assert sorted(rel for rel, found in searched if found > 0) == ["", "en/"], searched  # Pagefind works under it


def test_material_tooltips_style_themselves_within_the_policy(browser: Browser, served: str):
    """A glossary tooltip is positioned by Material's script through the CSSOM (style.setProperty), which
    the policy does not govern: shown, with its style, and no violation (no 'unsafe-inline' needed)."""
    for rel in (STRATEGY, "en/" + STRATEGY):
        context, page, left, _ = _open(browser, served + rel)
        try:
            assert _ran(page), rel
            term = page.locator("article abbr").first
            term.scroll_into_view_if_needed()
            term.hover()
            tooltip = page.locator(".md-tooltip2").first
            tooltip.wait_for(state="attached", timeout=30_000)
            assert "--md-tooltip-x" in (tooltip.get_attribute("style") or ""), rel
            assert page.evaluate("window.__csp") == [] and not left, rel
        finally:
            context.close()


def test_scripts_planted_in_a_built_page_do_not_run_or_reach_another_host(browser: Browser, site: Path, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    targets = [copy / STRATEGY / "index.html", copy / "404.html", copy / "en" / "index.html"]
    for target in targets:
        html = target.read_text(encoding="utf-8")
        head = '<script>window.__plantedInline = 1</script><script src="http://example.invalid/h.js"></script>'
        target.write_text(html.replace("</article>", PLANTED + "</article>", 1).replace("</head>", head + "</head>", 1),
                          encoding="utf-8")
    with serve_folder(copy) as url:
        for target in targets:
            rel = _url(target.relative_to(copy).as_posix())
            context, page, left, _ = _open(browser, url + rel)
            try:
                assert _ran(page), rel
                page.click("#planted-link")
                page.wait_for_timeout(200)
                state = page.evaluate("[typeof __md_scope, window.__plantedInline, window.__plantedHandler, "
                                      "window.__plantedUrl, window.__plantedExternal]")
                assert state == ["object", None, None, None, None], (rel, state)  # the site's own ran, none planted
                assert not left, (rel, left)
                blocked = " ".join(page.evaluate("window.__csp"))
                assert "example.invalid" in blocked and "script-src-elem" in blocked and "script-src-attr" in blocked, blocked
            finally:
                context.close()


# ---------------------------------------------------------------------------------------------
# A web page added with the add command; a script in a page's Markdown; an .html under kallor/
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def added(tmp_path_factory):
    """(project, site): a copy with the saved web page added and a script written into a page's Markdown."""
    base = tmp_path_factory.mktemp("csp-added")
    project = copy_project(base / "project")
    result = run(ADD_CMD, FIX / "input.html", "--id", "asby", "--name", "Åsby kommun", "--name-en", "Åsby Municipality",
                 "--root", project)
    assert result.returncode == 0, result.stdout + result.stderr
    review_and_approve(project, "asby")  # a draft is not published
    for page in ("konventioner.md", "konventioner.en.md"):
        with open(project / "docs" / page, "a", encoding="utf-8") as f:
            f.write("\n<script>window.__plantedMarkdown = 1</script>\n")
    site = base / "site"
    built = run(BUILD_CMD, "--root", project, "--site-dir", site)
    assert built.returncode == 0, built.stdout + built.stderr
    return project, site


def test_a_web_pages_original_is_offered_only_as_its_text(added):
    project, site = added
    originals = sorted(p.name for p in (project / "sources").glob("*.html"))
    assert originals, "the add command keeps the web page in sources/"
    served = sorted(p.name for p in (site / "kallor").iterdir())
    assert not [name for name in served if Path(name).suffix.lower() not in PASSIVE], served
    assert not set(originals) & set(served)
    assert any(name == originals[0][:-5] + ".txt" for name in served), served  # its extracted text is offered
    sv = (site / "asby" / "policy" / "index.html").read_text(encoding="utf-8")
    en = (site / "en" / "asby" / "policy" / "index.html").read_text(encoding="utf-8")
    assert "Originalet, en sparad webbsida, publiceras inte här: en webbsida kan ha skript" in sv
    assert "The original, a saved web page, is not published here: a web page can carry scripts" in en
    assert f"kallor/{originals[0]}" not in sv + en
    about = (site / "kommuner" / "asby" / "granskning" / "index.html").read_text(encoding="utf-8")
    assert f"Originalet {originals[0]} är en sparad webbsida och publiceras aldrig här" in about


def test_a_script_in_a_pages_markdown_is_on_the_page_but_does_not_run(added, browser: Browser):
    _, site = added
    for rel in ("konventioner/", "en/konventioner/"):
        html = (site / rel / "index.html").read_text(encoding="utf-8")
        assert "<script>window.__plantedMarkdown = 1</script>" in html  # the build let it through ...
        assert csp.digest("window.__plantedMarkdown = 1") not in html  # ... but never allowed it
        with serve_folder(site) as url:
            context, page, _, _ = _open(browser, url + rel)
            try:
                assert _ran(page), rel
                assert page.evaluate("[typeof __md_scope, window.__plantedMarkdown]") == ["object", None]
                assert any("script-src-elem" in v and "inline" in v for v in page.evaluate("window.__csp"))
            finally:
                context.close()


@pytest.mark.parametrize("name", ["planted.html", "planted.svg"])
def test_the_build_refuses_an_active_file_under_kallor(added, tmp_path, name):
    project, _ = added
    planted = project / "docs" / "kallor" / name
    planted.parent.mkdir(exist_ok=True)
    planted.write_text('<html><script>alert(1)</script></html>' if name.endswith("html") else
                       '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', encoding="utf-8")
    try:
        result = run(BUILD_CMD, "--root", project, "--site-dir", tmp_path / "site")
    finally:
        shutil.rmtree(planted.parent)
    assert result.returncode != 0
    assert (f"error: kallor/{name}: a file from sources/ that a host would serve as a type a browser runs; only "
            ".txt, .pdf are published under kallor/") in result.stdout + result.stderr
    assert not (tmp_path / "site").exists()


def test_download_rule_is_one_fact():
    text, page = Path("005_x.txt"), Path("005_x.html")
    assert Download(text.name, text, []).published
    assert Download(text.name, text, [(3, "Per Holm")]).published  # with the line withheld
    assert Download(page.name, page, [], kind="html").unpublished == "web-page"
    assert Download("005_x.pdf", None, [], kind="html").unpublished == "web-page"  # whatever its name
    assert Download("005_x.pdf", None, [], kind="pdf-text").published
    assert Download("005_x.pdf", None, [(3, "Per Holm")], kind="pdf-text").unpublished == "personal"
    for name in ("x.html", "x.HTM", "x.svg", "x.xml", "x.xhtml", "x.js", "x"):
        assert Download(name, None, []).unpublished == "active-type", name
    problems = claim_problems("[Originalet](../kallor/005_x.html)", {page.name: Download(page.name, page, [], "html")})
    assert problems == [(1, "links kallor/005_x.html, which is not published: a web page's original is never "
                         "published (it would run as a page of the site)",
                         "say that it is kept in the project's sources and not published here; "
                         "link its extracted text instead")]


# ---------------------------------------------------------------------------------------------
# mkdocs serve: its live-reload script runs under the policy, and reloads the page
# ---------------------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind((LOCAL_HOST, 0))
        return s.getsockname()[1]


def test_mkdocs_serve_reloads_under_the_policy(browser: Browser, tmp_path):
    project = copy_project(tmp_path / "project")
    port = _free_port()
    url = f"http://{LOCAL_HOST}:{port}/konventioner/"
    log = open(tmp_path / "serve.log", "w")
    proc = subprocess.Popen([PY, "-m", "mkdocs", "serve", "-a", f"{LOCAL_HOST}:{port}", "-f", str(project / "mkdocs.yml")],
                            cwd=project, stdout=log, stderr=subprocess.STDOUT,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        deadline = time.monotonic() + 300
        while True:
            assert proc.poll() is None, (tmp_path / "serve.log").read_text()
            try:
                with urllib.request.urlopen(url, timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
            time.sleep(1)
        context, page, left, console = _open(browser, url, wait_until="load")
        try:
            assert _ran(page)
            assert "log: Enabled live reload" in console, console
            with page.expect_navigation(timeout=300_000):  # a change rebuilds the site and reloads the page
                with open(project / "docs" / "konventioner.md", "a", encoding="utf-8") as f:
                    f.write("\nEn rad till, för att sidan ska laddas om.\n")
            page.wait_for_load_state("load")
            assert "En rad till, för att sidan ska laddas om." in page.content()
            assert page.evaluate("window.__csp") == [], page.evaluate("window.__csp")
            assert not [m for m in console if "Content Security Policy" in m], console
            assert not left, left
        finally:
            context.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
