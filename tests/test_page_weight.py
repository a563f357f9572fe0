"""Page weight: what a reader downloads for a policy page, search included, and the site's size.

Bytes are deterministic, so they have budgets (timings never do). What a page costs is measured
by policykit.bench.benchmark (page_weight: every file the browser fetches for the page with search
ready, raw and gzip level 6); one test proves that list is what headless chromium fetches.
Plain Material is built here from the same docs/ (the benchmark's baseline), so the files our
page shares with it can be compared byte for byte.

The budgets were measured with `make bench` (scripts/benchmark.py) on 2026-11-23 (Material 9.8.1,
publish/page_weight.py pruning, 17 pages per language), each with a margin of 2-3 %.
A page's weight includes its language's whole search index, and the site's size all its pages:
new pages add to both. A change that needs more must raise the budget on purpose, to the newly
measured figure plus the margin (`make bench` prints it).
"""

from __future__ import annotations

import fnmatch
import random
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import ROOT, run, serve_folder

from policykit.bench import benchmark
from policykit.publish import page_weight as page_weight_rules

# Bytes a browser fetches for the strategy page, search included: (raw, gzip).
# Measured 545_950 / 122_687 (sv) and 558_998 / 123_753 (en). Plain Material, same Markdown (the
# benchmark's baseline): 509_118 / 127_938. Our HTML is heavier (clause anchors and links,
# citations, glossary tooltips: +4.9 KB gzip), and we load two small project files; we are lighter
# in all because the search index leaves out what is only noise in a search: the traceability
# and OCR-repair tables and the "citeras i" lists (data-search-exclude), and no palette
# stylesheet is loaded (the default palette is the indigo we want). Before those: 138_894 gzip.
PAGE_BUDGET = {
    "stockholm/strategi/": (589_000, 130_700),
    "en/stockholm/strategi/": (602_000, 131_600),
}
# Raised 2026-12-01 (branch a11y) to measured 574_251 / 127_538 (sv) and 587_239 / 128_350 (en)
# plus 2.5 %: the citation count after each cited clause's § link and its list's id (+1.2 KB gzip
# of HTML) and site.css (+0.6 KB); the other ~0.7 KB came earlier (claims, labels), while these
# tests could not run (the benchmark still loaded the removed overrides/hooks/page_weight.py).
# The only files our page loads that plain Material's does not: site.css and
# language-switch.js. Measured 1_028 bytes gzip; 1_603 since site.css styles the citation count
# and its list, and the accent colour (2026-12-01).
PROJECT_FILES = ("assets/site.css", "assets/language-switch.js")
PROJECT_FILES_GZIP_BUDGET = 1_650
# The site without its PDFs: measured 56 files, 2_952_898 bytes (without the pruning 92 files,
# 5_253_539 bytes: 1.29 MB of source maps, 0.9 MB of lunr files for languages we do not search in).
# Measured 58 files, 3_119_606 bytes on 2026-12-01 (the pages above, the CSV tables).
SITE_BYTES_BUDGET = 3_200_000
SITE_FILES_BUDGET = 60
# Of it, assets/ (theme and project CSS/JS, lunr, favicon): measured 9 files, 315_022 bytes
# (45 files, 2_505_744 bytes without the pruning). Independent of the number of pages.
ASSETS_BYTES_BUDGET = 320_000
# PDFs are downloads, not page weight: budgeted per file. Measured: 6 files, 236_692 bytes, the
# largest 58_863.
PDF_FILE_BUDGET = 80_000
# Everything Material's search worker imports for our indexes (lang ["sv"] and ["en"]).
LUNR_NEEDED = {"min/lunr.stemmer.support.min.js", "min/lunr.sv.min.js"}


@pytest.fixture(scope="module")
def plain_material(tmp_path_factory) -> Path:
    """The same docs/ built with plain Material (the benchmark's baseline)."""
    work = tmp_path_factory.mktemp("plain-material")
    shutil.copytree(ROOT / "docs", work / "docs")
    (work / "mkdocs.yml").write_text(yaml.safe_dump(benchmark.baseline_config(work / "docs"), allow_unicode=True),
                                     encoding="utf-8")
    result = run("-m", "mkdocs", "build", "-q", "-f", work / "mkdocs.yml", "-d", work / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "site"


# ---------------------------------------------------------------------------------------------
# The checks, each returning problems, so the last test can prove they catch a heavier site
# ---------------------------------------------------------------------------------------------

def page_problems(site: Path, plain: Path) -> list[str]:
    problems = []
    for page, (raw_budget, gzip_budget) in PAGE_BUDGET.items():
        w = benchmark.page_weight(site, page)
        if w["raw"] > raw_budget or w["gzip"] > gzip_budget:
            problems.append(f"/{page}: {w['raw']} bytes raw, {w['gzip']} gzip; budget {raw_budget} / {gzip_budget}")
        theirs = {f["path"]: f for f in benchmark.page_weight(plain, "stockholm/strategi/")["files"]}
        extra = 0
        for f in w["files"]:
            if f["path"] in theirs and f["path"].startswith("assets/"):
                if f["raw"] > theirs[f["path"]]["raw"]:
                    problems.append(f"/{page}: {f['path']} is {f['raw']} bytes, plain Material's {theirs[f['path']]['raw']}")
            elif f["path"].startswith("assets/"):
                if not any(fnmatch.fnmatch(f["path"], p) for p in PROJECT_FILES):
                    problems.append(f"/{page}: loads {f['path']}, which is neither Material's nor a known project file")
                extra += f["gzip"]
        if extra > PROJECT_FILES_GZIP_BUDGET:
            problems.append(f"/{page}: project files cost {extra} bytes gzip; budget {PROJECT_FILES_GZIP_BUDGET}")
    return problems


def source_map_problems(site: Path) -> list[str]:
    problems = [f"{p.relative_to(site)}: a source map" for p in site.rglob("*.map")]
    for p in [*site.rglob("*.js"), *site.rglob("*.css")]:
        if b"sourceMappingURL=" in p.read_bytes():
            problems.append(f"{p.relative_to(site)}: still names a source map (sourceMappingURL)")
    return problems


def lunr_problems(site: Path) -> list[str]:
    folder = site / "assets" / "javascripts" / "lunr"
    shipped = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    problems = [f"lunr/{name}: shipped, but search never imports it" for name in sorted(shipped - LUNR_NEEDED)]
    problems += [f"lunr/{name}: missing, search in Swedish needs it" for name in sorted(LUNR_NEEDED - shipped)]
    return problems


def size_problems(site: Path) -> list[str]:
    size = benchmark.site_size(site)
    problems = []
    if size["bytes"] > SITE_BYTES_BUDGET or size["files"] > SITE_FILES_BUDGET:
        problems.append(f"site without PDFs: {size['files']} files, {size['bytes']} bytes; "
                        f"budget {SITE_FILES_BUDGET} files, {SITE_BYTES_BUDGET} bytes")
    assets = sum(p.stat().st_size for p in (site / "assets").rglob("*") if p.is_file())
    if assets > ASSETS_BYTES_BUDGET:
        problems.append(f"assets/: {assets} bytes; budget {ASSETS_BYTES_BUDGET}")
    problems += [f"{p.relative_to(site)}: {p.stat().st_size} bytes; budget {PDF_FILE_BUDGET} per PDF"
                 for p in site.rglob("*.pdf") if p.stat().st_size > PDF_FILE_BUDGET]
    return problems


# ---------------------------------------------------------------------------------------------
# The built site
# ---------------------------------------------------------------------------------------------

def test_strategy_page_with_search_stays_within_budget_and_adds_only_project_files(site, plain_material):
    assert page_problems(site, plain_material) == []


def test_no_source_maps_and_no_comments_naming_them(site):
    assert source_map_problems(site) == []


def test_lunr_files_only_for_swedish_and_english(site):
    langs = sorted(page_weight_rules.search_languages(site))
    assert langs == [["en"], ["sv"]], langs  # what LUNR_NEEDED is derived from
    assert lunr_problems(site) == []


def test_site_size_within_budget_pdfs_apart(site):
    assert size_problems(site) == []


def test_weighed_files_are_what_chromium_fetches(site, served):
    """The page weight counts exactly the requests of a real browser that loads the page and searches."""
    playwright = pytest.importorskip("playwright.sync_api")
    from test_browser import CHROMIUM, CHROMIUM_ARGS
    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for page_path, query in (("stockholm/strategi/", "vänort"), ("en/stockholm/strategi/", "twin")):
                context = browser.new_context()
                fetched: list[str] = []
                context.on("request", lambda r: fetched.append(r.url))  # workers' requests included
                page = context.new_page()
                page.goto(served + page_path, wait_until="networkidle")
                box = page.locator(".md-search__input").first
                box.click()
                for _ in range(20):  # the worker answers only once its index is built
                    box.fill("")
                    box.type(query)
                    try:
                        page.wait_for_selector(".md-search-result__item", timeout=1000)
                        break
                    except playwright.TimeoutError:
                        continue
                page.wait_for_load_state("networkidle")
                context.close()
                paths = {benchmark._path(u.replace(served, benchmark._ORIGIN)) for u in fetched
                         if urlsplit(u).scheme not in ("data", "blob")}
                assert paths == set(benchmark.page_requests(site, page_path)), page_path
        finally:
            browser.close()


# ---------------------------------------------------------------------------------------------
# The hook and the checks on sites made heavier on purpose
# ---------------------------------------------------------------------------------------------

def test_the_checks_catch_a_heavier_site(site, plain_material, tmp_path):
    heavy = tmp_path / "site"
    shutil.copytree(site, heavy)
    js = heavy / "assets" / "javascripts"
    bundle = next(js.glob("bundle.*.min.js"))
    bundle.write_text(bundle.read_text(encoding="utf-8") + "\n//# sourceMappingURL=bundle.js.map\n", encoding="utf-8")
    (js / "bundle.js.map").write_text("{}", encoding="utf-8")
    (js / "lunr" / "min" / "lunr.de.min.js").write_text("/* German */", encoding="utf-8")
    # A script nobody needs: 60 KB that gzip cannot shrink (pseudo-random, the same every run).
    (heavy / "assets" / "extra.js").write_bytes(random.Random(6).randbytes(60_000))
    page = heavy / "stockholm" / "strategi" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</body>", '<script src="../../assets/extra.js"></script></body>'), encoding="utf-8")
    (heavy / "pdf").mkdir(exist_ok=True)
    (heavy / "pdf" / "huge.sv.pdf").write_bytes(b"%PDF" + bytes(PDF_FILE_BUDGET))

    pages = "\n".join(page_problems(heavy, plain_material))
    raw_budget, gzip_budget = PAGE_BUDGET["stockholm/strategi/"]
    assert "/stockholm/strategi/: " in pages and f"budget {raw_budget} / {gzip_budget}" in pages, pages
    assert "loads assets/extra.js, which is neither Material's nor a known project file" in pages, pages
    assert "/en/stockholm/strategi/" not in pages, pages  # only the Swedish page got heavier
    maps = source_map_problems(heavy)
    assert any("bundle.js.map: a source map" in p for p in maps), maps
    assert any(p.startswith(bundle.relative_to(heavy).as_posix()) and "sourceMappingURL" in p for p in maps), maps
    assert lunr_problems(heavy) == ["lunr/min/lunr.de.min.js: shipped, but search never imports it"]
    sizes = size_problems(heavy)
    assert any("huge.sv.pdf" in p for p in sizes), sizes
    assert any(p.startswith("assets/: ") for p in sizes), sizes  # the 60 KB script


def test_hook_keeps_what_the_worker_imports_for_the_site_languages(tmp_path):
    hook = page_weight_rules
    site = tmp_path / "site"
    lunr, workers = site / hook.LUNR, site / hook.WORKERS
    (lunr / "min").mkdir(parents=True)
    workers.mkdir(parents=True)
    import material
    worker_source = next(Path(material.__file__).parent.glob("templates/assets/javascripts/workers/search.*.min.js"))
    shutil.copy(worker_source, workers / worker_source.name)
    (workers / worker_source.name).write_text(worker_source.read_text(encoding="utf-8") + "\n//# sourceMappingURL=x.map\n",
                                             encoding="utf-8")
    (workers / "x.map").write_text("{}", encoding="utf-8")
    for name in ("min/lunr.stemmer.support.min.js", "min/lunr.sv.min.js", "min/lunr.de.min.js",
                 "min/lunr.multi.min.js", "min/lunr.ja.min.js", "tinyseg.js", "wordcut.js"):
        (lunr / name).write_text("x", encoding="utf-8")
    (site / "search").mkdir()
    (site / "search" / "search_index.json").write_text('{"config": {"lang": ["sv", "de"]}, "docs": []}')

    assert hook.prune_source_maps(site) == 1
    assert "sourceMappingURL" not in (workers / worker_source.name).read_text(encoding="utf-8")
    assert hook.prune_lunr(site) == 3
    kept = sorted(p.relative_to(lunr).as_posix() for p in lunr.rglob("*") if p.is_file())
    # Two languages in one index: Material's worker also imports lunr.multi.
    assert kept == ["min/lunr.de.min.js", "min/lunr.multi.min.js", "min/lunr.stemmer.support.min.js",
                    "min/lunr.sv.min.js"]


def test_hook_stops_when_materials_worker_changes(tmp_path):
    from policykit.errors import PolicyError
    hook = page_weight_rules
    site = tmp_path / "site"
    (site / hook.LUNR / "min").mkdir(parents=True)
    (site / hook.WORKERS).mkdir(parents=True)
    (site / hook.WORKERS / "search.0000.min.js").write_text("importScripts(`${e}/min/lunr.all.js`)")
    (site / hook.LUNR / "min" / "lunr.sv.min.js").write_text("x")
    (site / "search").mkdir()
    (site / "search" / "search_index.json").write_text('{"config": {"lang": ["sv"]}, "docs": []}')
    with pytest.raises(PolicyError, match="no longer imports lunr files the way"):
        hook.prune_lunr(site)
    assert (site / hook.LUNR / "min" / "lunr.sv.min.js").is_file()  # nothing removed
