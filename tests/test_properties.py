"""Properties of repair, segmentation and the matcher, on text that hypothesis makes up.

- repair (layout.apply_layout, corrections.Corrections): no repair, no change; layout repairs only
  move blanks and hyphens; word repairs are deterministic and change only the listed tokens;
  repair data of any shape is applied or refused with a PolicyError, never another exception.
- segmentation (segment.segment, segment.split_sentences): no word is lost or invented, clause
  ids are unique and depend on the structure only, noise without a word is refused.
- the matcher (pagemark.parse + pagemark.plain, as checker._judge compares a page's clause with
  the source's): a page that carries a clause's text (Markdown-escaped) matches it; a page where
  one word is inserted, deleted or replaced does not; long hostile lines take linear time.
- sources (model.build_model): arbitrary bytes as a source either load unchanged or raise PolicyError.

Runs are derandomized (the same examples on every run, so CI cannot flake) and keep no example
database on disk.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from policykit.sources.corrections import TOKEN, Corrections
from policykit.errors import PolicyError
from policykit.sources.layout import apply_layout
from policykit.clauses.model import build_model
from policykit.pages.pagemark import parse, plain
from policykit.clauses.segment import segment, split_sentences
from policykit.sources.registry import Document, Section

# Hypothesis keeps caches (Unicode tables, constants) in ./.hypothesis unless told otherwise: not in the repository.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "internationell-policy-hypothesis")
PROPERTY = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

# Text as OCR delivers it: any character but a line end (lines are what the repairs address).
line_text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\n\r"), max_size=60)
lines = st.lists(line_text, max_size=25)
# Words the segmenter must keep: letters (Swedish ones, OCR's | for I) with punctuation around them.
LOWER, UPPER = "abcdefghijklmnopqrstuvwxyzåäöé", "ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖÉ"
word = st.builds(lambda pre, core, post: pre + core + post,
                 st.sampled_from(["", "", "", "(", '"']),
                 st.text(st.sampled_from(LOWER + UPPER + "|"), min_size=1, max_size=8)
                 .filter(lambda w: re.search(r"[^\W_]", w)),
                 st.sampled_from(["", "", "", ".", ",", "!", "?", ":", ").", "-"]))
sentence_line = st.lists(word, min_size=1, max_size=10).map(" ".join)


def words(texts) -> list[str]:
    return " ".join(texts).split()


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# --- Repair --------------------------------------------------------------------------------------

@PROPERTY
@given(lines)
def test_no_repairs_no_change(raw):
    layout = apply_layout(raw, {}, "r.yml")
    assert [ln.text for ln in layout.lines] == raw
    assert [ln.no for ln in layout.lines] == list(range(1, len(raw) + 1))
    assert layout.log == [] and layout.footnotes == []


@PROPERTY
@given(lines)
def test_page_starts_and_hyphens_only_move_blanks_and_hyphens(raw):
    layout = apply_layout(raw, {"layout": {"page_start_space": True, "join_hyphens": True}}, "r.yml")

    def letters(texts):
        return "".join(ch for ch in "".join(texts) if not ch.isspace() and ch != "-")

    assert letters(ln.text for ln in layout.lines) == letters(raw)
    assert len(layout.lines) <= len(raw)
    assert [c.line for c in layout.log if c.kind == "page-start"] == [n for n, t in enumerate(raw, 1) if t[:1] == " "]
    for c in layout.log:
        assert c.kind in ("page-start", "hyphen")


@PROPERTY
@given(lines)
def test_bullets_lose_exactly_their_glyph(raw):
    layout = apply_layout(raw, {"layout": {"bullet_glyphs": ["e", "¢"]}}, "r.yml")
    for ln, before in zip(layout.lines, raw):
        assert ln.bullet == before.startswith(("e ", "¢ "))
        assert ln.text == (before[2:] if ln.bullet else before)


# Repair data of any shape: what a person might type into sources/repairs/*.yml.
scalars = st.one_of(st.none(), st.booleans(), st.integers(-3, 40), st.text(max_size=6))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.sampled_from(
                                                           ["line", "text", "area", "notes", "number", "glyph",
                                                            "marker", "after", "ocr", "fix", "context"]),
                                                           inner, max_size=5)),
                      max_leaves=12)
repair_data = st.dictionaries(st.sampled_from(["layout", "letterhead", "noise", "joins", "paragraph_breaks",
                                               "footnotes", "words"]),
                              st.one_of(values, st.fixed_dictionaries({}, optional={
                                  "page_start_space": values, "bullet_glyphs": values, "join_hyphens": values})),
                              max_size=4)


@PROPERTY
@given(repair_data, st.lists(st.sampled_from(["", " e text", "Text-", "fortsatt", "! note", "x"]), max_size=12))
def test_repair_data_of_any_shape_applies_or_fails_clearly(repairs, raw):
    try:
        apply_layout(raw, repairs, "r.yml")
        corrections = Corrections.from_repairs(repairs, "r.yml")
        corrections.apply(" ".join(raw))
    except PolicyError as exc:
        assert all(str(p).startswith("error: r.yml") for p in exc.problems), str(exc)


token = st.from_regex(TOKEN, fullmatch=True).filter(lambda tok: len(tok) <= 8)
entries = st.dictionaries(token, token, max_size=6).map(lambda d: {k: v for k, v in d.items() if k != v})


@PROPERTY
@given(entries, st.data())
def test_word_repairs_change_only_the_listed_tokens(table, data):
    pieces = st.one_of(st.sampled_from(sorted(table) or ["x"]), line_text)
    text = data.draw(st.lists(pieces, max_size=12).map(" ".join))
    repairs = {"words": [{"ocr": k, "fix": v} for k, v in table.items()]}
    fixed, changes = Corrections.from_repairs(repairs, "r.yml").apply(text)
    assert Corrections.from_repairs(repairs, "r.yml").apply(text) == (fixed, changes)  # deterministic

    # Everything between tokens stays; a listed token becomes its fix, every other token stays.
    assert TOKEN.split(fixed) == TOKEN.split(text)
    tokens = TOKEN.findall(text)
    assert TOKEN.findall(fixed) == [_fix_of(tok, table) or tok for tok in tokens]
    assert changes == [(tok, _fix_of(tok, table)) for tok in tokens if _fix_of(tok, table)]


def _fix_of(tok: str, table: dict) -> str | None:
    """The documented rule: the entry for the token, or for its lower-case form when it is capitalised."""
    if tok in table:
        return table[tok]
    lower = tok[0].lower() + tok[1:]
    if tok[0].isupper() and tok[1:] == tok[1:].lower() and lower in table:
        return table[lower][0].upper() + table[lower][1:]
    return None


@PROPERTY
@given(st.lists(st.text(LOWER, min_size=1, max_size=5), min_size=2, max_size=4), st.data())
def test_a_context_repair_applies_inside_its_context_only(context_words, data):
    target = data.draw(st.sampled_from(context_words))
    context = " ".join(context_words)
    before = data.draw(st.lists(st.text(LOWER, min_size=1, max_size=5), max_size=6))
    after = data.draw(st.lists(st.text(LOWER, min_size=1, max_size=5), max_size=6))
    text = " ".join(before + ["\n".join(context.split(" ", 1))] + after)  # the context may span a line break
    fix = target.upper()
    repairs = {"words": [{"ocr": target, "fix": fix, "context": context}]}
    fixed, changes = Corrections.from_repairs(repairs, "r.yml").apply(text)
    # Outside every occurrence of the context phrase, no token changed.
    spans = [m.span() for m in re.finditer(r"(?<![\w&|])" + r"\s+".join(map(re.escape, context_words))
                                           + r"(?![\w&|])", text)]
    assert spans, "the context occurs in the text"
    for tok_in, tok_out, m in zip(TOKEN.findall(text), TOKEN.findall(fixed), TOKEN.finditer(text)):
        inside = any(a <= m.start() and m.end() <= b for a, b in spans)
        assert tok_out == tok_in or (inside and tok_in == target and tok_out == fix)
    assert changes and all(pair == (target, fix) for pair in changes)


# --- Segmentation --------------------------------------------------------------------------------

@PROPERTY
@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=300))
def test_sentence_split_keeps_every_word(paragraph):
    sentences = split_sentences(paragraph)
    assert words(sentences) == paragraph.split()
    assert all(s and s == _norm(s) for s in sentences)
    for s in sentences:
        assert split_sentences(s) == [s]  # a sentence holds no further sentence boundary


def _document(body: list[str], headings: list[int]):
    raw = [f"Rubrik {n}" if n in headings else text for n, text in enumerate(body, 1)]
    doc = Document("dok", "test", "Test", "test.md", 1, len(raw),
                   [Section(f"k{n}", n) for n in sorted(headings)])
    return raw, doc


paragraph_lines = st.lists(st.one_of(sentence_line, sentence_line, st.just(""),
                                     sentence_line.map(lambda s: "1. " + s)), min_size=1, max_size=20)


@st.composite
def documents(draw):
    body = ["Rubrik"] + draw(paragraph_lines)
    headings = {1} | set(draw(st.lists(st.integers(2, len(body)), max_size=3)))
    return _document(body, sorted(headings))


def _segment(raw, doc):
    layout = apply_layout(raw, {}, "r.yml")
    return segment(doc, layout, Corrections.from_repairs({}, "r.yml"), "r.yml")


@PROPERTY
@given(documents())
def test_segmentation_keeps_every_word_and_gives_unique_ids(document):
    raw, doc = document
    clauses = _segment(raw, doc)
    # A numbered line's number becomes the item's list marker: the words are the marker's plus the text's.
    got = words((c.list_marker if c.list_marker not in ("", "-") else "") + " " + c.markdown for c in clauses)
    assert got == words(raw)
    ids = [c.id for c in clauses]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"dok-k\d+(-[sp]\d+)?", cid) for cid in ids)
    assert [c.id for c in _segment(raw, doc)] == ids  # stable from run to run


def _reword(text: str) -> str:
    """Other words of the same shape: every lower-case letter x, every capital X."""
    return "".join("x" if ch in LOWER else "X" if ch in UPPER else ch for ch in text)


@PROPERTY
@given(documents())
def test_clause_ids_depend_on_structure_not_wording(document):
    raw, doc = document
    reworded = [_reword(text) for text in raw]
    assert [c.id for c in _segment(reworded, doc)] == [c.id for c in _segment(raw, doc)]


@PROPERTY
@given(documents(), st.text(st.sampled_from(" .,;:-~*·•—"), min_size=1, max_size=8).filter(str.strip))
def test_a_line_of_noise_is_refused_not_made_a_clause(document, noise):
    raw, doc = document
    raw = raw + ["", noise]  # a paragraph of its own
    doc = Document(doc.id, doc.municipality, doc.title, doc.page, 1, len(raw), doc.sections)
    with pytest.raises(PolicyError, match=rf"r.yml: raw line {len(raw)} of 'dok' gives a clause without a word"):
        _segment(raw, doc)


# --- The matcher ---------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def page_text(text: str) -> str:
    """How a page carries literal text: HTML's &, < and > as entities, Markdown's specials escaped."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def matches(page_line: str, clause_text: str) -> bool:
    """The checker's verdict on one clause: its marker's text on the page, compared as checker._judge does."""
    page = parse("docs/p.md", "# Titel\n\n<!-- clause: c1 -->" + page_line + "\n")
    assert [pc.id for pc in page.clauses] == ["c1"] and not page.stray
    return plain(page.clauses[0].markdown) == clause_text


# Any text, and text dense in what Markdown and HTML treat as markup.
MARKUP = list("*_[]()^<>&#`\\!|-.{}~:;") + ["[^1]", "&amp;", "<b>", "**", "__", "](", "<!--", "-->", "\\*"]
clause_text = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=120),
    st.lists(st.one_of(st.sampled_from(MARKUP), st.text(LOWER + UPPER + " ", max_size=4)), min_size=1, max_size=30)
    .map("".join),
).map(_norm).filter(bool)


@PROPERTY
@given(clause_text)
def test_a_page_carrying_the_clause_text_matches(text):
    assert matches(page_text(text), text)


@PROPERTY
@given(clause_text)
def test_a_heading_carrying_the_heading_clause_text_matches(text):
    page = parse("docs/p.md", "## " + page_text(text) + " { #c1 }\n")
    assert [(h.id, plain(h.text)) for h in page.headings] == [("c1", text)]


plain_word = st.text(LOWER + UPPER, min_size=1, max_size=8)


@PROPERTY
@given(clause_text, st.data())
def test_a_page_with_one_word_changed_does_not_match(text, data):
    ws = text.split(" ")
    how = data.draw(st.sampled_from(["insert", "delete", "replace"] if len(ws) > 1 else ["insert", "replace"]))
    i = data.draw(st.integers(0, len(ws) if how == "insert" else len(ws) - 1))
    if how == "insert":
        changed = ws[:i] + [data.draw(plain_word)] + ws[i:]
    elif how == "delete":
        changed = ws[:i] + ws[i + 1:]
    else:
        new = data.draw(plain_word)
        assume(new != ws[i])
        changed = ws[:i] + [new] + ws[i + 1:]
    assert not matches(page_text(" ".join(changed)), text)
    assert plain(" ".join(changed)) != text  # not even where the page leaves Markdown unescaped


# Lines of about 200 kB that made the matcher's regular expressions backtrack for hours: (head, unit, times, tail).
HOSTILE_LINES = {
    "brackets": ("", "[", 200_000, ""), "angle brackets": ("", "<", 200_000, ""),
    "open emphasis": ("", "*a ", 70_000, ""), "open underscores": ("", "_a ", 70_000, ""),
    "footnote openers": ("", "[^", 100_000, ""), "link openers": ("", "[a](", 50_000, ""),
    "marker openers": ("", "<!--a: ", 30_000, ""), "blanks in a heading": ("# a", " ", 200_000, "b"),
    "braces in a heading": ("# ", "{", 200_000, ""), "backticks": ("", "``a `", 40_000, ""),
}
_TIMED = """
import sys, time
from policykit.pages.pagemark import mask_code, parse, plain
head, unit, times, tail = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
line = head + unit * times + tail
started = time.monotonic()
page = parse("docs/p.md", "<!-- clause: c1 -->" + line + "\\n" + line + "\\n")
plain(line), mask_code(line)
assert page.clauses
print(time.monotonic() - started)
"""


@pytest.mark.parametrize("spec", HOSTILE_LINES.values(), ids=list(HOSTILE_LINES))
def test_hostile_lines_take_linear_time(spec):
    # In a child process: a regular expression stuck in backtracking cannot be interrupted from here.
    result = subprocess.run([sys.executable, "-c", _TIMED, *map(str, spec)], capture_output=True, text=True,
                            timeout=60)  # linear: well under a second; the old patterns took hours
    assert result.returncode == 0, result.stderr
    assert float(result.stdout) < 10


# --- Sources -------------------------------------------------------------------------------------

def _project(raw: bytes) -> Path:
    root = Path(tempfile.mkdtemp(prefix="prop-source-"))
    (root / "sources" / "repairs").mkdir(parents=True)
    (root / "sources" / "x.txt").write_bytes(raw)
    (root / "sources" / "repairs" / "x.yml").write_text("words: []\n", encoding="utf-8")
    (root / "sources" / "sources.yml").write_text(
        f"files:\n  - file: x.txt\n    sha256: {hashlib.sha256(raw).hexdigest()}\n    repairs: repairs/x.yml\n"
        "    documents:\n      - {id: x, municipality: x, title: X, page: x.md, lines: [1, 1], "
        "sections: [{key: a, line: 1}]}\n", encoding="utf-8")
    return root


@PROPERTY
@given(st.one_of(st.binary(max_size=200),
                 st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
                 st.lists(sentence_line, min_size=1, max_size=5).map(lambda ls: "\n".join(ls).encode())))
def test_arbitrary_bytes_as_a_source_load_unchanged_or_fail_clearly(raw):
    root = _project(raw)
    try:
        model = build_model(root)
    except PolicyError as exc:
        assert all(str(p).startswith("error: sources/") for p in exc.problems), str(exc)
        return
    finally:
        shutil.rmtree(root)
    text = raw.decode("utf-8-sig")
    expected = text.split("\n")
    if expected[-1] == "":
        expected.pop()
    assert model.files[0].lines == expected
    assert model.clauses[0].id == "x-a" and model.clauses[0].ocr == _norm(expected[0])
