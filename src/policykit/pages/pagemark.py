"""Reading policy text out of a Markdown page: clause markers, headings, commentary.

The syntax a page uses (the site's conventions page explains it to editors)::

    # Internationell strategi för Stockholms stad { #strategi-titel }   ← a heading clause
    !!! info "Om dokumentet"                                            ← commentary: the
        Explanations, indented under an admonition, are never policy text.  whole indented block
    ## 3.2 Omvärldsbevakning { #strategi-3-2 }
    <!-- clause: strategi-3-2-s1 -->I en föränderlig värld behöver ...   ← a sentence clause;
    <!-- clause: strategi-3-2-s2 -->Det gäller även utvecklingen globalt.   it runs to the next
    - <!-- clause: strategi-4-p1 -->Staden har en särskild gemenskap ...     marker or block end
    [^1]: <!-- clause: strategi-fn1 -->Staden hanterar inte frågor ...   ← a footnote clause

A level-1 heading without a clause id is the page's editorial title. Any other text outside
commentary that is not inside a clause is reported as `stray`: it would look like policy
text without a clause behind it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from policykit.pages.markers import PATTERN, mask_code
from policykit.text import FOOTREF

# Every pattern here runs on every line of every page: none may backtrack more than linearly,
# or one long line of brackets or blanks hangs the check (the property tests time them).
HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
HEADING_ATTRS = re.compile(r"\{([^{}]*)\}$")  # { #id .class } at the end of a heading
HEADING_ID = re.compile(r"#([\w-]+)")
FOOTDEF = re.compile(r"^\[\^([^\]]+)\]:\s?(.*)$")
LISTITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d+\.)\s+(.*)$")
ADMONITION = re.compile(r"^(?:!!!|\?\?\?\+?)\s")


@dataclass
class PageClause:
    id: str
    line: int
    raw: list[str]
    section: str | None       # id of the nearest heading above it
    footnote_label: str | None = None  # set when the clause is a footnote definition

    @property
    def markdown(self) -> str:
        return " ".join(self.raw)


@dataclass
class Heading:
    level: int
    text: str
    id: str | None
    line: int


@dataclass
class Stray:
    line: int
    text: str


@dataclass
class Page:
    path: str
    clauses: list[PageClause] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    stray: list[Stray] = field(default_factory=list)
    footnotes: dict[str, str] = field(default_factory=dict)  # label -> clause id


def is_translation(path) -> bool:
    """page.en.md is a translation; page.md is the Swedish page."""
    return len(path.name.split(".")) > 2


def _clause_split(content: str) -> list[str]:
    """[text before the first clause marker, id, text, id, text, ...]; other markers stay text."""
    pieces, pos = [], 0
    for m in PATTERN.finditer(content):
        if m.group(1) == "clause":
            pieces += [content[pos:m.start()], (m.group(2) or "").strip()]
            pos = m.end()
    return pieces + [content[pos:]]


def plain(markdown: str) -> str:
    """The words of a Markdown fragment: markup, footnote references and tags removed."""
    text = FOOTREF.sub("", markdown)
    text = re.sub(r"<[^<>]+>", "", text)
    # Links and emphasis before backslash escapes are undone: an escaped "\_" or "\[" is text, not markup.
    text = re.sub(r"(?<!\\)\[([^\[\]]*)\]\([^()]*\)", r"\1", text)
    text = re.sub(r"(?<!\\)(\*\*|__|\*|_)(?=\S)((?:(?!\1).)+?)(?<=[^\s\\])\1", r"\2", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|])", r"\1", text)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def parse(path: str, text: str) -> Page:
    page = Page(path)
    lines = mask_code(text).split("\n")
    i = 0
    if lines and lines[0].strip() == "---":
        i = 1
        while i < len(lines) and lines[i].strip() != "---":
            i += 1
        i += 1
    section: str | None = None
    open_clause: PageClause | None = None
    in_commentary = False
    for n in range(i, len(lines)):
        line, no = lines[n], n + 1
        stripped = line.strip()
        if in_commentary:
            if not stripped or line.startswith(("    ", "\t")):
                continue
            in_commentary = False
        if not stripped:
            open_clause = None
            continue
        if ADMONITION.match(line):
            in_commentary, open_clause = True, None
            continue
        m = HEADING.match(line)
        if m:
            open_clause = None
            hid = None
            title = m.group(2).rstrip()
            attrs = HEADING_ATTRS.search(title)
            if attrs:
                title = title[:attrs.start()].rstrip()
                found = HEADING_ID.search(attrs.group(1))
                hid = found.group(1) if found else None
            page.headings.append(Heading(len(m.group(1)), title, hid, no))
            section = hid
            continue
        label = None
        content = line
        fd = FOOTDEF.match(line)
        li = LISTITEM.match(line) if not fd else None
        if fd:
            label, content, open_clause = fd.group(1), fd.group(2), None
        elif li:
            content, open_clause = li.group(1), None
        pieces = _clause_split(content)
        lead = pieces[0]
        if PATTERN.fullmatch(lead.strip()):
            lead = ""  # a line holding only another marker is no text
        if lead.strip():
            if open_clause is not None:
                open_clause.raw.append(lead.strip())
            else:
                page.stray.append(Stray(no, lead.strip()))
        for cid, body in zip(pieces[1::2], pieces[2::2]):
            open_clause = PageClause(cid, no, [body.strip()], section, label)
            page.clauses.append(open_clause)
            if label is not None:
                page.footnotes[label] = cid
                label = None
    return page
