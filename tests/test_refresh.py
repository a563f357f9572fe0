"""Mending a misreading is one step: one place changed, then `python -m policykit refresh DOC`.

A synthetic municipality is added by the add command to a copy of the project (as conftest's
`_added` does); an editor writes into its info boxes, a comment box and some translations. Each
test then makes one kind of mend in a copy of that project (a heading added, a line set aside, the
title changed) and runs the real refresh command: the page and its twin have the new structure,
everything the editor wrote is still there (a translation whose clause is gone in a visible
"Translation to check" box), and the checker passes. A mend that breaks the project fails with the
file, line and fix and leaves every file byte for byte; a second refresh changes nothing.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ADD_CMD, CHECK_CMD, copy_project, run

from policykit.authoring.synthetic import municipality

REFRESH = ("-m", "policykit", "refresh")
SV, EN = "docs/norrvik/policy.md", "docs/norrvik/policy.en.md"
INFO_SV = "Redaktörens rad: policyn beskrivs här av en person."
INFO_EN = "The editor's line: a person describes the policy here."
NOTE_SV = '!!! note "Kommentar"\n    Redaktörens kommentar till stycket.'
NAMED = '<span lang="sv">Kultur- och fritidsnämnden</span> shall coordinate the exchange of experience with twin towns.'
NOTE_EN = '!!! note "Comment"\n    The editor\'s comment on the paragraph.'


def digest(root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def read(root: Path, rel: str) -> str:
    return (root / rel).read_text(encoding="utf-8")


def edit(root: Path, rel: str, old: str, new: str, count: int = 1):
    text = read(root, rel)
    assert text.count(old) == count, f"{old!r} occurs {text.count(old)} times in {rel}"
    (root / rel).write_text(text.replace(old, new), encoding="utf-8")


def clause_of(root: Path, words: str, which: int = 0) -> str:
    """The id of the clause with these words on the Swedish page (`which`: the n-th of them)."""
    ids = re.findall(r"<!-- clause: ([\w-]+) -->" + re.escape(words) + "$", read(root, SV), re.M)
    return ids[which]


def raw_line(root: Path, text: str, which: int = 0) -> int:
    lines = (root / "sources" / "005_norrvik.txt").read_text(encoding="utf-8").split("\n")
    return [n for n, line in enumerate(lines, 1) if line.strip() == text][which]


def translate(root: Path, cid: str, english: str):
    text = read(root, EN)
    new, n = re.subn(r"(<!-- clause: " + re.escape(cid) + r' -->)<span lang="sv">[^\n]*?</span>$',
                     lambda m: m.group(1) + english, text, flags=re.M)
    assert n == 1, cid
    (root / EN).write_text(new, encoding="utf-8")


def refresh(root: Path):
    result = run(REFRESH, "norrvik", "--root", root)
    return result.returncode, result.stdout + result.stderr


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    """A project with Norrvik added and an editor's work on its pages; (project, the add's output)."""
    base = tmp_path_factory.mktemp("refresh")
    root = copy_project(base / "project")
    synthetic = municipality(0)
    text = base / "norrvik.txt"
    text.write_text(synthetic.text, encoding="utf-8")
    added = run(ADD_CMD, text, "--id", "norrvik", "--name", "Norrviks kommun", "--name-en", "Norrvik Municipality",
                "--root", root)
    assert added.returncode == 0, added.stdout + added.stderr
    # The editor: a line in each info box, a comment box in the body of both pages, two translations.
    edit(root, SV, "    <!-- status: norrvik -->", f"    {INFO_SV}\n\n    <!-- status: norrvik -->")
    edit(root, EN, "    <!-- status: norrvik -->", f"    {INFO_EN}\n\n    <!-- status: norrvik -->")
    first = clause_of(root, "Kommunstyrelsen ska följa upp mottagandet av internationella besök för att gynna "
                            "invånarna på lång sikt.")
    for rel, box in ((SV, NOTE_SV), (EN, NOTE_EN)):
        lines = read(root, rel).split("\n")
        at = next(n for n, line in enumerate(lines) if f"<!-- clause: {first} -->" in line)
        end = next(n for n in range(at, len(lines)) if not lines[n].strip())
        lines[end:end] = ["", *box.split("\n")]
        (root / rel).write_text("\n".join(lines), encoding="utf-8")
    translate(root, first, "The municipal executive board shall follow up the reception of international visits.")
    # A translation may keep a Swedish name, marked as Swedish: still a translation.
    translate(root, clause_of(root, "Kultur- och fritidsnämnden ska samordna utbytet av erfarenheter med vänorter "
                                    "när det är förenligt med kommunens prioriteringar."), NAMED)
    translate(root, clause_of(root, "ge förvaltningarna nya kunskaper och erfarenheter"),
              "give the administrations new knowledge and experience")
    # The text says this twice (raw lines 37 and 77); the mends below are made on the second.
    translate(root, clause_of(root, "Norrvik ska särskilt verka för att", -1), "Norrvik shall in particular work to")
    checked = run(CHECK_CMD, "--root", root)
    assert checked.returncode == 0, checked.stdout
    return root, added.stdout


@pytest.fixture
def project(edited, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(edited[0], root)
    return root


def assert_kept(root: Path):
    """What the editor wrote is on both pages after the refresh, and the project passes the check."""
    sv, en = read(root, SV), read(root, EN)
    assert INFO_SV in sv and INFO_EN in en
    assert NOTE_SV in sv and NOTE_EN in en
    assert f"-->{NAMED}\n" in en
    assert re.search(r"-->The municipal executive board shall follow up the reception of international visits\.$",
                     en, re.M)
    checked = run(CHECK_CMD, "--root", root)
    assert checked.returncode == 0, checked.stdout
    assert checked.stdout.strip().splitlines()[-1].startswith("OK:")


def assert_idempotent(root: Path):
    before = digest(root)
    code, out = refresh(root)
    assert code == 0, out
    assert "wrote: nothing" in out
    assert digest(root) == before


def test_the_add_command_says_where_each_mend_goes(edited):
    _, out = edited
    guide = out[out.index("to mend a misreading"):]
    assert "python -m policykit refresh norrvik" in guide
    for place in ("sources/sources.yml: 'title:'", "sources/sources.yml: 'sections:'",
                  "sources/repairs/005_norrvik.yml: 'furniture:'", "sources/repairs/005_norrvik.yml: 'line_joins:'",
                  "sources/repairs/005_norrvik.yml: 'paragraph_breaks:'", "sources/repairs/005_norrvik.yml: 'words:'"):
        assert place in guide, place


def test_a_refresh_of_pages_that_follow_their_reading_changes_nothing(project):
    assert_idempotent(project)


def test_a_heading_added_gives_both_pages_the_new_section(project):
    items_before = clause_of(project, "ge förvaltningarna nya kunskaper och erfarenheter")
    line = raw_line(project, "Norrvik ska särskilt verka för att")
    edit(project, "sources/sources.yml", '          - {key: "uppfoljning", line: 47}\n',
         f'          - {{key: "uppfoljning", line: 47}}\n          - {{key: "sarskilt", line: {line}}}\n')
    stale = run(CHECK_CMD, "--root", project)  # the page no longer follows: the check says what to run
    assert stale.returncode == 1
    assert (f"hint: {SV}: the pages of 'norrvik' do not follow its reading in sources/; if the sources were "
            "mended, python -m policykit refresh norrvik rewrites their clauses") in stale.stdout
    assert stale.stdout.strip().splitlines()[-1].startswith("FAILED")
    code, out = refresh(project)
    assert code == 0, out
    sv, en = read(project, SV), read(project, EN)
    assert "\n## Norrvik ska särskilt verka för att { #norrvik-sarskilt }\n" in sv
    # The sentence is the heading now, its words unchanged: its translation went with them.
    assert "\n## Norrvik shall in particular work to { #norrvik-sarskilt }\n" in en
    # The items are the new section's now; the translation of the first went with its words.
    assert "- <!-- clause: norrvik-sarskilt-p1 -->ge förvaltningarna nya kunskaper och erfarenheter" in sv
    assert "- <!-- clause: norrvik-sarskilt-p1 -->give the administrations new knowledge and experience" in en
    assert f"clause {items_before} is now norrvik-sarskilt-p1" in out
    assert items_before not in sv and items_before not in en
    assert_kept(project)
    assert_idempotent(project)


def test_a_line_set_aside_leaves_its_translation_to_check(project):
    gone = clause_of(project, "Norrvik ska särskilt verka för att", -1)
    line = raw_line(project, "Norrvik ska särskilt verka för att")
    # A to-do row as the add command writes them: it goes with its clause.
    edit(project, "docs/data/responsibilities.yml", "\nunmapped:\n",
         f"\nunmapped:\n  - {{municipality: norrvik, clause: {gone}}}\n")
    edit(project, "sources/repairs/005_norrvik.yml", "\nwords:\n",
         f'\nfurniture:\n  - {{line: {line}, text: "Norrvik ska särskilt verka för att", reason: running}}\n\nwords:\n')
    code, out = refresh(project)
    assert code == 0, out
    sv, en = read(project, SV), read(project, EN)
    assert f"clause: {gone} " not in sv and f"clause: {gone} " not in en
    # Never dropped, never put on another clause: a box after the clause before it, with the translation.
    box = en[en.index('!!! warning "Translation to check"'):]
    assert f"Clause {gone} is no longer in the text" in box.split("\n\n")[0].replace("\n    ", " ")
    assert "\n    > Norrvik shall in particular work to\n" in box
    assert en.count("Norrvik shall in particular work to") == 1
    assert gone not in read(project, "docs/data/responsibilities.yml")
    checked = run(CHECK_CMD, "--root", project)
    assert "todo: docs/norrvik/policy.en.md: 1 earlier translations to check" in checked.stdout
    assert_kept(project)
    assert_idempotent(project)


def test_a_line_set_aside_as_contact_details_is_never_repeated(project):
    gone = clause_of(project, "Norrvik ska särskilt verka för att", -1)
    line = raw_line(project, "Norrvik ska särskilt verka för att")
    edit(project, "sources/repairs/005_norrvik.yml", "\nwords:\n",
         f'\nfurniture:\n  - {{line: {line}, text: "Norrvik ska särskilt verka för att", reason: contact}}\n\nwords:\n')
    code, out = refresh(project)
    assert code == 0, out
    assert f"clause {gone} is gone: its line is now set aside as personal data" in out
    sv, en = read(project, SV), read(project, EN)
    assert "Norrvik shall in particular work to" not in en and "Translation to check" not in en
    # The download withholds the line now: the info boxes no longer call it unchanged.
    assert "oförändrad utom rader med namn- eller kontaktuppgifter" in sv
    assert "unchanged except lines with names or contact details" in en
    assert_kept(project)
    assert_idempotent(project)


def test_a_changed_title_follows_into_the_navigation_and_info_boxes(project):
    old, new = "Internationell policy för Norrviks kommun", "Internationell policy för Norrvik"
    edit(project, "sources/sources.yml", f'    title: "{old}"\n', f'    title: "{new}"\n')
    checked = run(CHECK_CMD, "--root", project)
    assert checked.returncode == 0
    assert (f"todo: {SV}: the info box names the title {old!r}, sources/sources.yml {new!r}: "
            "run python -m policykit refresh norrvik") in checked.stdout
    code, out = refresh(project)
    assert code == 0, out
    assert f"Det här är *{new}*." in read(project, SV) and f"This is *{new}*" in read(project, EN)
    config = yaml.safe_load(read(project, "mkdocs.yml").replace("!!python/name:", ""))
    assert {new: "norrvik/policy.md"} in next(v for item in config["nav"] for k, v in item.items()
                                              if k == "Norrviks kommun")
    assert old not in read(project, "mkdocs.yml")
    assert "the info box names the title" not in run(CHECK_CMD, "--root", project).stdout
    assert_kept(project)
    assert_idempotent(project)


def test_a_section_out_of_range_fails_with_file_line_and_fix(project):
    line = read(project, "sources/sources.yml").split("\n").index('          - {key: "uppfoljning", line: 47}') + 1
    edit(project, "sources/sources.yml", '{key: "uppfoljning", line: 47}', '{key: "uppfoljning", line: 999}')
    before = digest(project)
    code, out = refresh(project)
    assert code == 1
    assert (f"error: sources/sources.yml:{line}: section 'uppfoljning' starts at line 999, outside document "
            "'norrvik' (1-83); fix its 'line'") in out
    assert "nothing was changed" in out
    assert digest(project) == before


def test_a_mend_the_check_refuses_leaves_every_file_as_it_was(project):
    # The editor rewrote the sentence on the download; a line set aside as contact details makes
    # "unchanged" untrue, which the refresh cannot mend in a person's words: the check refuses it.
    edit(project, SV, "[källtexten kan laddas ned oförändrad]", "[källtexten, oförändrad, kan laddas ned]")
    line = raw_line(project, "Norrvik ska särskilt verka för att")
    edit(project, "sources/repairs/005_norrvik.yml", "\nwords:\n",
         f'\nfurniture:\n  - {{line: {line}, text: "Norrvik ska särskilt verka för att", reason: contact}}\n\nwords:\n')
    page_line = read(project, SV).split("\n").index(next(ln for ln in read(project, SV).split("\n")
                                                         if "kan laddas ned]" in ln)) + 1
    before = digest(project)
    code, out = refresh(project)
    assert code == 1
    assert (f"error: {SV}:{page_line}: calls kallor/005_norrvik.txt unchanged, but lines {line} are withheld from "
            "it") in out
    assert "say that it is unchanged except the lines with contact details, which are removed" in out
    assert "nothing was changed" in out
    assert digest(project) == before


def test_a_citation_of_a_clause_that_is_gone_stops_the_refresh(project):
    gone = clause_of(project, "Norrvik ska särskilt verka för att", -1)
    edit(project, SV, NOTE_SV, NOTE_SV + f"\n    Se <!-- ref: {gone} -->.")
    edit(project, EN, NOTE_EN, NOTE_EN + f"\n    See <!-- ref: {gone} -->.")
    assert run(CHECK_CMD, "--root", project).returncode == 0
    line = raw_line(project, "Norrvik ska särskilt verka för att")
    edit(project, "sources/repairs/005_norrvik.yml", "\nwords:\n",
         f'\nfurniture:\n  - {{line: {line}, text: "Norrvik ska särskilt verka för att", reason: running}}\n\nwords:\n')
    before = digest(project)
    code, out = refresh(project)
    assert code == 1
    ref_line = read(project, SV).split("\n").index(f"    Se <!-- ref: {gone} -->.") + 1
    assert f"error: {SV}:{ref_line}: cites clause {gone}, which the mended reading no longer has; cite the clause" in out
    assert digest(project) == before


HEADER = "Norrviks kommun · Kommunstyrelsen"


def test_a_running_header_taken_for_the_title_is_mended_by_setting_it_aside(tmp_path):
    """The issue's case: the running header became the title (the page's heading, the navigation
    entry). Setting the header aside is the one mend the title's heading needs; `title:` names it."""
    root = copy_project(tmp_path / "project")
    text = tmp_path / "norrvik.txt"
    text.write_text(f"{HEADER}\n\n{municipality(0).text}", encoding="utf-8")
    added = run(ADD_CMD, text, "--id", "norrvik", "--name", "Norrviks kommun", "--name-en", "Norrvik Municipality",
                "--no-proposals", "--root", root)
    assert added.returncode == 0, added.stdout
    # The misreading, made whatever the intake guessed: the header is the first line of the title's section.
    repairs = "sources/repairs/005_norrvik.yml"
    (root / repairs).write_text(re.sub(r"\n  - \{line: 1, [^\n]*", "", read(root, repairs)), encoding="utf-8")
    doc = next(d for f in yaml.safe_load(read(root, "sources/sources.yml"))["files"] for d in f["documents"]
               if d["id"] == "norrvik")
    first, title = doc["sections"][0], doc["title"]
    edit(root, "sources/sources.yml", f'{{key: "{first["key"]}", line: {first["line"]}}}',
         f'{{key: "{first["key"]}", line: 1}}')
    edit(root, "sources/sources.yml", f'title: "{title}"', f'title: "{HEADER}"')
    code, out = refresh(root)
    assert code == 0, out
    heading = f"norrvik-{first['key']}"
    assert f"\n# {HEADER} {{ #{heading} }}\n" in read(root, SV)
    translate(root, clause_of(root, title), "International policy for Norrvik Municipality")

    # The mend: the header set aside, in the repairs file.
    furniture = f'furniture:\n  - {{line: 1, text: "{HEADER}", reason: running}}\n'
    text = read(root, repairs)
    (root / repairs).write_text(re.sub(r"furniture:\n|(?=\nwords:)", furniture, text, count=1), encoding="utf-8")
    code, out = refresh(root)
    assert code == 0, out
    assert f"\n# {title} {{ #{heading} }}\n" in read(root, SV)
    assert f"\n# International policy for Norrvik Municipality {{ #{heading} }}\n" in read(root, EN)
    assert f"the title in sources/sources.yml, {HEADER!r}, is a line now set aside" in out
    # ... and the title, in the registry: then the header is nowhere on the pages or in the navigation.
    edit(root, "sources/sources.yml", f'title: "{HEADER}"', f'title: "{title}"')
    code, out = refresh(root)
    assert code == 0, out
    for rel in (SV, EN, "mkdocs.yml"):
        assert HEADER not in read(root, rel), rel
    assert f"Det här är *{title}*." in read(root, SV)
    assert run(CHECK_CMD, "--root", root).returncode == 0
    assert_idempotent(root)
