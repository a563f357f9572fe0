"""Claims about the documents: each class of defect planted in a copy of the project fails the check.

One test per class (role, status, truncation, kind of principle, modal verb, term, glossary,
inference, the standing in the exports), each asserting the exit code and the message that names
file, line and fix; and the real project passes all of them.
"""

from __future__ import annotations

from pathlib import Path

from conftest import CHECK_CMD, ROOT, run
from policykit.check.claims import check_claims
from policykit.check.modal import modal_problem
from policykit.check.terms import check_terms
from policykit.project import load


def plant(project: Path, rel: str, old: str, new: str) -> int:
    """Replace `old` (once) in a project file; return the line where the change starts."""
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def check(project: Path):
    result = run(CHECK_CMD, "--root", project)
    return result.returncode, result.stdout + result.stderr


def fails(project: Path, rel: str, old: str, new: str, *expected: str) -> int:
    """Plant `new` for `old` in `rel` and check: the check fails (exit 1) and its output holds each of
    `expected`, where '{line}' stands for the line of the plant. Returns that line."""
    line = plant(project, rel, old, new)
    code, out = check(project)
    assert code == 1, out
    for text in expected:
        assert text.replace("{line}", str(line)) in out, out
    return line


def test_the_project_makes_no_claim_its_clauses_do_not_support():
    project = load(ROOT)
    problems = check_claims(project) + check_terms(project)
    assert problems == [], "\n".join(map(str, problems))


def test_a_role_the_clause_does_not_give_fails(project):
    # strategi-5-s15: EU influence work "i nära samarbete med kommunstyrelsen" – not coordination.
    line = plant(project, "docs/data/responsibilities.yml",
                 "  - body: kommunstyrelsen\n    kind: cooperates-with\n",
                 "  - body: kommunstyrelsen\n    kind: coordinates\n")
    code, out = check(project)
    assert code == 1
    assert (f"error: docs/data/responsibilities.yml:{line}: kind 'coordinates' for body 'kommunstyrelsen' is not "
            "licensed by clause strategi-5-s15: it has none of samordna") in out
    assert "use kind is-to or cooperates-with, which the clause's words support, or add 'basis:' quoting" in out


def test_a_basis_that_is_not_the_clauses_words_fails(project):
    line = plant(project, "docs/data/responsibilities.yml",
                 "    basis: Varje verksamhet ska prioritera och avsätta resurser\n",
                 "    basis: Varje verksamhet ansvarar för resurserna\n")
    code, out = check(project)
    assert code == 1
    assert (f"error: docs/data/responsibilities.yml:{line - 7}: the basis 'Varje verksamhet ansvarar för resurserna' "
            "of this is-to row does not occur in clause strategi-5-s17; quote the clause's own words") in out


def test_a_document_presented_as_in_force_fails(project):
    line = plant(project, "docs/besok.md", "    Den ersätter inte strategins text.",
                 "    Det som gäller är strategins text.")
    code, out = check(project)
    assert code == 1
    assert (f"error: docs/besok.md:{line}: 'Det som gäller är strategins text.' says 'gäller' of a document, but "
            "document 'strategi' has status 'proposed-in-report' in sources/sources.yml") in out
    assert "describe what the source shows instead" in out


def test_in_force_in_english_data_fails(project):
    line = plant(project, "docs/data/glossary.yml",
                 "According to Stockholm's strategy, it is the basis for the international work of company boards",
                 "In Stockholm the strategy applies to the international work of company boards")
    code, out = check(project)
    assert code == 1
    assert f"error: docs/data/glossary.yml:{line}: 'In Stockholm the strategy applies" in out
    assert "says 'applies' of a document, but document 'strategi' has status 'proposed-in-report'" in out


def test_adopted_needs_by_and_date(project):
    line = plant(project, "sources/sources.yml",
                 "        status: {value: proposed-in-report, in: rapport, clause: rapport-sammanfattning-s13}",
                 "        status: {value: adopted}")
    code, out = check(project)
    assert code == 1
    assert "document 'strategi' is adopted, but the registry does not say by whom and when" in out


def test_silence_claimed_for_a_truncated_document_fails(project):
    line = plant(project, "docs/data/comparison.yml",
                 "      stromsund:\n        status: not-in-available-text\n        summary:\n"
                 "          sv: Den tillgängliga texten säger inget om bistånd",
                 "      stromsund:\n        status: not-addressed\n        summary:\n"
                 "          sv: Den tillgängliga texten säger inget om bistånd")
    code, out = check(project)
    assert code == 1
    assert (f"error: docs/data/comparison.yml:{line + 1}: cell 'stromsund' of row 'bistand-utrikespolitik' says "
            "not-addressed, but document 'stromsund' is truncated (sources/sources.yml)") in out
    assert "use status not-in-available-text" in out


def test_a_direction_presented_as_a_principle_fails(project):
    line = plant(project, "docs/data/principles.yml", "  - id: profilering\n    kind: direction\n",
                 "  - id: profilering\n    kind: principle\n")
    code, out = check(project)
    assert code == 1
    assert (f"error: docs/data/principles.yml:{line}: entry 'profilering' is a principle, but clause "
            "strategi-3-1-s2 stands in a section that never says 'princip'") in out


def test_a_principle_without_kind_fails(project):
    line = plant(project, "docs/data/principles.yml", "  - id: paverkan\n    kind: direction\n",
                 "  - id: paverkan\n")
    code, out = check(project)
    assert code == 1
    assert f"error: docs/data/principles.yml:{line}: entry 'paverkan' has no kind; add 'kind:' with one of" in out


def test_a_stronger_modal_verb_fails(project):
    # strategi-4-p3: "bör ... omprövas"
    line = plant(project, "docs/kontaktperson.md", "Medlemskap bör omprövas", "Medlemskap ska omprövas")
    code, out = check(project)
    assert code == 1
    assert (f"error: docs/kontaktperson.md:{line}: 'Medlemskap ska omprövas regelbundet, till exempel vart fjärde år"
            " ( ).' cites strategi-4-p3 and says ska, which the clause does not (bör/kan)") in out
    assert "record a deliberate exception in docs/data/modal-exceptions.yml" in out


def test_a_dropped_modal_verb_fails_in_english(project):
    line = plant(project, "docs/ansvar.en.md", "- Letters of intent and memberships should be reviewed regularly",
                 "- Letters of intent and memberships are reviewed regularly")
    code, out = check(project)
    assert code == 1
    assert (f"error: docs/ansvar.en.md:{line}: 'Letters of intent and memberships are reviewed regularly:  .' "
            "cites strategi-4-p3 and drops the clause's bör/kan/får") in out


def test_a_modal_verb_in_data_fails(project):
    line = plant(project, "docs/data/principles.yml",
                 "sv: Staden kan delta i projekt av biståndskaraktär", "sv: Staden ska delta i projekt av biståndskaraktär")
    code, out = check(project)
    assert code == 1
    assert (f"error: docs/data/principles.yml:{line}: 'Staden ska delta i projekt av biståndskaraktär") in out
    assert "cites strategi-4-p5 and says ska, which the clause does not (kan)" in out


def test_a_recorded_exception_is_accepted(project):
    plant(project, "docs/data/modal-exceptions.yml", "exceptions:\n",
          "exceptions:\n  - {file: docs/kontaktperson.md, clause: strategi-4-p3, text: Medlemskap ska, reason: test}\n")
    plant(project, "docs/kontaktperson.md", "Medlemskap bör omprövas", "Medlemskap ska omprövas")
    code, out = check(project)
    assert code == 0, out


def test_modal_rules():
    assert modal_problem("Staden kan skriva ett brev.", "sv", "Staden kan skriva inbjudningsbrev.") is None
    assert modal_problem("Får du skriva ett brev?", "sv", "Staden kan skriva inbjudningsbrev.") is not None
    assert modal_problem("The city can write letters.", "en", "Staden kan skriva inbjudningsbrev.") is None
    assert modal_problem("It should be reviewed.", "en", "Avtal bör omprövas.") is None
    assert modal_problem("It must be reviewed.", "en", "Avtal bör omprövas.") is not None


def test_a_term_variant_on_an_english_page_fails(project):
    line = plant(project, "docs/kontaktperson.en.md", "Mark the items when you have done them.",
                 "Mark the items when you have done them, horizon scanning included.")
    code, out = check(project)
    assert code == 1
    assert (f"error: docs/kontaktperson.en.md:{line}: 'horizon scanning' is a variant of omvärldsbevakning; "
            "write 'monitoring of the wider world' (docs/data/terms.yml)") in out


def test_a_term_variant_in_english_data_fails(project):
    line = plant(project, "docs/data/comparison.yml", "kommunfullmäktige (the city council) adopt it",
                 "kommunfullmäktige (the municipal council) adopt it")
    code, out = check(project)
    assert code == 1
    assert (f"error: docs/data/comparison.yml:{line}: 'municipal council' is a variant of kommunfullmäktige; "
            "write 'city council' (docs/data/terms.yml)") in out


def test_an_informal_word_in_swedish_guidance_fails(project):
    line = plant(project, "docs/kontaktperson.md", "## När en fråga kommer till dig",
                 "## När något landar på ditt bord")
    # headings are running text for the term check
    code, out = check(project)
    assert code == 1
    assert (f"error: docs/kontaktperson.md:{line}: 'landar på ditt bord' is an informal word or calque; "
            "write 'kommer till dig' (docs/data/terms.yml)") in out


def test_the_glossary_follows_the_termbase(project):
    line = plant(project, "docs/data/glossary.yml", "term: {sv: kommunfullmäktige, en: city council (kommunfullmäktige)}",
                 "term: {sv: kommunfullmäktige, en: municipal council (kommunfullmäktige)}")
    code, out = check(project)
    assert code == 1
    assert (f"error: docs/data/glossary.yml:{line - 1}: the glossary gives kommunfullmäktige as 'municipal council "
            "(kommunfullmäktige)', the termbase as 'city council'") in out


# --- roles licensed by the clause's own verb ---------------------------------------------------

def test_a_mandate_called_a_responsibility_fails(project):
    # strategi-5-s24 gives the contact persons a mandate to represent, not a responsibility
    fails(project, "docs/data/responsibilities.yml",
          "  - body: kontaktpersoner\n    kind: has-mandate\n", "  - body: kontaktpersoner\n    kind: responsible\n",
          "error: docs/data/responsibilities.yml:{line}: kind 'responsible' for body 'kontaktpersoner' is not licensed "
          "by clause strategi-5-s24: it has none of ansvarar",
          "or add 'basis:' quoting the clause words the row rests on")


def test_a_body_an_agentless_clause_does_not_name_fails(project):
    # strategi-5-s18: "ska internationellt engagemang planeras, ...": no one is named
    line = plant(project, "docs/data/responsibilities.yml",
                 "  - body: ej-utpekad\n    kind: is-to\n    area: planering-resurser\n    what:\n"
                 "      sv: Att internationellt engagemang planeras",
                 "  - body: varje-verksamhet\n    kind: is-to\n    area: planering-resurser\n    what:\n"
                 "      sv: Att internationellt engagemang planeras")
    code, out = check(project)
    assert code == 1
    assert (f"error: docs/data/responsibilities.yml:{line}: kind 'is-to' for body 'varje-verksamhet', but clause "
            "strategi-5-s18 does not name 'Varje verksamhet'") in out
    assert "use body 'ej-utpekad' when the clause names no one" in out


def test_no_body_named_takes_no_other_role(project):
    fails(project, "docs/data/responsibilities.yml",
          "  - body: ej-utpekad\n    kind: is-to\n    area: redovisning\n",
          "  - body: ej-utpekad\n    kind: reports\n    area: redovisning\n",
          "error: docs/data/responsibilities.yml:{line}: body 'ej-utpekad' (no body named) has kind 'reports'; "
          "use kind is-to")


def test_a_basis_must_itself_give_the_role(project):
    # the basis is the clause's words, but they say 'ska', not 'ansvarar'
    line = plant(project, "docs/data/responsibilities.yml",
                 "  - body: varje-verksamhet\n    kind: is-to\n    area: planering-resurser\n    what:\n"
                 "      sv: Att prioritera",
                 "  - body: varje-verksamhet\n    kind: responsible\n    area: planering-resurser\n    what:\n"
                 "      sv: Att prioritera")
    code, out = check(project)
    assert code == 1
    assert (f"error: docs/data/responsibilities.yml:{line}: kind 'responsible' for body 'varje-verksamhet' is not "
            "licensed by clause strategi-5-s17") in out


def test_a_role_in_a_summary_needs_the_clauses_own_words(project):
    # strategi-5-s5: "beslutar om stadens uppfattning i stadsövergripande internationella frågor"
    fails(project, "docs/data/comparison.yml",
          "beslutar om stadens uppfattning i stadsövergripande internationella frågor, och kommunfullmäktige",
          "beslutar i stadsövergripande frågor, och kommunfullmäktige",
          "error: docs/data/comparison.yml:{line}: 'Kommunstyrelsen samordnar",
          "says 'beslutar i', but no clause it cites says 'beslutar i'",
          "use the clause's own words for the role (docs/data/kinds.yml), or cite the clause that gives it")


def test_a_role_no_cited_clause_gives_fails(project):
    # strategi-5-s21 gives the network a purpose ("För ... viss samordning"), not the role of coordinating
    fails(project, "docs/besok.en.md", "The network is led by kommunstyrelsen and exists for",
          "The network coordinates it, is led by kommunstyrelsen and exists for",
          "says 'coordinates' (coordinates), which none of the clauses it cites licenses (it needs one of: samordna")


# --- modal verbs in titles, glossary, multi-clause texts and both languages --------------------

def test_a_title_that_drops_bor_fails(project):
    fails(project, "docs/data/principles.yml", "sv: Intentionsavtal och medlemskap bör omprövas",
          "sv: Intentionsavtal och medlemskap omprövas",
          "error: docs/data/principles.yml:{line}: 'Intentionsavtal och medlemskap omprövas' cites strategi-4-p3 and "
          "drops the clause's bör/kan")


def test_a_verb_kept_without_its_ska_fails(project):
    # strategi-3-1-s5: "ska användas i all internationell marknadsföring"
    fails(project, "docs/data/principles.yml",
          "Varumärket Stockholm — The Capital of Scandinavia ska användas i all",
          "Varumärket Stockholm — The Capital of Scandinavia används i all",
          "error: docs/data/principles.yml:{line}: 'Varumärket Stockholm — The Capital of Scandinavia används i all",
          "cites strategi-3-1-s5 and keeps the clause's verb ('används') but drops its 'ska användas'",
          "keep the modal verb with the verb")


def test_behover_softened_to_another_verb_fails(project):
    # strategi-3-4-s2: "Staden behöver påverka beslut"
    fails(project, "docs/data/principles.yml", "sv: Staden behöver påverka beslut",
          "sv: Staden försöker påverka beslut",
          "error: docs/data/principles.yml:{line}: 'Staden försöker påverka beslut",
          "cites strategi-3-4-s2 and keeps the clause's verb ('påverka') but drops its 'behöver påverka'")


def test_should_for_ska_in_the_glossary_fails(project):
    fails(project, "docs/data/glossary.yml",
          "work to influence the EU is to be done in close cooperation with the group board when needed",
          "work to influence the EU should be done in close cooperation with the group board when needed",
          "error: docs/data/glossary.yml:{line}: \"The board of Stockholms Stadshus AB",
          "cites strategi-5-s15 and says bör, which the clause does not (ska)")


def test_english_that_drops_the_swedish_modal_fails(project):
    fails(project, "docs/data/comparison.yml", "en: All international work is to benefit the municipality",
          "en: All international work benefits the municipality",
          "error: docs/data/comparison.yml:{line}: 'All international work benefits the municipality",
          "the Swedish says ska, the English no modal verb; say the same modal verb in both languages")


def test_modal_rules_for_several_clauses_and_verbs():
    from policykit.check.modal import modal_extra, parity, verb_dropped

    assert modal_extra("Staden ska skapa en plattform.", "sv", ["Syftet är att skapa en plattform."]) is not None
    assert modal_extra("Staden ska skapa en plattform.", "sv", ["Syftet är att skapa.", "Staden ska göra."]) is None
    assert verb_dropped("Varumärket används i all marknadsföring av Stockholm.",
                        "Varumärket ska användas i all internationell marknadsföring av Stockholm.") is not None
    assert verb_dropped("Varumärket ska användas i all marknadsföring av Stockholm.",
                        "Varumärket ska användas i all internationell marknadsföring av Stockholm.") is None
    # an infinitive after 'att' keeps no finite verb: "städer att jämföra sig med" is not a dropped 'ska'
    assert verb_dropped("Bevakningen är underlag för valet av städer att jämföra sig och samarbeta med.",
                        "För bedömning av vilka städer Stockholm ska jämföra sig och samarbeta med är omvärldsbevakning central.") is None
    assert parity("Arbetet ska ske.", "The work is to be done.") is None
    assert parity("Arbetet ska ske.", "The work should be done.") is not None
    assert parity("Syftet är att skapa.", "The purpose is to create.") is None  # a purpose, not a duty
    assert parity("Kompetens som arbetet behöver.", "The expertise the work needs.") is None  # 'behöver' + noun


# --- the glossary cites ------------------------------------------------------------------------

def test_a_glossary_entry_that_speaks_for_the_strategy_cites_it(project):
    line = plant(project, "docs/data/glossary.yml", "    clauses: [strategi-5-s20]\n", "")
    code, out = check(project)
    assert code == 1
    assert ("glossary entry 'stadsledningskontoret' says what a document says ('enligt strategin') but cites no "
            "clause; add 'clauses: [...]' with the clauses it rests on") in out
    assert f"error: docs/data/glossary.yml:{line - 6}: glossary entry 'stadsledningskontoret'" in out  # its '- id:' line


def test_a_glossary_entry_without_a_termbase_term_fails(project):
    line = plant(project, "docs/data/terms.yml",
                 '  - sv: Sida\n    en: "Swedish International Development Cooperation Agency"\n    glossary: sida\n', "")
    code, out = check(project)
    assert code == 1
    assert "glossary entry 'sida' has no term in the termbase; add '- {sv: Sida, en: Swedish International" in out


# --- one English word per Swedish term, document pages included --------------------------------

def test_a_second_rendering_on_a_document_page_fails(project):
    fails(project, "docs/stockholm/strategi.en.md", "coordinates major international visits",
          "coordinates significant international visits",
          "error: docs/stockholm/strategi.en.md:{line}: 'significant' is a variant of betydande; write 'major' "
          "(docs/data/terms.yml)")


def test_must_for_ska_fails_in_guidance_and_on_document_pages(project):
    fails(project, "docs/ansvar.en.md", "entered into is to cover a concrete", "entered into must cover a concrete",
          "error: docs/ansvar.en.md:{line}: 'must' is a variant of ska; write 'is to' (docs/data/terms.yml)")
    line = plant(project, "docs/stockholm/strategi.en.md", "The city shall also work to ensure",
                 "The city must also work to ensure")
    code, out = check(project)
    assert (f"error: docs/stockholm/strategi.en.md:{line}: 'must' is a variant of ska; write 'shall' on a "
            "document page") in out


def test_shall_on_a_document_page_is_the_recorded_exception():
    from policykit.check.terms import rules

    project = load(ROOT)
    doc = [variant for _, variant, of, _ in rules(project)["doc"] if of == "ska"]
    guidance = [variant for _, variant, of, _ in rules(project)["en"] if of == "ska"]
    assert "shall" in guidance and "shall" not in doc and "must" in doc


def test_a_dropped_qualifier_fails(project):
    # strategi-4-p1: "inga utpekade vänorter"
    fails(project, "docs/ansvar.md", "- Inga utpekade vänorter och", "- Inga vänorter och",
          "error: docs/ansvar.md:{line}: 'inga vänorter' is a variant of inga utpekade vänorter; "
          "write 'inga utpekade vänorter'")


# --- inference said as inference ---------------------------------------------------------------

def test_an_inference_stated_as_fact_fails(project):
    fails(project, "docs/stromsund/policy.md", "*Vår bedömning, inte källans ord:* listan", "Listan",
          "error: docs/stromsund/policy.md:{line}: 'Listan, och troligen resten av policyn, fortsatte",
          "says what the source does not show ('fortsatte') as a fact; introduce it with "
          "'*Vår bedömning, inte källans ord:*'")


# --- the standing in the published comparison --------------------------------------------------

def test_the_comparison_exports_carry_the_standing_the_pages_carry():
    import csv
    import html
    import io
    import json
    import re

    from policykit.check.checker import check as run_check
    from policykit.render import export
    from policykit.render.common import Context
    from policykit.render.comparison import standing

    report = run_check(load(ROOT))
    files = export.contents(report, {})
    munis = json.loads(files["comparison.json"])["municipalities"]
    rows = list(csv.DictReader(io.StringIO(files["comparison.csv"][1:])))
    for m in munis:
        for lang in ("sv", "en"):
            muni = next(x for x in report.data.municipalities if x.id == m["id"])
            page = standing(Context(report.model, report.data, lang, "jamforelse.md"), muni)
            said = m["standing"][lang]
            assert said and "](" not in said and "\\" not in said
            # the page's sentence with each link reduced to its label: every label and every piece of
            # text between the links is in the exported sentence, in order
            pos = 0
            for piece in re.split(r"\[([^\]]*)\]\([^()\s]+(?:\s+\"[^\"]*\")?\)", page):
                piece = html.unescape(piece.replace("\\", ""))
                assert said.find(piece, pos) >= 0, (piece, said)
                pos = said.find(piece, pos) + len(piece)
            assert all(r[f"standing_{lang}"] == said for r in rows if r["municipality"] == m["id"])
    assert {r["municipality"] for r in rows} == {m["id"] for m in munis}


def test_csv_export_has_the_documented_columns_and_every_row():
    import csv
    import io

    from policykit.render.tables_csv import COMPARISON, RESPONSIBILITIES, tables

    data = load(ROOT).data
    files = tables(data)
    for name, header in (("comparison.csv", COMPARISON), ("responsibilities.csv", RESPONSIBILITIES)):
        text = files[name]
        assert text.startswith("\ufeff")
        rows = list(csv.reader(io.StringIO(text[1:])))
        assert rows[0] == header
        # The page renders the columns from the same list (tests/test_schema.py reads the built page).
        assert f"<!-- fields: {name} -->" in (ROOT / "docs/oppna-data.md").read_text(encoding="utf-8"), name
    assert len(list(csv.reader(io.StringIO(files["comparison.csv"][1:])))) - 1 == sum(len(r.cells) for r in data.rows)
    assert len(list(csv.reader(io.StringIO(files["responsibilities.csv"][1:])))) - 1 == len(data.tasks)


def test_a_document_page_that_writes_its_own_standing_fails(project):
    plant(project, "docs/stromsund/policy.en.md", "<!-- status: stromsund -->",
          "The policy was adopted by the municipal council.")
    code, out = check(project)
    assert code == 1
    assert ("error: docs/stromsund/policy.en.md:1: the page does not say the standing of document 'stromsund' "
            "from the registry; write <!-- status: stromsund --> in its info box (Om dokumentet)") in out


def test_the_standing_is_rendered_from_the_registry():
    """What the info box says follows sources.yml's status, whatever it is."""
    from policykit.render.common import Context
    from policykit.render.status import render

    model = load(ROOT).model
    strategy = Context(model, None, "sv", "stockholm/strategi.md")
    assert render(strategy, "strategi") == (
        "Strategin föreslås för antagande i [tjänsteutlåtandet](tjansteutlatande.md) "
        "([Tjänsteutlåtandet, Sammanfattning, mening 13](tjansteutlatande.md#rapport-sammanfattning-s13 "
        f"\"{model.by_id['rapport-sammanfattning-s13'].text}\")). Källan visar inte om eller när strategin antogs.")
    policy = Context(model, None, "en", "stromsund/policy.md")
    assert render(policy, "stromsund") == "The source shows no decision on Strömsund's policy."
    # Only a recorded adoption lets the page say it was adopted.
    model.documents["stromsund"].status = {"value": "adopted", "by": "kommunfullmäktige", "date": "2011-06-22"}
    assert render(policy, "stromsund") == "Strömsund's policy was adopted by kommunfullmäktige on 2011-06-22."
    model.documents["stromsund"].status = {"value": "adopted", "by": "kommunfullmäktige", "date": "2011-06-22",
                                           "clause": "stromsund-syfte-s1"}
    assert render(Context(model, None, "sv", "stromsund/policy.md"), "stromsund").startswith(
        "Strömsunds policy antogs av kommunfullmäktige den 2011-06-22 ([Strömsunds policy,")


def test_a_download_called_unchanged_while_lines_are_withheld_fails(project):
    # Stockholm's source text has its letterhead withheld from the download (sources/downloads.py).
    old = ("[källtexten kan laddas ned](../kallor/000_a51568b8bbced0f4.txt), oförändrad utom brevhuvudets rader, "
           "som är borttagna eftersom de har kontaktuppgifter till en namngiven tjänsteperson.")
    line = plant(project, "docs/stockholm/strategi.md", old,
                 "[källtexten kan laddas ned oförändrad](../kallor/000_a51568b8bbced0f4.txt).")
    code, out = check(project)
    assert code == 1
    assert (f"error: docs/stockholm/strategi.md:{line}: calls kallor/000_a51568b8bbced0f4.txt unchanged, but lines "
            "15, 16, 18, 21, 23, 24, 26 are withheld from it (letterhead and contact details); say that it is "
            "unchanged except the lines with contact details, which are removed") in out
