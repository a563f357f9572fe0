"""Hostile input: every case ends in one clear error line and leaves the previous site alone.

Each case damages a private copy of the project (see `project` in conftest), puts a copy of a
good build where the new site would go, and runs the real build command (scripts/build_site.py,
which runs the clause check first). It must fail with the expected line (file, line where there is
one, problem, fix), print no traceback, leave the previous site byte for byte and leave no
temporary build folder. Inputs the project deliberately accepts (a UTF-8 byte order mark, CRLF
line ends) are checked to give exactly the clauses of the unchanged source.

tests/test_bad_input.py already covers a changed, missing or UTF-16-marked source, a correction
that matches nothing, malformed YAML, a duplicate section key, unknown markers and ids.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

import conftest
from conftest import PY, ROOT, CHECK_CMD, BUILD_CMD

CHECK = CHECK_CMD
BUILD = BUILD_CMD
SOURCE = "sources/004_f7a0eeedf08f0e7c.txt"
REPAIRS = "sources/repairs/004_f7a0eeedf08f0e7c.yml"
REGISTRY = "sources/sources.yml"
# Generous bounds: a linear pass over a megabyte takes about a second here; a quadratic one hours.
CHECK_TIMEOUT = 120
BUILD_TIMEOUT = 300


def run(*args, timeout: float = BUILD_TIMEOUT) -> subprocess.CompletedProcess:
    return conftest.run(*args, timeout=timeout)


def snapshot(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else None for p in folder.rglob("*")}


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob(".site.*"))


def replace(project: Path, rel: str, old: str, new: str):
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(project: Path, rel: str, needle: str) -> int:
    lines = (project / rel).read_text(encoding="utf-8").splitlines()
    return next(n for n, text in enumerate(lines, 1) if needle in text)


def reseal(project: Path, rel: str = SOURCE):
    conftest.reseal(project, rel)


def build_fails(project: Path, site: Path) -> str:
    """Build over a copy of a good site; the build must fail cleanly. Returns its output."""
    target = project.parent / "site"
    shutil.copytree(site, target)
    before = snapshot(target)
    result = run(BUILD, "--root", project, "--site-dir", target)
    out = result.stdout + result.stderr
    assert "Traceback" not in out, out
    assert result.returncode == 1, out
    assert snapshot(target) == before, "the previous site changed"
    assert leftovers(project.parent) == [], "a temporary build folder was left behind"
    return out


def clauses(project: Path) -> list[dict]:
    """The checker's clause list (JSON report); the check must pass."""
    report = project.parent / "report.json"
    result = run(CHECK, "--root", project, "--json", report, timeout=CHECK_TIMEOUT)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(report.read_text(encoding="utf-8"))["clauses"]


# --- Sources: empty, binary, wrong encodings -----------------------------------------------

def _latin1(raw: bytes) -> tuple[bytes, str]:
    data = raw.decode("utf-8").encode("latin-1")
    bad = next(i for i, b in enumerate(data) if b >= 0x80)
    line = data.count(b"\n", 0, bad) + 1
    return data, (f"error: {SOURCE}:{line}: not valid UTF-8 (byte {bad}); deliver the OCR text as UTF-8 "
                  "(a Latin-1 or Windows-1252 file converts with iconv -f WINDOWS-1252 -t UTF-8)")


SOURCE_BYTES = {
    "empty": lambda raw: (b"", f"error: {SOURCE}: the file is empty; restore the delivered OCR text "
                               f"(git checkout -- {SOURCE})"),
    "only blank space": lambda raw: (b"\n \n\t\n" * 30, f"error: {SOURCE}: the file holds only blank space; "
                                                       "restore the delivered OCR text"),
    "binary (a PNG)": lambda raw: (b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
                                   f"error: {SOURCE}:2: control character '\\x1a' at byte 6: a binary file, not OCR "
                                   "text; deliver the OCR text as plain UTF-8 text"),
    "latin-1": _latin1,
    "UTF-16 with byte order mark": lambda raw: (
        raw.decode("utf-8").encode("utf-16"),
        f"error: {SOURCE}: not valid UTF-8 (byte 0); deliver the OCR text as UTF-8 (it starts with a UTF-16 byte "
        "order mark: iconv -f UTF-16 -t UTF-8 converts it)"),
    "UTF-16 without byte order mark": lambda raw: (
        raw.decode("utf-8").encode("utf-16-le"),
        f"error: {SOURCE}:1: control character '\\x00' at byte 1: a binary file, not OCR text"),
}


@pytest.mark.parametrize("case", SOURCE_BYTES, ids=list(SOURCE_BYTES))
def test_unreadable_source_fails_naming_file_and_line(project, site, case):
    path = project / SOURCE
    data, expected = SOURCE_BYTES[case](path.read_bytes())
    path.write_bytes(data)
    reseal(project)  # past the checksum: the file itself is what is wrong
    out = build_fails(project, site)
    assert expected in out
    assert out.count("error: ") == 2  # the source's one line, and the build's "not built"


@pytest.mark.parametrize("change", ["utf-8 byte order mark", "crlf line ends"])
def test_bom_and_crlf_sources_give_the_same_clauses(project, change):
    # The byte order mark is an encoding signature and CR belongs to the line end, not the text:
    # MkDocs reads pages the same way. The checksum still guards every byte of the file.
    expected = clauses(project)
    path = project / SOURCE
    raw = path.read_bytes()
    path.write_bytes(b"\xef\xbb\xbf" + raw if change == "utf-8 byte order mark" else raw.replace(b"\n", b"\r\n"))
    reseal(project)
    got = clauses(project)
    assert got == expected
    assert not any("\ufeff" in c["text"] or "\r" in c["ocr"] for c in got)


def test_a_source_of_ocr_noise_without_words_fails(project, site):
    path = project / SOURCE
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join("~ ~ . -" if line.strip() else line for line in lines), encoding="utf-8")
    reseal(project)
    out = build_fails(project, site)
    assert (f"error: {REPAIRS}: raw line 1 of 'stromsund' gives a clause without a word: '~ ~ . -'; remove the OCR "
            "noise with a 'noise' entry, or point the section at its heading") in out


def test_a_new_source_whose_document_holds_no_text_fails(project, site):
    (project / "sources" / "099_tom.txt").write_text("\n\n\nText efter dokumentet\n", encoding="utf-8")
    (project / "sources" / "repairs" / "099_tom.yml").write_text("words: []\n", encoding="utf-8")
    sha = hashlib.sha256((project / "sources" / "099_tom.txt").read_bytes()).hexdigest()
    with (project / REGISTRY).open("a", encoding="utf-8") as f:
        f.write(f"\n  - file: 099_tom.txt\n    sha256: {sha}\n    repairs: repairs/099_tom.yml\n    documents:\n"
                "      - {id: tom, title: Tom, page: tom.md, lines: [1, 3], review: draft, "
                "sections: [{key: inledning, line: 1}]}\n")
    replace(project, REGISTRY, "    documents: [stromsund]\n", "    documents: [stromsund, tom]\n")
    out = build_fails(project, site)
    assert ("error: sources/repairs/099_tom.yml: section 'inledning' of 'tom' starts at raw line 1, which holds no "
            "heading after layout repair; point the section at its heading line in sources/sources.yml") in out


# --- Repairs and registry: encodings, corrections that match nothing, malformed entries -------

@pytest.mark.parametrize("rel", [REPAIRS, REGISTRY, "docs/data/glossary.yml"])
def test_a_latin1_yaml_file_fails_naming_its_line(project, site, rel):
    path = project / rel
    data = path.read_text(encoding="utf-8").encode("latin-1", errors="replace")
    path.write_bytes(data)
    bad = next(i for i, b in enumerate(data) if b >= 0x80)
    line = data.count(b"\n", 0, bad) + 1
    out = build_fails(project, site)
    assert f"error: {rel}:{line}: not valid UTF-8 (invalid " in out and f" at byte {bad}); save the file as UTF-8" in out


def test_a_context_correction_that_matches_nothing(project, site):
    replace(project, REPAIRS, "words:\n", 'words:\n  - {ocr: "dr", fix: "är", context: "qqq dr"}\n')
    line = line_of(project, REPAIRS, 'context: "qqq dr"')
    out = build_fails(project, site)
    assert (f"error: {REPAIRS}:{line}: correction 'dr' → 'är' in context 'qqq dr' matches nothing in the source; "
            "remove the entry, or fix its 'ocr' or 'context' to match the OCR text") in out


# (file, old, new, needle for the expected line or None, expected message after "error: <file>[:<line>]: ")
MALFORMED = {
    "layout is a list": (REPAIRS, "layout:\n", "layout: [1]\nx:\n", "layout: [1]",
                         "field 'layout' must be dict, not list; give 'layout' a value of that type"),
    "words is a number": (REPAIRS, "words:\n", "words: 5\nx:\n", "words: 5",
                          "field 'words' must be list, not int"),
    "context is a number": (REPAIRS, "words:\n", "words:\n  - {ocr: dr, fix: är, context: 12}\n", "context: 12",
                            "field 'context' must be str, not int; give 'context' a value of that type"),
    "joins names no line": (REPAIRS, "words:\n", "joins: [a]\nwords:\n", "joins: [a]",
                            "each entry of 'joins' must be int, not str ('a'); fix the entries of 'joins'"),
    "paragraph break is a list": (REPAIRS, "words:\n", "paragraph_breaks: [[3]]\nwords:\n", "paragraph_breaks",
                                  "each entry of 'paragraph_breaks' must be int, not list ([3])"),
    "letterhead entry is a number": (REPAIRS, "words:\n", "letterhead: [5]\nwords:\n", None,
                                     "entry 5 is not a mapping; write it as key: value pairs, with 'line:' among them"),
    "footnote area of one line": (REPAIRS, "words:\n", "footnotes: [{area: [3], notes: []}]\nwords:\n", "area: [3]",
                                  "'area' must be [first, last] raw line numbers, not [3]; write 'area: [first, last]'"),
    "footnote without line": (REPAIRS, "words:\n", "footnotes: [{area: [3, 4], notes: [{number: 1, glyph: x}]}]\n"
                              "words:\n", "footnotes:", "missing field 'line'; add 'line:' to this entry"),
    "empty bullet glyph": (REPAIRS, 'bullet_glyphs: ["e", "¢"]', 'bullet_glyphs: ["e", ""]', "bullet_glyphs",
                           "'bullet_glyphs' holds an empty glyph; list the characters the OCR reads for a bullet"),
    "lines of one number": (REGISTRY, "lines: [1, 62]", "lines: [1]", "lines: [1]",
                            "'lines' of 'stromsund' must be [first, last], not [1]"),
    "lines as words": (REGISTRY, "lines: [1, 62]", "lines: [a, b]", "lines: [a, b]",
                       "each entry of 'lines' must be int, not str ('a')"),
    "lines start at true": (REGISTRY, "lines: [1, 62]", "lines: [true, 62]", "lines: [true, 62]",
                            "each entry of 'lines' must be int, not bool (True)"),
    "section is a number": (REGISTRY, "- {key: syfte, line: 12}", "- 12", None,
                            "entry 12 is not a mapping; write it as key: value pairs, with 'key:' among them"),
    "section key with a space": (REGISTRY, "{key: syfte, line: 12}", "{key: 'vårt syfte', line: 12}", "vårt syfte",
                                 "section key 'vårt syfte' cannot be part of a clause id; use lower-case letters "
                                 "a-z, digits and single hyphens"),
    "document id with markup": (REGISTRY, "      - id: stromsund\n", "      - id: 'x\"><script>alert(1)</script>'\n",
                                "<script>",
                                "document id 'x\"><script>alert(1)</script>' cannot be part of a clause id"),
    "unknown document": (REGISTRY, "documents: [strategi, rapport]", "documents: [strategi, raport]",
                         "documents: [strategi, raport]", "municipality 'stockholm' lists unknown document 'raport', "
                         "which no file holds; use an existing document id (nearest: rapport"),
    "duplicate municipality id": (REGISTRY, "\n  - id: stromsund\n", "\n  - id: stockholm  # again\n", "id: stockholm  # again",
                                  "duplicate municipality id 'stockholm'; give each municipality its own id"),
    "truncated: 'no'": (REGISTRY, "truncated: true", "truncated: 'no'", "truncated: 'no'",
                        "field 'truncated' must be bool, not str"),
    "short is a number": (REGISTRY, "short: {sv: Strömsunds policy, en: Strömsund's policy}", "short: 5",
                          "short: 5", "field 'short' must be dict, not int"),
    "source outside sources/": (REGISTRY, "file: 004_f7a0eeedf08f0e7c.txt", "file: ../../../../../etc/passwd",
                                "etc/passwd", "'file: ../../../../../etc/passwd' does not name a file inside "
                                "sources/; put the file in sources/ and give its path relative to sources/"),
    "absolute source path": (REGISTRY, "file: 004_f7a0eeedf08f0e7c.txt", "file: /etc/passwd", "/etc/passwd",
                             "'file: /etc/passwd' does not name a file inside sources/"),
    "source is the folder": (REGISTRY, "file: 004_f7a0eeedf08f0e7c.txt", "file: .", "file: .",
                             "'file: .' does not name a file inside sources/"),
    "repairs outside sources/": (REGISTRY, "repairs: repairs/004_f7a0eeedf08f0e7c.yml", "repairs: /etc/passwd",
                                 "file: 004_f7a0eeedf08f0e7c.txt",
                                 "'repairs: /etc/passwd' does not name a file inside sources/"),
}


@pytest.mark.parametrize("case", MALFORMED, ids=list(MALFORMED))
def test_malformed_repair_or_registry_entry_fails_with_its_line(project, site, case):
    rel, old, new, needle, message = MALFORMED[case]
    replace(project, rel, old, new)
    where = f"{rel}:{line_of(project, rel, needle)}" if needle else rel
    out = build_fails(project, site)
    assert f"error: {where}: {message}" in out
    assert "root:x:0" not in out  # nothing of a file outside the project is quoted


def test_a_report_path_that_cannot_be_written(tmp_path):
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    result = run(CHECK, "--json", tmp_path / "a-file" / "report.json", timeout=CHECK_TIMEOUT)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert result.returncode == 1
    assert result.stdout.startswith(f"error: {tmp_path}/a-file/report.json: the report cannot be written (")
    assert "give a writable path" in result.stdout


# --- Pages: encodings, links out of the project ----------------------------------------------

PAGE = "docs/stromsund/policy.md"


@pytest.mark.parametrize("rel", [PAGE, "docs/stromsund/policy.en.md", "docs/index.md"])
def test_a_latin1_page_fails_naming_its_line(project, site, rel):
    path = project / rel
    data = path.read_text(encoding="utf-8").encode("latin-1", errors="replace")
    path.write_bytes(data)
    bad = next(i for i, b in enumerate(data) if b >= 0x80)
    line = data.count(b"\n", 0, bad) + 1
    out = build_fails(project, site)
    assert f"error: {rel}:{line}: not valid UTF-8 (byte {bad}); save the page as UTF-8" in out


def test_a_page_with_a_utf8_byte_order_mark_is_read_like_mkdocs_reads_it(project):
    expected = clauses(project)
    for rel in (PAGE, "docs/stromsund/policy.en.md"):
        path = project / rel
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert clauses(project) == expected


@pytest.mark.parametrize("link,target", [
    ("docs/assets/leak.txt", "/etc/passwd"),
    ("docs/leak.md", "/etc/passwd"),
    ("docs/etc", "/etc"),
    ("overrides/leak.txt", "/etc/passwd"),
])
def test_a_symbolic_link_out_of_the_project_is_refused(project, site, link, target):
    # MkDocs publishes every file under docs/ and the theme folder, following links: /etc/passwd would be on the site.
    os.symlink(target, project / link)
    out = build_fails(project, site)
    assert (f"error: {link}: a symbolic link to a file outside the project, which the build would publish; "
            "copy the file into the project or remove the link") in out
    assert "root:x:0" not in out


@pytest.mark.parametrize("link,target", [("docs/loop.md", "loop.md"), ("docs/assets/gone.png", "gone-too.png")])
def test_a_symbolic_link_to_nothing_is_refused(project, site, link, target):
    # MkDocs itself would stop with a traceback (FileNotFoundError, or a symlink loop).
    os.symlink(target, project / link)
    out = build_fails(project, site)
    assert (f"error: {link}: a symbolic link to nothing (its target is missing or a loop); remove the link, "
            "or put the file itself there") in out


def test_file_inclusion_syntax_stays_literal_text(project, tmp_path):
    # pymdownx.snippets is not enabled: '--8<--' is no include, so nothing outside docs/ reaches the site.
    lines = ['--8<-- "/etc/passwd"', '--8<-- "../../../../../../etc/hostname"', '--8<-- "mkdocs.yml"']
    block = "\n\n".join(lines) + '\n\n--8<--\n/etc/passwd\n--8<--\n\n!!! note\n    --8<-- "/etc/passwd"\n'
    for rel in ("docs/index.md", "docs/index.en.md"):
        path = project / rel
        path.write_text(path.read_text(encoding="utf-8") + "\n" + block, encoding="utf-8")
    target = tmp_path / "site"
    result = run(BUILD, "--root", project, "--site-dir", target)
    assert result.returncode == 0, result.stdout + result.stderr
    text = BeautifulSoup((target / "index.html").read_text(encoding="utf-8"), "html.parser").get_text()
    for line in lines:
        assert line in text
    outside = [Path("/etc/passwd").read_text().splitlines()[0], "site_name: Internationella styrdokument"]
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else ""
    for path in target.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            for secret in outside:
                assert secret.encode() not in content, f"{secret!r} in {path}"
            if hostname and path.suffix == ".html":
                assert f"\n{hostname}\n".encode() not in content


def test_links_and_images_out_of_the_docs_stop_the_build(project, site):
    # A link is not an include, but MkDocs' strict validation refuses a target outside docs/ all the same.
    for rel in ("docs/index.md", "docs/index.en.md"):
        path = project / rel
        path.write_text(path.read_text(encoding="utf-8") + "\n[lösenord](../../../../../../etc/passwd)\n\n"
                        "![inställningar](../mkdocs.yml)\n", encoding="utf-8")
    out = build_fails(project, site)
    assert "../../../../../../etc/passwd" in out and "../mkdocs.yml" in out
    assert "not replaced, mkdocs build --strict failed" in out and "root:x:0" not in out


class _AnyTagLoader(yaml.SafeLoader):
    """mkdocs.yml may hold !!python/name: tags; they do not matter here."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def test_no_include_extension_is_enabled():
    # Guard for the decision above: an include extension (pymdownx.snippets) reads files by path, so
    # "--8<--" in a page could publish any file; it stays text. Enabling one needs restrict_base_path,
    # check_paths and no url_download, and this test changed with it.
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    names = [ext if isinstance(ext, str) else next(iter(ext)) for ext in config.get("markdown_extensions") or []]
    assert names and "pymdownx.snippets" not in names, names


# --- Data files: unknown ids, duplicate ids ---------------------------------------------------

DATA = "docs/data/"
# (file, old, new, a line of the entry as it then reads, expected message after "error: <file>:<entry line>: ")
BAD_DATA = {
    "unknown body": ("responsibilities.yml", "  - body: kommunfullmaktige\n", "  - body: kommunfullmaktig\n",
                     "- body: kommunfullmaktig", "unknown body 'kommunfullmaktig' in 'body'; use an existing body "
                     "(nearest: kommunfullmaktige"),
    "unknown area": ("responsibilities.yml", "    area: styrdokument\n", "    area: styrdokumnet\n",
                     "area: styrdokumnet", "unknown area 'styrdokumnet' in 'area'"),
    "unknown body in 'to'": ("responsibilities.yml", "    to: kommunfullmaktige\n", "    to: fullmaktige\n",
                             "to: fullmaktige", "unknown body 'fullmaktige' in 'to'"),
    "unknown topic of a principle": ("principles.yml", "topics: [principer, bistand-utrikespolitik]",
                                     "topics: [principer, bistand]", "topics: [principer, bistand]",
                                     "unknown topic 'bistand'"),
    "unknown municipality of a principle": ("principles.yml", "municipality: stockholm\n",
                                            "municipality: stokholm\n", "municipality: stokholm",
                                            "unknown municipality 'stokholm' in 'municipality'"),
    "clause of another municipality": ("principles.yml", "clauses: [strategi-4-p1]", "clauses: [stromsund-syfte-s1]",
                                       "clauses: [stromsund-syfte-s1]", "clause stromsund-syfte-s1 is not from this "
                                       "municipality's documents (rapport, strategi)"),
    "unknown topic of a row": ("comparison.yml", "  - topic: status\n", "  - topic: statu\n", "- topic: statu",
                               "unknown topic 'statu' in 'topic'"),
    "duplicate principle id": ("principles.yml", "  - id: inga-vanorter\n", "  - id: ingen-utrikespolitik\n",
                               "sv: Inga utpekade vänorter", "duplicate principle id 'ingen-utrikespolitik' "
                               "(first at line {first:  - id: ingen-utrikespolitik}); give each entry its own id"),
    "duplicate body id": ("responsibilities.yml", "  - id: kommunstyrelsen\n", "  - id: kommunfullmaktige\n",
                          "name: {sv: Kommunstyrelsen, en: Kommunstyrelsen (the municipal executive board)}",
                          "duplicate body id 'kommunfullmaktige'"),
    "second row for a topic": ("comparison.yml", "  - topic: syfte\n", "  - topic: status  # again\n",
                               "- topic: status  # again", "topic 'status' has a second row (first at line "
                               "{first:  - topic: status\n}); merge the rows"),
    "duplicate term id": ("glossary.yml", "  - id: kommunstyrelse\n", "  - id: kommunfullmaktige\n",
                          "term: {sv: kommunstyrelse, en: municipal executive board (kommunstyrelse)}",
                          "duplicate term id 'kommunfullmaktige' (first at line {first:  - id: kommunfullmaktige})"),
    "a form of two terms": ("glossary.yml", "forms: [kommunstyrelsen,", "forms: [fullmäktiges, kommunstyrelsen,",
                            "forms: [fullmäktiges, kommunstyrelsen, Kommunstyrelsen, kommunstyrelsens]",
                            "form 'fullmäktiges' already belongs to term 'kommunfullmaktige'; give each form to one term"),
}


def entry_line(project: Path, rel: str, line: str) -> int:
    """The first line of the list entry that holds the line reading `line`."""
    lines = [text.strip() for text in (project / rel).read_text(encoding="utf-8").splitlines()]
    n = lines.index(line)
    while not lines[n].startswith("- "):
        n -= 1
    return n + 1


@pytest.mark.parametrize("case", BAD_DATA, ids=list(BAD_DATA))
def test_unknown_or_duplicate_id_in_a_data_file(project, site, case):
    name, old, new, inside, message = BAD_DATA[case]
    rel = DATA + name
    first = re.search(r"\{first:(.*?)\}", message, re.S)  # "(first at line N)": N read off the file as it is
    if first:
        text = (project / rel).read_text(encoding="utf-8")
        message = message.replace(first.group(0), str(text.count("\n", 0, text.index(first.group(1))) + 1))
    replace(project, rel, old, new)
    line = entry_line(project, rel, inside)
    out = build_fails(project, site)
    assert f"error: {rel}:{line}: {message}" in out


# Ids, lists of ids and field names in docs/data (scripts/policykit/datasets.py): checked, not trusted.
def check_fails(project: Path) -> str:
    result = run(CHECK, "--root", project, timeout=CHECK_TIMEOUT)
    out = result.stdout + result.stderr
    assert "Traceback" not in out, out
    assert result.returncode == 1, out
    return out


def test_an_id_with_markup_is_refused(project):
    text = (project / DATA / "glossary.yml").read_text(encoding="utf-8")
    line = text[:text.index("  - id: kommunfullmaktige\n")].count("\n") + 1
    replace(project, DATA + "glossary.yml", "  - id: kommunfullmaktige\n",
            "  - id: 'x\"><script>alert(1)</script><b id=\"y'\n")
    assert f"error: docs/data/glossary.yml:{line}: " in check_fails(project)


@pytest.mark.parametrize("rel,old,new", [
    (DATA + "glossary.yml", "forms: [kommunstyrelsen,", "forms: [[kommunstyrelsen],"),
    (DATA + "principles.yml", "clauses: [strategi-4-p1]", "clauses: [[strategi-4-p1]]"),
    (REGISTRY, "documents: [strategi, rapport]", "documents: [[strategi], rapport]"),
])
def test_a_list_inside_a_list_of_ids_is_a_clear_error(project, rel, old, new):
    replace(project, rel, old, new)
    assert f"error: {rel}:" in check_fails(project)


def test_a_misspelt_field_is_an_error_not_silently_dropped(project):
    replace(project, DATA + "comparison.yml", "    contrast:\n", "    contrasts:\n")
    out = check_fails(project)
    assert "error: docs/data/comparison.yml:" in out
    assert "unknown field 'contrasts'; use an existing field (nearest: contrast)" in out


# --- Markup in every text field is text -------------------------------------------------------

def _payload(tag: str) -> str:
    return f'<script>alert("{tag}")</script><img src=x onerror="alert(\'{tag}\')"> <b>{tag}</b> *{tag}*'


def _inject(value, tags: list, lang: str | None = None):
    """Append a tagged payload to every bilingual text ({sv, en}) and to every glossary form."""
    if isinstance(value, dict):
        if set(value) >= {"sv", "en"} and all(isinstance(value[k], str) for k in ("sv", "en")):
            for k in ("sv", "en"):
                tags.append((f"XSS{len(tags)}", k))
                value[k] += " " + _payload(tags[-1][0])
            return
        for key, inner in value.items():
            if key == "forms":
                inner.append(_payload(f"FORM{len(tags)}"))
            else:
                _inject(inner, tags)
    elif isinstance(value, list):
        for inner in value:
            _inject(inner, tags)


# Data the checker reads but no page shows as text (the termbase, the words that license a kind,
# recorded exceptions): a payload there changes what is checked, not what is rendered.
CHECK_ONLY = {"terms.yml", "kinds.yml", "modal-exceptions.yml"}


def test_markup_in_every_text_field_renders_as_text(project, tmp_path):
    tags: list[tuple[str, str]] = []
    for path in sorted((project / "docs" / "data").glob("*.yml")):
        if path.name in CHECK_ONLY:
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        _inject(data, tags)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")
    registry = yaml.safe_load((project / REGISTRY).read_text(encoding="utf-8"))
    _inject(registry["municipalities"], tags)
    for entry in registry["files"]:
        for doc in entry["documents"]:
            tags.append((f"XSS{len(tags)}", "sv"))
            doc["title"] += " " + _payload(tags[-1][0])
            _inject(doc["short"], tags)
    (project / REGISTRY).write_text(yaml.safe_dump(registry, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert len(tags) > 400

    target = tmp_path / "site"
    result = run(BUILD, "--root", project, "--site-dir", target)
    assert result.returncode == 0, result.stdout + result.stderr
    text = {"sv": "", "en": ""}
    for page in target.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        where = page.relative_to(target)
        for script in soup.find_all("script"):
            assert "XSS" not in script.get_text() and "FORM" not in script.get_text(), (where, str(script)[:200])
        for element in soup.find_all(True):
            assert not [a for a in element.attrs if a.startswith("on")], (where, str(element)[:200])
            if element.name in ("img", "b", "em"):
                assert "XSS" not in str(element) and "FORM" not in str(element), (where, str(element)[:200])
        text["en" if where.parts[0] == "en" else "sv"] += soup.get_text(" ")
    for tag, lang in tags:
        assert f'<script>alert("{tag}")</script>' in text[lang], f"{tag} ({lang}) is not shown as text"
        assert f"<b>{tag}</b> *{tag}*" in text[lang]


# --- Very long lines ---------------------------------------------------------------------------

MEGABYTE_OF_WORDS = "ord " * 250_000


def test_a_megabyte_source_line_fails_quickly_with_a_short_message(project, site):
    path = project / SOURCE
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[13] += " " + MEGABYTE_OF_WORDS  # raw line 14, the first sentence of section Syfte
    path.write_text("\n".join(lines), encoding="utf-8")
    reseal(project)
    started = time.monotonic()
    out = build_fails(project, site)
    assert time.monotonic() - started < CHECK_TIMEOUT
    line = next(line for line in out.splitlines() if "stromsund-syfte-s1 is altered" in line)
    assert line.startswith(f"error: {PAGE}:") and "source 'kommu- ord ord ord" in line and len(line) < 600


@pytest.mark.parametrize("where,line,expected", [pytest.param(*case, id=case[0]) for case in [
    ("in a clause", "<!-- clause: stromsund-syfte-s1 -->" + MEGABYTE_OF_WORDS,
     "clause stromsund-syfte-s1 is altered: source '∅' → page 'ord ord ord"),
    ("as stray text", MEGABYTE_OF_WORDS, "text 'ord ord ord"),
    ("as a heading", "## " + MEGABYTE_OF_WORDS, "heading 'ord ord ord"),
    ("as a clause id", "<!-- clause: " + "x" * 1_000_000 + " -->ord", "unknown clause id 'xxxxxxxx"),
    ("as unbalanced brackets", "[" * 1_000_000, "text '[[[["),
    ("as blanks inside a heading", "## a" + " " * 1_000_000 + "b { #x }", "heading 'a   "),
    ("as unclosed emphasis", "*a " * 333_333, "text '*a *a"),
    ("as unclosed markers", "<!--a: " * 150_000, "text '<!--a: <!--a:"),
]])
def test_a_megabyte_page_line_fails_quickly_with_a_short_message(project, site, where, line, expected):
    path = project / PAGE
    text = path.read_text(encoding="utf-8")
    if where == "in a clause":
        text = text.replace("<!-- clause: stromsund-syfte-s1 -->", line + " ", 1)
    else:
        text += "\n" + line + "\n"
    path.write_text(text, encoding="utf-8")
    started = time.monotonic()
    out = build_fails(project, site)
    assert time.monotonic() - started < CHECK_TIMEOUT
    assert expected in out
    assert max(len(line) for line in out.splitlines()) < 1200  # no megabyte error line


def test_a_megabyte_line_on_a_commentary_page_builds(project, tmp_path):
    for rel in ("docs/index.md", "docs/index.en.md"):
        path = project / rel
        path.write_text(path.read_text(encoding="utf-8") + "\nSLUT" + MEGABYTE_OF_WORDS + "SLUT\n", encoding="utf-8")
    target = tmp_path / "site"
    result = run(BUILD, "--root", project, "--site-dir", target)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert f"<p>SLUT{MEGABYTE_OF_WORDS}SLUT</p>" in (target / "index.html").read_text(encoding="utf-8")


# --- Interrupted and concurrent builds ---------------------------------------------------------

def _mkdocs_processes(project: Path) -> list[str]:
    """Command lines of running processes that build this project copy."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            cmd = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if "mkdocs" in cmd and str(project) in cmd:
            found.append(f"{proc.name}: {cmd}")
    return found


def _start_build(project: Path, target: Path, log: Path) -> subprocess.Popen:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w") as out:  # a file, not a pipe: nothing waits for a killed build's children
        return subprocess.Popen([PY, *BUILD, "--root", str(project), "--site-dir", str(target)],
                                env=env, stdout=out, stderr=subprocess.STDOUT)


def _wait_for(condition, what: str, timeout: float = BUILD_TIMEOUT):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL], ids=lambda s: s.name)
def test_an_interrupted_build_leaves_the_previous_site_and_the_next_build_cleans_up(project, site, tmp_path, sig):
    target = tmp_path / "site"
    shutil.copytree(site, target)
    before = snapshot(target)
    log = tmp_path / "build.log"
    build = _start_build(project, target, log)

    def writing() -> bool:  # mkdocs has written pages into its temporary folder
        return any(sum(1 for _ in tmp.rglob("*.html")) >= 3 for tmp in tmp_path.glob(".site.build-*"))

    _wait_for(writing, "the build to start writing")
    build.send_signal(sig)
    assert build.wait(timeout=60) != 0
    out = log.read_text()
    assert "Traceback" not in out, out
    assert snapshot(target) == before
    if sig == signal.SIGKILL:  # nothing could clean up, but mkdocs dies with its parent instead of building on
        _wait_for(lambda: not _mkdocs_processes(project), "mkdocs to end", timeout=5)
        assert leftovers(tmp_path) != []
    else:
        assert f"error: {target}: not replaced, the build was stopped ({sig.name}); the previous site is " \
               "untouched, build again" in out
        assert leftovers(tmp_path) == [] and not _mkdocs_processes(project)

    again = run(BUILD, "--root", project, "--site-dir", target)
    assert again.returncode == 0, again.stdout[-2000:] + again.stderr[-2000:]
    assert leftovers(tmp_path) == []
    assert (target / "index.html").is_file() and (target / "en" / "index.html").is_file()


def test_a_second_build_into_the_same_folder_waits_for_the_first(project, tmp_path):
    # The lock is what keeps one build from removing another's work in progress as "stale".
    target = tmp_path / "site"
    holder = os.open(tmp_path, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_EX)  # stands for a build in progress
    try:
        log = tmp_path / "build.log"
        build = _start_build(project, target, log)
        _wait_for(lambda: "waiting for another build" in log.read_text(), "the build to wait", timeout=CHECK_TIMEOUT)
        time.sleep(1)
        assert build.poll() is None and leftovers(tmp_path) == [] and not target.exists()
    finally:
        os.close(holder)
    assert build.wait(timeout=BUILD_TIMEOUT) == 0, log.read_text()[-2000:]
    assert (target / "index.html").is_file() and leftovers(tmp_path) == []
    assert f"waiting for another build into {tmp_path} to finish" in log.read_text()


def test_a_swap_cut_short_is_undone_by_the_next_build(project, site, tmp_path):
    # Killed between "site -> .site.old" and ".site.build-* -> site": no site, the old one aside.
    old = tmp_path / ".site.old"
    shutil.copytree(site, old)
    before = snapshot(old)
    (project / PAGE).write_text("# Trasig\n", encoding="utf-8")  # this build fails: the old site must come back
    result = run(BUILD, "--root", project, "--site-dir", tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert snapshot(tmp_path / "site") == before and leftovers(tmp_path) == []
