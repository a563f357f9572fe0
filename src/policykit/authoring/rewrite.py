"""A document page rewritten from the current clauses, keeping everything a person wrote in it.

`rewrite(model, doc, old_sv, old_en)` gives the new Swedish page and English twin of a document
whose sources were mended (a line set aside, a heading added, a wrap joined ...). A page is read
as three parts, as the scaffold writes them::

    ---                                     front matter       kept as it stands
    source_document: norrvik
    ---
    # Internationell policy ... { #norrvik-inledning }   title        rewritten (a title clause)
    !!! info "Om dokumentet"                preamble: everything    kept as it stands
        ...                                 before the first heading
    ## Syfte { #norrvik-syfte }             body: headings and      rewritten by the scaffold's
    <!-- clause: norrvik-syfte-s1 -->...    clauses ...             writer (scaffold._body)
    !!! note "..."                          ... and commentary      kept, after the clause it
        ...                                 between them            followed (its anchor)

Ids follow the document's structure, so a mend can renumber them (a heading added in a section
moves its later sentences to the new section). A clause's old id is followed to its new one by
its Swedish words (`follow`): the same id with the same words; else the one new clause with the
very same words (a renumbered clause); else the same id with other words (a changed clause);
else it is gone. In the twin, a translation stays on the clause it translates (same words), also
under a new id. A translation whose Swedish words changed, or whose clause is gone, is never
dropped and never put on another clause: the clause shows the Swedish text marked untranslated
and the earlier translation stands in a "Translation to check" box after it (labels.yml,
refresh.*), which a person deletes once done. Only a gone clause whose words are now set aside
as personal data (a contact line) keeps its translation out of the page: it is reported instead.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from policykit.authoring import scaffold
from policykit.labels import label
from policykit.pages.markers import PATTERN, mask_code
from policykit.pages.pagemark import ADMONITION, FOOTDEF, HEADING, HEADING_ATTRS, HEADING_ID, LISTITEM, parse, plain
from policykit.text import FOOTREF

UNTRANSLATED = scaffold.UNTRANSLATED


@dataclass
class Parts:
    """A page cut as `rewrite` reads it: lines before and including the title, the preamble, and
    the body's commentary blocks, each with the id of the heading or clause it follows."""
    head: list[str]
    title: int | None            # index in `head` of the `# ...` line
    preamble: list[str]
    kept: list[tuple[str | None, list[str]]]
    ids: list[str]               # heading and clause ids of the body (the title's first), in page order


@dataclass
class Outcome:
    sv: str
    en: str
    notes: list[str] = field(default_factory=list)   # what an editor should know: moved, to check, gone
    moved: dict[str, str] = field(default_factory=dict)  # old id -> new id of renumbered clauses
    gone: list[str] = field(default_factory=list)        # old ids with no clause now


def untranslated(markdown: str) -> bool:
    """The scaffold's untranslated form, the Swedish text in one span; a translation may hold a
    Swedish name in a span of its own (<span lang="sv">kommunfullmäktige</span> shall ...)."""
    text = markdown.strip()
    return text.startswith(UNTRANSLATED) and text.endswith("</span>") and text.count("<span") == 1


def _ids_on(line: str) -> list[str]:
    return [(m.group(2) or "").strip() for m in PATTERN.finditer(line) if m.group(1) == "clause"]


def _heading_id(line: str) -> str | None:
    attrs = HEADING_ATTRS.search(line.rstrip())
    found = HEADING_ID.search(attrs.group(1)) if attrs else None
    return found.group(1) if found else None


def split(text: str) -> Parts:
    lines = text.rstrip("\n").split("\n")
    masked = mask_code(text.rstrip("\n")).split("\n")
    i = 0
    if lines and lines[0].strip() == "---":
        i = next((n + 1 for n in range(1, len(lines)) if lines[n].strip() == "---"), len(lines))
    title = next((n for n in range(i, len(lines)) if masked[n].startswith("# ")), None)
    start = title + 1 if title is not None else i
    n, body, commentary = start, len(lines), False
    for n in range(start, len(lines)):  # the body starts at the first heading or clause outside commentary
        m = masked[n]
        if commentary and (not m.strip() or m.startswith(("    ", "\t"))):
            continue
        commentary = bool(ADMONITION.match(m))
        if not commentary and (HEADING.match(m) or _ids_on(m)):
            body = n
            break
    head = lines[:start]
    preamble = lines[start:body]  # with its blank lines: a page that follows its reading stays byte for byte
    if not preamble or preamble[-1].strip():
        preamble.append("")
    kept: list[tuple[str | None, list[str]]] = []
    ids = [_heading_id(lines[title])] if title is not None and _heading_id(lines[title]) else []
    last, n = None, body
    while n < len(lines):
        m = masked[n]
        if not m.strip():
            n += 1
            continue
        h = HEADING.match(m)
        hid = _heading_id(m) if h else None
        found = _ids_on(m)
        if hid or found:
            ids += [hid] if hid else found
            last = ids[-1]
            n += 1
            while n < len(lines) and masked[n].strip() and not (
                    ADMONITION.match(masked[n]) or HEADING.match(masked[n]) or LISTITEM.match(masked[n])
                    or FOOTDEF.match(masked[n]) or _ids_on(masked[n])):
                n += 1  # a clause's text wrapped onto the next line
            continue
        end = n + 1
        if ADMONITION.match(m):
            while end < len(lines) and (not masked[end].strip() or masked[end].startswith(("    ", "\t"))):
                end += 1
        else:
            while end < len(lines) and masked[end].strip():
                end += 1
        block = lines[n:end]
        while block and not block[-1].strip():
            block.pop()
        kept.append((last, block))
        n = end
    return Parts(head, title, preamble, kept, ids)


def _texts(text: str) -> dict[str, str]:
    """Clause id -> the page's Markdown of it (headings and the title included)."""
    page = parse("page", text)
    out = {h.id: h.text for h in page.headings if h.id}
    out.update({c.id: c.markdown for c in page.clauses})
    return out


def follow(old_ids: list[str], old_sv: dict[str, str], clauses) -> tuple[dict[str, str], dict[str, str]]:
    """(old id -> new id where the words are the same, old id -> new id where only the id is the same).

    Same id and words first; then, for each wording, the old clauses left and the new clauses left
    with exactly those words are paired in order when there are as many of each (a renumbered
    clause; two list items "Kultur" stay two, in their order); never a guess between unequal counts."""
    new = {c.id: c.text for c in clauses}
    words = {cid: plain(md) for cid, md in old_sv.items()}
    same: dict[str, str] = {cid: cid for cid in old_ids if cid in new and words.get(cid) == new[cid]}
    taken = set(same.values())
    old_left: dict[str, list[str]] = {}
    new_left: dict[str, list[str]] = {}
    for cid in old_ids:
        if cid not in same and words.get(cid) is not None:
            old_left.setdefault(words[cid], []).append(cid)
    for c in clauses:
        if c.id not in taken:
            new_left.setdefault(c.text, []).append(c.id)
    for text, olds in old_left.items():
        if len(olds) == len(new_left.get(text, ())):
            same.update(zip(olds, new_left[text]))
            taken.update(new_left[text])
    changed = {cid: cid for cid in old_ids if cid not in same and cid in new and cid not in taken}
    return same, changed


def _box(key: str, **values) -> list[str]:
    return label(f"refresh.{key}", "en", **values).rstrip("\n").split("\n")


def _quote(markdown: str) -> list[str]:
    """An earlier translation inside a box: its words, never a marker or a footnote reference."""
    text = FOOTREF.sub("", PATTERN.sub("", markdown)).strip()
    return ["", "    > " + text]


def _place(body: list[str], kept: dict[str | None, list[list[str]]]) -> list[str]:
    """The body with each kept block after the block (lines up to a blank line) holding its anchor;
    a block whose anchor is not in the body (the title, or none) opens it."""
    present = {cid for line in body for cid in ([_heading_id(line)] if HEADING.match(line) else _ids_on(line))}
    out: list[str] = [ln for anchor, blocks in kept.items() if anchor not in present for block in blocks
                      for ln in block + [""]]
    pending: list[str] = []
    for line in body + [""]:
        if not line.strip():
            for cid in pending:
                for block in kept.get(cid, []):
                    out += ["", *block]
            pending = []
        else:
            pending += [cid for cid in ([_heading_id(line)] if HEADING.match(line) else _ids_on(line)) if cid]
        out.append(line)
    out.pop()
    return out


def _anchors(parts: Parts, follow_to: dict[str, str], new_ids: set[str]) -> dict[str | None, list[list[str]]]:
    """Kept blocks by the new id they follow: a block whose clause is gone follows the clause before it."""
    placed: dict[str | None, list[list[str]]] = {}
    for anchor, block in parts.kept:
        target = None
        if anchor is not None:
            at = parts.ids.index(anchor) if anchor in parts.ids else -1
            for cid in reversed(parts.ids[:at + 1]):
                if follow_to.get(cid) in new_ids:
                    target = follow_to[cid]
                    break
        placed.setdefault(target, []).append(block)
    return placed


def _folded(text: str) -> str:
    """Letters and digits only, without diacritics: OCR's "sarskilt" and the repaired "särskilt" agree."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text.lower()) if ch.isalnum())


def resembles(ocr: str, words: str) -> bool:
    """Whether a line set aside (its OCR text) holds a clause's words (repaired), or the reverse."""
    a, b = _folded(ocr), _folded(words)
    return bool(a and b) and (a in b or b in a or difflib.SequenceMatcher(None, a, b).ratio() >= 0.85)


def rewrite(model, doc, old_sv: str, old_en: str, personal: list[str] = ()) -> Outcome:
    """The document's pages from its current clauses; `personal`: texts now set aside as personal data."""
    clauses = model.clauses_of(doc.id)
    sv_parts, en_parts = split(old_sv), split(old_en)
    sv_old, en_old = _texts(old_sv), _texts(old_en)
    # The clauses the pages carried (an editorial title's anchor, { #rapport }, is none).
    mine = f"{doc.id}-"
    old_ids = [cid for cid in sv_parts.ids if cid in sv_old and cid.startswith(mine)]
    old_ids += [cid for cid in en_parts.ids if cid in en_old and cid.startswith(mine) and cid not in old_ids]
    same, changed = follow(old_ids, sv_old, clauses)
    follow_to = {**changed, **same}
    new_ids = {c.id for c in clauses}
    outcome = Outcome("", "", moved={o: n for o, n in same.items() if o != n})
    for old, new in outcome.moved.items():
        outcome.notes.append(f"clause {old} is now {new} (same words: its translation and citations follow it)")

    translated = {cid: md for cid, md in en_old.items() if not untranslated(md) and cid in old_ids}
    keep = {new: translated[old] for old, new in same.items() if old in translated}
    checks: dict[str, list[list[str]]] = {}
    for old, new in changed.items():
        if old in translated:
            checks.setdefault(new, []).append(_box("changed", id=new) + _quote(translated[old]))
            outcome.notes.append(f"clause {new}: its Swedish words changed; the earlier translation is kept in a "
                                 "'Translation to check' box after it in the English twin")
    for old in old_ids:
        if old in follow_to:
            continue
        outcome.gone.append(old)
        if old not in translated:
            outcome.notes.append(f"clause {old} is gone (no clause of the reading has its id or words now; it was not translated)")
        elif any(resembles(p, plain(sv_old.get(old, ""))) for p in personal):
            outcome.notes.append(f"clause {old} is gone: its line is now set aside as personal data, so its "
                                 "translation was left out of the English twin")
        else:
            at = old_ids.index(old)
            anchor = next((follow_to[c] for c in reversed(old_ids[:at]) if c in follow_to), None)
            checks.setdefault(anchor, []).append(_box("gone", id=old) + _quote(translated[old]))
            outcome.notes.append(f"clause {old} is gone; its translation is kept in a 'Translation to check' box "
                                 "in the English twin")

    def sv_text(c):
        return scaffold.escaped(c.markdown)

    def en_text(c):
        return keep.get(c.id) or f"{UNTRANSLATED}{scaffold.escaped(c.markdown)}</span>"

    sv_body, title = scaffold._body(model, doc, sv_text)
    en_body, _ = scaffold._body(model, doc, en_text)
    if title is not None:
        sv_head = f"# {sv_text(title)} {{ #{title.id} }}"
        en_head = f"# {en_text(title)} {{ #{title.id} }}"
    else:  # an editorial title stays a person's (refresh renames it with the registry's title)
        sv_old_head = sv_parts.head[sv_parts.title] if sv_parts.title is not None else ""
        en_old_head = en_parts.head[en_parts.title] if en_parts.title is not None else ""
        sv_head = sv_old_head or f"# {scaffold.escaped(doc.title)}"
        en_head = en_old_head if en_old_head and not untranslated(en_old_head[2:]) else \
            f"# {UNTRANSLATED}{scaffold.escaped(doc.title)}</span>"
    en_kept = _anchors(en_parts, follow_to, new_ids)
    for anchor, boxes in checks.items():
        en_kept.setdefault(anchor, []).extend(boxes)
    outcome.sv = _join(sv_parts, sv_head, _place(sv_body, _anchors(sv_parts, follow_to, new_ids)))
    outcome.en = _join(en_parts, en_head, _place(en_body, en_kept))
    return outcome


def _join(parts: Parts, title: str, body: list[str]) -> str:
    head = list(parts.head)
    if parts.title is None:
        head.append(title)
    else:
        head[parts.title] = title
    while body and not body[0].strip():
        body = body[1:]
    return "\n".join(head + parts.preamble + body).rstrip() + "\n"


TITLE_NAMED = {lang: re.compile(re.escape(label("scaffold.what", lang, title="\0", name_en="", title_en="")
                                          .split("\0")[0]) + r"(.+?)\*") for lang in ("sv", "en")}


def named_title(text: str) -> str | None:
    """The title the page's info box names ("Det här är *...*"), as written there."""
    m = TITLE_NAMED["sv"].search(text)
    return m.group(1) if m else None
