"""The project's MkDocs plugin: the check, the markers, the data, the PDFs, the i18n fixes.

Registered as the entry point ``policykit`` of this package (pyproject.toml,
``[project.entry-points."mkdocs.plugins"]``), so mkdocs.yml says ``plugins: [policykit]`` and
mkdocs finds it installed; a plugin class, not hook files, because mkdocs-static-i18n builds
every language inside the first build with the same config, and one plugin instance carries
what was read across all of them: the project is read and checked once per build (by
`python -m policykit build`, which hands over the project it checked, or in the first
`on_config`), and the guard against the nested builds is written once (`_nested`). What it
shows of drafts (documents no person has reviewed) is `publish.drafts.view`, made in `on_config`:
`mkdocs serve` and `python -m policykit build --drafts` show them with a banner, every other
build leaves them out (`on_startup` says which command runs; the instance then lives for a whole
`mkdocs serve`, so each build reads the project afresh).

Each handler is a few lines and calls modules that work without MkDocs: `pages.markers`
(which markers exist), `render.*` (what they become), `publish.pdf` (the PDFs), `publish.i18n`
(404 pages, links to the Swedish original), `publish.search` (the Pagefind index, one per language,
made once both languages are built), `publish.page_weight` and `publish.csp` (the
Content-Security-Policy of every page, and of `mkdocs serve`'s live-reload script).
Any problem stops the build with the project's one error line (file, line, fix).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import get_relative_url

from policykit.check.checker import check
from policykit.errors import PolicyError
from policykit.labels import label
from policykit.pages import markers
from policykit.pages.citations import build_index
from policykit.pages.urls import page_url
from policykit.publish import csp, drafts, i18n, page_weight, search, synonyms
from policykit.publish.pdf import PdfMaker
from policykit.sources import downloads
from policykit.render import (comparison, datafields, export, glossary, municipalities, principles, repairs,
                              responsibilities, statement, status, traceability)
from policykit.render import pages as generated_pages
from policykit.render.clause_ext import TOKEN, ClauseExtension
from policykit.render.common import Context, clause_label, ref
from policykit.render.glossary import GlossaryOnceExtension
from policykit.render.table_cards import TableCardsExtension
from policykit.render.tasklist import TaskLabelExtension

RENDERERS = {"status": status, "principles": principles, "responsibilities": responsibilities, "comparison": comparison,
             "glossary": glossary, "traceability": traceability, "municipalities": municipalities,
             "ocr-repairs": repairs, "fields": datafields}


class PolicyPlugin(BasePlugin):
    def __init__(self):
        super().__init__()
        self.report = None      # the check's Report, with the project it read (set once per build)
        self.citations: dict = {}
        self.pdfs: PdfMaker | None = None
        self.pages_404: dict[str, str] = {}
        self.ext = ClauseExtension()
        self._tmp: Path | None = None
        self._generated: dict[str, str] | None = None   # docs path -> Markdown of the generated pages
        self.extra: dict = {}   # mkdocs.yml's extra: the accessibility statement's publisher and contact
        self.serving = False    # `mkdocs serve` (not --clean): show the drafts
        self._handed: tuple | None = None   # (report, show drafts) from `checked`, for the next build

    def on_startup(self, command, dirty):
        self.serving = command == "serve"

    def checked(self, report, preview: bool = False) -> None:
        """Hand over a project checked already (`python -m policykit build`): the build checks nothing twice.
        `preview`: show the drafts (`build --drafts`)."""
        self._handed = (report, preview)

    def on_config(self, config):
        if not _nested(config):  # each build (and each rebuild of `mkdocs serve`) reads the project afresh
            report, preview = self._handed or (check(Path(config.config_file_path).resolve().parent), self.serving)
            self._handed = None
            if not report.ok:
                raise PluginError("\n".join(str(p) for p in report.problems) + "\n" + report.summary_line())
            try:
                self.report = drafts.view(report, preview)
            except PolicyError as exc:
                raise PluginError(str(exc))
            self.citations = build_index(self.report.project)
            self.pdfs = PdfMaker(self.report.project.root)
        try:
            self.extra = dict(config.extra)
            statement.settings(self.extra)  # a missing or malformed contact stops the build here
        except PolicyError as exc:
            raise PluginError(str(exc))
        lang = _language(config)
        # Per language (each language build runs on_config): the heading permalinks' title and
        # the glossary's tooltips (abbr's glossary: no definitions appended to every page).
        config.mdx_configs.setdefault("toc", {})["permalink_title"] = label("heading_permalink", lang)
        config.mdx_configs.setdefault("abbr", {})["glossary"] = glossary.abbreviations(self.report.data, lang)
        if self.ext not in config.markdown_extensions:
            config.markdown_extensions += [self.ext, TaskLabelExtension(), GlossaryOnceExtension(), TableCardsExtension()]
        if self.report.drafts.hidden:
            config.nav = drafts.prune_nav(config.nav, self.report.drafts.hidden)
        return config

    def on_env(self, env, config, files):
        env.filters["without_alternates"] = i18n.without_alternates
        return env

    def on_files(self, files, config):
        project = self.report.project
        for file in [f for f in files if f.src_uri in self.report.drafts.hidden]:
            files.remove(file)
        # Written to files (not passed as content): mkdocs-static-i18n needs a source path for every file.
        folder = Path(tempfile.mkdtemp(prefix="policy-data-"))
        self._tmp = folder
        # The source texts without the lines that may name a person, and the originals whose text has
        # none (sources/downloads.py).
        (folder / "kallor").mkdir()
        offered = self.report.drafts.offered(downloads.downloads(project.model))
        for name, path in downloads.write(folder / "kallor", offered):
            files.append(File.generated(config, f"kallor/{name}", abs_src_path=str(path)))
        for name, text in export.contents(self.report, self.citations).items():
            (folder / name).write_text(text, encoding="utf-8")
            files.append(File.generated(config, f"data/{name}", abs_src_path=str(folder / name)))
        # The pages per municipality, topic and area (render/pages.py), both languages, as if they
        # were in docs/: mkdocs-static-i18n handles only files there (their language, address,
        # alternates). Their text is handed over in on_nav, after it has made its files.
        if not _nested(config) or self._generated is None:
            self._generated = generated_pages.contents(self.report, self.citations)
        for uri in self._generated:
            # Reached from the overviews, not from the navigation (which would grow with them).
            files.append(File(uri, config.docs_dir, config.site_dir, config.use_directory_urls,
                              inclusion=InclusionLevel.NOT_IN_NAV))
        return files

    def on_nav(self, nav, config, files):
        for file in files.documentation_pages(inclusion=lambda _: True):
            if file.src_uri in self._generated:
                file.content_string = self._generated[file.src_uri]
        return nav

    def on_page_markdown(self, markdown, page, config, files):
        lang, src = _locale(page), page.file.src_uri
        ctx = Context(self.report.model, self.report.data, lang, src, self.report, self.citations)
        self.ext.lang, self.ext.cited_in = lang, _CitedIn(ctx, self.citations, src.replace(".en.md", ".md"))
        self.ext.name = lambda cid: clause_label(ctx, cid)
        out, pos = [], 0
        for marker in markers.find(markdown):
            out += [markdown[pos:marker.start], self._render(ctx, marker, f"docs/{src}")]
            pos = marker.end
        out = "".join(out) + markdown[pos:]
        return drafts.banner(out, lang) if self.report.drafts.page(src) else out

    def _render(self, ctx: Context, marker: markers.Marker, where: str) -> str:
        problems = markers.problems(marker, where, ctx.model.by_id)
        if problems:  # the checker reports the same; `mkdocs serve` of a page edited since lands here
            raise PluginError("\n".join(map(str, problems)))
        try:
            if marker.name == "clause":
                return TOKEN.format(marker.value)
            if marker.name == "ref":
                return ref(ctx, marker.value)
            if marker.name == "statement":  # from mkdocs.yml, not from the project's data
                return statement.render(self.extra, ctx.lang, marker.value)
            return RENDERERS[marker.name].render(ctx, marker.value)
        except PolicyError as exc:
            raise PluginError(str(exc))

    def on_post_page(self, output, page, config):
        lang, model = _locale(page), self.report.model
        try:  # first, on the page as the template wrote it: the hashes of the theme's own scripts
            output = csp.protect(output, page.content or "")
        except csp.ContentNotFound as exc:
            raise PluginError(f"error: docs/{page.file.src_uri}: {exc}, so no Content-Security-Policy can be "
                              "written for it; a plugin rewrote it before policykit (keep policykit last in mkdocs.yml)")
        output = search.add_search_words(search.mark_body(output), lang,
                                         synonyms.finder(self.report.data.termbase, lang))
        if lang != i18n.LANGS[0]:
            output = i18n.link_originals(output, lambda cid: get_relative_url(
                page_url(model.documents[model.by_id[cid].document].page), page.url) + "#" + cid)
        if self.report.drafts.page(page.file.src_uri):
            output = drafts.noindex(output)
        doc_id = page.meta.get("source_document")
        # The PDF is made from the page as readers get it (a translation's links to the original included).
        return self._pdf(output, page, config, doc_id, lang) if doc_id else output

    def _pdf(self, output, page, config, doc_id: str, lang: str) -> str:
        where = f"docs/{page.file.src_uri}"
        doc = self.report.model.documents.get(doc_id)
        if doc is None:
            raise PluginError(f"error: {where}: source_document '{doc_id}' is not a document in sources/sources.yml; "
                              "name a document id from it")
        muni = next(m.name for m in self.report.model.municipalities if m.id == doc.municipality)
        try:
            return self.pdfs.page(output, doc, muni, lang, where, site=Path(config.site_dir), url=page.url,
                                  canonical=page.canonical_url, site_url=config.site_url, site_name=config.site_name,
                                  relative=lambda path: get_relative_url(path, page.url))
        except PolicyError as exc:
            raise PluginError(str(exc))

    def on_post_template(self, output_content, template_name, config):
        if template_name == "404.html":  # placed by on_post_build, once every language is built
            output_content = csp.protect(output_content)  # a template only: its scripts are the theme's
            self.pages_404[_language(config)] = output_content
        return output_content

    @event_priority(-200)  # after mkdocs-static-i18n (-100) has built the other languages
    def on_post_build(self, config):
        if _nested(config):
            return
        site = Path(config.site_dir)
        i18n.place_404(site, self.pages_404)
        langs = list(getattr(config.plugins.get("i18n"), "build_languages", None) or i18n.LANGS[:1])
        missing = self.pdfs.missing(site, self.report.model.documents.values(), langs)
        if missing:
            raise PluginError("error: no PDF was made for " + ", ".join(missing) +
                              "; each document page needs 'source_document' in its front matter and an info box")
        self.pdfs.prune()
        page_weight.prune(site)
        problems = csp.site_problems(site)  # nothing from sources/ as active content, no page without its policy
        if problems:
            raise PluginError("\n".join(problems))
        try:
            search.index_site(site)  # every page of both languages is written by now
        except PolicyError as exc:
            raise PluginError(str(exc))
        shutil.rmtree(self._tmp, ignore_errors=True)  # the data files are copied into the site by now
        self._generated = None

    def on_serve(self, server, config, builder):
        # `mkdocs serve` writes its live-reload script into each page as it sends it (mkdocs 1.6.1,
        # LiveReloadServer._inject_js_into_html): the page's policy allows that one script by its hash.
        inject = server._inject_js_into_html
        server._inject_js_into_html = lambda content, epoch: csp.allow_injected(content, inject(content, epoch))
        return server


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


def _nested(config) -> bool:
    """Inside mkdocs-static-i18n's build of another language (it runs every event again)."""
    return bool(getattr(config.plugins.get("i18n"), "building", False))


def _language(config) -> str:
    """The language being built: mkdocs-static-i18n's current one (it sets the theme's later)."""
    i18n_plugin = config.plugins.get("i18n")
    return getattr(i18n_plugin, "current_language", None) or config.theme["language"]


def _locale(page) -> str:
    return getattr(page.file, "locale", None) or i18n.LANGS[0]
