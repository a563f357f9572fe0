#!/usr/bin/env python3
"""Time the build against plain Material and weigh what a reader downloads (issue 6).

    python -m policykit bench [--runs 5] [--json]     # build, check, baseline; page weight; site size
    python -m policykit bench --weigh DIR [--json]    # page weight and size of a site built already
    python -m policykit bench --root DIR              # measure another checkout (e.g. a git worktree)

Timings are medians of --runs rounds; each round runs the three commands once, one after the
other, so a busy machine slows all three alike. Every command is a fresh subprocess with this
interpreter (start-up included, as when a person runs it):

- ours:     python -m policykit build --site-dir TMP, the real build (`make site`): the clause check,
            then `mkdocs build --strict` of both languages (mkdocs-static-i18n, project hooks).
- check:    python -m policykit check alone.
- baseline: `mkdocs build` of a copy of the same docs/ (both languages) with plain Material: the
            theme with its defaults, its search plugin, the same nav and Markdown extensions, no
            custom_dir, hooks, extra CSS/JS or other plugins. Without mkdocs-static-i18n each
            page.en.md is an ordinary page of its own (URL page.en/), so both builds render the
            same pages, but plain Material has one search index for both languages. `font: false`
            as ours: Material's default Google Fonts would only add requests to the baseline.
            Not strict: the project's links to data/, kallor/ and pdf/ (made by our hooks) have no target.

Page weight: the bytes a browser fetches to show a page with search ready to use, raw and gzip
(level 6, the usual server default; HTTP headers not counted). The files are found the way the
browser finds them (tests/test_page_weight.py checks this list against headless chromium): the
HTML; its stylesheets, scripts, icon and images, and what the CSS references with url(); the
search worker and search index named in Material's __config (the page loads both on start); the
lunr files the worker imports for the index's languages.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import importlib.util
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

ROOT = Path.cwd()
PAGES = ("stockholm/strategi/", "en/stockholm/strategi/")
# The same two pages in the baseline, where the English twin is an ordinary page.
BASELINE_PAGES = ("stockholm/strategi/", "stockholm/strategi.en/")
GZIP_LEVEL = 6
_ORIGIN = "http://site.invalid/"


@functools.cache
def _hook():
    """policykit.publish.page_weight (was overrides/hooks/page_weight.py): its worker_imports()
    is the one rule for lunr files."""
    from policykit.publish import page_weight
    return page_weight


# ---------------------------------------------------------------------------------------------
# Page weight
# ---------------------------------------------------------------------------------------------

class _Refs(HTMLParser):
    """The URLs an HTML page makes the browser fetch, and Material's __config JSON."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.config: dict | None = None
        self._in_config = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        rel = (a.get("rel") or "").split()
        if tag == "link" and a.get("href") and ({"stylesheet", "icon", "preload", "modulepreload"} & set(rel)):
            self.urls.append(a["href"])
        elif tag in ("script", "img", "source", "iframe") and a.get("src"):
            self.urls.append(a["src"])
        self._in_config = tag == "script" and a.get("id") == "__config"

    def handle_data(self, data):
        if self._in_config:
            self.config = json.loads(data)
            self._in_config = False


def page_requests(site: Path, page: str) -> list[str]:
    """Site-relative paths of every file the browser fetches to show page with search ready."""
    page_url = _ORIGIN + page
    refs = _Refs()
    refs.feed((site / page / "index.html").read_text(encoding="utf-8"))
    urls = [page_url] + [urljoin(page_url, u) for u in refs.urls]
    for css in [u for u in urls if urlsplit(u).path.endswith(".css")]:
        urls += [urljoin(css, u) for u in _css_urls(site / _path(css))]
    config = refs.config or {}
    if config.get("search"):
        worker = urljoin(page_url, config["search"])
        # Material: new URL("search/search_index.json", config.base), base resolved against the page.
        index = urljoin(urljoin(page_url, config["base"]), "search/search_index.json")
        langs = json.loads((site / _path(index)).read_text(encoding="utf-8"))["config"]["lang"]
        lunr = urljoin(worker, "../lunr/")  # the worker's "../lunr", relative to the worker's URL
        urls += [worker, index] + [urljoin(lunr, name) for name in _hook().worker_imports(langs)]
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


def page_weight(site: Path, page: str) -> dict:
    """{'page', 'raw', 'gzip', 'requests', 'files': [{'path', 'raw', 'gzip'}]} for one page."""
    files = []
    for rel in page_requests(site, page):
        data = (site / rel).read_bytes()
        files.append({"path": rel, "raw": len(data), "gzip": gzip_size(data)})
    return {"page": page, "raw": sum(f["raw"] for f in files), "gzip": sum(f["gzip"] for f in files),
            "requests": len(files), "files": files}


def site_size(site: Path) -> dict:
    """Files and bytes of the built site; PDFs (downloads, not page weight) counted apart."""
    files = [p for p in site.rglob("*") if p.is_file()]
    pdfs = [p for p in files if p.suffix.lower() == ".pdf"]
    rest = [p for p in files if p.suffix.lower() != ".pdf"]
    return {"files": len(rest), "bytes": sum(p.stat().st_size for p in rest),
            "pdf_files": len(pdfs), "pdf_bytes": sum(p.stat().st_size for p in pdfs),
            "map_files": sum(p.suffix == ".map" for p in files),
            "lunr_files": sum(1 for p in rest if "lunr" in p.relative_to(site).parts)}


def weigh(site: Path, pages=PAGES) -> dict:
    return {"pages": [page_weight(site, p) for p in pages], "size": site_size(site)}


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


def measure(runs: int, work: Path, root: Path = ROOT) -> dict:
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
            "ours": weigh(ours_dir), "baseline": weigh(base_dir, BASELINE_PAGES)}


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
                f"  {'ours: build_site.py (check + strict build, sv+en)':50} {m['ours']:7.2f}s {c['ours']:7.2f}s",
                f"  {'clause check alone: check_clauses.py':50} {m['check']:7.2f}s {c['check']:7.2f}s",
                f"  {'baseline: plain Material, same pages':50} {m['baseline']:7.2f}s {c['baseline']:7.2f}s",
                f"  {'ratio ours / baseline':50} {result['ratio']:8.2f} {result['ratio_cpu']:8.2f}", ""]
    for name in ("ours", "baseline"):
        if name not in result:
            continue
        w = result[name]
        out.append(f"Page weight, {name} (search included; gzip level {GZIP_LEVEL})")
        for p in w["pages"]:
            out.append(f"  /{p['page']:38} {p['requests']:3} requests {_kb(p['raw']):>11} raw {_kb(p['gzip']):>10} gzip")
            for f in p["files"]:
                out.append(f"      {f['path']:58} {_kb(f['raw']):>11} {_kb(f['gzip']):>10}")
        s = w["size"]
        out += [f"Site size, {name}: {s['files']} files, {s['bytes'] / 1e6:.2f} MB without PDFs "
                f"({s['map_files']} source maps, {s['lunr_files']} lunr files); "
                f"PDFs: {s['pdf_files']} files, {s['pdf_bytes'] / 1e6:.2f} MB", ""]
    return "\n".join(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="rounds of timings (median reported; default 5)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON instead of a table")
    parser.add_argument("--weigh", type=Path, metavar="DIR", help="only weigh a site built already (ours)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project to measure (default: this checkout)")
    args = parser.parse_args(argv)
    if args.weigh:
        result = {"ours": weigh(args.weigh.resolve())}
    else:
        if args.runs < 1:
            parser.error("--runs must be at least 1")
        with tempfile.TemporaryDirectory(prefix="benchmark-") as tmp:
            result = measure(args.runs, Path(tmp), args.root.resolve())
    print(json.dumps(result, indent=1) if args.json else table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
