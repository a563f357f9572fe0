"""Every link and #anchor of the built site resolves: ``python -m policykit links`` (policykit.check.links).

The check reads the built HTML with the standard library's HTML parser, with no server and no
network, so it gives the same answer every time. The real site passes in both languages; copies
with a broken link, a broken anchor, an English clause linked to a Swedish clause that does not
exist, or a file loaded from another host fail with the exact lines, exit status 1.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import run
from policykit.check.links import check_links

LINKS_CMD = ("-m", "policykit", "links")
SITE_URL = "http://127.0.0.1:8000/"  # site_url of mkdocs.yml; the command reads it from there


def links(site: Path) -> tuple[int, list[str], str]:
    """Run the command on a site folder: exit status, its error lines, its summary line."""
    result = run(LINKS_CMD, site, timeout=300)
    lines = result.stdout.splitlines()
    assert lines and result.stderr == "", result.stdout + result.stderr
    return result.returncode, [line for line in lines if line.startswith("error: ")], lines[-1]


def plant(site: Path, page: str, old: str, new: str) -> None:
    """Replace the one occurrence of old in a page of the site with new."""
    path = site / page
    html = path.read_text(encoding="utf-8")
    assert html.count(old) == 1, f"{page}: {old!r} occurs {html.count(old)} times"
    path.write_text(html.replace(old, new), encoding="utf-8")


@pytest.fixture
def broken(site: Path, tmp_path: Path) -> Path:
    """A private copy of the built site that a test may damage."""
    return Path(shutil.copytree(site, tmp_path / "site"))


def test_built_site_has_no_broken_links_or_anchors(site: Path):
    status, errors, summary = links(site)
    assert (status, errors) == (0, []), "\n".join(errors)
    assert summary.startswith("OK: ") and summary.endswith("; 0 problems"), summary

    # It walked the whole site, both languages, and looked at the links that matter.
    report = check_links(site, SITE_URL)
    assert report.ok and report.links > 1000 and report.fragments > 500, report.summary_line()
    assert {"index.html", "404.html", "en/index.html", "en/404.html",
            "en/stockholm/strategi/index.html", "jamforelse/index.html"} <= set(report.pages)
    checked = report.checked
    # An English clause's link to its Swedish original.
    assert ("en/stockholm/strategi/index.html", "../../../stockholm/strategi/#strategi-3-2-s4") in checked
    # The language switcher, both ways.
    assert ("stockholm/strategi/index.html", "../../en/stockholm/strategi/") in checked
    assert ("en/stockholm/strategi/index.html", "../../../stockholm/strategi/") in checked
    # Links rendered from the data files to clauses (the comparison's topic pages cite clauses).
    assert any(page.startswith("jamforelse/") and page != "jamforelse/index.html" and "#strategi-" in href
               for page, href in checked)
    # The 404 pages' root-absolute links and the canonical links (site_url).
    assert ("en/404.html", "/en/") in checked
    assert ("index.html", SITE_URL) in checked


def test_planted_broken_link_and_anchor_fail_the_check(broken: Path):
    plant(broken, "index.html", "</body>",
          '<a href="nope/">x</a> <a href="stockholm/strategi/#no-such-anchor">y</a>\n</body>')
    # The anchor's page exists and is fine: only the anchor is broken.
    assert (broken / "stockholm" / "strategi" / "index.html").is_file()

    status, errors, summary = links(broken)

    assert status == 1
    assert errors == [
        "error: index.html: link to 'nope/' has no target: nope/index.html is not in the site; "
        "link to an existing page or file",
        "error: index.html: link to 'stockholm/strategi/#no-such-anchor' has no anchor: "
        "stockholm/strategi/index.html has no id 'no-such-anchor'; use an existing id",
    ]
    assert summary.startswith("FAILED: ") and summary.endswith("; 2 problems"), summary


def test_planted_english_link_to_a_missing_swedish_clause_fails_the_check(broken: Path):
    page = "en/stockholm/strategi/index.html"
    plant(broken, page, 'href="../../../stockholm/strategi/#strategi-3-2-s4"',
          'href="../../../stockholm/strategi/#strategi-3-2-s99"')

    status, errors, summary = links(broken)

    assert status == 1
    assert errors == [
        f"error: {page}: link to '../../../stockholm/strategi/#strategi-3-2-s99' has no anchor: "
        "stockholm/strategi/index.html has no id 'strategi-3-2-s99'; "
        "use an existing id (nearest: strategi-3-2-s9, strategi-3-3-s9, strategi-3-2-s8)",
    ]
    assert summary.endswith("; 1 problems"), summary


def test_planted_request_to_another_host_fails_the_check(broken: Path):
    plant(broken, "en/index.html", "</body>",
          '<script src="https://cdn.example.org/x.js"></script>'
          '<link rel="stylesheet" href="//fonts.example.com/a.css">'
          # Links a reader follows may leave the site; they are not requests of the page.
          '<a href="https://example.org/">e</a> <a href="mailto:a@example.org">m</a> <a href="tel:+4612">t</a>'
          '<link rel="alternate" href="https://example.org/feed.xml">\n</body>')

    status, errors, _ = links(broken)

    fix = "the site makes no request to another host: copy the file into docs/assets/ and link it relatively"
    assert status == 1
    assert errors == [
        "error: en/index.html: link to 'https://cdn.example.org/x.js' loads from another host "
        f"(cdn.example.org); {fix}",
        f"error: en/index.html: link to '//fonts.example.com/a.css' loads from another host (fonts.example.com); {fix}",
    ]


def test_planted_active_file_under_kallor_fails_the_check(broken: Path):
    (broken / "kallor" / "005_x.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (broken / "kallor" / "005_y.svg").write_text("<svg><script>alert(1)</script></svg>", encoding="utf-8")

    status, errors, _ = links(broken)

    fix = "only .txt, .pdf files are published there: remove it and rebuild"
    assert status == 1
    assert [e for e in errors if "kallor/" in e] == [
        f"error: kallor/005_x.html: is under kallor/ with a type a host serves as something a browser runs; {fix}",
        f"error: kallor/005_y.svg: is under kallor/ with a type a host serves as something a browser runs; {fix}",
    ]


def test_resolution_rules_on_a_small_site(tmp_path: Path):
    """Directory URLs, percent-decoding, root-absolute URLs under a site_url path, #top, queries."""
    site = tmp_path / "site"
    (site / "å ä").mkdir(parents=True)
    (site / "a").mkdir()
    (site / "a" / "index.html").write_text('<h2 id="x">x</h2><a name="old">o</a>', encoding="utf-8")
    (site / "å ä" / "index.html").write_text('<p id="ö">ö</p>', encoding="utf-8")
    (site / "f.pdf").write_bytes(b"%PDF")
    (site / "404.html").write_text('<a href="/sub/a/">a</a><a href="/other/">o</a>', encoding="utf-8")
    (site / "index.html").write_text(
        '<a href="a/#x">1</a><a href="./a/index.html#old">2</a><a href="%C3%A5%20%C3%A4/#%C3%B6">3</a>'
        '<a href="a/?q=1#top">4</a><a href="f.pdf#page=2">5</a><a href="">6</a><a href="#">7</a>'
        '<a href="a">8</a><a href="a/#y">9</a><a href="a/#x">1 again</a>'
        '<img src="data:image/png;base64,AA=="><a href="javascript:void(0)">j</a>', encoding="utf-8")

    report = check_links(site, "https://example.org/sub/")

    assert [str(p) for p in report.problems] == [
        "error: 404.html: link to '/other/' leads out of the site (https://example.org/sub/); "
        "link to a page of this site",
        "error: index.html: link to 'a' names the folder a/ without its final '/'; "
        "end the URL with '/' (directory URLs: relative links on that page resolve from it)",
        "error: index.html: link to 'a/#y' has no anchor: a/index.html has no id 'y'; use an existing id",
    ]
    assert report.pages == ["404.html", "a/index.html", "index.html", "å ä/index.html"]
    assert (report.links, report.fragments) == (11, 5)
