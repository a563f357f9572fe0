"""Build hook: the clause check, the project's markers, and the raw sources for download.

Markers are HTML comments, so a raw Markdown preview stays clean::

    <!-- clause: strategi-4-p2 -->Om ett samarbetsavtal ingås ...   one clause of policy text
    <!-- ocr-repairs -->                                            the recorded OCR repairs, as tables

A comment shaped like a marker (``<!-- name -->`` or ``<!-- name: value -->``) with an unknown
name, or a clause marker with an unknown id, stops the build naming page, line and fix.
Before anything is built, the clause checker runs; any problem stops the build.
"""

from __future__ import annotations

import difflib
import html
import re
import sys
from collections import Counter
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(_ROOT / "scripts"))

from policykit.checker import check  # noqa: E402
from policykit.mdx_clauses import TOKEN, ClauseExtension  # noqa: E402
from policykit.pagemark import mask_code  # noqa: E402

MARKER = re.compile(r"<!--\s*([a-z][a-z-]*)(?::\s*([^\s>]*))?\s*-->")

_state: dict = {}


def on_config(config):
    root = Path(config.config_file_path).resolve().parent
    report = check(root)
    if not report.ok:
        raise PluginError("\n".join(str(p) for p in report.problems) + "\n" + report.summary_line())
    _state["model"] = report.model
    _state["ext"] = ClauseExtension()
    config.markdown_extensions.append(_state["ext"])
    return config


def on_files(files, config):
    for src in _state["model"].files:
        files.append(File.generated(config, f"kallor/{src.name}", abs_src_path=str(src.path)))
    return files


def on_page_markdown(markdown, page, config, files):
    _state["ext"].lang = (page.file.locale if hasattr(page.file, "locale") else None) or "sv"
    src = page.file.src_uri

    def dispatch(m: re.Match) -> str:
        name, value = m.group(1), m.group(2)
        line = markdown.count("\n", 0, m.start()) + 1
        handler = _HANDLERS.get(name)
        if handler is None:
            raise PluginError(f"error: docs/{src}:{line}: unknown marker '{name}'; "
                              f"use one of {', '.join(sorted(_HANDLERS))} (see docs/konventioner.md)")
        return handler(value, f"docs/{src}:{line}")

    # Search a copy with code blanked out, so markers shown as examples in code stay as they are.
    out, pos = [], 0
    for m in MARKER.finditer(mask_code(markdown)):
        out += [markdown[pos:m.start()], dispatch(m)]
        pos = m.end()
    return "".join(out) + markdown[pos:]


def _clause(value: str | None, where: str) -> str:
    by_id = _state["model"].by_id
    if value not in by_id:
        near = difflib.get_close_matches(value or "", list(by_id), n=3, cutoff=0.6)
        raise PluginError(f"error: {where}: unknown clause id {value!r}; use an existing id"
                          + (f" (nearest: {', '.join(near)})" if near else ""))
    return TOKEN.format(value)


def _ocr_repairs(value: str | None, where: str) -> str:
    model = _state["model"]
    parts = []
    for src in model.files:
        docs = ", ".join(d.title for d in src.documents)
        layout = model.layouts[src.name].log
        parts.append(f'<h3 id="reparationer-{_slug(src.name)}">{html.escape(src.name)}</h3>')
        parts.append(f"<p>{html.escape(docs)}. Rättade ord: {_word_count(model, src)}; "
                     f"layouträttelser: {len(layout)}.</p>")
        sender_lines = {c.line for c in layout if c.kind == "letterhead"}
        parts.append(_table(["Rad", "Slag", "OCR", "Återställt"],
                            [(str(c.line), _KIND.get(c.kind, c.kind), *_shown(c, sender_lines)) for c in layout],
                            caption=f"Layouträttelser i {src.name}"))
        words = Counter()
        seen_in: dict = {}
        ids = {d.id for d in src.documents}
        for c in model.clauses:
            if c.document in ids:
                for pair in c.repairs:
                    words[pair] += 1
                    seen_in.setdefault(pair, c.id)
        rows = [(ocr, fix, str(n), seen_in[(ocr, fix)]) for (ocr, fix), n in sorted(words.items(), key=lambda kv: kv[0][0].lower())]
        parts.append(_table(["OCR", "Återställt", "Antal", "Första stycke"], rows,
                            caption=f"Ordrättelser i {src.name}"))
    return "\n\n".join(parts) + "\n"


def _shown(change, sender_lines: set[int]) -> tuple[str, str]:
    """The (before, after) a reader sees for one layout repair.

    The letterhead names an individual official with contact details: the site does not
    republish them (they remain in the raw source, which is offered unchanged).
    """
    if change.line in sender_lines:
        if change.kind == "letterhead":
            return "(avsändaruppgift i brevhuvudet, återges inte här)", change.after
        if change.kind == "page-start":
            return "(rad med avsändaruppgift i brevhuvudet)", "(inledande mellanslag borttaget)"
    return change.before, change.after


def _word_count(model, src) -> int:
    ids = {d.id for d in src.documents}
    return sum(len(c.repairs) for c in model.clauses if c.document in ids)


_KIND = {"page-start": "sidbörjan", "letterhead": "brevhuvud", "noise": "brus", "join": "sammanfogat stycke",
         "footnote": "fotnot flyttad", "marker": "fotnotsmarkör", "bullet": "punkttecken", "hyphen": "avstavning"}


def _table(head: list[str], rows: list[tuple], caption: str) -> str:
    th = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in head)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return (f'<div class="md-typeset__table repairs"><table><caption>{html.escape(caption)}</caption>'
            f"<thead><tr>{th}</tr></thead><tbody>{body}</tbody></table></div>")


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


_HANDLERS = {"clause": _clause, "ocr-repairs": _ocr_repairs}
