"""make bench-repair's document cases (policykit.bench.documents): what it reports is what the add
command made of the document, held to the hand-written truth, and a wrong reading shows."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from policykit.bench.documents import measure, word_diff

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "tests" / "fixtures" / "add" / "html-page" / "input.html"
TRUTH = {
    "kind": "html", "born_digital": True, "news": False,
    "title": "Internationell policy för Åsby kommun",
    "headings": ["Syfte", "Mål", "Ansvar"],
    "text": "Internationell policy för Åsby kommun\nAntagen av kommunfullmäktige 2019-11-25, § 112. "
            "Dnr KS 2019/456.\nSyfte\nPolicyn anger hur Åsby kommun ska arbeta med internationella frågor.\n"
            "Mål\nKommunen ska:\ndelta i europeiska samarbeten,\nta emot studiebesök från andra länder.\n"
            "Ansvar\nKommunstyrelsen ansvarar för att policyn följs upp varje år.\n",
    "never": ["Per Holm", "0612-345 99", "per.holm@asby.se", "Skriv ut"],
}


def _case(tmp_path: Path, truth: dict) -> Path:
    folder = tmp_path / "web-asby"
    folder.mkdir()
    shutil.copy(PAGE, folder / "input.html")
    (folder / "expected.yml").write_text(yaml.safe_dump(truth, allow_unicode=True), encoding="utf-8")
    return folder


def test_word_diff_counts_replaced_added_and_dropped_words():
    assert word_diff("a b c".split(), "a b c".split()) == (0, 0)
    assert word_diff("a x c".split(), "a b c".split()) == (1, 0)
    assert word_diff("a b z c".split(), "a b c".split()) == (1, 0)
    assert word_diff("a c".split(), "a b c".split()) == (0, 1)


def test_a_faithful_reading_meets_every_goal(tmp_path):
    s = measure(ROOT, _case(tmp_path, TRUTH))
    assert s.title_right and s.found == 3 and not s.missed and not s.extra
    assert (s.wrong, s.dropped, s.never) == (0, 0, [])


def test_a_wrong_title_a_missed_heading_a_changed_word_and_kept_chrome_show(tmp_path):
    truth = {**TRUTH, "title": "Policy för internationellt arbete", "headings": ["Syfte", "Mål", "Ansvar", "Uppföljning"],
             "text": TRUTH["text"].replace("europeiska", "nordiska"), "never": ["Kommunstyrelsen"]}
    s = measure(ROOT, _case(tmp_path, truth))
    assert not s.title_right and s.title == TRUTH["title"]
    assert s.missed == ["Uppföljning"] and not s.extra
    assert (s.wrong, s.dropped) == (1, 0)
    assert s.never == ["Kommunstyrelsen"]
