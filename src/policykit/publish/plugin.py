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

import html
import json
import re
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from policykit.render import export
from policykit.check.checker import check, page_url
from policykit.pages.citations import build_index
from policykit.errors import PolicyError, use_existing
from policykit.render.clause_ext import TOKEN, ClauseExtension
from policykit.pages.pagemark import mask_code
from policykit.render import comparison, glossary, municipalities, principles, responsibilities, traceability  # noqa: E501
from policykit.render.common import Context, esc, ref

MARKER = re.compile(r"<!--\s*([a-z][a-z-]*)(?::\s*([^\s>]*))?\s*-->")

_state: dict = {}


def on_config(config):
    # mkdocs-static-i18n builds the other languages with the same config inside the first
    # build: the check, the citations and the Markdown extension from that build still hold.
    if getattr(config.plugins.get("i18n"), "building", False) and "report" in _state:
        return config
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
    _state.setdefault("tmpdirs", []).append(folder)
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
    twin_of = src.replace(".en.md", ".md")
    ext.cited_in = _CitedIn(ctx, _state["citations"], twin_of)


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


_PERMALINK_SV = "Permanent länk till rubriken"  # mkdocs.yml: markdown_extensions.toc.permalink_title


class _CitedIn:
    """Clause id -> [(page title, link)] of the pages citing it, for the current page.

    Computed for the clauses the page shows, when it shows them: a table of every citation
    per page would make the build grow with pages × clauses.
    """

    def __init__(self, ctx: Context, citations: dict, twin_of: str):
        self.ctx, self.citations, self.twin_of = ctx, citations, twin_of

    def get(self, cid: str):
        return [(titles[self.ctx.lang], self.ctx.link(path))
                for path, titles in self.citations.get(cid, []) if path != self.twin_of]


def on_post_page(output, page, config):
    # Material puts <link rel="alternate" hreflang> for each language in the head, and its
    # script then fetches "sitemap.xml" beside every alternate URL (it expects one root per
    # language); here those are page URLs, so each page made two requests that fail with 404.
    # The hreflang alternates stay in sitemap.xml and on the language switcher's links.
    output = _HEAD_ALTERNATE.sub("", output)
    output = _TASK.sub(_labelled_task, output)
    lang = getattr(page.file, "locale", None) or "sv"
    if lang == "sv":
        return output

    # Search per language: a translated page's search reads the index of its own language
    # (written by on_post_build under <lang>/search/), so results never mix languages.
    def rebase(m: re.Match) -> str:
        app = json.loads(m.group(2))
        app["base"] = app["base"].rstrip("/") + f"/{lang}/"  # the slash: Material resolves URLs against it
        return m.group(1) + json.dumps(app) + m.group(3)

    # On a translation every clause links to its Swedish original. Added to the HTML, not the
    # Markdown: a link to the Swedish .md file would be localised to the translation by
    # mkdocs-static-i18n, and a plain URL in Markdown fails strict link validation.
    model = _state["model"]

    def original(m: re.Match) -> str:
        cid = m.group(2)
        url = get_relative_url(page_url(model.documents[model.by_id[cid].document].page), page.url) + "#" + cid
        return (m.group(1) + f'<a class="clause-original" href="{url}" hreflang="sv" '
                f'title="Swedish original of {cid}" aria-label="Swedish original of {cid}">sv</a>')

    output = _CONFIG.sub(rebase, output, count=1)
    # toc's permalink_title is one string for all languages; the translation gets its own.
    output = output.replace(f'title="{_PERMALINK_SV}"', 'title="Permanent link to this heading"')
    return _CLAUSE_LINK.sub(original, output)


@event_priority(-200)  # after everything, mkdocs-static-i18n's build of the other languages included
def on_post_build(config):
    """Split the search index by language and keep the Swedish 404 page at the root.

    mkdocs-static-i18n builds each language in turn into one site and stacks all languages
    into one search index; the root 404.html is the last-built language's (its issues #284,
    #326, #349). This runs after every language build, so it must be idempotent.
    """
    site = Path(config.site_dir)
    while _state.get("tmpdirs"):  # the data files are copied into the site by now
        shutil.rmtree(_state["tmpdirs"].pop(), ignore_errors=True)
    _split_search_index(site)
    for lang, html_text in _state.get("404", {}).items():
        target = site / "404.html" if lang == "sv" else site / lang / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html_text, encoding="utf-8")


def on_post_template(output_content, template_name, config):
    # Keep each language's 404 page; on_post_build puts them where they belong.
    if template_name == "404.html":
        output_content = _HEAD_ALTERNATE.sub("", output_content)
        _state.setdefault("404", {})[config.theme["language"]] = output_content
    return output_content


def _split_search_index(site: Path):
    """One search index per language: sv at search/, the others at <lang>/search/."""
    index_path = site / "search" / "search_index.json"
    if not index_path.exists():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    by_lang: dict[str, list] = {"sv": []}
    for doc in index["docs"]:
        head = doc["location"].split("/", 1)[0]
        if head in _LANGS:
            by_lang.setdefault(head, []).append({**doc, "location": doc["location"][len(head) + 1:]})
        else:
            by_lang["sv"].append(doc)
    for lang, docs in by_lang.items():
        target = index_path if lang == "sv" else site / lang / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        config = {**index["config"], "lang": [lang]}
        target.write_text(json.dumps({"config": config, "docs": docs}, ensure_ascii=False), encoding="utf-8")


_LANGS = {"en"}
# A task list item (pymdownx.tasklist): its checkbox's label holds only the tick graphic, so the
# checkbox had no accessible name (axe: label). The item's own text becomes its name.
_TASK = re.compile(r'(<li class="task-list-item"><label class="task-list-control"><input type="checkbox")'
                   r'(/?>.*?</label>)(.*?)(?=</li>|<ul|<ol)', re.S)


def _labelled_task(m: re.Match) -> str:
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", m.group(3))).split())
    return f'{m.group(1)} aria-label="{html.escape(text, quote=True)}"{m.group(2)}{m.group(3)}'

_HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[a-z]+">')
_CLAUSE_LINK = re.compile(r'(<a [^>]*class="clause-link" href="#([a-z0-9-]+)"[^>]*>§</a>)')
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def _known(ctx: Context, value: str | None, where: str) -> str:
    if value not in ctx.model.by_id:
        raise PluginError(f"error: {where}: unknown clause id {value!r}; {use_existing(value, ctx.model.by_id)}")
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
        t = _REPAIR_LABELS[ctx.lang]
        parts.append(f'<h3 id="reparationer-{_slug(src.name)}">{html.escape(src.name)}</h3>')
        parts.append(f"<p>{html.escape(', '.join(d.title for d in src.documents))}. "
                     f"{t['words']}: {sum(words.values())}; {t['layout']}: {len(layout)}.</p>")
        if not src.reviewed:
            # Proposals written by scripts/add_municipality.py: shown, and said to be unchecked.
            parts.append(f"<p><strong>{_UNREVIEWED[ctx.lang]}</strong></p>")
        sender_lines = {c.line for c in layout if c.kind == "letterhead"}
        parts.append(_table(t["layout_head"],
                            [(str(c.line), t["kinds"].get(c.kind, c.kind), *_shown(c, sender_lines, ctx.lang))
                             for c in layout], caption=f"{t['layout_caption']} {src.name}"))
        rows = [(o, f, str(n), first[(o, f)]) for (o, f), n in sorted(words.items(), key=lambda kv: kv[0][0].lower())]
        parts.append(_table(t["words_head"], rows, caption=f"{t['words_caption']} {src.name}"))
    return "\n\n".join(parts) + "\n"


_UNREVIEWED = {
    "sv": "Rättelserna nedan är förslag från en ordlista och har ännu inte granskats mot originalet.",
    "en": "The corrections below are proposals from a dictionary and have not yet been checked against the original.",
}


def _shown(change, sender_lines: set[int], lang: str) -> tuple[str, str]:
    """The (before, after) a reader sees for one layout repair.

    The letterhead names an individual official with contact details: the site does not
    republish them (they remain in the raw source, which is offered unchanged).
    """
    if change.line in sender_lines:
        if change.kind == "letterhead":
            return _REPAIR_LABELS[lang]["sender"], change.after
        if change.kind == "page-start":
            return _REPAIR_LABELS[lang]["sender_line"], _REPAIR_LABELS[lang]["space"]
    return change.before, change.after


_REPAIR_LABELS = {
    "sv": {"words": "Rättade ord", "layout": "layouträttelser", "layout_caption": "Layouträttelser i",
           "words_caption": "Ordrättelser i", "layout_head": ["Rad", "Slag", "OCR", "Återställt"],
           "words_head": ["OCR", "Återställt", "Antal", "Första stycke"],
           "sender": "(avsändaruppgift i brevhuvudet, återges inte här)",
           "sender_line": "(rad med avsändaruppgift i brevhuvudet)", "space": "(inledande mellanslag borttaget)",
           "kinds": {"page-start": "sidbörjan", "letterhead": "brevhuvud", "noise": "brus",
                     "join": "sammanfogat stycke", "footnote": "fotnot flyttad", "marker": "fotnotsmarkör",
                     "bullet": "punkttecken", "hyphen": "avstavning"}},
    "en": {"words": "Repaired words", "layout": "layout repairs", "layout_caption": "Layout repairs in",
           "words_caption": "Word repairs in", "layout_head": ["Line", "Kind", "OCR", "Restored"],
           "words_head": ["OCR", "Restored", "Count", "First clause"],
           "sender": "(sender details in the letterhead, not reproduced here)",
           "sender_line": "(line with sender details in the letterhead)", "space": "(leading space removed)",
           "kinds": {"page-start": "page start", "letterhead": "letterhead", "noise": "noise",
                     "join": "paragraph joined", "footnote": "footnote moved", "marker": "footnote marker",
                     "bullet": "bullet", "hyphen": "hyphenation"}},
}


def _table(head: list[str], rows: list[tuple], caption: str) -> str:
    th = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in head)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    # Out of the search index: every repaired word of every clause would match as noise.
    return (f'<div class="md-typeset__table repairs" data-search-exclude><table><caption>{html.escape(caption)}</caption>'
            f"<thead><tr>{th}</tr></thead><tbody>{body}</tbody></table></div>")


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _render(module):
    return lambda ctx, value, where: module.render(ctx, value)


_HANDLERS = {
    "clause": _clause, "ref": _ref, "ocr-repairs": _ocr_repairs,
    "principles": _render(principles), "responsibilities": _render(responsibilities),
    "comparison": _render(comparison), "glossary": _render(glossary), "traceability": _render(traceability),
    "municipalities": _render(municipalities),
}
