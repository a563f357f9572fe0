"""Lighthouse's mobile score and Total Blocking Time, ours beside plain Material (issue 18).

    python -m policykit bench            # prints, after the page weights:
    Lighthouse 12.2.3, mobile (simulated mid-range phone, 4x CPU), median of 3, interleaved
      stockholm/strategi/      score  91 / 97 (plain Material)   TBT  180 / 20 ms
      ...

Lighthouse comes from npm, pinned (`npm i -E lighthouse@12.2.3` into .cache/lighthouse/, which
`make lighthouse` does when it is missing), and runs Debian's chromium (CHROME_PATH). Both sites are
served from this machine by Python's HTTP server; each round runs every page once on ours and once
on the baseline, one after the other, so a busy machine slows both alike. The goal (issue 18): a
score at least the baseline's less 3, and a TBT at most 1.5 times the baseline's plus 100 ms.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import statistics
import subprocess
import threading
from pathlib import Path

VERSION = "12.2.3"
# Our page -> the same page in plain Material's build (the same paths: both from docs/*.md).
PAGES = {"stockholm/strategi/": "stockholm/strategi/", "kontaktperson/": "kontaktperson/",
         "jamforelse/": "jamforelse/", "ansvar/": "ansvar/"}
CHROMIUM = "/usr/bin/chromium"


def cli(root: Path) -> Path:
    return root / ".cache" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def served(site: Path):
    """A built site served on 127.0.0.1 (a free port) while the block runs; yields its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def run_once(root: Path, url: str) -> tuple[float, float]:
    """One Lighthouse run of a URL: (performance score 0-100, Total Blocking Time in ms)."""
    cmd = ["node", str(cli(root)), url, "--only-categories=performance", "--output=json", "--output-path=stdout",
           "--quiet", "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "CHROME_PATH": CHROMIUM})
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}: {result.stderr.strip()[-400:]}")
    report = json.loads(result.stdout)
    return (round(100 * (report["categories"]["performance"]["score"] or 0)),
            report["audits"]["total-blocking-time"]["numericValue"])


def measure(root: Path, ours: Path, baseline: Path, runs: int = 3) -> dict | None:
    """Page -> {"ours": {"score", "tbt"}, "baseline": {...}}, medians of `runs`; None without Lighthouse."""
    if not cli(root).is_file():
        return None
    found: dict[str, dict[str, list]] = {p: {"ours": [], "baseline": []} for p in PAGES}
    with served(ours) as ours_url, served(baseline) as base_url:
        for _ in range(runs):
            for page, base_page in PAGES.items():
                found[page]["ours"].append(run_once(root, ours_url + page))
                found[page]["baseline"].append(run_once(root, base_url + base_page))
    return {page: {side: {"score": statistics.median(s for s, _ in values), "tbt": statistics.median(t for _, t in values)}
                   for side, values in sides.items()} for page, sides in found.items()}


def meets(r: dict) -> bool:
    """Issue 18's goal: score >= baseline - 3 and TBT <= 1.5 x baseline + 100 ms."""
    return r["ours"]["score"] >= r["baseline"]["score"] - 3 and r["ours"]["tbt"] <= 1.5 * r["baseline"]["tbt"] + 100


def table(result: dict | None, runs: int = 3) -> list[str]:
    if result is None:
        return ["", "Lighthouse: not installed (make lighthouse installs it into .cache/lighthouse/)"]
    out = ["", f"Lighthouse {VERSION}, mobile (simulated mid-range phone, 4x CPU), median of {runs}, interleaved:",
           f"  {'page':24} {'score ours / Material':>22} {'TBT ours / Material':>24}  goal"]
    for page, r in result.items():
        o, b = r["ours"], r["baseline"]
        out.append(f"  {page:24} {o['score']:>10.0f} / {b['score']:<9.0f} {o['tbt']:>10.0f} / {b['tbt']:<6.0f} ms"
                   f"  {'met' if meets(r) else 'NOT met'}")
    return out
