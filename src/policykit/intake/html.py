"""A web page's main content as text: the policy, without the site around it.

    <body>
      <header>logo, search</header>  <nav>menu</nav>          ← dropped (outside the main content)
      <main>                                                   ← or role="main", or the <article>
        <nav class="breadcrumbs">…</nav>                        ← dropped: nav, aside, footer, form,
        <h1>Internationell policy</h1>                              script, style, noscript, template,
        <p>Policyn anger …</p>                                      button, svg, iframe, hidden elements
        <ul><li>delta i …</li></ul>                             ← "• delta i …"
        <footer>Sidan senast uppdaterad 2024-05-02</footer>     ← dropped
      </main>
      <footer>Postadress …</footer>                             ← dropped
    </body>

Headings, paragraphs and other blocks become lines separated by a blank line; list items
become "• item" lines; inline whitespace is collapsed. A <header> inside the main content
is kept only when it holds the page's heading (an <article>'s own header often does).
What survives (a "Skriv ut" link, a contact line) is left to `furniture`. A page without
<main>, role="main" or <article> is refused: guessing at the content would let the menu or
the news list in as policy text.

Parsed with tinyhtml5 (an HTML5 parser: implied end tags and broken markup as browsers read
them), which the project already uses for WeasyPrint.
"""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path
from xml.etree.ElementTree import Element

import tinyhtml5

from policykit.errors import PolicyError, Problem
from policykit.intake.extract import Extracted

_DROP = {"nav", "aside", "footer", "form", "script", "style", "noscript", "template", "button",
         "svg", "iframe", "select", "input", "label", "dialog", "object", "canvas", "video", "audio"}
_BLOCK = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
          "li", "dl", "dt", "dd", "table", "tr", "blockquote", "pre", "figure", "figcaption",
          "address", "hr", "details", "summary", "header", "caption", "thead", "tbody"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def read_html(path: Path, data: bytes) -> Extracted:
    root = tinyhtml5.parse(_text(data), namespace_html_elements=False)
    main = main_content(root)
    if main is None:
        raise PolicyError(Problem(str(path), "is a web page without main content (no <main>, role=\"main\" "
                                  "or <article>)", "save the policy itself (its PDF, or the text of its "
                                  "main part as UTF-8) and give that file"))
    lines: list[str] = []
    _walk(main, lines, [])
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(ln.rstrip() for ln in lines)).strip("\n") + "\n"
    if not text.strip():
        raise PolicyError(Problem(str(path), "is a web page whose main content has no text",
                                  "give the page that holds the policy, or the policy's PDF"))
    version = importlib.metadata.version("tinyhtml5")
    return Extracted(text=text, tool=f"tinyhtml5 {version}", pages=1, kind="html")


def _text(data: bytes) -> str | bytes:
    """The page as text when its bytes are UTF-8 and nothing in it says otherwise; else the bytes,
    for tinyhtml5's own sniffing (a BOM, <meta charset>). A page saved without <meta charset> is
    read by HTML's default, windows-1252, which makes mojibake of UTF-8 ("fÃ¶r" for "för")."""
    head = data[:2048].lower()
    if b"charset" in head and b"utf-8" not in head and b"utf8" not in head:
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data


def main_content(root: Element) -> Element | None:
    """<main>, else the element with role="main", else the <article> with the most text."""
    for el in root.iter():
        if _tag(el) == "main" and not _hidden(el):
            return el
    for el in root.iter():
        if el.get("role") == "main" and not _hidden(el):
            return el
    articles = [el for el in root.iter() if _tag(el) == "article" and not _hidden(el)]
    return max(articles, key=lambda a: len("".join(a.itertext())), default=None)


def _walk(el: Element, lines: list[str], inline: list[str], item: bool = False) -> None:
    """Append el's text to lines; inline collects the text of the block being written;
    inside a list item (item), blocks follow one another without a blank line."""
    tag = _tag(el)
    if not tag:  # a comment or processing instruction: its text is no content
        _tail(el, inline)
        return
    if tag in _DROP or _hidden(el) or (tag == "header" and not any(_tag(e) in _HEADINGS for e in el.iter())):
        _tail(el, inline)
        return
    block = tag in _BLOCK
    # list items and table rows follow one another; other blocks are paragraphs
    paragraph = not item and tag not in {"li", "tr", "dt", "dd"}
    if block:
        _flush(lines, inline, blank=paragraph)
    if tag == "br":
        _flush(lines, inline, blank=False)
    elif tag == "li":
        inline.append("• ")
    if el.text:
        inline.append(el.text)
    for child in el:
        _walk(child, lines, inline, item or tag == "li")
    if block:
        _flush(lines, inline, blank=paragraph)
    _tail(el, inline)


def _tail(el: Element, inline: list[str]) -> None:
    if el.tail:
        inline.append(el.tail)


def _flush(lines: list[str], inline: list[str], blank: bool = True) -> None:
    text = re.sub(r"\s+", " ", "".join(inline)).strip()
    inline.clear()
    if text == "•":  # a list item whose text is in a block of its own (<li><p>…): keep the bullet for it
        inline.append("• ")
        return
    if text:
        lines.append(text)
    if blank and lines and lines[-1] != "":
        lines.append("")


def _tag(el: Element) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _hidden(el: Element) -> bool:
    return el.get("hidden") is not None or el.get("aria-hidden") == "true" or \
        "display:none" in (el.get("style") or "").replace(" ", "")
