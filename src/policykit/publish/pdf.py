"""Build hook: every policy document as an accessible PDF (tagged PDF/UA-1), in each language.

A document page is a page whose front matter names its ``source_document`` (see
sources/sources.yml). For each one, in each language build, this hook takes the page's
built HTML, keeps the article (title, policy text, headings, lists, footnotes and the
commentary boxes), drops what only works on the web, and has WeasyPrint render it with
overrides/hooks/pdf.css. The file name comes from the Swedish page's path:

    docs/stockholm/strategi.md       → site/pdf/stockholm-strategi.sv.pdf
    docs/stockholm/strategi.en.md    → site/pdf/stockholm-strategi.en.pdf

What WeasyPrint renders (WeasyPrint reads the PDF's /Lang from <html lang> and its /Title
from <title>)::

    <html lang="sv"><head><title>Internationell strategi för Stockholms stad</title> ...</head>
    <body><header class="pdf-front">
        <p class="pdf-municipality">Stockholms stad</p>
        <h1 id="strategi-titel">Internationell strategi för Stockholms stad</h1>
        <p class="pdf-origin">... <a href="http://SITE/stockholm/strategi/">...</a></p></header>
      <main> the rest of the article: clause ids kept (PDF link destinations), links absolute </main>
    </body></html>

The page then gets a link to its PDF at the end of its info box: "Ladda ned som PDF
(tillgänglig PDF/UA, 41 kB)". A document page without an info box, a PDF WeasyPrint cannot
make, or a warning from WeasyPrint stops the build; so does a document missing its PDF in
any language at the end.

WeasyPrint takes about a second per document, so each PDF is cached in .cache/pdf/<sha256>.pdf
(or the folder POLICY_PDF_CACHE names; the Makefile sets it so that builds of project copies
in the tests share it), keyed by what the PDF is made of (the built article, its URL, language,
document and municipality), the stylesheet, this file and the WeasyPrint and pydyf versions,
all taken before any parsing: an unchanged document costs a hash and a file copy.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import os
import sys
import time
from pathlib import Path
from urllib.parse import urljoin
from xml.etree import ElementTree

import tinyhtml5
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from policykit import datafile
from policykit.check.checker import page_url
from policykit.errors import PolicyError
from policykit.sources.registry import load_registry

_CSS = Path(__file__).with_name("pdf.css")
_THEME_CSS = "hooks/pdf.css"  # the stylesheet's path as a theme file (overrides/ is the custom_dir)
PDF_DIR = "pdf"
OPTIONS = {"pdf_variant": "pdf/ua-1"}  # PDF/UA-1 implies tagging (pdf_tags) and PDF 1.7

_TEXT = {
    "sv": {
        "link": "Ladda ned som PDF (tillgänglig PDF/UA, {size})",
        "origin": "PDF skapad från webbplatsen {site}. Sidan på webben: ",
        "description": "{municipality}: {title}. PDF skapad från webbplatsen {site}.",
    },
    "en": {
        "link": "Download as PDF (accessible PDF/UA, {size})",
        "origin": "PDF generated from the website {site}. The page on the web: ",
        "authoritative": "This is a translation. The Swedish version is authoritative",
        "description": "{municipality}: {title}. PDF generated from the website {site}.",
    },
}

# Parts of the article that only work on the web: permalinks, the clause's own "§" link, the
# "cited in" cross-references, footnote back links. A translation's "sv" link after each clause
# stays (made absolute): the translation note says every sentence links to its original.
_DROP_CLASSES = {"headerlink", "clause-link", "cited-in", "footnote-backref",
                 "md-content__button", "md-source-file"}
_DROP_TAGS = {"script", "style", "noscript", "input", "button", "form", "nav", "svg"}

_state: dict = {}


def _building_nested(config) -> bool:
    # mkdocs-static-i18n builds the other languages inside the first build, with the same config.
    return bool(getattr(config.plugins.get("i18n"), "building", False))


def on_config(config):
    if _building_nested(config) and "documents" in _state:
        return config
    root = Path(config.config_file_path).resolve().parent
    try:
        documents = {d.id: d for src in load_registry(root) for d in src.documents}
        comparison = datafile.load(root / "docs" / "data" / "comparison.yml", display="docs/data/comparison.yml")
    except PolicyError as exc:
        raise PluginError(str(exc))
    municipalities = {m["id"]: m["name"] for m in datafile.strip_lines(comparison.get("municipalities") or [])}
    cache = Path(os.environ.get("POLICY_PDF_CACHE") or root / ".cache" / "pdf")
    _state.update(documents=documents, municipalities=municipalities, cache=cache, made={},
                  css=_CSS.read_text(encoding="utf-8"))
    return config


def on_files(files, config):
    # The stylesheet sits beside this hook in the theme's custom_dir, so MkDocs would publish it.
    stylesheet = files.get_file_from_path(_THEME_CSS)
    if stylesheet is not None:
        files.remove(stylesheet)
    return files


def on_pre_build(config):
    if not _building_nested(config):
        _state["made"] = {}


def on_post_page(output, page, config):
    doc_id = page.meta.get("source_document")
    if not doc_id:
        return output
    where = f"docs/{page.file.src_uri}"
    doc = _state["documents"].get(doc_id)
    if doc is None:
        raise PluginError(f"error: {where}: source_document '{doc_id}' is not a document in sources/sources.yml")
    lang = getattr(page.file, "locale", None) or "sv"
    if lang not in _TEXT:
        raise PluginError(f"error: {where}: no PDF texts for language '{lang}'; add them to _TEXT in overrides/hooks/pdfs.py")
    name = f"{PDF_DIR}/{pdf_stem(doc.page)}.{lang}.pdf"
    box_end = _info_box_end(output, where)  # first: a page without one fails before the slow part
    # The cache key is taken from what the PDF is made of, before any parsing: a warm build
    # spends no time on a document whose article, texts and styles have not changed.
    start, end = output.find('<article class="md-content__inner'), output.find("</article>")
    inputs = [output[start:end] if 0 <= start < end else output, page.canonical_url or "", page.url, lang,
              repr(doc), repr(_state["municipalities"].get(doc.municipality)), config.site_name, config.site_url or ""]
    data = _render(lambda: pdf_html(output, page, config, doc, lang, where), inputs, where)
    target = Path(config.site_dir) / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    _state["made"][(doc.id, lang)] = name
    label = _TEXT[lang]["link"].format(size=f"{max(1, round(len(data) / 1000))} kB")
    link = (f'<p class="pdf-download"><a href="{get_relative_url(name, page.url)}" type="application/pdf" '
            f'hreflang="{lang}" download>{label}</a></p>\n')
    return output[:box_end] + link + output[box_end:]


@event_priority(-200)  # after mkdocs-static-i18n has built the other languages
def on_post_build(config):
    if _building_nested(config):
        return
    i18n = config.plugins.get("i18n")
    langs = list(getattr(i18n, "build_languages", None) or ["sv"])
    missing = [f"{doc.page} ({lang})" for doc in _state["documents"].values() for lang in langs
               if (doc.id, lang) not in _state["made"]
               or not (Path(config.site_dir) / _state["made"][(doc.id, lang)]).is_file()]
    if missing:
        raise PluginError("error: no PDF was made for " + ", ".join(missing) +
                          "; each document page needs 'source_document' in its front matter and an info box")
    _prune_cache(_state["cache"])


def _prune_cache(cache: Path, days: int = 30):
    """Forget PDFs no build has used for a month (each edit of a document adds one)."""
    cutoff = time.time() - days * 86400
    for path in cache.glob("*.pdf"):
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)


def pdf_stem(page: str) -> str:
    """The PDF's file name without language: 'stockholm/strategi.md' → 'stockholm-strategi'."""
    return page[: -len(".md")].replace("/", "-")


def pdf_html(output: str, page, config, doc, lang: str, where: str) -> str:
    """The standalone HTML for the PDF: the page's article without the web-only parts."""
    # Only the article is parsed: the navigation around it is most of the page (and of the time).
    start, end = output.find('<article class="md-content__inner'), output.find("</article>")
    root = tinyhtml5.parse(output[start:end + len("</article>")] if 0 <= start < end else "",
                           namespace_html_elements=False)
    article = next((el for el in root.iter("article") if "md-content__inner" in _classes(el)), None)
    if article is None:
        raise PluginError(f"error: {where}: no <article> in the built page to make the PDF from")
    parents = {child: parent for parent in article.iter() for child in parent}
    for el in [el for el in article.iter() if el.tag in _DROP_TAGS or _classes(el) & _DROP_CLASSES]:
        _remove(parents, el)  # inside an element already removed, this changes nothing that is kept
    h1 = article.find(".//h1")
    if h1 is None:
        raise PluginError(f"error: {where}: the page has no title (h1) for the PDF")
    title = " ".join("".join(h1.itertext()).split())

    base = page.canonical_url  # absolute when site_url is set (it is in mkdocs.yml; serve sets it too)
    ids = {el.get("id") for el in article.iter() if el.get("id")}
    for a in list(article.iter("a")):
        href = a.get("href")
        if href is None:
            continue
        if href.startswith("#"):
            keep = href[1:] in ids  # an internal PDF link; an anchor that is not in the PDF goes
        else:
            keep = bool(base)
            if keep:
                a.set("href", urljoin(base, href))
        if not keep:
            del a.attrib["href"]
            a.tag = "span"

    text = _TEXT[lang]
    municipality = _state["municipalities"].get(doc.municipality, {}).get(lang)
    if not municipality:
        raise PluginError(f"error: docs/data/comparison.yml: municipality '{doc.municipality}' has no name in '{lang}'")
    site_name = config.site_name
    html = ElementTree.Element("html", lang=lang)
    head = ElementTree.SubElement(html, "head")
    ElementTree.SubElement(head, "meta", charset="utf-8")
    ElementTree.SubElement(head, "title").text = title
    ElementTree.SubElement(head, "meta", name="description",
                           content=text["description"].format(municipality=municipality, title=title, site=site_name))
    body = ElementTree.SubElement(html, "body")
    front = ElementTree.SubElement(body, "header", {"class": "pdf-front"})
    ElementTree.SubElement(front, "p", {"class": "pdf-municipality"}).text = municipality
    parents = {child: parent for parent in article.iter() for child in parent}
    _remove(parents, h1)
    h1.tail = None
    front.append(h1)
    if base:
        origin = ElementTree.SubElement(front, "p", {"class": "pdf-origin"})
        origin.text = text["origin"].format(site=site_name)
        _url(origin, base)
    if "authoritative" in text:  # a translation: say which text is the original
        original = ElementTree.SubElement(front, "p", {"class": "pdf-origin"})
        original.text = text["authoritative"]
        if base:
            original.text += ": "
            _url(original, urljoin(config.site_url, page_url(doc.page)))
        else:
            original.text += "."
    main = ElementTree.SubElement(body, "main")
    main.text = article.text
    for child in list(article):
        main.append(child)
    return "<!DOCTYPE html>\n" + ElementTree.tostring(html, encoding="unicode", method="html")


def _url(parent, url: str):
    link = ElementTree.SubElement(parent, "a", href=url)
    link.text = url
    link.tail = "."


def _classes(el) -> set[str]:
    return set((el.get("class") or "").split())


def _remove(parents: dict, el):
    """Take an element out of the tree; the text after it stays where it was."""
    parent = parents[el]
    if el.tail:
        siblings = list(parent)
        i = siblings.index(el)
        if i:
            siblings[i - 1].tail = (siblings[i - 1].tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _render(make_html, inputs: list[str], where: str) -> bytes:
    """The PDF of `make_html()`, from the cache when `inputs` (everything it is made of) are unchanged."""
    css = _state["css"]
    versions = [importlib.metadata.version(name) for name in ("weasyprint", "pydyf")]
    key = hashlib.sha256("\0".join([*versions, repr(sorted(OPTIONS.items())),
                                    Path(__file__).read_text(encoding="utf-8"), css, *inputs]).encode()).hexdigest()
    cache: Path = _state["cache"]
    cached = cache / f"{key}.pdf"
    if cached.is_file():
        os.utime(cached)  # in use: kept by _prune_cache
        return cached.read_bytes()
    # Imported only now: importing WeasyPrint takes a second, and a warm build needs none of it.
    try:
        import weasyprint
        from weasyprint.urls import URLFetcher
    except OSError as exc:  # its C libraries are missing
        raise PluginError(f"error: {where}: WeasyPrint cannot load its libraries ({exc}); install Debian's "
                          "libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation (make site does it)")

    html_doc = make_html()
    warnings = _Collect()
    weasy_log = logging.getLogger("weasyprint")
    weasy_log.addHandler(warnings)
    try:
        # No fetcher protocol is allowed: the PDF needs nothing from anywhere (fonts are local),
        # and an attempt to fetch something shows up as a warning, which stops the build.
        data = weasyprint.HTML(string=html_doc, url_fetcher=URLFetcher(allowed_protocols=())).write_pdf(
            stylesheets=[weasyprint.CSS(string=css)], **OPTIONS)
    except Exception as exc:  # WeasyPrint raises many kinds; the build must say which page failed
        raise PluginError(f"error: {where}: WeasyPrint could not make the PDF: {exc!r}")
    finally:
        weasy_log.removeHandler(warnings)
    if warnings.messages:
        raise PluginError(f"error: {where}: WeasyPrint warned while making the PDF: " + "; ".join(warnings.messages))
    cache.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, cached)  # atomic: a parallel build never reads half a file
    return data


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def _info_box_end(output: str, where: str) -> int:
    """Offset of the </div> that closes the page's first info box (where the PDF link goes)."""
    start = output.find('<div class="admonition info">')
    if start < 0:
        raise PluginError(f"error: {where}: no info box (!!! info) to put the PDF link in; "
                          "every document page starts with one that says what the document is")
    return _closing_div(output, start)


def _closing_div(html: str, start: int) -> int:
    """Offset of the </div> that closes the <div> at start (admonitions may hold divs)."""
    depth, pos = 0, start
    while True:
        opening = html.find("<div", pos)
        closing = html.find("</div>", pos)
        if closing < 0:
            raise PluginError("error: unbalanced <div> in the built page")
        if 0 <= opening < closing:
            depth += 1
            pos = opening + 4
        else:
            depth -= 1
            if depth == 0:
                return closing
            pos = closing + 6
