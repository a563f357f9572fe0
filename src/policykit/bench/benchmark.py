#!/usr/bin/env python3
"""Time the build against plain Material and weigh what a reader downloads (issue 6).

    python -m policykit bench [--runs 5] [--json]     # build, check, baseline; page weight; site size
    python -m policykit bench --weigh DIR [--json]    # page weight and size of a site built already
    python -m policykit bench --root DIR              # measure another checkout (e.g. a git worktree)
    python -m policykit bench --lighthouse-runs 0     # without Lighthouse (bench/lighthouse.py)

Timings are medians of --runs rounds; each round runs the three commands once, one after the
other, so a busy machine slows all three alike. Every command is a fresh subprocess with this
interpreter (start-up included, as when a person runs it):

- ours:     python -m policykit build --site-dir TMP, the real build (`make site`): the clause check,
            then `mkdocs build --strict` of both languages (mkdocs-static-i18n, the policykit plugin).
- check:    python -m policykit check alone.
- baseline: `mkdocs build` of a copy of the same docs/ (both languages) with plain Material: the
            theme with its defaults, its search plugin, the same nav and Markdown extensions, no
            custom_dir, extra CSS/JS or other plugins. Without mkdocs-static-i18n each
            page.en.md is an ordinary page of its own (URL page.en/), so both builds render the
            same pages, but plain Material has one search index for both languages. `font: false`
            as ours: Material's default Google Fonts would only add requests to the baseline.
            Not strict: the project's links to data/, kallor/ and pdf/ (made by our plugin) have no target.

Page weight: the bytes a browser fetches, raw and gzip (level 6, the usual server default; HTTP
headers not counted), in two parts:

- before any search: the files are found the way the browser finds them (tests/test_page_weight.py
  checks this list against headless chromium): the HTML; its stylesheets, scripts, icon and images,
  and what the CSS references with url(). Search costs nothing here: Pagefind loads when opened.
- the first search (`search_weight`): what headless Debian chromium fetches when the reader opens
  the search on that page and types a query: Pagefind's script and WebAssembly for the page's
  language, the index chunks the words need and the fragments of the results shown. Measured in
  a browser because what Pagefind fetches depends on the query; skipped when Playwright or
  /usr/bin/chromium is missing. Pagefind's files are compressed already, so their gzip size is
  about their size on disk.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import yaml

from policykit.bench import lighthouse


ROOT = Path.cwd()
PAGES = ("stockholm/strategi/", "en/stockholm/strategi/")
# The first search weighed on each page: a word of the policy text that the synthetic
# municipalities of policykit.bench.scale use as well (besök, besöksmottagning), so the result list
# is full at any number of municipalities. (Their English pages carry the Swedish text.)
QUERIES = {"stockholm/strategi/": "besök", "en/stockholm/strategi/": "visits"}
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
# The same two pages in the baseline, where the English twin is an ordinary page.
BASELINE_PAGES = ("stockholm/strategi/", "stockholm/strategi.en/")
GZIP_LEVEL = 6
_ORIGIN = "http://site.invalid/"


# ---------------------------------------------------------------------------------------------
# Page weight
# ---------------------------------------------------------------------------------------------

class _Refs(HTMLParser):
    """The URLs an HTML page makes the browser fetch."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        rel = (a.get("rel") or "").split()
        if tag == "link" and a.get("href") and ({"stylesheet", "icon", "preload", "modulepreload"} & set(rel)):
            self.urls.append(a["href"])
        elif tag in ("script", "img", "source", "iframe") and a.get("src"):
            self.urls.append(a["src"])


def page_requests(site: Path, page: str) -> list[str]:
    """Site-relative paths of every file the browser fetches to show page, before any search."""
    page_url = _ORIGIN + page
    refs = _Refs()
    refs.feed((site / page / "index.html").read_text(encoding="utf-8"))
    urls = [page_url] + [urljoin(page_url, u) for u in refs.urls]
    for css in [u for u in urls if urlsplit(u).path.endswith(".css")]:
        urls += [urljoin(css, u) for u in _css_urls(site / _path(css))]
    paths = [_path(u) for u in urls if u.startswith(_ORIGIN)]  # data: URIs cost no request
    return list(dict.fromkeys(paths))


def _css_urls(css: Path) -> list[str]:
    found = re.findall(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", css.read_text(encoding="utf-8"))
    return [u for u in found if not u.startswith(("data:", "#"))]


def _path(url: str) -> str:
    """Site-relative file path of a URL on the site (a folder URL means its index.html)."""
    path = "/".join(p for p in unquote(urlsplit(url).path).split("/") if p)  # servers merge '//'
    return path + "/index.html" if url.split("?")[0].endswith("/") and path else path or "index.html"


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def _weigh_files(site: Path, paths) -> dict:
    files = []
    for rel in paths:
        data = (site / rel).read_bytes()
        files.append({"path": rel, "raw": len(data), "gzip": gzip_size(data)})
    return {"raw": sum(f["raw"] for f in files), "gzip": sum(f["gzip"] for f in files),
            "requests": len(files), "files": files}


def page_weight(site: Path, page: str, query: str | None = None) -> dict:
    """{'page', 'raw', 'gzip', 'requests', 'files': [{'path', 'raw', 'gzip'}]} for one page before any
    search; with a query, also 'search': the same for its first search (`search_weight`), or None
    when no browser can run here."""
    weight = {"page": page, **_weigh_files(site, page_requests(site, page))}
    if query is not None:
        weight["search"] = search_weight(site, page, query, exclude=page_requests(site, page))
    return weight


def search_requests(site: Path, page: str, query: str) -> list[str] | None:
    """Site-relative paths chromium fetches when the search is opened on page and query typed; None
    without Playwright or chromium."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not Path(CHROMIUM).is_file():
        return None
    import contextlib

    fetched: list[str] = []
    with lighthouse.served(site) as base:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            with contextlib.closing(browser):
                context = browser.new_context()
                tab = context.new_page()
                tab.goto(base + page, wait_until="networkidle")
                context.on("request", lambda r: fetched.append(r.url))  # from here on: the search
                tab.keyboard.press("/")
                # The whole word as one input: typed letter by letter, how many prefixes Pagefind
                # searches (and which fragments it fetches) depended on the machine's speed.
                tab.locator(".md-search__input").fill(query)
                tab.wait_for_function("() => document.querySelector('.md-search-result__list').children.length > 0",
                                      timeout=60_000)
                tab.wait_for_load_state("networkidle")
    paths = [_path(u.replace(base, _ORIGIN)) for u in fetched if u.startswith(base)]
    return list(dict.fromkeys(paths))


def search_weight(site: Path, page: str, query: str, exclude=()) -> dict | None:
    """{'query', 'raw', 'gzip', 'requests', 'files'} of the first search on page, or None (no browser).

    Files in `exclude` (the page's own, e.g. a favicon chromium asks for late) are not counted twice."""
    paths = search_requests(site, page, query)
    return None if paths is None else {"query": query, **_weigh_files(site, [p for p in paths if p not in exclude])}


def site_size(site: Path) -> dict:
    """Files and bytes of the built site; PDFs (downloads, not page weight) counted apart."""
    files = [p for p in site.rglob("*") if p.is_file()]
    pdfs = [p for p in files if p.suffix.lower() == ".pdf"]
    rest = [p for p in files if p.suffix.lower() != ".pdf"]
    return {"files": len(rest), "bytes": sum(p.stat().st_size for p in rest),
            "pdf_files": len(pdfs), "pdf_bytes": sum(p.stat().st_size for p in pdfs),
            "map_files": sum(p.suffix == ".map" for p in files),
            "lunr_files": sum(1 for p in rest if "lunr" in p.relative_to(site).parts),
            "pagefind_files": sum(1 for p in rest if p.relative_to(site).parts[0] == "pagefind"),
            "pagefind_bytes": sum(p.stat().st_size for p in rest if p.relative_to(site).parts[0] == "pagefind")}


def weigh(site: Path, pages=PAGES, search: bool = True) -> dict:
    return {"pages": [page_weight(site, p, QUERIES.get(p) if search else None) for p in pages], "size": site_size(site)}


# ---------------------------------------------------------------------------------------------
# Timings
# ---------------------------------------------------------------------------------------------

def baseline_config(docs: Path, config: Path = ROOT / "mkdocs.yml") -> dict:
    """Plain Material for the same pages: our nav and Markdown extensions, nothing of the project."""
    ours = yaml.safe_load(config.read_text(encoding="utf-8"))
    return {
        "site_name": ours["site_name"],
        "site_url": ours.get("site_url"),
        "docs_dir": str(docs),
        "exclude_docs": ours.get("exclude_docs", ""),
        "theme": {"name": "material", "language": ours["theme"].get("language", "en"), "font": False},
        "plugins": ["search"],
        "markdown_extensions": ours.get("markdown_extensions", []),
        "nav": ours.get("nav"),
    }


def timed(cmd: list, root: Path, env: dict | None = None) -> tuple[float, float, subprocess.CompletedProcess]:
    """(wall seconds, CPU seconds, result) of one command and its children; a failure ends the run.

    CPU time is reported too because wall time on a shared machine includes waiting for a core.
    Also used by policykit.bench.scale.
    """
    cmd = [str(part) for part in cmd]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"error: {' '.join(cmd)} failed (exit {result.returncode}):\n{result.stdout}{result.stderr}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), result


def measure(runs: int, work: Path, root: Path = ROOT, lighthouse_runs: int = 3) -> dict:
    docs = work / "baseline" / "docs"
    shutil.copytree(root / "docs", docs)
    baseline_yml = work / "baseline" / "mkdocs.yml"
    config = baseline_config(docs, root / "mkdocs.yml")
    baseline_yml.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    py = sys.executable
    ours_dir, base_dir = work / "ours", work / "baseline-site"
    commands = {
        "ours": [py, "-m", "policykit", "build", "--root", str(root), "--site-dir", str(ours_dir)],
        "check": [py, "-m", "policykit", "check", "--root", str(root)],
        "baseline": [py, "-m", "mkdocs", "build", "-q", "-f", str(baseline_yml), "-d", str(base_dir)],
    }
    wall: dict[str, list[float]] = {k: [] for k in commands}
    cpu: dict[str, list[float]] = {k: [] for k in commands}
    for n in range(runs):
        for d in (ours_dir, base_dir):
            shutil.rmtree(d, ignore_errors=True)  # every run builds from nothing; the last one is weighed
        for name, cmd in commands.items():
            w, c, _ = timed(cmd, root)
            wall[name].append(w)
            cpu[name].append(c)
        print(f"run {n + 1}/{runs}: " + ", ".join(f"{k} {wall[k][-1]:.2f} s" for k in commands), file=sys.stderr)
    median = {k: statistics.median(v) for k, v in wall.items()}
    median_cpu = {k: statistics.median(v) for k, v in cpu.items()}
    return {"runs": runs, "cpus": os.cpu_count(), "load_average": os.getloadavg(),
            "seconds": wall, "cpu_seconds": cpu, "median": median, "median_cpu": median_cpu,
            "ratio": median["ours"] / median["baseline"],
            "ratio_cpu": median_cpu["ours"] / median_cpu["baseline"],
            # Our build also writes pages the baseline has no source for (a page per municipality,
            # comparison topic and responsibility area, made by the plugin): per page as well.
            "pages": {"ours": _pages(ours_dir), "baseline": _pages(base_dir)},
            "ours": weigh(ours_dir), "baseline": weigh(base_dir, BASELINE_PAGES, search=False),
            # Lighthouse's mobile score and TBT beside plain Material (bench/lighthouse.py); 0 runs: not measured.
            "lighthouse": lighthouse.measure(root, ours_dir, base_dir, lighthouse_runs) if lighthouse_runs else None,
            "lighthouse_runs": lighthouse_runs}


def _pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------

def _kb(n: int) -> str:
    return f"{n / 1000:.1f} KB"


def table(result: dict) -> str:
    out = []
    if "median" in result:
        m, c = result["median"], result["median_cpu"]
        load = ", ".join(f"{x:.1f}" for x in result["load_average"])
        out += [f"Times, median of {result['runs']} runs ({result['cpus']} CPUs; load average at the end {load})",
                f"  {'':50} {'wall':>8} {'CPU':>8}",
                f"  {'ours: policykit build (check + strict build, sv+en)':50} {m['ours']:7.2f}s {c['ours']:7.2f}s",
                f"  {'clause check alone: policykit check':50} {m['check']:7.2f}s {c['check']:7.2f}s",
                f"  {'baseline: plain Material, same docs/':50} {m['baseline']:7.2f}s {c['baseline']:7.2f}s",
                f"  {'ratio ours / baseline':50} {result['ratio']:8.2f} {result['ratio_cpu']:8.2f}"]
        if "pages" in result:
            n = result["pages"]
            per = {k: 1000 * c[k] / max(n[k], 1) for k in ("ours", "baseline")}
            out += [f"  {'pages built: ours / baseline':50} {n['ours']:>8} {n['baseline']:>8}",
                    f"  {'CPU per page: ours / baseline (ms)':50} {per['ours']:8.1f} {per['baseline']:8.1f}",
                    f"  {'ratio per page':50} {'':>8} {per['ours'] / per['baseline']:8.2f}"]
        out.append("")
    for name in ("ours", "baseline"):
        if name not in result:
            continue
        w = result[name]
        note = "" if name == "ours" else "; Material's search index, worker and lunr, fetched on load, not counted"
        out.append(f"Page weight, {name}: before any search, then the first search (gzip level {GZIP_LEVEL}{note})")
        for p in w["pages"]:
            out.append(f"  /{p['page']:38} {p['requests']:3} requests {_kb(p['raw']):>11} raw {_kb(p['gzip']):>10} gzip")
            for f in p["files"]:
                out.append(f"      {f['path']:58} {_kb(f['raw']):>11} {_kb(f['gzip']):>10}")
            search = p.get("search")
            if search:
                out.append(f"    first search for {search['query']!r}: {search['requests']:3} requests "
                           f"{_kb(search['raw']):>11} raw {_kb(search['gzip']):>10} gzip")
                for f in search["files"]:
                    out.append(f"      {f['path']:58} {_kb(f['raw']):>11} {_kb(f['gzip']):>10}")
            elif "search" in p:
                out.append("    first search: not measured (no Playwright or /usr/bin/chromium here)")
        s = w["size"]
        out += [f"Site size, {name}: {s['files']} files, {s['bytes'] / 1e6:.2f} MB without PDFs "
                f"({s['map_files']} source maps, {s['lunr_files']} lunr files, {s['pagefind_files']} Pagefind files "
                f"of {s['pagefind_bytes'] / 1e6:.2f} MB); "
                f"PDFs: {s['pdf_files']} files, {s['pdf_bytes'] / 1e6:.2f} MB", ""]
    if result.get("lighthouse_runs"):
        out += lighthouse.table(result.get("lighthouse"), result["lighthouse_runs"])
    return "\n".join(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="rounds of timings (median reported; default 5)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON instead of a table")
    parser.add_argument("--weigh", type=Path, metavar="DIR", help="only weigh a site built already (ours)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project to measure (default: this checkout)")
    parser.add_argument("--lighthouse-runs", type=int, default=3,
                        help="Lighthouse rounds (median reported; default 3; 0 leaves Lighthouse out)")
    args = parser.parse_args(argv)
    if args.weigh:
        result = {"ours": weigh(args.weigh.resolve())}
    else:
        if args.runs < 1:
            parser.error("--runs must be at least 1")
        with tempfile.TemporaryDirectory(prefix="benchmark-") as tmp:
            result = measure(args.runs, Path(tmp), args.root.resolve(), args.lighthouse_runs)
    print(json.dumps(result, indent=1) if args.json else table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
