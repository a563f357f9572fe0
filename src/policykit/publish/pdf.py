"""Every policy document as an accessible PDF (tagged PDF/UA-1), in each language, cached.

A document page is a page whose front matter names its ``source_document`` (see
sources/sources.yml). For each, in each language build, the plugin hands `PdfMaker.page` the
built page; it takes the article (`pdf_article`), has WeasyPrint render it with pdf.css
beside this module, writes it to the site, and returns the page with a link to it at the end
of its info box: "Ladda ned som PDF (tillgänglig PDF/UA, 41 kB)". The file name comes from
the Swedish page's path::

    docs/stockholm/strategi.md       → site/pdf/stockholm-strategi.sv.pdf
    docs/stockholm/strategi.en.md    → site/pdf/stockholm-strategi.en.pdf

A document page without an info box, a PDF WeasyPrint cannot make, or a warning from
WeasyPrint stops the build; so does a document missing its PDF in any language (`missing`).

WeasyPrint takes about a second per document, so each PDF is cached in .cache/pdf/<sha256>.pdf
(or the folder POLICY_PDF_CACHE names; the Makefile sets it so that builds of project copies
in the tests share it), keyed by what the PDF is made of (the built article, its URLs, language,
document and municipality), the stylesheet, the code of this module and of pdf_article, and the
WeasyPrint and pydyf versions, all taken before any parsing: an unchanged document costs a
hash and a file copy.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import os
import time
from pathlib import Path
from urllib.parse import urljoin

from policykit.errors import PolicyError, Problem
from policykit.labels import label
from policykit.pages.urls import page_url, pdf_stem
from policykit.publish import pdf_article

CSS = Path(__file__).with_name("pdf.css")
PDF_DIR = "pdf"
OPTIONS = {"pdf_variant": "pdf/ua-1"}  # PDF/UA-1 implies tagging (pdf_tags) and PDF 1.7


class PdfMaker:
    def __init__(self, root: Path):
        self.cache = Path(os.environ.get("POLICY_PDF_CACHE") or root / ".cache" / "pdf")
        self.css = CSS.read_text(encoding="utf-8")
        code = "".join(Path(m.__file__).read_text(encoding="utf-8") for m in (pdf_article,)) + Path(__file__).read_text(
            encoding="utf-8")
        versions = [importlib.metadata.version(name) for name in ("weasyprint", "pydyf")]
        self.salt = "\0".join([*versions, repr(sorted(OPTIONS.items())), code, self.css])

    def page(self, output: str, doc, municipality: dict, lang: str, where: str, *, site: Path, url: str,
             canonical: str | None, site_url: str | None, site_name: str, relative) -> str:
        """Make the page's PDF into `site`; return the page with its download link. `relative(path)`
        gives a link from the page to a site path."""
        name = f"{PDF_DIR}/{pdf_stem(doc.page)}.{lang}.pdf"
        box_end = _info_box_end(output, where)  # first: a page without one fails before the slow part
        article = pdf_article.article_of(output)
        original = urljoin(site_url, page_url(doc.page)) if site_url and lang != "sv" else None
        inputs = [article or output, canonical or "", url, lang, repr(doc), repr(municipality), site_name,
                  site_url or ""]
        data = self._render(lambda: pdf_article.pdf_html(article, where, lang=lang, municipality=municipality[lang],
                                                         site_name=site_name, page_url=canonical,
                                                         original_url=original), inputs, where)
        target = site / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        return output[:box_end] + self._link(name, data, lang, relative) + output[box_end:]

    @staticmethod
    def _link(name: str, data: bytes, lang: str, relative) -> str:
        text = label("pdf.link", lang, size=f"{max(1, round(len(data) / 1000))} kB")
        return (f'<p class="pdf-download"><a href="{relative(name)}" type="application/pdf" '
                f'hreflang="{lang}" download>{text}</a></p>\n')

    def missing(self, site: Path, documents, langs) -> list[str]:
        """Document pages (and languages) that got no PDF in this build."""
        return [f"{doc.page} ({lang})" for doc in documents for lang in langs
                if not (site / PDF_DIR / f"{pdf_stem(doc.page)}.{lang}.pdf").is_file()]

    def prune(self, days: int = 30):
        """Forget PDFs no build has used for a month (each edit of a document adds one)."""
        cutoff = time.time() - days * 86400
        for path in self.cache.glob("*.pdf"):
            if path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)

    def _render(self, make_html, inputs: list[str], where: str) -> bytes:
        """The PDF of `make_html()`, from the cache when `inputs` (everything it is made of) are unchanged."""
        key = hashlib.sha256("\0".join([self.salt, *inputs]).encode()).hexdigest()
        cached = self.cache / f"{key}.pdf"
        if cached.is_file():
            os.utime(cached)  # in use: kept by prune
            return cached.read_bytes()
        # Imported only now: importing WeasyPrint takes a second, and a warm build needs none of it.
        try:
            import weasyprint
            from weasyprint.urls import URLFetcher
        except OSError as exc:  # its C libraries are missing
            raise PolicyError(Problem(where, f"WeasyPrint cannot load its libraries ({exc})", "install Debian's "
                                      "libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation (make site does it)"))
        html_doc = make_html()
        warnings = _Collect()
        weasy_log = logging.getLogger("weasyprint")
        weasy_log.addHandler(warnings)
        try:
            # No fetcher protocol is allowed: the PDF needs nothing from anywhere (fonts are local),
            # and an attempt to fetch something shows up as a warning, which stops the build.
            data = weasyprint.HTML(string=html_doc, url_fetcher=URLFetcher(allowed_protocols=())).write_pdf(
                stylesheets=[weasyprint.CSS(string=self.css)], **OPTIONS)
        except Exception as exc:  # WeasyPrint raises many kinds; the build must say which page failed
            raise PolicyError(Problem(where, f"WeasyPrint could not make the PDF: {exc!r}", "fix the page's HTML"))
        finally:
            weasy_log.removeHandler(warnings)
        if warnings.messages:
            raise PolicyError(Problem(where, "WeasyPrint warned while making the PDF: " + "; ".join(warnings.messages),
                                      "fix what it warns about"))
        self.cache.mkdir(parents=True, exist_ok=True)
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
        raise PolicyError(Problem(where, "no info box (!!! info) to put the PDF link in",
                                  "every document page starts with one that says what the document is"))
    depth, pos = 0, start
    while True:
        opening, closing = output.find("<div", pos), output.find("</div>", pos)
        if closing < 0:
            raise PolicyError(Problem(where, "unbalanced <div> in the built page", "close every <div>"))
        if 0 <= opening < closing:
            depth, pos = depth + 1, opening + 4
        else:
            depth, pos = depth - 1, closing + 6
            if depth == 0:
                return closing
