"""LinkChecker over the served site: every internal link and every #anchor must resolve.

Only internal URLs are checked (no --check-extern; checkextern=0). Anchors are checked by
LinkChecker 10's AnchorCheck plugin, which is enabled only through a configuration file
section ``[AnchorCheck]``. Anchor problems are reported as *warnings*, not errors, so a clean
run must have 0 warnings as well as 0 errors (LinkChecker's exit status covers both).

A second test breaks a copy of the site on purpose and proves the check then fails and names
both the broken link and the broken anchor.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from conftest import serve_folder

LINKCHECKER = Path(sys.executable).parent / "linkchecker"

# Without a "LinkChecker" response header LinkChecker waits 0.1-0.6 s between requests to a host
# whatever maxrequestspersecond says; with the header, maxrequestspersecond is the limit.
CONFIG = """\
[checking]
maxrequestspersecond=1000

[filtering]
checkextern=0

[AnchorCheck]
"""

SUMMARY = re.compile(
    r"That's it\. (?P<links>\d+) links? in (?P<urls>\d+) URLs? checked\. "
    r"(?P<warnings>\d+) warnings? found(?: \((?P<hidden>\d+) ignored or duplicates not printed\))?\. "
    r"(?P<errors>\d+) errors? found")


def linkcheck(url: str, tmp_path: Path) -> tuple[subprocess.CompletedProcess, dict[str, int], str]:
    """Run LinkChecker on url (internal links and anchors only); return result, summary counts, output."""
    assert LINKCHECKER.is_file(), f"{LINKCHECKER} is missing: install the test extras"
    config = tmp_path / "linkcheckerrc"
    config.write_text(CONFIG)
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANGUAGE": "", "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [str(LINKCHECKER), "--config", str(config), "--no-status", "--output", "text", url],
        env=env, capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=900)
    output = f"--- exit status {result.returncode}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
    match = SUMMARY.search(result.stdout)
    assert match, f"LinkChecker printed no summary line:\n{output}"
    counts = {k: int(v or 0) for k, v in match.groupdict().items()}
    return result, counts, output


def internal_fragment_urls(site: Path, base: str) -> set[str]:
    """Distinct internal <a href> URLs with a #fragment on the content pages (every index.html)."""
    found = set()
    for page in site.rglob("index.html"):
        rel = page.relative_to(site).as_posix()
        for a in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all("a", href=True):
            url = urljoin(base + rel, a["href"])
            if url.startswith(base) and urlsplit(url).fragment:
                found.add(url)
    return found


def test_served_site_has_no_broken_links_or_anchors(site: Path, served: str, tmp_path: Path):
    result, counts, output = linkcheck(served, tmp_path)
    assert result.returncode == 0, f"LinkChecker found problems:\n{output}"
    assert counts["errors"] == 0 and counts["warnings"] == 0 and counts["hidden"] == 0, output
    # The same configuration is proven to catch a broken anchor by the test below; here it
    # must have walked the whole site, both languages.
    assert counts["urls"] > 100, output
    assert re.search(r"/en/stockholm/strategi/", result.stdout) or counts["urls"] > 300, output


def test_linkchecker_reports_a_broken_link_and_a_broken_anchor(site: Path, tmp_path: Path):
    broken = tmp_path / "site"
    shutil.copytree(site, broken)
    index = broken / "index.html"
    html = index.read_text(encoding="utf-8")
    assert html.count("</body>") == 1
    index.write_text(html.replace(
        "</body>", '<a href="nope/">x</a> <a href="stockholm/strategi/#no-such-anchor">y</a>\n</body>'),
        encoding="utf-8")
    # The anchor's page exists and is fine: only the anchor is broken.
    assert (broken / "stockholm" / "strategi" / "index.html").is_file()

    with serve_folder(broken) as url:
        result, counts, output = linkcheck(url, tmp_path)

    assert result.returncode != 0, f"LinkChecker passed a site with a broken link and anchor:\n{output}"
    blocks = re.split(r"\n\s*\n", result.stdout)
    link = [b for b in blocks if "URL        `nope/'" in b]
    assert link and "Error: 404" in link[0], f"the broken link nope/ is not reported as a 404:\n{output}"
    anchor = [b for b in blocks if "`stockholm/strategi/#no-such-anchor'" in b]
    assert anchor and "Anchor `no-such-anchor'" in anchor[0] and "not found" in anchor[0], (
        f"the broken anchor #no-such-anchor is not reported:\n{output}")
    # Exactly the two injected problems, nothing else.
    assert (counts["errors"], counts["warnings"]) == (1, 1), output
