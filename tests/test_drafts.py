"""Nothing is published before review: a document added is a draft until a person approves it.

A synthetic municipality is added to a project copy with the real add command and left a draft.
The published build (python -m policykit build) must hold nothing of it in any file: pages,
navigation, data JSON and CSV, search fragments, PDFs, kallor/. A preview (build --drafts, and
mkdocs serve fetched over HTTP) shows it with the banner and noindex, and the traceability calls
its clauses "ej granskad", never "överensstämmer". `approve` refuses while something is left to
decide, with file, line and fix, changing nothing; once nothing is, it writes the review record,
the next build publishes the document, and the reviewer's name is in no built file. A missing
or invalid review value fails the check with file and line.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ADD_CMD, APPROVE_CMD, BUILD_CMD, CHECK_CMD, PY, REVIEWER, copy_project, run
from test_add_documents import _site_texts
from test_add_municipality import tree_digest

from policykit.authoring.synthetic import accept_as_read, municipality
from policykit.project import copy_project as copy_content

DOC = "ogranskadvik"
NAME = ("Ogranskadviks kommun", "Ogranskadvik Municipality")
PAGE = f"{DOC}/policy"
BANNER = {"sv": "Utkast, inte granskat", "en": "Draft, not reviewed"}
REGISTRY = "sources/sources.yml"


@pytest.fixture(scope="module")
def drafted(tmp_path_factory):
    """(project with the draft, published site, preview site, the draft's clauses)."""
    base = tmp_path_factory.mktemp("drafts")
    project = copy_project(base / "project")
    text = base / "in.txt"
    text.write_text(municipality(4, seed=7).text, encoding="utf-8")
    added = run(ADD_CMD, text, "--id", DOC, "--name", NAME[0], "--name-en", NAME[1], "--no-proposals",
                "--root", project)
    assert added.returncode == 0, added.stdout + added.stderr
    assert f"document '{DOC}' is a draft" in added.stdout
    sites = {}
    for name, extra in (("site", ()), ("preview", ("--drafts",))):
        built = run(BUILD_CMD, *extra, "--root", project, "--site-dir", base / name)
        assert built.returncode == 0, built.stdout + built.stderr
        sites[name] = base / name
    from policykit.project import load
    clauses = [c for c in load(project).model.clauses if c.document == DOC]
    return project, sites["site"], sites["preview"], clauses


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_a_draft_is_in_no_file_of_the_published_site(drafted):
    project, site, _, clauses = drafted
    title = yaml.safe_load((project / REGISTRY).read_text(encoding="utf-8"))["files"][-1]["documents"][0]["title"]
    needles = [title, *NAME] + [c.text for c in clauses if c.kind != "heading" and len(c.text) > 40]
    assert len(needles) > 10
    texts = list(_site_texts(site))
    # Every kind of file is read: pages, data JSON and CSV, search fragments, PDFs, downloads.
    kinds = {rel.split("/")[0] if "/" in rel else Path(rel).suffix for rel, _ in texts}
    assert {"data", "pagefind", "pdf", "kallor", ".html"} <= kinds, kinds
    found_real = False
    for rel, text in texts:
        assert DOC not in rel, rel
        flat = " ".join(text.split())
        assert not re.search(rf"\b{DOC}\b", flat, re.I), rel
        for needle in needles:
            assert needle not in flat, (rel, needle)
        found_real |= "Strömsunds kommun" in flat  # a published document's words are found the same way
    assert found_real
    assert not (site / PAGE).exists() and not (site / "en" / PAGE).exists()
    # The same search finds every needle in the preview, which shows the draft.
    shown = " ".join(" ".join(text.split()) for _, text in _site_texts(drafted[2]))
    assert all(needle in shown for needle in needles) and re.search(rf"\b{DOC}\b", shown)
    assert not list((site / "kallor").glob("005_*")) and not list((site / "pdf").rglob(f"*{DOC}*"))
    for page in ("", "en/", "jamforelse/", "kommuner/"):
        links = [a["href"] for a in soup(site, page.rstrip("/") or ".").select("a[href]")]
        assert not [h for h in links if DOC in h], page
    data = json.loads((site / "data" / "comparison.json").read_text(encoding="utf-8"))
    assert DOC not in {m["id"] for m in data["municipalities"]}
    assert all(DOC not in row["cells"] for row in data["rows"])


def test_a_preview_shows_the_draft_marked_and_unindexed(drafted):
    _, _, preview, clauses = drafted
    for prefix, lang in (("", "sv"), ("en/", "en")):
        for page in (PAGE, f"kommuner/{DOC}", f"kommuner/{DOC}/granskning"):
            html = soup(preview, prefix + page)
            box = html.select_one("article .admonition.danger .admonition-title")
            assert box is not None and box.get_text(strip=True) == BANNER[lang], prefix + page
            assert html.find("meta", attrs={"name": "robots", "content": "noindex"}), prefix + page
        published = soup(preview, prefix + "stromsund/policy")
        assert not published.find("meta", attrs={"name": "robots"})
        assert BANNER[lang] not in published.get_text()
    # Traceability: every clause of the draft "ej granskad", none "överensstämmer".
    table = soup(preview, f"kommuner/{DOC}/granskning").find(id="sparbarhet").find_next("table")
    statuses = {tr.find_all("td")[0].get_text(strip=True): tr.find_all("td")[2].get_text(strip=True)
                for tr in table.select("tbody tr")}
    assert set(statuses) == {c.id for c in clauses}
    assert set(statuses.values()) == {"ej granskad"}
    overview = soup(preview, "sparbarhet").select_one("article table")
    row = next(tr for tr in overview.select("tbody tr") if NAME[0] in tr.get_text())
    assert "ej granskad" in row.get_text() and "överensstämmer" not in row.get_text().lower()
    data = json.loads((preview / "data" / "clauses.json").read_text(encoding="utf-8"))["clauses"]
    assert {c["status"] for c in data if c["document"] == DOC} == {"unreviewed"}
    assert {c["status"] for c in data if c["document"] != DOC} == {"matched"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_mkdocs_serve_shows_the_draft(drafted, tmp_path):
    project = drafted[0]
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")  # a file, not a pipe: mkdocs logs more than a pipe holds
    server = subprocess.Popen([PY, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
                              cwd=project, stdout=log, stderr=subprocess.STDOUT)
    try:
        html, deadline = None, time.monotonic() + 300
        while html is None and time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/{PAGE}/", timeout=10) as response:
                    html = response.read().decode("utf-8")
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(2)
        assert html is not None, (tmp_path / "serve.log").read_text()[-3000:]
        page = BeautifulSoup(html, "html.parser")
        assert page.select_one("article .admonition.danger .admonition-title").get_text(strip=True) == BANNER["sv"]
        assert page.find("meta", attrs={"name": "robots", "content": "noindex"})
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def approve(project: Path) -> subprocess.CompletedProcess:
    return run(APPROVE_CMD, DOC, "--by", REVIEWER, "--root", project)


def refused(project: Path, where: str) -> str:
    """Approve is refused naming `where` (file:line), and the project is byte for byte unchanged."""
    before = tree_digest(project)
    result = approve(project)
    assert result.returncode == 1, result.stdout
    assert f"error: {where}: " in result.stdout and "cannot be approved yet" in result.stdout, result.stdout
    assert result.stdout.rstrip().endswith("nothing was changed") and "Traceback" not in result.stderr
    assert tree_digest(project) == before
    return result.stdout


def test_approve_waits_until_nothing_is_left_then_publishes_without_the_name(drafted, tmp_path):
    project = copy_content(drafted[0], tmp_path / "project")
    repairs = next((project / "sources" / "repairs").glob("005_*.yml"))
    rel = f"sources/repairs/{repairs.name}"
    lines = repairs.read_text(encoding="utf-8").split("\n")
    out = refused(project, f"{rel}:{lines.index('reviewed: false') + 1}")
    assert "set 'reviewed: true'" in out
    # The repairs reviewed, but the page still says they are not.
    repairs.write_text(repairs.read_text(encoding="utf-8").replace("reviewed: false", "reviewed: true"), "utf-8")
    page = (project / "docs" / f"{DOC}/policy.md").read_text(encoding="utf-8").split("\n")
    notice = next(n for n, line in enumerate(page, 1) if line.startswith("!!! warning") and "granskad" in line)
    assert "remove that box" in refused(project, f"docs/{DOC}/policy.md:{notice}")
    # The notices removed, but a flagged word not yet decided.
    accept_as_read(project, [DOC])
    with repairs.open("a", encoding="utf-8") as f:
        f.write("#   Mal (2×): unsure, could be Mål, Mal; in 'Mal'\n")
    flagged = len(repairs.read_text(encoding="utf-8").split("\n")) - 1
    assert "Mal" in refused(project, f"{rel}:{flagged}")
    accept_as_read(project, [DOC])  # decided: kept as read

    result = approve(project)
    assert result.returncode == 0, result.stdout + result.stderr
    registry = (project / REGISTRY).read_text(encoding="utf-8")
    assert re.search(rf'review: {{by: "{REVIEWER}", date: "\d{{4}}-\d{{2}}-\d{{2}}"}}', registry)
    assert registry.startswith((drafted[0] / REGISTRY).read_text(encoding="utf-8").split("files:")[0])
    assert approve(project).returncode == 1  # approved already
    from policykit.project import load
    assert REVIEWER not in repr(load(project).model)  # the model the site is built from never holds the name

    site = tmp_path / "site"
    built = run(BUILD_CMD, "--root", project, "--site-dir", site)
    assert built.returncode == 0, built.stdout + built.stderr
    assert (site / PAGE / "index.html").is_file() and (site / "en" / PAGE / "index.html").is_file()
    assert not soup(site, PAGE).find("meta", attrs={"name": "robots"})
    assert BANNER["sv"] not in soup(site, PAGE).get_text()
    assert list((site / "kallor").glob("005_*"))
    for rel_, text in _site_texts(site):
        assert REVIEWER not in text, rel_


def _review_line(project: Path, doc: str) -> int:
    lines = (project / REGISTRY).read_text(encoding="utf-8").split("\n")
    start = lines.index(f"      - id: {doc}")
    return next(n for n in range(start, len(lines)) if lines[n].strip().startswith("review:")) + 1


@pytest.mark.parametrize("value, message, fix", [
    (None, "document 'stromsund' has no 'review'", "write 'review: draft' until a person has reviewed it"),
    ("drafts", "'review' of 'stromsund' is 'drafts', neither 'draft' nor a review record",
     "python -m policykit approve"),
    ('{by: "", date: "2026-12-02"}', "'review.by' of 'stromsund' is '', not a reviewer's name", "--by NAME"),
    ('{by: "A", date: "2026-13-01"}', "'review.date' of 'stromsund' is '2026-13-01', not a date", '"YYYY-MM-DD"'),
    ('{by: "A", on: "2026-12-01"}', "'review' of 'stromsund' has the keys by, on/yes (read as true)", "review: draft"),
])
def test_an_invalid_review_fails_the_check_with_file_and_line(project, value, message, fix):
    line = _review_line(project, "stromsund")
    lines = (project / REGISTRY).read_text(encoding="utf-8").split("\n")
    if value is None:
        del lines[line - 1]
        line = next(n for n, text in enumerate(lines, 1) if text == "      - id: stromsund")
    else:
        lines[line - 1] = f"        review: {value}"
    (project / REGISTRY).write_text("\n".join(lines), encoding="utf-8")
    result = run(CHECK_CMD, "--root", project)
    assert result.returncode == 1
    assert f"error: {REGISTRY}:{line}: {message}" in result.stdout, result.stdout
    assert fix in result.stdout


def test_approve_refuses_unknown_approved_and_unnamed_and_a_failing_check(project):
    before = tree_digest(project)
    for args, expected in ((("stromsnd",), "no document 'stromsnd' to approve; use an existing document id "
                                           "(nearest: stromsund)"),
                           (("stromsund",), f"error: {REGISTRY}:"),
                           (("stromsund", "--by", "  "), "is not a reviewer's name")):
        by = () if "--by" in args else ("--by", REVIEWER)
        result = run(APPROVE_CMD, *args, *by, "--root", project)
        assert result.returncode == 1 and expected in result.stdout, result.stdout
        assert "nothing was changed" in result.stdout
    assert tree_digest(project) == before
    assert "is approved already" in run(APPROVE_CMD, "stromsund", "--by", REVIEWER, "--root", project).stdout
    page = project / "docs" / "stromsund" / "policy.md"
    page.write_text(page.read_text(encoding="utf-8").replace("i norra Europa", "i Europa", 1), "utf-8")
    before = tree_digest(project)
    result = run(APPROVE_CMD, "stromsund", "--by", REVIEWER, "--root", project)
    assert result.returncode == 1 and "not approved: the clause check fails" in result.stdout, result.stdout
    assert tree_digest(project) == before
