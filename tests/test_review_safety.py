"""The review app's safety rules (src/policykit/review/app.py), through Starlette's TestClient.

A draft document (tests/fixtures/review/input.pdf, Ekby) is added by the real add command to a
copy of the project. Each request that must be refused is sent with everything else right (the
page's own token, the app's own Host), and the test asserts the refusal and that sources/, docs/
and mkdocs.yml are byte for byte what they were: a foreign Host (DNS rebinding) or Origin (a
cross-site form post), a missing or wrong token, an id or path that leads out of the project or to
no draft, a line or role out of range, a change the checker refuses (its message shown), and an
approval with a word still undecided (the approval's earlier steps undone too). One accepted
change shows the same requests do work when they are right.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from conftest import draft_copy

from policykit.review.app import create_app

PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"


def digest(root: Path) -> str:
    """sources/, docs/ and mkdocs.yml, byte for byte."""
    h = hashlib.sha256()
    files = [root / "mkdocs.yml"] + sorted(p for d in ("sources", "docs") for p in (root / d).rglob("*") if p.is_file())
    for path in files:
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


@pytest.fixture(scope="module")
def added(ekby_draft, tmp_path_factory) -> Path:
    return draft_copy(ekby_draft, tmp_path_factory.mktemp("review-safety") / "project")


@pytest.fixture(scope="module")
def client(added):
    return TestClient(create_app(added, PORT), base_url=BASE)


@pytest.fixture(scope="module")
def token(client) -> str:
    page = client.get("/doc/ekby")
    assert page.status_code == 200
    tokens = set(re.findall(r'name="token" value="([^"]+)"', page.text))
    assert len(tokens) == 1
    return tokens.pop()


@pytest.fixture
def unchanged(added):
    before = digest(added)
    yield
    assert digest(added) == before, "the project changed"


def test_the_document_page_shows_the_reading_with_its_roles_and_the_flagged_word(client):
    page = client.get("/doc/ekby")
    assert page.status_code == 200
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"
    text = page.text
    assert '<img src="/doc/ekby/page/1.png"' in text
    assert re.search(r'id="line-13" class="role-paragraph">.*?Ansvar', text, re.S)
    assert re.search(r'id="line-17" class="role-paragraph">.*?Ekby kommun · Kommunstyrelsens', text, re.S)
    assert '<mark>vird</mark>' in text and 'value="värd"' in text and 'value="vård"' in text
    assert "<script" not in text and "style=" not in text
    png = client.get("/doc/ekby/page/1.png")
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")


@pytest.mark.parametrize("host", ["evil.example:8765", "127.0.0.1:9999", "localhost", "127.0.0.1.evil.example:8765"])
def test_a_foreign_host_is_refused(client, token, unchanged, host):
    assert client.get("/doc/ekby", headers={"Host": host}).status_code == 403
    post = client.post("/doc/ekby/role", data={"token": token, "line": "13", "role": "heading"},
                       headers={"Host": host}, follow_redirects=False)
    assert post.status_code == 403


@pytest.mark.parametrize("origin", ["http://evil.example", "null", "http://127.0.0.1:9999", "https://127.0.0.1:8765"])
def test_a_foreign_origin_is_refused(client, token, unchanged, origin):
    post = client.post("/doc/ekby/role", data={"token": token, "line": "13", "role": "heading"},
                       headers={"Origin": origin}, follow_redirects=False)
    assert post.status_code == 403


@pytest.mark.parametrize("sent", [{}, {"token": ""}, {"token": "x" * 43}])
def test_a_missing_or_wrong_token_is_refused(client, token, unchanged, sent):
    for path, data in (("role", {"line": "13", "role": "heading"}), ("word", {"ocr": "vird", "fix": "värd"}),
                       ("approve", {"by": "Anna Granskare"})):
        post = client.post(f"/doc/ekby/{path}", data={**sent, **data}, follow_redirects=False)
        assert post.status_code == 403, path
        assert "token" in post.text


@pytest.mark.parametrize("path", ["/doc/..%2F..%2Fetc%2Fpasswd", "/doc/..%2Fsources%2Fsources.yml",
                                  "/doc/strategi", "/doc/nope", "/doc/ekby/page/0.png", "/doc/ekby/page/2.png",
                                  "/doc/..%2F..%2Fetc/page/1.png", "/static/..%2F..%2F..%2Fsources%2Fsources.yml",
                                  "/static/../app.py"])
def test_a_path_outside_the_project_or_to_no_draft_is_not_found(client, unchanged, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("doc", ["..%2F..%2Fetc", "strategi", "EKBY"])
def test_a_change_to_no_draft_is_refused(client, token, unchanged, doc):
    post = client.post(f"/doc/{doc}/role", data={"token": token, "line": "13", "role": "heading"},
                       follow_redirects=False)
    assert post.status_code == 404


@pytest.mark.parametrize("data", [{"line": "0", "role": "heading"}, {"line": "18", "role": "heading"},
                                  {"line": "2", "role": "heading"}, {"line": "-1", "role": "heading"},
                                  {"line": "13", "role": "aside:../../x"}, {"line": "13", "role": "title"},
                                  {"line": "13"}, {"line": "13 ", "role": "heading"}])
def test_a_line_or_role_out_of_range_is_refused(client, token, unchanged, data):
    post = client.post("/doc/ekby/role", data={"token": token, **data}, follow_redirects=False)
    assert post.status_code == 400


@pytest.mark.parametrize("data", [{"ocr": "framja", "fix": "främja"}, {"ocr": "../x", "fix": "värd"}])
def test_a_word_that_is_not_flagged_is_refused(client, token, unchanged, data):
    post = client.post("/doc/ekby/word", data={"token": token, **data}, follow_redirects=False)
    assert post.status_code == 400


@pytest.mark.parametrize("fix", ["<script>", 'värd", fix: "x', "två ord", ""])
def test_a_typed_word_that_is_no_word_is_refused(client, token, unchanged, fix):
    post = client.post("/doc/ekby/word", data={"token": token, "ocr": "vird", "fix": fix}, follow_redirects=False)
    assert post.status_code == 409
    assert "is not a word" in post.text


def test_a_change_that_breaks_the_check_is_refused_with_the_checkers_message(client, token, unchanged):
    # Line 7 holds words the repairs file mends ("framja"): set aside, those repairs match nothing.
    post = client.post("/doc/ekby/role", data={"token": token, "line": "7", "role": "aside:running"},
                       follow_redirects=False)
    assert post.status_code == 409
    assert "Ändringen gjordes inte" in post.text
    assert "correction &#39;framja&#39; → &#39;främja&#39; matches nothing in the source" in post.text


def test_an_approval_with_a_word_left_to_decide_is_refused_and_undone(client, token, unchanged):
    # Godkänn marks the repairs reviewed and removes the pages' notice before it approves: undone too.
    post = client.post("/doc/ekby/approve", data={"token": token, "by": "Anna Granskare"}, follow_redirects=False)
    assert post.status_code == 409
    assert "1 flagged word not yet decided (vird" in post.text


def test_an_approval_without_a_reviewers_name_is_refused(client, token, unchanged):
    post = client.post("/doc/ekby/approve", data={"token": token, "by": "<b>x</b>"}, follow_redirects=False)
    assert post.status_code == 409
    assert "is not a reviewer&#39;s name" in post.text


def test_the_right_request_is_accepted_and_written_where_the_command_line_writes(added, tmp_path):
    root = shutil.copytree(added, tmp_path / "project")
    client = TestClient(create_app(root, PORT), base_url=BASE)
    token = re.search(r'name="token" value="([^"]+)"', client.get("/doc/ekby").text).group(1)
    post = client.post("/doc/ekby/role", data={"token": token, "line": "13", "role": "heading"},
                       headers={"Origin": BASE}, follow_redirects=False)
    assert post.status_code == 303 and post.headers["location"] == "/doc/ekby#line-13"
    assert '          - {key: "ansvar", line: 13}\n' in (root / "sources" / "sources.yml").read_text(encoding="utf-8")
    assert "\n## Ansvar { #ekby-ansvar }\n" in (root / "docs" / "ekby" / "policy.md").read_text(encoding="utf-8")
