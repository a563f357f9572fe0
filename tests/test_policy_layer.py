"""The policy layer: principles, responsibilities, comparison, glossary, traceability, JSON data.

Facts are checked against the clause model and the built HTML; bad data files are checked
against the real check and build commands on a damaged copy of the project.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import run, CHECK_CMD
from policykit.authoring.add import DUTY

CHECK = CHECK_CMD


@pytest.fixture(scope="module")
def loaded(content):
    # Run twice (the `content` fixture): on the real project and on a copy with a municipality added.
    return content.project


@pytest.fixture(scope="module")
def model(loaded):
    return loaded.model


@pytest.fixture(scope="module")
def data(loaded):
    return loaded.data


@pytest.fixture(scope="module")
def html(content):
    def page(rel: str) -> BeautifulSoup:
        return BeautifulSoup((content.site / rel / "index.html").read_text(encoding="utf-8"), "html.parser")
    return page


def test_every_responsibility_statement_has_a_row(model, data):
    # A row, or (for a municipality just added) an 'unmapped' row the add command wrote.
    cited = {t.clause for t in data.tasks} | {u.clause for u in data.unmapped}
    statements = [c for c in model.clauses if c.kind != "heading" and DUTY.search(c.text)
                  and (c.document != "rapport")]
    assert len(statements) > 15
    missing = [f"{c.id}: {c.text}" for c in statements if c.id not in cited]
    assert not missing, "responsibility statements without a row in docs/data/responsibilities.yml:\n" + "\n".join(missing)


def test_the_bodies_the_sources_name_are_in_the_data(data):
    names = " | ".join(b.name.sv for b in data.bodies)
    for body in ["Kommunfullmäktige", "Kommunstyrelsen", "Internationella beredningen", "Finansborgarrådet",
                 "ämnder och bolagsstyrelser", "erksamhet", "Stadsledningskontoret", "nätverket",
                 "ontaktpersoner", "bolagschefer", "Europaförening", "Europakontor"]:
        assert body in names, body
    assert any(b.municipality == "stromsund" for b in data.bodies)


def test_every_principle_of_section_4_has_an_anchor_and_is_cited(model, data, html):
    principles = html("principer")
    comparison_cited = {c for r in data.rows for cell in r.cells.values() for c in cell.clauses}
    strategy = html("stockholm/strategi")
    for n in range(1, 6):
        cid = f"strategi-4-p{n}"
        entry = next(p for p in data.principles if cid in p.clauses)
        section = principles.find(id=f"princip-{entry.id}")
        assert section is not None and section.name in ("h2", "h3"), cid
        assert cid in comparison_cited, f"{cid} is not cited in the comparison"
        cited_in = [a.get_text() for a in strategy.find(id=cid).select(".cited-in a")]
        assert "Jämförelse mellan kommunerna" in cited_in and "Principer" in cited_in, (cid, cited_in)
        assert "Vem gör vad" in cited_in, (cid, cited_in)
    assert any(cid in p.clauses for p in data.principles for cid in ["strategi-4-s1"])


def test_principles_show_words_meaning_and_topics(html, model, data):
    soup = html("principer")
    first = data.principles[0]
    heading = soup.find(id=f"princip-{first.id}")
    block = []
    for sib in heading.find_next_siblings():
        if sib.name in ("h2", "h3"):
            break
        block.append(sib)
    text = " ".join(b.get_text(" ", strip=True) for b in block)
    assert model.by_id[first.clauses[0]].text[:40] in text
    assert any("admonition" in (b.get("class") or []) for b in block)
    assert first.meaning.sv[:30] in text
    links = [a["href"] for b in block for a in b.select("a[href]")]
    assert any(h.endswith(f"#{first.clauses[0]}") for h in links)
    assert any(re.search(r"jamforelse/[a-z-]+/$", h) for h in links)  # the topic's own page


def test_comparison_has_every_topic_for_every_municipality_with_explicit_gaps(html, data):
    names = [m.name.sv for m in data.municipalities]  # the registry's, in its order
    assert names[:2] == ["Stockholms stad", "Strömsunds kommun"]
    soup = html("jamforelse")
    assert "beskriver" in soup.select_one(".admonition.info").get_text() and "rangordnar inte" in soup.get_text()
    text = soup.get_text()
    for topic in data.topics:
        assert soup.find(id=f"amne-{topic.id}") is not None, topic.id
        page = html(f"jamforelse/{topic.id}")  # the topic's page: a row per municipality
        rows = page.select("article table tbody tr")
        assert [r.select("td")[0].get_text(strip=True) for r in rows] == names, topic.id
        assert [r.select_one("td a")["id"] for r in rows] == [f"kommun-{m.id}" for m in data.municipalities]
        text += page.get_text()
    assert "Finns inte i den tillgängliga texten" in text and "Tas inte upp i dokumentet" in text
    twin = soup.find(id="amne-vanorter-avtal").find_next("p").get_text()
    assert "Stockholm har inga utpekade vänorter" in twin and "Strömsund prioriterar" in twin
    # The matrix: a column per municipality, headed by its name, leading to its page.
    matrix = soup.select_one(".matrix table")
    assert matrix["aria-labelledby"] and soup.find(id=matrix["aria-labelledby"]).get_text()
    heads = matrix.select("thead th[scope=col]")[1:]
    assert [th.get_text() for th in heads] == names[:len(heads)]
    assert all(th.a["href"].startswith("../kommuner/") for th in heads)
    stockholm = html("kommuner/stockholm")
    cell = stockholm.find(id="amne-vanorter-avtal")
    assert cell["href"].endswith("jamforelse/vanorter-avtal/#kommun-stockholm")
    assert "vänortsavtal" in cell.find_parent("tr").get_text()


def test_responsibility_tables_answer_questions(html, data):
    soup = html("ansvar")
    assert soup.find("a", href=lambda h: h and h.rstrip("/").endswith("medlemskap")) is not None
    table = html("ansvar/medlemskap").select_one("article table")
    rows = [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in table.select("tbody tr")]
    assert any(r[:3] == ["Stockholms stad", "Kommunfullmäktige", "beslutar"] for r in rows)
    assert html("kommuner/stockholm").find(id="organ-kommunstyrelsen") is not None
    assert html("kommuner/stromsund").find(id="organ-stromsund-kommunstyrelsen") is not None
    assert html("ansvar/relationer").select_one("article table tbody tr") is not None


def test_glossary_page_and_tooltips(html, data):
    soup = html("ordlista")
    glossary, termbase = soup.select("article table")[:2]
    assert len(glossary.select("tbody tr")) == len(data.terms) >= 15
    # an entry that says what a document says links the clauses it rests on
    cited = [t for t in data.terms if t.clauses]
    for t in cited:
        row = soup.find(id=f"term-{t.id}").find_parent("tr")
        assert {a["href"].split("#")[-1] for a in row.select("a[href*='#']")} >= set(t.clauses), t.id
    # the termbase: one row per Swedish term, with its one English rendering
    assert soup.find(id="termbank") is not None
    rows = [[" ".join(td.get_text().split()) for td in tr.select("td")] for tr in termbase.select("tbody tr")]
    assert len(rows) == len(data.termbase) and {r[0] for r in rows} == {t.sv for t in data.termbase}
    assert all(r[1].startswith(next(t.en for t in data.termbase if t.sv == r[0])) for r in rows)
    strategy = html("stockholm/strategi")
    titles = {a.get_text(): a["title"] for a in strategy.select("abbr[title]")}
    assert "Kommunstyrelsen" in titles or "kommunstyrelsen" in titles
    assert "Sida" in titles


def test_traceability_page_lists_every_clause(html, model):
    soup = html("sparbarhet")
    text = soup.get_text(" ")
    documents = len(model.documents)
    assert f"{len(model.clauses)} stycken i {documents} dokument: {len(model.clauses)} överensstämmer med källan" in text
    assert len(soup.select("article table tbody tr")) == documents  # a row per document
    listed, text = set(), ""
    for muni in (m.id for m in model.municipalities):  # every clause on its municipality's audit page
        page = html(f"kommuner/{muni}/granskning")
        listed |= {a.get_text() for a in page.select("table a") if a.get_text() in model.by_id}
        text += page.get_text(" ")
    assert listed == set(model.by_id)
    assert "6vergripande → övergripande" in text


def test_json_data_is_published_and_consistent(content, model, data):
    folder = content.site / "data"
    clauses = json.loads((folder / "clauses.json").read_text(encoding="utf-8"))
    assert len(clauses["clauses"]) == len(model.clauses) == clauses["summary"]["matched"]
    ids = {c["id"] for c in clauses["clauses"]}
    tasks = json.loads((folder / "responsibilities.json").read_text(encoding="utf-8"))["tasks"]
    assert tasks and all(t["clause"] in ids and "__line__" not in t for t in tasks)
    rows = json.loads((folder / "comparison.json").read_text(encoding="utf-8"))["rows"]
    assert len(rows) == len(data.topics)
    principles = json.loads((folder / "principles.json").read_text(encoding="utf-8"))["principles"]
    assert {c for p in principles for c in p["clauses"]} <= ids
    p2 = next(c for c in clauses["clauses"] if c["id"] == "strategi-4-p2")
    assert "jamforelse.md" in p2["cited_in"]


# --- bad data -----------------------------------------------------------------------------------

def _edit(project: Path, rel: str, old: str, new: str):
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(project: Path, rel: str, needle: str) -> int:
    return next(n for n, line in enumerate((project / rel).read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_unknown_clause_id_in_a_data_file_fails_with_nearest_ids(project):
    rel = "docs/data/comparison.yml"
    _edit(project, rel, "clauses: [strategi-4-p1, strategi-4-p2]", "clauses: [strategi-4-p1, strategi-4-q2]")
    result = run(CHECK, "--root", project)
    assert result.returncode == 1
    assert re.search(r"error: docs/data/comparison.yml:\d+: unknown clause id 'strategi-4-q2'; use an existing id "
                     r"\(nearest: [^)]*strategi-4-p2", result.stdout), result.stdout


def test_a_row_without_a_clause_fails(project):
    rel = "docs/data/responsibilities.yml"
    text = (project / rel).read_text(encoding="utf-8")
    m = re.search(r"\n(\s*)clause: (strategi-5-s7)\b.*", text)
    (project / rel).write_text(text[:m.start()] + text[m.end():], encoding="utf-8")
    result = run(CHECK, "--root", project)
    assert result.returncode == 1
    assert re.search(r"error: docs/data/responsibilities.yml:\d+: missing field 'clause'; add 'clause:' to this entry",
                     result.stdout), result.stdout


def test_a_duplicate_id_fails(project):
    rel = "docs/data/topics.yml"
    _edit(project, rel, "{id: syfte,", "{id: status,")
    line = _line_of(project, rel, "{id: status, name: {sv: Syfte")
    result = run(CHECK, "--root", project)
    assert result.returncode == 1
    assert f"error: docs/data/topics.yml:{line}: duplicate topic id 'status'" in result.stdout, result.stdout


def test_a_missing_english_value_fails(project):
    rel = "docs/data/topics.yml"
    _edit(project, rel, "{id: besok, name: {sv: Internationella besök, en: International visits}}",
          "{id: besok, name: {sv: Internationella besök}}")
    line = _line_of(project, rel, "{id: besok,")
    result = run(CHECK, "--root", project)
    assert result.returncode == 1
    assert (f"error: docs/data/topics.yml:{line}: field 'name' has no English value; add 'en:' to 'name'"
            in result.stdout), result.stdout


def test_html_in_a_data_value_renders_as_text(project, tmp_path):
    _edit(project, "docs/data/topics.yml", "en: Purpose}}", "en: Purpose}}\n  - {id: x-test, name: {sv: \"<script>alert(1)</script> <b>fet</b>\", en: x}}")
    rel = "docs/data/comparison.yml"
    text = (project / rel).read_text(encoding="utf-8")
    (project / rel).write_text(text + """
  - topic: x-test
    cells:
      stockholm: {status: not-addressed, summary: {sv: "<img src=x onerror=alert(1)>", en: x}}
      stromsund: {status: not-in-available-text, summary: {sv: "a", en: b}}
""", encoding="utf-8")
    result = run("-m", "mkdocs", "build", "--strict", "-d", tmp_path / "out", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    # The topic in the overview, its own page and Stockholm's page: shown as text everywhere.
    pages = [(tmp_path / "out" / rel / "index.html").read_text(encoding="utf-8")
             for rel in ("jamforelse", "jamforelse/x-test", "kommuner/stockholm")]
    for page in pages:
        soup = BeautifulSoup(page, "html.parser")
        assert not soup.select("article script, article img, article b")
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;fet&lt;/b&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in pages[1] and "&lt;img src=x onerror=alert(1)&gt;" in pages[2]


def test_unknown_ref_id_fails_the_check_and_the_build(project, tmp_path):
    for page in ("docs/ansvar.md", "docs/ansvar.en.md"):
        _edit(project, page, "<!-- ref: strategi-4-p5 -->", "<!-- ref: strategi-4-p6 -->")
    line = _line_of(project, "docs/ansvar.md", "strategi-4-p6")
    result = run(CHECK, "--root", project)
    assert result.returncode == 1
    assert (f"error: docs/ansvar.md:{line}: unknown clause id 'strategi-4-p6'; use an existing id (nearest: "
            in result.stdout), result.stdout
    build = run("-m", "mkdocs", "build", "--strict", "-d", tmp_path / "out", cwd=project)
    assert build.returncode == 1 and "unknown clause id 'strategi-4-p6'" in build.stdout + build.stderr
