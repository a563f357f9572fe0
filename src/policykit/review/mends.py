"""The review app's decisions, written where the command line's mends go (authoring/refresh.MENDS).

    set_role(root, doc, line, "heading")        sources/sources.yml, the document's 'sections:'
    set_role(root, doc, line, "paragraph")      its 'sections:' entry and its 'furniture:' entry go
    set_role(root, doc, line, "aside:running")  sources/repairs/NNN_id.yml, 'furniture:'
    decide_word(root, doc, "vird", "värd")      'words:' gets {ocr: "vird", fix: "värd"}, and the
                                                flagged word's comment line goes (fix == ocr: kept as read)
    mark_reviewed(root, doc)                    'reviewed: true', and the pages' notice that the
                                                reading is unreviewed removed (check/todo.py)

Each entry is one line, as the add command writes it::

    - {key: "ansvar", line: 13}                            (sections, kept in line order)
    - {line: 17, text: "Ekby kommun · ...", reason: letterhead}
    - {ocr: "vird", fix: "värd"}

The files are edited as text at the places PyYAML's composer finds (like authoring/yamledit.py),
so every other line, comments included, stays byte for byte. Nothing here validates the project:
the caller runs `authoring.refresh` (which runs the checker) inside `guard.unchanged_on_failure`.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from policykit.authoring import detect, register
from policykit.check.todo import FLAGGED, REVIEWED_FALSE, notice_blocks
from policykit.errors import PolicyError, Problem
from policykit.review.guard import write_atomic
from policykit.sources.layout import FURNITURE_REASONS
from policykit.sources.registry import REGISTRY

ROLES = ("heading", "paragraph") + tuple(f"aside:{r}" for r in FURNITURE_REASONS if r != "bullet")
# A word a reviewer types: letters (Swedish included), digits inside, hyphens; never markup or YAML.
WORD = re.compile(r"[^\W\d_](?:[\w-]{0,58}\w)?")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _field(node: yaml.Node, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        return next((v for k, v in node.value if k.value == key), None)
    return None


def _int(node: yaml.Node | None) -> int | None:
    return int(node.value) if isinstance(node, yaml.ScalarNode) and node.value.isdigit() else None


def _document_node(root_node: yaml.Node, doc_id: str) -> yaml.Node:
    for entry in _field(root_node, "files").value:
        for doc in getattr(_field(entry, "documents"), "value", []):
            if getattr(_field(doc, "id"), "value", None) == doc_id:
                return doc
    raise PolicyError(Problem(REGISTRY.as_posix(), f"no document '{doc_id}'", "choose a draft document of the list"))


def _item_lines(seq: yaml.Node, line: int) -> list[int]:
    """0-based text lines of the one-line items of `seq` whose 'line' is `line`."""
    return [item.start_mark.line for item in seq.value if _int(_field(item, "line")) == line]


def _write(path: Path, lines: list[str]):
    write_atomic(path, "\n".join(lines))


def _sections(root: Path, doc_id: str, line: int, text: str | None):
    """Remove the document's section at `line`; with `text`, add a heading there (in line order)."""
    path = root / REGISTRY
    source = path.read_text(encoding="utf-8")
    lines = source.split("\n")
    seq = _field(_document_node(yaml.compose(source, Loader=_LOADER), doc_id), "sections")
    if not isinstance(seq, yaml.SequenceNode) or seq.flow_style or not seq.value:
        raise PolicyError(Problem(f"{REGISTRY.as_posix()}:{seq.start_mark.line + 1 if seq else ''}",
                                  "the document's 'sections:' is not a list of one-line entries",
                                  "write each section as '- {key: ..., line: N}' on its own line"))
    if text is None:
        for index in sorted(_item_lines(seq, line), reverse=True):
            del lines[index]
    elif not _item_lines(seq, line):
        keys = {_field(item, "key").value for item in seq.value if _field(item, "key") is not None}
        key = detect.heading(line, text.strip(), keys).key
        first = seq.value[0].start_mark
        pad = lines[first.line][:first.column]          # "          - " as the entries are written
        at = next((item.start_mark.line for item in seq.value if (_int(_field(item, "line")) or 0) > line),
                  None)
        new = f"{pad}{{key: {register.quoted(key)}, line: {line}}}"
        if at is None:
            last = seq.value[-1]
            at = last.end_mark.line + (0 if last.end_mark.column == 0 else 1)
        lines.insert(at, new)
    _write(path, lines)


def _furniture(repairs: Path, line: int, text: str | None, reason: str | None):
    """Remove the furniture entry of `line`; with `reason`, set the line aside for that reason."""
    source = repairs.read_text(encoding="utf-8")
    lines = source.split("\n")
    top = yaml.compose(source, Loader=_LOADER)
    seq = _field(top, "furniture")
    entry = None if reason is None else \
        f"{{line: {line}, text: {register.quoted(text.replace(chr(12), '').strip())}, reason: {reason}}}"
    if seq is None or (isinstance(seq, yaml.SequenceNode) and not seq.value):
        if entry is None:
            return
        key = next((k for k, _ in top.value if k.value == "furniture"), None) or \
            next((k for k, _ in top.value if k.value == "words"), None)
        block = ["furniture:", f"  - {entry}"]
        if key is None:
            lines[len(lines) - (1 if lines[-1] == "" else 0):0] = block
        elif key.value == "furniture":
            lines[key.start_mark.line:key.start_mark.line + 1] = block
        else:
            lines[key.start_mark.line:key.start_mark.line] = block + [""]
        _write(repairs, lines)
        return
    if not isinstance(seq, yaml.SequenceNode) or seq.flow_style:
        raise PolicyError(Problem(f"{repairs.name}:{seq.start_mark.line + 1}", "'furniture:' is not a block list",
                                  "write each entry as '- {line: N, text: \"...\", reason: ...}' on its own line"))
    mine = _item_lines(seq, line)
    first = seq.value[0].start_mark
    pad = lines[first.line][:first.column]
    if entry is not None and mine:
        lines[mine[0]] = pad + entry
        mine = mine[1:]
    elif entry is not None:
        at = next((item.start_mark.line for item in seq.value if (_int(_field(item, "line")) or 0) > line), None)
        last = seq.value[-1]
        lines.insert(at if at is not None else last.end_mark.line + (0 if last.end_mark.column == 0 else 1),
                     pad + entry)
    for index in sorted(mine, reverse=True):
        del lines[index]
    if len(mine) == len(seq.value) and entry is None:   # the last entry gone: an empty list, not null
        key = next(k for k, _ in top.value if k.value == "furniture")
        lines[key.start_mark.line] = "furniture: []"
    _write(repairs, lines)


def set_role(root: Path, doc, src, line: int, role: str):
    """Give raw `line` of document `doc` (in source file `src`) the `role` (one of `ROLES`)."""
    if role not in ROLES:
        raise PolicyError(Problem("review", f"unknown role {role!r}", f"choose one of {', '.join(ROLES)}"))
    text = src.lines[line - 1]
    if role == "heading":
        _furniture(src.repairs, line, None, None)
        _sections(root, doc.id, line, text)
    elif role == "paragraph":
        _furniture(src.repairs, line, None, None)
        _sections(root, doc.id, line, None)
    else:
        _sections(root, doc.id, line, None)
        _furniture(src.repairs, line, text, role.split(":", 1)[1])


def flagged(repairs: Path) -> list[dict]:
    """The flagged words the add command listed in a repairs file: token, count, alternatives, sentence."""
    out = []
    for n, text in enumerate(repairs.read_text(encoding="utf-8").split("\n"), 1):
        m = FLAGGED.match(text)
        if m:
            rest = text[m.end():]
            options, _, sentence = rest.partition("; in ")
            out.append({"ocr": m.group(1), "line": n, "alternatives": [o.strip() for o in options.split(",")
                                                                       if o.strip()],
                        "sentence": sentence.strip().strip("'\"")})
    return out


def decide_word(repairs: Path, ocr: str, fix: str):
    """The reviewer's reading of a flagged word: a 'words' entry (unless kept as read), its comment gone."""
    if not WORD.fullmatch(fix):
        raise PolicyError(Problem("review", f"{fix!r} is not a word", "type the word as printed: letters, "
                                  "and hyphens inside it"))
    source = repairs.read_text(encoding="utf-8")
    lines = source.split("\n")
    mine = [n - 1 for n, text in enumerate(lines, 1) if (m := FLAGGED.match(text)) and m.group(1) == ocr]
    if not mine:
        raise PolicyError(Problem(repairs.name, f"no flagged word {ocr!r} left to decide", "reload the page"))
    for index in reversed(mine):
        del lines[index]
    if fix != ocr:
        top = yaml.compose("\n".join(lines), Loader=_LOADER)
        seq = _field(top, "words")
        entry = f"{{ocr: {register.quoted(ocr)}, fix: {register.quoted(fix)}}}   # decided in the review"
        if isinstance(seq, yaml.SequenceNode) and seq.value and not seq.flow_style:
            first, last = seq.value[0].start_mark, seq.value[-1]
            end = last.end_mark.line + (0 if last.end_mark.column == 0 else 1)
            lines.insert(end, lines[first.line][:first.column] + entry)
        elif seq is None or (isinstance(seq, yaml.SequenceNode) and not seq.value):
            key = next((k for k, _ in top.value if k.value == "words"), None) if seq is not None else None
            if key is None:
                lines[len(lines) - (1 if lines[-1] == "" else 0):0] = ["words:", f"  - {entry}"]
            else:
                lines[key.start_mark.line:key.start_mark.line + 1] = ["words:", f"  - {entry}"]
        else:
            raise PolicyError(Problem(repairs.name, "'words:' is not a block list",
                                      "write each entry as '- {ocr: \"...\", fix: \"...\"}' on its own line"))
    _write(repairs, lines)


def mark_reviewed(root: Path, doc, src):
    """What a reviewer does last, before the approval: the repairs reviewed, the pages' notice gone."""
    lines = src.repairs.read_text(encoding="utf-8").split("\n")
    lines = ["reviewed: true" if REVIEWED_FALSE.match(ln) else ln for ln in lines]
    _write(src.repairs, lines)
    for rel in (doc.page, doc.page[:-3] + ".en.md"):
        path = root / "docs" / rel
        page = path.read_text(encoding="utf-8").split("\n")
        for first, last in reversed(notice_blocks(page)):
            del page[first - 1:last]
        _write(path, page)
