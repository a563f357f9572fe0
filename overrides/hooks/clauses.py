"""Build hook: the clause check, the project's markers, citations, data and raw sources.

Markers are HTML comments, so a raw Markdown preview stays clean::

    <!-- clause: strategi-4-p2 -->Om ett samarbetsavtal ingås ...   one clause of policy text
    <!-- ref: strategi-4-p2 -->                                     a citation of a clause
    <!-- principles -->                                             the principles (docs/data/principles.yml)
    <!-- responsibilities: by-body -->  / by-area                   who does what (responsibilities.yml)
    <!-- comparison -->                                             the comparison (comparison.yml)
    <!-- glossary -->                                               the glossary (glossary.yml)
    <!-- traceability -->                                           the checker's report, clause by clause
    <!-- ocr-repairs -->                                            the recorded OCR repairs

A comment shaped like a marker (``<!-- name -->`` or ``<!-- name: value -->``) with an unknown
name, or an unknown clause id, stops the build naming page, line and fix. Before anything is
built the clause checker runs (it also validates the data files); any problem stops the build.
The data are published as JSON files under data/ (see policykit.export).
"""

from __future__ import annotations

import difflib
import html
import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(_ROOT / "scripts"))

from policykit import export  # noqa: E402
from policykit.checker import check  # noqa: E402
from policykit.citations import build_index  # noqa: E402
from policykit.errors import PolicyError  # noqa: E402
from policykit.mdx_clauses import TOKEN, ClauseExtension  # noqa: E402
from policykit.pagemark import mask_code  # noqa: E402
from policykit.render import comparison, glossary, principles, responsibilities, traceability  # noqa: E402
from policykit.render.common import Context, esc, ref  # noqa: E402

MARKER = re.compile(r"<!--\s*([a-z][a-z-]*)(?::\s*([^\s>]*))?\s*-->")

_state: dict = {}


def on_config(config):
    root = Path(config.config_file_path).resolve().parent
    report = check(root)
    if not report.ok:
        raise PluginError("\n".join(str(p) for p in report.problems) + "\n" + report.summary_line())
    _state.update(root=root, report=report, model=report.model, data=report.data,
                  citations=build_index(root, report.data), ext=ClauseExtension())
    config.markdown_extensions.append(_state["ext"])
    return config


def on_files(files, config):
    for src in _state["model"].files:
        files.append(File.generated(config, f"kallor/{src.name}", abs_src_path=str(src.path)))
    # Written to files (not passed as content): mkdocs-static-i18n needs a source path for every file.
    folder = Path(tempfile.mkdtemp(prefix="policy-data-"))
    for name, text in export.contents(_state["report"], _state["citations"]).items():
        (folder / name).write_text(text, encoding="utf-8")
        files.append(File.generated(config, f"data/{name}", abs_src_path=str(folder / name)))
    return files


def on_page_markdown(markdown, page, config, files):
    lang = getattr(page.file, "locale", None) or "sv"
    src = page.file.src_uri
    ctx = Context(_state["model"], _state["data"], lang, src, _state["report"], _state["citations"])
    ext = _state["ext"]
    ext.lang = lang
    ext.cited_in = {cid: [(title, ctx.link(path)) for path, title in places if path != src]
                    for cid, places in _state["citations"].items()}

    def dispatch(m: re.Match) -> str:
        name, value = m.group(1), m.group(2)
        line = markdown.count("\n", 0, m.start()) + 1
        handler = _HANDLERS.get(name)
        if handler is None:
            raise PluginError(f"error: docs/{src}:{line}: unknown marker '{name}'; "
                              f"use one of {', '.join(sorted(_HANDLERS))} (see docs/konventioner.md)")
        try:
            return handler(ctx, value, f"docs/{src}:{line}")
        except PolicyError as exc:
            raise PluginError(str(exc))

    # Search a copy with code blanked out, so markers shown as examples in code stay as they are.
    out, pos = [], 0
    for m in MARKER.finditer(mask_code(markdown)):
        out += [markdown[pos:m.start()], dispatch(m)]
        pos = m.end()
    out.append(markdown[pos:])
    # Glossary tooltips: abbreviation definitions for the abbr extension, appended to every page.
    return "".join(out) + "\n\n" + glossary.abbreviations(ctx) + "\n"


def _known(ctx: Context, value: str | None, where: str) -> str:
    if value not in ctx.model.by_id:
        near = difflib.get_close_matches(value or "", list(ctx.model.by_id), n=3, cutoff=0.6)
        raise PluginError(f"error: {where}: unknown clause id {value!r}; use an existing id"
                          + (f" (nearest: {', '.join(near)})" if near else ""))
    return value


def _clause(ctx, value, where):
    return TOKEN.format(_known(ctx, value, where))


def _ref(ctx, value, where):
    return ref(ctx, _known(ctx, value, where))


def _ocr_repairs(ctx, value, where):
    model = ctx.model
    parts = []
    for src in model.files:
        layout = model.layouts[src.name].log
        ids = {d.id for d in src.documents}
        words = Counter()
        first: dict = {}
        for c in model.clauses:
            if c.document in ids:
                for pair in c.repairs:
                    words[pair] += 1
                    first.setdefault(pair, c.id)
        parts.append(f'<h3 id="reparationer-{_slug(src.name)}">{html.escape(src.name)}</h3>')
        parts.append(f"<p>{html.escape(', '.join(d.title for d in src.documents))}. "
                     f"Rättade ord: {sum(words.values())}; layouträttelser: {len(layout)}.</p>")
        sender_lines = {c.line for c in layout if c.kind == "letterhead"}
        parts.append(_table(["Rad", "Slag", "OCR", "Återställt"],
                            [(str(c.line), _KIND.get(c.kind, c.kind), *_shown(c, sender_lines)) for c in layout],
                            caption=f"Layouträttelser i {src.name}"))
        rows = [(o, f, str(n), first[(o, f)]) for (o, f), n in sorted(words.items(), key=lambda kv: kv[0][0].lower())]
        parts.append(_table(["OCR", "Återställt", "Antal", "Första stycke"], rows, caption=f"Ordrättelser i {src.name}"))
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


_KIND = {"page-start": "sidbörjan", "letterhead": "brevhuvud", "noise": "brus", "join": "sammanfogat stycke",
         "footnote": "fotnot flyttad", "marker": "fotnotsmarkör", "bullet": "punkttecken", "hyphen": "avstavning"}


def _table(head: list[str], rows: list[tuple], caption: str) -> str:
    th = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in head)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return (f'<div class="md-typeset__table repairs"><table><caption>{html.escape(caption)}</caption>'
            f"<thead><tr>{th}</tr></thead><tbody>{body}</tbody></table></div>")


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _render(module):
    return lambda ctx, value, where: module.render(ctx, value)


_HANDLERS = {
    "clause": _clause, "ref": _ref, "ocr-repairs": _ocr_repairs,
    "principles": _render(principles), "responsibilities": _render(responsibilities),
    "comparison": _render(comparison), "glossary": _render(glossary), "traceability": _render(traceability),
}
