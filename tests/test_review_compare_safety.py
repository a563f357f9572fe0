"""The review app's comparison step (src/policykit/review/compare.py) holds the app's safety rules.

Ekby's draft (tests/fixtures/review/input.pdf) is added by the real add command to a copy of the
project and taken to approved through the app itself (the letterhead set aside, "Ansvar" a heading,
"värd" chosen, Godkänn), as test_review_e2e.py does in the browser. Each request that must be
refused is sent with everything else right (the page's token, the app's own Host) and the test
asserts the refusal and that sources/, docs/ and mkdocs.yml are byte for byte what they were: a
foreign Host or Origin, a missing or wrong token, a municipality that is unknown, a path or still a
draft, an unknown topic, clause, kind, status, area, body or decision, a typed text with markup, and
a role the clause does not license (the checker's message shown). The right requests are accepted
and written where accept() writes; a rejection writes nothing.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from conftest import draft_copy
from test_review_safety import BASE, PORT, digest

from policykit.review.app import create_app

CELL = {"topic": "syfte", "decision": "accept", "status": "addressed", "clause": ["ekby-syfte-s1"],
        "sv": "Policyn ska främja kommunens övergripande mål för tillväxt och utbildning.",
        "en": "The policy is to promote the municipality's overall goals for growth and education."}
ROLE = {"clause": "ekby-ansvar-s1", "body": "Kommunstyrelsen", "basis": "Kommunstyrelsen ansvarar",
        "decision": "accept", "kind": "responsible", "area": "samordning", "sv": "Att policyn följs",
        "en": "That the policy is followed", "body_en": "Kommunstyrelsen (the municipal executive board)"}


def token_of(client: TestClient, path: str) -> str:
    tokens = set(re.findall(r'name="token" value="([^"]+)"', client.get(path).text))
    assert len(tokens) == 1
    return tokens.pop()


@pytest.fixture(scope="module")
def draft(ekby_draft, tmp_path_factory) -> Path:
    return draft_copy(ekby_draft, tmp_path_factory.mktemp("compare-safety") / "draft")


@pytest.fixture(scope="module")
def approved(draft, tmp_path_factory) -> Path:
    """Ekby reviewed and approved through the app's own forms."""
    root = shutil.copytree(draft, tmp_path_factory.mktemp("compare-safety") / "approved")
    client = TestClient(create_app(root, PORT), base_url=BASE)
    token = token_of(client, "/doc/ekby")
    for path, data in (("role", {"line": "17", "role": "aside:letterhead"}), ("role", {"line": "13", "role": "heading"}),
                       ("word", {"ocr": "vird", "fix": "värd"}), ("approve", {"by": "Anna Granskare"})):
        post = client.post(f"/doc/ekby/{path}", data={"token": token, **data}, follow_redirects=False)
        assert post.status_code == 303, (path, post.text)
    return root


@pytest.fixture(scope="module")
def client(approved):
    return TestClient(create_app(approved, PORT), base_url=BASE)


@pytest.fixture(scope="module")
def token(client) -> str:
    return token_of(client, "/compare/ekby")


@pytest.fixture
def unchanged(approved):
    before = digest(approved)
    yield
    assert digest(approved) == before, "the project changed"


def test_the_page_shows_each_topic_with_its_proposed_clauses_marked_and_the_proposed_roles(client, unchanged):
    start = client.get("/")
    assert '<a href="/compare/ekby">Jämför Ekby kommun</a>' in start.text
    page = client.get("/compare/ekby")
    assert page.status_code == 200
    assert "default-src 'self'" in page.headers["content-security-policy"]
    text = page.text
    assert "<script" not in text and "style=" not in text
    assert len(re.findall(r'<section id="amne-[a-z-]+" class="topic"', text)) >= 3
    # the proposer's best clause for "Organisation och ansvar", its matched words marked, ticked
    org = text[text.index('id="amne-organisation"'):]
    org = org[:org.index("</section>")]
    assert re.search(r'value="ekby-ansvar-s1" checked>\s*<label[^>]*><span class="cid">ekby-ansvar-s1</span> '
                     r'<mark>Kommunstyrelsen</mark> <mark>ansvarar</mark>', org)
    assert 'name="status" value="addressed" checked' in org and 'name="sv"' in org and 'name="en"' in org
    roles = text[text.index('id="ansvar"'):]
    assert "<mark>Kommunstyrelsen ansvarar</mark> för att policyn följs." in roles
    assert 'name="body_en"' in roles   # Ekby's kommunstyrelse is not in responsibilities.yml yet


def test_a_draft_municipality_has_no_comparison_step(draft):
    client = TestClient(create_app(draft, PORT), base_url=BASE)
    before = digest(draft)
    assert client.get("/compare/ekby").status_code == 404
    token = token_of(client, "/doc/ekby")
    post = client.post("/compare/ekby/topic", data={"token": token, **CELL}, follow_redirects=False)
    assert post.status_code == 404
    assert digest(draft) == before


@pytest.mark.parametrize("path", ["/compare/nope", "/compare/..%2F..%2Fetc%2Fpasswd", "/compare/EKBY",
                                  "/compare/..%2Fsources"])
def test_an_unknown_municipality_or_a_path_is_not_found(client, token, unchanged, path):
    assert client.get(path).status_code == 404
    assert client.post(f"{path}/topic", data={"token": token, **CELL}, follow_redirects=False).status_code == 404


@pytest.mark.parametrize("route,data", [("topic", CELL), ("role", ROLE)])
@pytest.mark.parametrize("headers", [{"Origin": "http://evil.example"}, {"Origin": "null"},
                                     {"Host": "evil.example:8765"}, {"Host": "127.0.0.1:9999"}])
def test_a_foreign_origin_or_host_is_refused(client, token, unchanged, route, data, headers):
    post = client.post(f"/compare/ekby/{route}", data={"token": token, **data}, headers=headers, follow_redirects=False)
    assert post.status_code == 403


@pytest.mark.parametrize("route,data", [("topic", CELL), ("role", ROLE)])
@pytest.mark.parametrize("sent", [{}, {"token": ""}, {"token": "x" * 43}])
def test_a_missing_or_wrong_token_is_refused(client, unchanged, route, data, sent):
    post = client.post(f"/compare/ekby/{route}", data={**data, **sent}, follow_redirects=False)
    assert post.status_code == 403 and "token" in post.text


@pytest.mark.parametrize("change", [{"topic": "nope"}, {"topic": "../x"}, {"clause": ["stromsund-syfte-s1"]},
                                    {"clause": ["ekby-syfte-s1", "ekby-ansvar"]}, {"status": "not-yet-assessed"},
                                    {"status": "ranked-first"}, {"decision": "delete"}])
def test_an_unknown_topic_clause_status_or_decision_is_refused(client, token, unchanged, change):
    post = client.post("/compare/ekby/topic", data={"token": token, **CELL, **change}, follow_redirects=False)
    assert post.status_code == 400, post.text


@pytest.mark.parametrize("change", [{"kind": "owns"}, {"kind": ""}, {"area": "nope"}, {"clause": "ekby-syfte-s1"},
                                    {"clause": "stromsund-organisation-s1"}, {"body": "Kommunfullmäktige"},
                                    {"basis": "Kommunstyrelsen ansvarar för att policyn följs"}, {"decision": ""}])
def test_an_unknown_kind_area_clause_body_or_basis_is_refused(client, token, unchanged, change):
    post = client.post("/compare/ekby/role", data={"token": token, **ROLE, **change}, follow_redirects=False)
    assert post.status_code == 400, post.text


@pytest.mark.parametrize("route,change", [("topic", {"sv": "<script>x</script>"}), ("topic", {"en": ""}),
                                          ("topic", {"sv": "[länk](http://evil.example)"}),
                                          ("role", {"en": "**bold**"}), ("role", {"body_en": ""}),
                                          ("topic", {"clause": []})])
def test_a_typed_text_with_markup_or_none_is_refused_with_a_message(client, token, unchanged, route, change):
    post = client.post(f"/compare/ekby/{route}", data={"token": token, **(CELL if route == "topic" else ROLE), **change},
                       follow_redirects=False)
    assert post.status_code == 409
    assert "Ändringen gjordes inte" in post.text and "granskningen" in post.text


def test_a_role_the_clause_does_not_license_is_refused_with_the_checkers_message(client, token, unchanged):
    post = client.post("/compare/ekby/role", data={"token": token, **ROLE, "kind": "decides"}, follow_redirects=False)
    assert post.status_code == 409
    assert "Ändringen gjordes inte" in post.text
    assert "kind &#39;decides&#39; for body &#39;ekby-kommunstyrelsen&#39; is not licensed by clause ekby-ansvar-s1" \
        in post.text
    # the form comes back as sent, so the reviewer changes the kind and sends it again
    assert '<option value="decides" selected>' in post.text and 'value="Att policyn följs"' in post.text


def test_a_summary_that_drops_the_clauses_modal_verb_is_refused(client, token, unchanged):
    post = client.post("/compare/ekby/role", data={
        "token": token, "clause": "ekby-ansvar-s2", "body": "Nämnd", "basis": "nämnd ska redovisa", "decision": "accept",
        "kind": "reports", "area": "redovisning", "sv": "Sitt internationella arbete en gång per år",
        "en": "Its international work once a year", "body_en": "Each committee"}, follow_redirects=False)
    assert post.status_code == 409
    assert "drops its &#39;ska redovisa&#39;; keep the modal verb" in post.text


def test_the_right_requests_are_written_and_a_rejection_writes_nothing(approved, tmp_path):
    root = shutil.copytree(approved, tmp_path / "project")
    client = TestClient(create_app(root, PORT), base_url=BASE)
    token = token_of(client, "/compare/ekby")
    before = digest(root)
    post = client.post("/compare/ekby/topic", data={"token": token, "topic": "besok", "decision": "reject"},
                       headers={"Origin": BASE}, follow_redirects=False)
    assert post.status_code == 303 and post.headers["location"] == "/compare/ekby#amne-besok"
    assert digest(root) == before
    assert "Förslaget är avvisat" in client.get("/compare/ekby").text
    for route, data, anchor in (("topic", CELL, "amne-syfte"), ("role", ROLE, "ansvar")):
        post = client.post(f"/compare/ekby/{route}", data={"token": token, **data}, headers={"Origin": BASE},
                           follow_redirects=False)
        assert post.status_code == 303 and post.headers["location"] == f"/compare/ekby#{anchor}", post.text
    comparison = (root / "docs" / "data" / "comparison.yml").read_text(encoding="utf-8")
    assert ("      ekby:\n        status: addressed\n        summary:\n          sv: " + CELL["sv"]
            + "\n          en: " + CELL["en"] + "\n        clauses: [ekby-syfte-s1]\n") in comparison
    tasks = (root / "docs" / "data" / "responsibilities.yml").read_text(encoding="utf-8")
    assert ("  - body: ekby-kommunstyrelsen\n    kind: responsible\n    area: samordning\n    what:\n"
            "      sv: Att policyn följs\n      en: That the policy is followed\n    clause: ekby-ansvar-s1\n"
            "    basis: Kommunstyrelsen ansvarar\n") in tasks
    page = client.get("/compare/ekby").text
    syfte = page[page.index('id="amne-syfte"'):]
    assert syfte[:syfte.index("</section>")].count("<form") == 0 and CELL["sv"] in syfte
    assert "<mark>Kommunstyrelsen ansvarar</mark>" not in page   # the role is written, no longer proposed
