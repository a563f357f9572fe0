"""The standalone HTML a document's PDF is made from: the built page's article, without the web.

`pdf_html(output, ...)` takes a built page, keeps its article (title, policy text, headings,
lists, footnotes and commentary boxes), drops what only works on the web, makes links
absolute, and returns what WeasyPrint renders (it reads /Lang from <html lang> and /Title
from <title>)::

    <html lang="sv"><head><title>Internationell strategi för Stockholms stad</title> ...</head>
    <body><header class="pdf-front">
        <p class="pdf-municipality">Stockholms stad</p>
        <h1 id="strategi-titel">Internationell strategi för Stockholms stad</h1>
        <p class="pdf-origin">... <a href="http://SITE/stockholm/strategi/">...</a></p></header>
      <main> the rest of the article: clause ids kept (PDF link destinations), links absolute </main>
    </body></html>
"""

from __future__ import annotations

from urllib.parse import urljoin
from xml.etree import ElementTree

import tinyhtml5

from policykit.errors import PolicyError, Problem
from policykit.labels import labels

TEXT = labels("pdf")
ARTICLE = '<article class="md-content__inner'
# Parts of the article that only work on the web: permalinks, the clause's own "§" link, the
# "cited in" cross-references and their count, footnote back links. A translation's "sv" link after each clause
# stays (made absolute): the translation note says every sentence links to its original.
_DROP_CLASSES = {"headerlink", "clause-link", "cited-count", "cited-in", "footnote-backref",
                 "md-content__button", "md-source-file"}
_DROP_TAGS = {"script", "style", "noscript", "input", "button", "form", "nav", "svg"}


def article_of(output: str) -> str:
    """The article's HTML in a built page (the navigation around it is most of the page)."""
    start, end = output.find(ARTICLE), output.find("</article>")
    return output[start:end + len("</article>")] if 0 <= start < end else ""


def pdf_html(article_html: str, where: str, *, lang: str, municipality: str, site_name: str,
             page_url: str | None, original_url: str | None) -> str:
    """The PDF's HTML. `page_url` is the page's absolute URL (None: links are dropped);
    `original_url` the Swedish original's, for a translation (None for the original itself)."""
    root = tinyhtml5.parse(article_html, namespace_html_elements=False)
    article = next((el for el in root.iter("article") if "md-content__inner" in _classes(el)), None)
    if article is None:
        raise PolicyError(Problem(where, "no <article> in the built page to make the PDF from",
                                  "keep Material's article in the page template"))
    parents = {child: parent for parent in article.iter() for child in parent}
    for el in [el for el in article.iter() if el.tag in _DROP_TAGS or _classes(el) & _DROP_CLASSES]:
        _remove(parents, el)  # inside an element already removed, this changes nothing that is kept
    h1 = article.find(".//h1")
    if h1 is None:
        raise PolicyError(Problem(where, "the page has no title (h1) for the PDF", "give the page a # title"))
    title = " ".join("".join(h1.itertext()).split())
    _absolute_links(article, page_url)

    def text(key: str, **fmt) -> str:
        return TEXT[key][lang].format(**fmt)

    html = ElementTree.Element("html", lang=lang)
    head = ElementTree.SubElement(html, "head")
    ElementTree.SubElement(head, "meta", charset="utf-8")
    ElementTree.SubElement(head, "title").text = title
    ElementTree.SubElement(head, "meta", name="description",
                           content=text("description", municipality=municipality, title=title, site=site_name))
    body = ElementTree.SubElement(html, "body")
    front = ElementTree.SubElement(body, "header", {"class": "pdf-front"})
    ElementTree.SubElement(front, "p", {"class": "pdf-municipality"}).text = municipality
    _remove({child: parent for parent in article.iter() for child in parent}, h1)
    h1.tail = None
    front.append(h1)
    if page_url:
        origin = ElementTree.SubElement(front, "p", {"class": "pdf-origin"})
        origin.text = text("origin", site=site_name)
        _url(origin, page_url)
    if lang in TEXT["authoritative"]:  # a translation: say which text is the original
        original = ElementTree.SubElement(front, "p", {"class": "pdf-origin"})
        original.text = text("authoritative")
        if page_url and original_url:
            original.text += ": "
            _url(original, original_url)
        else:
            original.text += "."
    main = ElementTree.SubElement(body, "main")
    main.text = article.text
    for child in list(article):
        main.append(child)
    return "<!DOCTYPE html>\n" + ElementTree.tostring(html, encoding="unicode", method="html")


def _absolute_links(article, base: str | None) -> None:
    """Links within the PDF stay internal; others become absolute (or text, without a base)."""
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
