"""Page skeletons: a document's Swedish page and its English twin, written from its clauses.

`swedish(model, doc, source_file, what)` gives the Swedish page: front matter naming the
document, the title, an info box, then every clause with its marker in source order::

    # Internationell policy för Norrviks kommun { #norrvik-inledning }
    !!! info "Om dokumentet"
        ...
    <!-- clause: norrvik-inledning-s1 -->Norrvik är en kommun som ...
    ## Syfte { #norrvik-syfte }
    - <!-- clause: norrvik-syfte-p1 -->skapa kanaler för företagskontakter

`english(...)` gives the twin with the same markers and anchors. Until a person translates
it, each clause carries the Swedish text marked ``<span lang="sv">`` (so screen readers read
it as Swedish) and a box says the page is not yet translated; the checker lists such pages.
Sentences of one source paragraph share a Markdown paragraph; list items stay list items.
"""

from __future__ import annotations

import re
from pathlib import Path

from policykit.clauses.ids import Footnote
from policykit.errors import PolicyError
from policykit.labels import labels
from policykit.sources.downloads import Download
from policykit.text import FOOTREF

UNTRANSLATED = '<span lang="sv">'
_SUBSECTION = re.compile(r"\d+-\d+")

# The boxes a scaffolded page starts with: labels.yml, scaffold.*.
NOT_TRANSLATED = labels("scaffold.not_translated")["en"]
INTRO = labels("scaffold.intro")["sv"]
INTRO_EN = labels("scaffold.intro")["en"]


_SPECIAL = re.compile(r"([\\`*_\[\]])")


def escaped(markdown: str) -> str:
    """A clause's words as Markdown that shows exactly them: markup characters escaped, `<` and
    `&` as entities; the footnote references ([^1]) stay references."""
    out, pos = [], 0
    for m in [*FOOTREF.finditer(markdown), None]:
        end = m.start() if m else len(markdown)
        out.append(_SPECIAL.sub(r"\\\1", markdown[pos:end].replace("&", "&amp;").replace("<", "&lt;")))
        if m:
            out.append(m.group(0))
            pos = m.end()
    return "".join(out)


def _body(model, doc, text_of) -> tuple[list[str], object]:
    """The document's clauses as Markdown lines; `text_of(clause)` gives the text shown."""
    clauses = model.clauses_of(doc.id)
    title = next((c for c in clauses if c.kind == "heading" and c.section == doc.sections[0].key), None)
    if title is not None and doc.sections[0].key not in ("titel", "inledning"):
        title = None
    out: list[str] = []
    prev = None
    for c in clauses:
        if c.kind == "footnote" or c is title:
            continue
        if c.kind == "heading":
            # Numbered subsections (3.1 -> key 3-1) are one level down.
            level = 3 if _SUBSECTION.fullmatch(c.section) else 2
            out += ["", f"{'#' * level} {text_of(c)} {{ #{c.id} }}", ""]
            prev = c
            continue
        same_block = prev is not None and prev.kind == c.kind and (
            (c.kind == "sentence" and prev.line == c.line) or c.kind == "item")
        if not same_block and out and out[-1] != "":
            out.append("")
        prefix = (c.list_marker + " ") if c.kind == "item" else ""
        out.append(f"{prefix}<!-- clause: {c.id} -->{text_of(c)}")
        prev = c
    notes = [c for c in clauses if c.kind == "footnote"]
    if notes:
        out.append("")
        for c in notes:
            out.append(f"[^{Footnote.number(c.id)}]: <!-- clause: {c.id} -->{text_of(c)}")
    return out, title


def _page(doc, heading: str, boxes: list[str], body: list[str]) -> str:
    out = ["---", f"source_document: {doc.id}", "---", "", heading, ""] + boxes + [""] + body
    return "\n".join(out).rstrip() + "\n"


def intro(lang: str, what: str, src_name: str, source: dict | None = None, doc_id: str | None = None,
          withheld: bool = False) -> str:
    """The "Om dokumentet" box: what the document is, its standing (``<!-- status: ID -->``, rendered
    from the registry), and where its text comes from. `source` names the original a text was
    extracted from ({"original": "005_x.pdf", "tool": ..., "kind": "pdf-text"}); `withheld`: the
    layout withholds lines that may name a person from the download, so the box does not call the
    download unchanged. Whether the original is offered is sources/downloads.py's rule: a PDF only
    without such lines, a web page never (the box says why)."""
    if doc_id:  # its own paragraph: `what` may end in the list of what the document says about itself
        what = f"{what}\n\n    <!-- status: {doc_id} -->"
    suffix = "_withheld" if withheld else ""
    if not source or not source.get("original"):
        return labels(f"scaffold.intro{suffix}")[lang].format(what=what, source=src_name)
    read_from = labels("scaffold.read_from")[source["kind"]][lang]
    # The rule reads only whether the text has such lines, not which: one stands for them.
    offered = Download(source["original"], None, [(0, "")] if withheld else [], kind=source["kind"])
    box = "intro_web-page" if offered.unpublished == "web-page" else "intro_original"
    if offered.unpublished not in (None, "web-page"):
        suffix = "_withheld"  # not offered: the box never links it
    return labels(f"scaffold.{box}{suffix}")[lang].format(
        what=what, source=src_name, original=source["original"], read_from=read_from, tool=escaped(source["tool"]))


def swedish(model, doc, src_name: str, what: str = "TODO: vad dokumentet är, så långt källan säger det.",
            notice: str = "", source: dict | None = None) -> str:
    body, title = _body(model, doc, lambda c: escaped(c.markdown))
    # The title clause (or, where the source has none, the document's name) opens the page,
    # followed by the commentary that says what the document is.
    heading = f"# {escaped(title.text)} {{ #{title.id} }}" if title else f"# {escaped(doc.title)}"
    withheld = bool(model.layouts[src_name].personal_lines())
    return _page(doc, heading, [intro("sv", what, src_name, source, doc.id, withheld)] + ([notice] if notice else []), body)


def english(model, doc, src_name: str, what: str, title_en: str | None = None, notice: str = "",
            source: dict | None = None) -> str:
    body, title = _body(model, doc, lambda c: f"{UNTRANSLATED}{escaped(c.markdown)}</span>")
    name = escaped(title_en) if title_en else f"{UNTRANSLATED}{escaped(doc.title)}</span>"
    heading = f"# {name} {{ #{title.id} }}" if title else f"# {name}"
    withheld = bool(model.layouts[src_name].personal_lines())
    return _page(doc, heading, [NOT_TRANSLATED, intro("en", what, src_name, source, doc.id, withheld)]
                 + ([notice] if notice else []), body)


def write_pages(root: Path, force: bool = False) -> int:
    """Write the Swedish page of every document whose page does not exist yet (all with `force`)."""
    from policykit.clauses.model import build_model

    try:
        model = build_model(root)
    except PolicyError as exc:
        print(exc)
        return 1
    for src in model.files:
        for doc in src.documents:
            path = root / "docs" / doc.page
            if path.exists() and not force:
                print(f"kept {path.relative_to(root)} (exists; --force overwrites)")
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(swedish(model, doc, src.name), encoding="utf-8")
            print(f"wrote {path.relative_to(root)}")
    return 0
