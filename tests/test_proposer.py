"""The noisy-channel word proposer (src/policykit/authoring/proposals.py) on text it has not seen."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykit.authoring.confusions import align, learn_confusions
from policykit.authoring.proposals import propose_words
from policykit.bench.repair import corrector, score

FIXTURES = Path(__file__).parent / "fixtures" / "repair"
# A damaged paragraph around each case, so that the document shows OCR damage.
DAMAGED = ("Kommunens 6vergripande mal ar att framja samarbetet och starka naringslivet. "
           "Forvaltningarna ska folja utvecklingen i omvarlden och paverka beslut dar det behovs. ")


def fixed(text: str) -> str:
    return corrector(propose_words(text)).apply(text)[0]


def test_clean_text_is_unchanged():
    text = (FIXTURES / "clean" / "ocr.txt").read_text(encoding="utf-8")
    proposals = propose_words(text)
    assert fixed(text) == text
    assert not [p for p in proposals if p.fix and p.fix != p.ocr]
    assert fixed("Det är viktigt att vara en kommun som bor i sin tid.") == \
        "Det är viktigt att vara en kommun som bor i sin tid."


@pytest.mark.parametrize("case", sorted(p.name for p in FIXTURES.iterdir() if p.name != "clean"))
def test_damaged_fixtures_under_the_goal(case):
    folder = FIXTURES / case
    s = score(case, (folder / "ocr.txt").read_text(encoding="utf-8"), (folder / "truth.txt").read_text(encoding="utf-8"))
    assert s.before > 0.2 * s.words
    assert s.wrong == 0, s
    # Goal: < 1 word in 100; what the proposer reaches today is < 4 in 100 (see the report).
    assert s.after / s.words < 0.04, s


def test_year_after_ordinal():
    out = fixed(DAMAGED + "Strategin ska foljas upp vart tredje ar av kommunstyrelsen.")
    assert "vart tredje år" in out


def test_is_before_adjective():
    out = fixed(DAMAGED + "Det ar viktigt att alla deltar.")
    assert "Det är viktigt" in out


def test_for_after_responsible():
    out = fixed(DAMAGED + "Kommunstyrelsen ansvarar for samordningen.")
    assert "ansvarar för samordningen" in out


def test_flagged_proposals_list_alternatives():
    # No cue decides "satt" here ("ska starka", "med satt" would: see the word-class test below).
    proposals = propose_words(DAMAGED + "Kommunen och starka vara kontakter, satt och fran.")
    flagged = [p for p in proposals if p.flagged]
    assert flagged
    for p in flagged:
        assert p.fix == p.ocr and len(p.alternatives) >= 2 and p.ocr in p.alternatives, p


def test_learn_confusions_from_pairs():
    assert [x for x in align("é&r", "är") if x[0] != x[1]] == [("é&", "ä")]
    table = learn_confusions([("6ka", "öka"), ("framja", "främja"), ("mal", "mål"), ("&r", "är")])
    got = {(e.ocr, e.fix): e.q for e in table}
    assert got[("a", "ä")] == 0.5 and got[("&", "ä")] == 0.5 and got[("6", "ö")] == 1.0 and ("a", "å") in got


def test_generic_confusions_reach_what_no_repair_showed():
    # An empty learned table: only the shipped prior of printed Swedish leads "|" to I and é to ö.
    out = corrector(propose_words(DAMAGED + "Planen galler stadsévergripande.\n| kommunen finns ett rad.", []))
    text = out.apply(DAMAGED + "Planen galler stadsévergripande.\n| kommunen finns ett rad.")[0]
    assert "stadsövergripande" in text and "\nI kommunen" in text


def test_repaired_first_letter_takes_its_case_from_the_position():
    out = fixed(DAMAGED + "Staden och dess Gvergripande mal.")
    assert "dess övergripande mål" in out


def test_infinitive_after_att():
    proposals = propose_words(DAMAGED + "Kommunen vill framja och starka naringslivet genom att starka samarbetet.")
    starka = [p for p in proposals if p.ocr == "starka"]
    assert starka and all("stärka" in (p.options or []) for p in starka)
    assert not [p for p in starka if not p.flagged and p.fix not in ("stärka", "starka")]


def test_lone_unknown_word_without_damaged_glyph_is_not_forced():
    # A plain-letter non-word whose only reading is a rare three-part compound is flagged or left.
    proposals = propose_words(DAMAGED + "Kommunfullmaktiger antar planen.")
    assert all(p.flagged or p.fix in (None, "Kommunfullmäktiger") for p in proposals if p.ocr == "Kommunfullmaktiger")


def test_compounds_and_plain_text():
    from policykit.authoring.language import compound
    assert compound("stadsövergripande") > 0 and compound("biståndskaraktär") > 0
    assert compound("stadsävergripande") == 0


def test_word_classes_from_hunspell_flags():
    from policykit.authoring.wordclass import classes
    assert "N" in classes("sätt") and classes("satt") == {"V"}
    assert classes("starka") == {"A"} and classes("stärka") == {"V"} and classes("känt") == {"A"}
    assert classes("xqzv") == frozenset()


def test_slot_cue_weighs_only_readings_that_cannot_fill_the_slot():
    from policykit.authoring.wordclass import slot_cue
    assert slot_cue("satt", "ett") < 0 and slot_cue("sätt", "ett") == 0    # a determiner wants a noun phrase
    assert slot_cue("satt", "tydligt") < 0 and slot_cue("satt", "ordföranden") == 0
    assert slot_cue("starka", "ska") < 0 and slot_cue("stärka", "ska") == 0  # a modal wants a verb
    assert slot_cue("med", "att") == 0    # a noun reading is never penalised


def test_verb_form_after_determiner_and_adjective_after_modal():
    out = fixed(DAMAGED + "Arbetet sker pa ett tydligt satt. Kommunen ska starka samarbetet med foreningarna.")
    assert "ett tydligt sätt" in out and "ska stärka samarbetet" in out
    # Where no cue decides ("Ordföranden satt kvar"), the real word is not changed.
    out = fixed(DAMAGED + "Ordforanden satt kvar i styrelsen.")
    assert "satt kvar" in out


def test_syntax_cues_read_the_sentence_around_a_word():
    from policykit.authoring.syntax import syntax_cue
    from policykit.authoring.wordclass import verb_forms
    assert verb_forms("stärks") == {"pass"} and verb_forms("mäter") == {"pres"} and verb_forms("xqzv") == frozenset()
    assert syntax_cue("både", (), ("skolor", "och", "förskolor")) > 0 > syntax_cue("både", (), ("för", "att", "ge"))
    assert syntax_cue("stärks", ("och", "utvecklas"), ()) > 0 == syntax_cue("starks", ("och", "utvecklas"), ())
    assert syntax_cue("prövas", (), ("eller", "ändras")) > 0
    assert syntax_cue("än", ("sig", "tar"), ("uppgiften",)) < 0 and syntax_cue("än", ("mer",), ()) == 0
    assert syntax_cue("mäter", ("som",), ("kvaliteten",), True) > 0 == syntax_cue("mäter", ("som",), (), True)
    assert syntax_cue("innebär", ("det",), ("att",), True) > 0 == syntax_cue("innebär", ("det",), ("att",), False)


def test_correlative_coordination_and_particle_in_a_damaged_text():
    out = fixed(DAMAGED + "Arbetet ska omfatta bade skolor och foreningar. "
                "Hon tar sig an uppgiften med stor energi.")
    assert "omfatta både skolor" in out and "tar sig an uppgiften" in out
    # Without an och ahead, "bade" is left for a person (it may be hade, or bade).
    assert "både" not in fixed(DAMAGED + "Kommunen bade for en ny plan.")


def test_case_of_a_repaired_first_letter_follows_the_list_it_is_in():
    text = DAMAGED + ("Kommunen vill\n\nframja samarbetet i regionen\n\nOka forstaelsen for andra kulturer\n\n"
                      "Ovriga fragor\n\nOvriga fragor tas upp av namnden.")
    out = fixed(text)
    assert "\n\nöka förståelsen" in out   # a lower-case list goes on
    assert "\n\nÖvriga frågor tas upp" in out                          # after a heading, a capital


def test_possessive_before_a_plural_adjective_and_a_subject_after_att():
    from policykit.authoring.language import cue
    from policykit.authoring.syntax import finite, syntax_cue
    assert cue("våra", None, "framgångsrika") > 0 and cue("våra", None, "framgångsrikt") == 0
    assert finite("får") and finite("stärks") and not finite("stärka") and not finite("skolor")
    assert syntax_cue("våra", ("att",), ("skolor", "får")) > 0 == syntax_cue("våra", ("att",), ("skolor", "i"))


def test_present_tense_text():
    from policykit.authoring.syntax import present_tense
    now = "Nämnden ansvarar och beslutar, staden arbetar, kommunen bidrar och planen används och följs upp."
    then = "Nämnden ansvarade och beslutade, staden arbetade, kommunen bidrog och planen användes och följdes upp."
    assert present_tense(now.replace(",", "").split()) and not present_tense(then.replace(",", "").split())


def test_signs_ocr_misreads_are_proposed_in_their_context():
    # What tesseract 5's Swedish model made of § and % in tests/fixtures/documents/scan-*.
    from policykit.intake import about
    text = ("Antagen av kommunfullmäktige 2019-05-27, $ 41. Fastställd av KF 2020-02-17, 8 12\n"
            "Senast 2025 ska minst 25 90 av förvaltningarna delta. Andelen får inte överstiga 20 20 av kostnaden.\n"
            "Biljetten kostar $ 40. Andelen ökade med 15 96. Det var 5 20 procent fler. Kommunen har 20 av 30 skolor.")
    out = fixed(text)
    assert "2019-05-27, § 41." in out and "KF 2020-02-17, § 12" in out
    assert "minst 25 % av" in out
    assert "kostar $ 40" in out and "med 15 96." in out and "5 20 procent" in out and "har 20 av 30" in out
    flagged = {p.context: p for p in propose_words(text) if p.flagged}
    assert flagged["kostar $ 40"].alternatives == ["$", "§"] and flagged["15 96."].alternatives == ["96", "%"]
    # "20 20 av": which 20 is the sign a context entry cannot say while "20 av" occurs elsewhere: flagged.
    assert "överstiga 20 20 av" in out and flagged["20 20 av"].alternatives == ["20", "%"]
    assert "överstiga 20 % av" in fixed(text.replace("har 20 av 30", "har tjugo av trettio"))
    assert about(text).paragraph == "41" == about(out).paragraph


def test_signs_printed_right_are_left_alone():
    text = "Antagen av kommunfullmäktige 2019-05-27, § 41. Minst 25 % av eleverna. Biljetten kostar 40 kronor."
    assert fixed(text) == text and not [p for p in propose_words(text) if p.ocr in "$§%"]
