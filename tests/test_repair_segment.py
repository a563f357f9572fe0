"""Repair and segmentation, one fixture folder per case (tests/fixtures/segment/<case>/).

Each case holds the OCR `source.txt`, a `case.yml` with the document's sections and its
repairs (same format as sources/repairs/*.yml), and `expected.tsv`: one clause per line,
id, kind, restored text and footnote ids, in order.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policykit import datafile
from policykit.sources.corrections import Corrections
from policykit.errors import PolicyError
from policykit.sources.layout import apply_layout
from policykit.clauses.segment import segment, split_sentences
from policykit.sources.registry import Document, Section

CASES = sorted((Path(__file__).parent / "fixtures" / "segment").iterdir())


def run_case(folder: Path, repairs_override: dict | None = None):
    case = datafile.load(folder / "case.yml")
    d = case["document"]
    doc = Document(d["id"], "test", "Test", "test.md", d["first"], d["last"],
                   [Section(str(s["key"]), s["line"]) for s in d["sections"]])
    repairs = repairs_override if repairs_override is not None else case["repairs"]
    raw = (folder / "source.txt").read_text(encoding="utf-8").rstrip("\n").split("\n")
    layout = apply_layout(raw, repairs, "case.yml")
    corrections = Corrections.from_repairs(repairs, "case.yml")
    clauses = segment(doc, layout, corrections, "case.yml")
    return clauses, corrections, layout


@pytest.mark.parametrize("folder", CASES, ids=[c.name for c in CASES])
def test_case(folder: Path):
    clauses, corrections, _ = run_case(folder)
    got = [(c.id, c.kind, c.text, ",".join(c.footnotes)) for c in clauses]
    expected = [tuple(line.split("\t")) for line in (folder / "expected.tsv").read_text(encoding="utf-8").splitlines()]
    assert got == expected
    assert corrections.unused() == []


def test_footnote_reference_kept_for_the_page():
    clauses, _, _ = run_case(Path(__file__).parent / "fixtures" / "segment" / "letterhead-footnote")
    s1 = next(c for c in clauses if c.id == "r-rubrik-s1")
    assert s1.markdown == "Staden växer snabbt[^1] och fortsätter växa."
    assert s1.ocr == "Staden vaxer snabbt[^1] och fortsatter vaxa."
    assert s1.repairs == [("vaxer", "växer"), ("fortsatter", "fortsätter"), ("vaxa", "växa")]


def test_layout_log_records_every_change():
    _, _, layout = run_case(Path(__file__).parent / "fixtures" / "segment" / "hyphen-bullets")
    kinds = [c.kind for c in layout.log]
    assert kinds.count("hyphen") == 3 and kinds.count("bullet") == 2 and kinds.count("page-start") == 1
    joined = [c.after for c in layout.log if c.kind == "hyphen"]
    assert joined == ["internationella", "EU-projekt.", "marknader"]


def test_correction_that_matches_nothing_is_reported_with_its_line():
    folder = Path(__file__).parent / "fixtures" / "segment" / "context"
    case = datafile.load(folder / "case.yml")
    case["repairs"]["words"].append({"ocr": "zzz", "fix": "x", "__line__": 99})
    _, corrections, _ = run_case(folder, case["repairs"])
    assert [str(p) for p in corrections.unused()] == [
        "error: case.yml:99: correction 'zzz' → 'x' matches nothing in the source; "
        "remove the entry, or fix its 'ocr' or 'context' to match the OCR text"]


def test_context_must_contain_its_token():
    with pytest.raises(PolicyError, match="does not contain the token 'ar'"):
        Corrections.from_repairs({"words": [{"ocr": "ar", "fix": "år", "context": "fjarde arbete", "__line__": 3}]}, "r.yml")


def test_duplicate_and_noop_corrections_are_errors():
    with pytest.raises(PolicyError, match=r"r.yml:2: duplicate entry for 'ar' \(first at line 1\)"):
        Corrections.from_repairs({"words": [{"ocr": "ar", "fix": "är", "__line__": 1},
                                            {"ocr": "ar", "fix": "år", "__line__": 2}]}, "r.yml")
    with pytest.raises(PolicyError, match="changes nothing"):
        Corrections.from_repairs({"words": [{"ocr": "ja", "fix": "ja", "__line__": 1}]}, "r.yml")


def test_context_matches_whole_tokens_only():
    corr = Corrections.from_repairs({"words": [{"ocr": "ar", "fix": "år", "context": "fjarde ar", "__line__": 1}]}, "r")
    assert corr.apply("vart fjarde arbete")[0] == "vart fjarde arbete"
    assert corr.apply("vart fjarde\nar")[0] == "vart fjarde\når"


def test_letterhead_that_no_longer_matches_names_file_line_and_fix():
    folder = Path(__file__).parent / "fixtures" / "segment" / "letterhead-footnote"
    case = datafile.load(folder / "case.yml")
    case["repairs"]["letterhead"][0]["text"] = "Annat AB"
    with pytest.raises(PolicyError) as exc:
        run_case(folder, case["repairs"])
    assert str(exc.value).startswith("error: case.yml:5: letterhead entry expects raw line 4 to start with 'Annat AB'")
    assert "fix the entry's 'text' or 'line'" in str(exc.value)


@pytest.mark.parametrize("text,expected", [
    ("En mening. En till.", ["En mening.", "En till."]),
    ("Det innebär bl.a. att styrelsen svarar", ["Det innebär bl.a. att styrelsen svarar"]),
    ("Slut.[^7] Ny mening.", ["Slut.[^7]", "Ny mening."]),
    ("(Dnr 006- 1137/2007). Förslaget", ["(Dnr 006- 1137/2007).", "Förslaget"]),
    ("OCR-versal. | takt med", ["OCR-versal.", "| takt med"]),
    ("Index 2.0 (2015) och mer", ["Index 2.0 (2015) och mer"]),
])
def test_sentence_split(text, expected):
    assert split_sentences(text) == expected


def test_a_short_line_standing_apart_above_a_list_is_its_heading():
    from policykit.authoring.detect import sections

    lines = ["Internationell policy", "", "Syfte", "", "Policyn ska ge en grund för arbetet.", "",
             "Mål", "", "• stärka kontakterna i Norden", "• öka deltagandet i EU-projekt", "",
             "Kommunen ska verka för", "• utbyten för unga"]
    keys = [h.key for h in sections(lines)]
    assert keys == ["titel", "syfte", "mal"], keys  # the lead-in sentence of a list is no heading
