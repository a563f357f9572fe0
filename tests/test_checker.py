"""The clause checker on the real project and on damaged copies of it (mutation tests).

Each mutation damages one thing in a private copy of the project and expects the checker's
exit status 1 and the exact problem line; the untouched project must pass.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from conftest import ROOT, run, CHECK_CMD
from policykit.project import load

CHECK = CHECK_CMD
STRATEGI = Path("docs/stockholm/strategi.md")


def check(project: Path, *extra: str):
    result = run(CHECK, "--root", project, *extra)
    return result.returncode, result.stdout


def edit(project: Path, rel: Path | str, old: str, new: str, count: int = 1):
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == count, f"{old!r} occurs {text.count(old)} times in {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def marker_line(project: Path, cid: str, rel: Path = STRATEGI) -> str:
    text = (project / rel).read_text(encoding="utf-8")
    return re.search(rf"^.*<!-- clause: {re.escape(cid)} -->.*$", text, re.M).group(0)


def test_real_project_passes_with_every_clause_matched(tmp_path):
    code, out = check(ROOT, "--json", str(tmp_path / "r.json"))
    assert code == 0, out
    last = out.strip().splitlines()[-1]
    documents = len(load(ROOT).model.documents)
    assert re.fullmatch(rf"OK: (\d+) clauses in {documents} documents: \1 matched, 0 missing, 0 altered, 0 misplaced; "
                        r"0 stray texts; 0 translation differences; 0 problems", last), last
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    s = report["summary"]
    assert s["clauses"] == len(report["clauses"]) == s["matched"] > 150
    assert s["matched"] + s["missing"] + s["altered"] + s["misplaced"] == s["clauses"]
    for c in report["clauses"]:
        assert {"id", "document", "kind", "section", "ocr", "text", "page", "anchor", "status"} <= c.keys()
        assert c["status"] == "matched"
        assert c["anchor"].endswith("#" + c["id"])
    by_id = {c["id"]: c for c in report["clauses"]}
    p1 = by_id["strategi-4-p1"]
    assert p1["text"] == ("Staden har en särskild gemenskap med andra huvudstäder och särskilt de nordiska "
                          "huvudstäderna. Staden har dock inga utpekade vänorter och tecknar inte vänortsavtal.")
    assert "vénorter" in p1["ocr"] and p1["page"] == "docs/stockholm/strategi.md"
    assert p1["anchor"] == "stockholm/strategi/#strategi-4-p1"
    assert by_id["rapport-fn7"]["text"] == "Skillnadernas Stockholm, 2015"
    assert by_id["rapport-synpunkter-s7"]["footnotes"] == ["rapport-fn7"]
    assert by_id["stromsund-organisation-p3"]["text"] == "löpande omvärldsbevakning"
    repaired = sum(len(c["repairs"]) for c in report["clauses"])
    assert repaired > 500, repaired


def test_deleting_a_sentence_is_caught(project):
    edit(project, STRATEGI, marker_line(project, "strategi-3-3-s2") + "\n", "")
    code, out = check(project)
    assert code == 1
    assert ("error: docs/stockholm/strategi.md: clause strategi-3-3-s2 is missing; restore it under heading "
            "strategi-3-3 as '<!-- clause: strategi-3-3-s2 -->Stockholms stad behöver lära av andra städer") in out
    assert "1 missing" in out.splitlines()[-1] and out.splitlines()[-1].startswith("FAILED")


def test_changing_inga_to_nagra_is_caught(project):
    edit(project, STRATEGI, "dock inga utpekade", "dock några utpekade")
    code, out = check(project)
    assert code == 1
    line = next(n for n, t in enumerate((project / STRATEGI).read_text().splitlines(), 1) if "strategi-4-p1 " in t + " ")
    assert (f"error: docs/stockholm/strategi.md:{line}: clause strategi-4-p1 is altered: source 'inga' → page 'några'; "
            "restore the source's words") in out
    assert "1 altered" in out.splitlines()[-1]


def test_dropping_inte_is_caught(project):
    edit(project, STRATEGI, "och tecknar inte vänortsavtal", "och tecknar vänortsavtal")
    code, out = check(project)
    assert code == 1
    assert "clause strategi-4-p1 is altered: source 'inte' → page '∅'" in out


def test_moving_a_clause_to_another_section_is_caught(project):
    moved = marker_line(project, "strategi-3-1-s2")
    edit(project, STRATEGI, moved + "\n", "")
    edit(project, STRATEGI, "## 3.2 Omvärldsbevakning { #strategi-3-2 }\n",
         "## 3.2 Omvärldsbevakning { #strategi-3-2 }\n\n" + moved + "\n")
    code, out = check(project)
    assert code == 1
    assert ("clause strategi-3-1-s2 stands under heading strategi-3-2, but belongs to section strategi-3-1; "
            "move it under heading strategi-3-1") in out
    assert "1 misplaced" in out.splitlines()[-1]


def test_swapping_two_sentences_is_caught(project):
    first, second = marker_line(project, "strategi-1-s1"), marker_line(project, "strategi-1-s2")
    edit(project, STRATEGI, first + "\n" + second, second + "\n" + first)
    code, out = check(project)
    assert code == 1
    assert "clause strategi-1-s2 is out of order: the source has strategi-1-s1 here" in out


def test_text_without_a_clause_is_caught(project):
    edit(project, STRATEGI, "## 4. Principer", "Staden får teckna vänortsavtal.\n\n## 4. Principer")
    code, out = check(project)
    assert code == 1
    assert re.search(r"error: docs/stockholm/strategi.md:\d+: text 'Staden får teckna vänortsavtal.' is not part "
                     r"of any clause; give it its clause marker, or move explanation into a commentary block", out)
    assert "1 stray texts" in out.splitlines()[-1]


def test_commentary_in_an_admonition_is_not_policy_text(project):
    edit(project, STRATEGI, "## 4. Principer", "!!! note \"Förklaring\"\n    Staden får inte ha vänorter.\n\n## 4. Principer")
    code, out = check(project)
    assert code == 0, out


def test_a_sentence_added_to_a_source_must_appear_on_the_page(project):
    src = project / "sources" / "004_f7a0eeedf08f0e7c.txt"
    raw = src.read_bytes()
    old_sum = hashlib.sha256(raw).hexdigest()
    src.write_bytes(raw.replace(b"och forbittras.\n", b"och forbittras. Kommunen vill mer.\n"))
    code, out = check(project)
    assert code == 1
    assert "error: sources/004_f7a0eeedf08f0e7c.txt: checksum mismatch" in out
    assert "restore the file byte for byte" in out
    new_sum = hashlib.sha256(src.read_bytes()).hexdigest()
    edit(project, "sources/sources.yml", old_sum, new_sum)
    code, out = check(project)
    assert code == 1
    assert ("error: docs/stromsund/policy.md: clause stromsund-inledning-s7 is missing; restore it under heading "
            "stromsund-inledning as '<!-- clause: stromsund-inledning-s7 -->Kommunen vill mer.'") in out


def test_unknown_and_duplicate_ids_on_a_page(project):
    edit(project, STRATEGI, "<!-- clause: strategi-4-p2 -->", "<!-- clause: strategi-4-p9 -->")
    dup = marker_line(project, "strategi-1-s1")
    edit(project, STRATEGI, dup + "\n", dup + "\n" + dup + "\n")
    code, out = check(project)
    assert code == 1
    assert re.search(r"docs/stockholm/strategi.md:\d+: unknown clause id 'strategi-4-p9'; use an existing id "
                     r"\(nearest: strategi-4-p\d", out)
    assert "clause strategi-1-s1 appears 2 times" in out


def test_the_build_stops_on_a_checker_problem(project, tmp_path):
    edit(project, STRATEGI, "dock inga utpekade", "dock några utpekade")
    result = run("-m", "mkdocs", "build", "--strict", "-d", tmp_path / "out", cwd=project)
    assert result.returncode == 1
    assert "clause strategi-4-p1 is altered: source 'inga' → page 'några'" in result.stdout + result.stderr


def test_a_heading_that_is_not_in_the_source_is_caught(project):
    edit(project, STRATEGI, "## 4. Principer", "## Våra egna regler\n\n## 4. Principer")
    code, out = check(project)
    assert code == 1
    assert re.search(r"error: docs/stockholm/strategi.md:\d+: heading 'Våra egna regler' is not a heading of the source", out)
