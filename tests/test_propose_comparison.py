"""propose-comparison: proposals for a new municipality's cells and roles, and accepting them.

One project copy per module, with two municipalities added by the add command: Tallmora (a policy
of the labelled set, with planted clauses that name a body but license no role) and Hedemo (cut off,
--truncated). Everything runs on the real command line and the real data files; no site is built.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from conftest import copy_project, run
from policykit import datafile
from policykit.bench.compare import SET

CMD = ("-m", "policykit", "propose-comparison")
# Planted: each names a body, none has a word of docs/data/kinds.yml that licenses a role.
PLANTED = ["Arbetsutskottet hanterar alla frågor om internationella besök.",
           "Kanslienheten stöttar förvaltningarna när de söker pengar ur EU-program."]
ALLOWED = {"addressed", "not-addressed", "not-in-available-text"}


def _text(name: str, extra: list[str] = ()) -> str:
    data = datafile.load(SET / f"{name}.yml", display=name)
    return data["text"] + ("\n" + "\n\n".join(extra) + "\n" if extra else "")


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    from policykit.authoring.add import Request, add

    root = copy_project(tmp_path_factory.mktemp("propose") / "project")
    add(root, Request(text=_text("tallmora", ["Övrigt", *PLANTED]).encode("utf-8"), municipality="tallmora",
                      name_sv="Tallmora kommun", name_en="Tallmora Municipality", propose=False, check=False))
    add(root, Request(text=_text("hedemo").encode("utf-8"), municipality="hedemo", name_sv="Hedemo kommun",
                      name_en="Hedemo Municipality", truncated=True, propose=False, check=False))
    return root


@pytest.fixture(scope="module")
def tallmora(root, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("json") / "tallmora.json"
    result = run(CMD, "tallmora", "--json", out, "--root", root)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(out.read_text(encoding="utf-8"))


def _model(root):
    from policykit.project import load
    return load(root)


def test_unknown_municipality_names_the_registry_and_the_fix(root):
    result = run(CMD, "norrfors", "--root", root)
    assert result.returncode == 1
    line = result.stdout.strip().splitlines()[0]
    assert line.startswith("error: sources/sources.yml: no municipality 'norrfors'"), result.stdout
    assert "tallmora" in line and "python -m policykit add" in line


def test_json_has_every_topic_in_order_with_ranked_clauses_of_the_municipality(root, tallmora):
    project = _model(root)
    assert tallmora["municipality"] == "tallmora"
    assert [t["topic"] for t in tallmora["topics"]] == [t.id for t in project.data.topics]
    for row in tallmora["topics"]:
        assert set(row) == {"topic", "status", "clauses"} and row["status"] in ALLOWED
        scores = [c["score"] for c in row["clauses"]]
        assert scores == sorted(scores, reverse=True)
        for c in row["clauses"]:
            clause = project.model.by_id[c["clause"]]
            assert clause.municipality == "tallmora" and isinstance(c["score"], float)
            assert all(w in clause.text.lower() for w in c["words"])  # the clause's own words, to mark
    assert {row["topic"]: row["status"] for row in tallmora["topics"]}["vanorter-avtal"] == "addressed"
    first = {row["topic"]: row["clauses"][0]["clause"] for row in tallmora["topics"] if row["clauses"]}
    assert "vänort" in project.model.by_id[first["vanorter-avtal"]].text.lower()
    assert "not-in-available-text" not in {row["status"] for row in tallmora["topics"]}  # not truncated


def test_human_readable_output_lists_topics_and_roles(root):
    result = run(CMD, "tallmora", "--root", root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "vanorter-avtal: addressed" in result.stdout
    assert "responsibilities:" in result.stdout and "Kommunstyrelsen: responsible" in result.stdout


def test_a_truncated_document_is_never_not_addressed(root, tmp_path):
    out = tmp_path / "hedemo.json"
    result = run(CMD, "hedemo", "--json", out, "--root", root)
    assert result.returncode == 0, result.stdout + result.stderr
    statuses = {row["status"] for row in json.loads(out.read_text(encoding="utf-8"))["topics"]}
    assert "not-addressed" not in statuses and "not-in-available-text" in statuses


def test_a_planted_clause_without_a_licensing_word_gets_no_role(root, tallmora):
    project = _model(root)
    planted = {c.id for c in project.model.clauses_of("tallmora") if c.text in PLANTED}
    assert len(planted) == len(PLANTED)
    roles = tallmora["responsibilities"]
    assert not [r for r in roles if r["clause"] in planted]
    # the others hold: the basis is the clause's words and licenses the kind
    assert {(r["body"], r["kind"]) for r in roles} >= {("Kommunstyrelsen", "responsible"),
                                                       ("Kultur- och fritidsnämnden", "responsible")}
    from policykit.check.roles import licensed, licensing_text, norm
    kinds = datafile.load(root / "docs/data/kinds.yml", display="kinds.yml")["responsibilities"]
    for r in roles:
        assert norm(r["basis"]) in licensing_text(project.model, project.model.by_id, r["clause"])
        assert licensed(kinds[r["kind"]]["licensed_by"], norm(r["basis"]))


def _hashes(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((root / "docs").rglob("*")) if p.is_file()}


def test_accept_of_a_cell_the_checker_refuses_leaves_the_project_byte_identical(root):
    from policykit.compare.accept import accept
    from policykit.errors import PolicyError

    before = _hashes(root)
    bad = {"topic": "besok", "status": "not-addressed",   # Hedemo's document is cut off
           "summary": {"sv": "Policyn tar inte upp besök.", "en": "The policy does not cover visits."}}
    with pytest.raises(PolicyError) as caught:
        accept(root, "hedemo", cells=[bad], tasks=[])
    assert "not-in-available-text" in str(caught.value) and "docs/data/comparison.yml" in str(caught.value)
    assert _hashes(root) == before


def test_accept_writes_cells_and_roles_and_keeps_every_comment(root, tallmora):
    from policykit.compare.accept import accept

    comparison = (root / "docs/data/comparison.yml").read_text(encoding="utf-8")
    responsibilities = (root / "docs/data/responsibilities.yml").read_text(encoding="utf-8")
    rows = {row["topic"]: row for row in tallmora["topics"]}
    cells = [{"topic": t, "status": "addressed", "clauses": [rows[t]["clauses"][0]["clause"]],
              "summary": {"sv": f"Riktlinjerna tar upp ämnet {t}.", "en": f"The guidelines cover {t}."}}
             for t in ("vanorter-avtal", "omvarldsbevakning", "uppfoljning")]
    roles = [r for r in tallmora["responsibilities"] if r["kind"] == "responsible"][:2]
    assert len(roles) == 2
    tasks = [{"body": f"tallmora-{i}", "body_name": {"sv": r["body"], "en": r["body"]}, "kind": r["kind"],
              "area": "samordning", "clause": r["clause"], "basis": r["basis"],
              "what": {"sv": "Det internationella arbetet", "en": "International work"}} for i, r in enumerate(roles)]
    result = accept(root, "tallmora", cells, tasks)
    assert result.written == ["docs/data/comparison.yml", "docs/data/responsibilities.yml"]
    after_c = (root / "docs/data/comparison.yml").read_text(encoding="utf-8")
    after_r = (root / "docs/data/responsibilities.yml").read_text(encoding="utf-8")
    for old, new in ((comparison, after_c), (responsibilities, after_r)):
        comments = [ln for ln in old.split("\n") if ln.strip().startswith("#")]
        assert [ln for ln in new.split("\n") if ln.strip().startswith("#")] == comments
    project = _model(root)
    written = {r.topic: r.cells["tallmora"] for r in project.data.rows}
    assert written["vanorter-avtal"].status == "addressed"
    assert written["vanorter-avtal"].clauses == cells[0]["clauses"]
    assert written["besok"].status == "not-yet-assessed"   # untouched
    assert {(t.body, t.clause) for t in project.data.tasks} >= {(t["body"], t["clause"]) for t in tasks}
    # the accepted cells describe their topics from now on (for the next municipality, not for itself)
    from policykit.compare.propose import describe
    cited = project.model.by_id[cells[0]["clauses"][0]].text
    assert cited in next(t for t in describe(project, exclude="hedemo")[0] if t.id == "vanorter-avtal").texts
    assert cited not in next(t for t in describe(project, exclude="tallmora")[0] if t.id == "vanorter-avtal").texts
    # every other line is as it was: the only lines gone are the three cells replaced
    import difflib
    gone = [ln for ln in difflib.ndiff(comparison.split("\n"), after_c.split("\n")) if ln.startswith("- ")]
    assert gone == ["-       tallmora: {status: not-yet-assessed}"] * 3
    gone = [ln for ln in difflib.ndiff(responsibilities.split("\n"), after_r.split("\n")) if ln.startswith("- ")]
    # and the accepted clauses' 'unmapped' rows: they are mapped now
    assert gone == [f"-   - {{municipality: tallmora, clause: {c}}}" for c in dict.fromkeys(t["clause"] for t in tasks)]


def test_a_proposed_body_maps_to_the_municipalitys_body_or_a_new_id(root):
    from policykit.compare.responsibilities import body_id

    project = _model(root)
    assert body_id(project, "stromsund", "kommunstyrelsen") == ("stromsund-kommunstyrelsen", True)
    assert body_id(project, "tallmora", "Arbetsutskottet") == ("tallmora-arbetsutskottet", False)


# What the labelled set measured when this test was written (python -m policykit bench-compare):
# below the goals (recall@3 0.9, precision@1 0.8, status 0.9), as the README says. The test
# holds the proposals to what they reach, so a change that makes them worse fails.
FLOOR = {"recall@3": 0.86, "precision@1": 0.85, "status": 0.83}


def test_the_labelled_set_scores_the_same_twice_and_no_worse_than_measured():
    from policykit.bench.compare import metrics, runs, summed
    from policykit.compare.propose import THRESHOLD
    from policykit.project import load
    from conftest import ROOT

    project = load(ROOT)
    first = runs(project, {"labelled"}, THRESHOLD)
    assert len(first) >= 5 and any(truncated for *_, truncated in first)
    assert first == runs(project, {"labelled"}, THRESHOLD)   # deterministic
    m = metrics(summed(first))
    assert all(m[k] >= v - 1e-9 for k, v in FLOOR.items()), m
