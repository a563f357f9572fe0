#!/usr/bin/env python3
"""How the build and the clause check grow with the number of municipalities.

    python -m policykit bench-scale                       # 10, 100 and 300 synthetic municipalities
    python -m policykit bench-scale --sizes 10 50 --runs 3 --json scale.json
    python -m policykit bench-scale --sizes 100 --runs 1 --build-runs 0   # one cold build per size

For each size it copies the project to a temporary folder, adds that many synthetic
municipalities (policykit.authoring.synthetic: realistic size and structure, OCR damage) with the
real add-a-municipality code, approves them (authoring/approve.py: drafts are not published),
and then times, as separate processes, the clause check (python -m policykit check, median of --runs) and the full build of both languages
(python -m policykit build: check, strict build, swap): once with an empty PDF cache ("cold":
every document's PDFs rendered) and then --build-runs times with it filled (median). Times
are CPU seconds of the process (user + system), which a busy machine disturbs less than wall
time. One row per size, with the time per municipality, which stays flat when growth is linear.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path.cwd()

from policykit.bench.benchmark import PAGES, QUERIES, page_weight, timed
from policykit.project import copy_project
from policykit.authoring.add import Request, add
from policykit.authoring.approve import approve
from policykit.authoring.synthetic import accept_as_read, municipality



def _timed(cmd: list, runs: int, env: dict | None = None) -> tuple[list[float], subprocess.CompletedProcess]:
    """CPU seconds (user + system) of each run: steadier than wall time on a shared machine."""
    results = [timed([sys.executable, *cmd], ROOT, env) for _ in range(runs)]
    return [cpu for _, cpu, _ in results], results[-1][2]


def measure(size: int, runs: int, build_runs: int, keep: Path | None, pdf_cache: Path | None = None) -> dict:
    work = Path(tempfile.mkdtemp(prefix=f"scale-{size}-"))
    project = copy_project(ROOT, work / "project")
    start = time.perf_counter()
    for n in range(size):
        synth = municipality(n, seed=1)
        add(project, Request(text=synth.text.encode("utf-8"), municipality=synth.id,
                             name_sv=f"{synth.name} kommun", name_en=f"{synth.name} Municipality",
                             propose=False, check=False, display=f"synthetic {n}"))
    ids = [municipality(n, seed=1).id for n in range(size)]
    if ids:  # invented texts, accepted as read, then approved: a draft would not be built at all
        accept_as_read(project, ids)
        approve(project, ids, by="bench-scale")
    setup = time.perf_counter() - start
    checks, checked = _timed(["-m", "policykit", "check", "--root", project], runs)
    check_s = statistics.median(checks)
    site = work / "site"
    # The first build renders every PDF (a fresh cache); later builds find them cached.
    builds, _ = _timed(["-m", "policykit", "build", "--root", project, "--site-dir", site],
                       1 + build_runs, env={"POLICY_PDF_CACHE": str(pdf_cache or work / "pdf-cache")})
    cold_s, build_s = builds[0], statistics.median(builds[1:] or builds)
    files = [p for p in site.rglob("*") if p.is_file()]
    summary = checked.stdout.strip().splitlines()[-1]
    largest = max((p for p in files if p.suffix == ".html"), key=lambda p: p.stat().st_size)
    row = {"municipalities": size, "clauses": int(summary.split()[1]), "add_s": round(setup, 2),
           "check_s": round(check_s, 2), "cold_build_s": round(cold_s, 2), "build_s": round(build_s, 2),
           "pages": sum(p.name == "index.html" for p in files),
           "site_mb": round(sum(p.stat().st_size for p in files) / 1e6, 1),
           # What one reader may have to load: the heaviest HTML page of the site (goal: flat in size).
           "largest_page_kb": round(largest.stat().st_size / 1e3, 1),
           "largest_page": str(largest.relative_to(site).parent).replace("\\", "/") + "/"}
    row["weight"] = {}
    for page in PAGES:
        w = page_weight(site, page, QUERIES[page])
        search = w["search"]
        row["weight"][page] = {"before_gzip": w["gzip"], "before_requests": w["requests"],
                               "search_query": QUERIES[page],
                               "search_gzip": search["gzip"] if search else None,
                               "search_requests": search["requests"] if search else None}
    if keep:
        shutil.copytree(work, keep / f"scale-{size}", dirs_exist_ok=True)
    shutil.rmtree(work, ignore_errors=True)
    return row


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 300])
    parser.add_argument("--runs", type=int, default=3, help="check runs per size (median)")
    parser.add_argument("--build-runs", type=int, default=1, help="warm build runs per size (median), after the cold one")
    parser.add_argument("--pdf-cache", type=Path, help="a PDF cache folder kept between runs (then the first build "
                        "is cold only on the first run); default: a fresh one per size")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON")
    parser.add_argument("--keep", type=Path, help="keep each generated project and site under this folder")
    args = parser.parse_args(argv)
    rows = []
    head = f"{'municipalities':>14} {'clauses':>8} {'pages':>6} {'site MB':>8} {'add s':>7} {'check s':>8} " \
           f"{'cold s':>7} {'build s':>8} {'check ms/muni':>14} {'build ms/muni':>14} {'largest KB':>11}  largest page"
    print(head)
    for size in args.sizes:
        row = measure(size, args.runs, args.build_runs, args.keep, args.pdf_cache)
        extra = max(size, 1)
        print(f"{row['municipalities']:>14} {row['clauses']:>8} {row['pages']:>6} {row['site_mb']:>8} "
              f"{row['add_s']:>7} {row['check_s']:>8} {row['cold_build_s']:>7} {row['build_s']:>8} "
              f"{1000 * row['check_s'] / extra:>14.0f} {1000 * row['build_s'] / extra:>14.0f} "
              f"{row['largest_page_kb']:>11}  {row['largest_page']}", flush=True)
        for page, w in row["weight"].items():
            search = "-" if w["search_gzip"] is None else f"{w['search_gzip'] / 1000:.1f} KB gzip ({w['search_requests']} requests)"
            print(f"{'':>14} /{page}: before any search {w['before_gzip'] / 1000:.1f} KB gzip "
                  f"({w['before_requests']} requests); first search for {w['search_query']!r}: {search}", flush=True)
        rows.append(row)
    if len(rows) >= 2:
        a, b = rows[-2], rows[-1]
        growth = (b["build_s"] - a["build_s"]) / max(b["municipalities"] - a["municipalities"], 1)
        print(f"\nmarginal cost per municipality between {a['municipalities']} and {b['municipalities']}: "
              f"build {1000 * growth:.0f} ms, check "
              f"{1000 * (b['check_s'] - a['check_s']) / max(b['municipalities'] - a['municipalities'], 1):.0f} ms")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
