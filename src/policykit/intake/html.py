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
Inside the main content, the site's own chrome (`chrome.kind`: by class, id, role,
aria-label or first words) is left out: cookie banners, share/print/listen bars,
breadcrumbs, "Följ oss", related links, "Sidan senast uppdaterad", "Hittade du den
information du sökte?"; `Extracted.notes` says which kinds. Bylines and contact boxes stay
in the text for the record and are set aside, as is what `furniture` finds by the words (a
"Skriv ut" paragraph, a contact line), and every other line naming a person found there.

`Extracted.reading` (intake.reading.Reading)::

    title=[3]            the main content's first <h1> (a banner's, byline's or contact box's never)
    headings=[7, 11]     its <h2>–<h6>, not those in a contact box or set aside
    items=[9, 10]        "• " lines from <li>
    aside=[SetAside(20, 1, "Maria Ekholm", "contact"), SetAside(24, 1, "Skriv ut", "web"), ...]

A page without <main>, role="main" or <article> is refused: guessing at the content would
let the menu or the news list in as policy text.

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
from policykit.intake import chrome, persons
from policykit.intake.extract import Extracted
from policykit.intake.furniture import SetAside, numbered, furniture
from policykit.intake.reading import Reading

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
    out = _Writer(len(_words(main)))
    _walk(main, out)
    out.flush(blank=False)
    text, marks = out.text()
    if not text.strip():
        raise PolicyError(Problem(str(path), "is a web page whose main content has no text",
                                  "give the page that holds the policy, or the policy's PDF"))
    version = importlib.metadata.version("tinyhtml5")
    notes = [f"left out of the text: {', '.join(sorted(out.dropped))} (the site around the document)"] \
        if out.dropped else []
    return Extracted(text=text, tool=f"tinyhtml5 {version}", pages=1, kind="html", notes=notes,
                     reading=_reading(text, marks))


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


class _Writer:
    """The lines written so far, the block being written, and what the markup says of each line."""

    def __init__(self, main_chars: int):
        self.lines: list[tuple[str, str]] = []   # (text, mark): "h1".."h6", "li", "aside:<reason>" or ""
        self.inline: list[str] = []
        self.marks: list[str] = []               # the enclosing marks, innermost last
        self.dropped: set[str] = set()
        self.main_chars = main_chars

    def flush(self, blank: bool = True) -> None:
        text = re.sub(r"\s+", " ", "".join(self.inline)).strip()
        self.inline.clear()
        if text == "•":  # a list item whose text is in a block of its own (<li><p>…): keep the bullet for it
            self.inline.append("• ")
            return
        if text:
            aside = next((m for m in reversed(self.marks) if m.startswith("aside:")), None)
            self.lines.append((text, aside or (self.marks[-1] if self.marks else "")))
        if blank and self.lines and self.lines[-1][0] != "":
            self.lines.append(("", ""))

    def text(self) -> tuple[str, dict[int, str]]:
        """The text, and the mark of each marked line by its 1-based number."""
        lines = [(t.rstrip(), m) for t, m in self.lines]
        while lines and not lines[0][0]:
            lines.pop(0)
        while lines and not lines[-1][0]:
            lines.pop()
        text = "\n".join(t for t, _ in lines) + "\n"
        return text, {no: m for no, (_, m) in enumerate(lines, 1) if m}


def _walk(el: Element, out: _Writer, item: bool = False) -> None:
    """Append el's text to out; inside a list item (item), blocks follow one another without a blank line."""
    tag = _tag(el)
    if not tag:  # a comment or processing instruction: its text is no content
        _tail(el, out.inline)
        return
    if tag in _DROP or _hidden(el) or (tag == "header" and not any(_tag(e) in _HEADINGS for e in el.iter())):
        _tail(el, out.inline)
        return
    what = _chrome(el, tag, out.main_chars)
    if what and what not in chrome.KEEP:
        out.dropped.add(what)
        _tail(el, out.inline)
        return
    block = tag in _BLOCK
    # list items and table rows follow one another; other blocks are paragraphs
    paragraph = not item and tag not in {"li", "tr", "dt", "dd"}
    if block:
        out.flush(blank=paragraph)
    mark = f"aside:{chrome.KEEP[what]}" if what else (tag if tag in _HEADINGS or tag == "li" else None)
    if mark:
        out.marks.append(mark)
    if tag == "br":
        out.flush(blank=False)
    elif tag == "li":
        out.inline.append("• ")
    if el.text:
        out.inline.append(el.text)
    for child in el:
        _walk(child, out, item or tag == "li")
    if block or mark:
        out.flush(blank=paragraph and block)
    if mark:
        out.marks.pop()
    _tail(el, out.inline)


def _chrome(el: Element, tag: str, main_chars: int) -> str | None:
    """The element's kind when it is chrome (`chrome.kind`); never the wrapper of most of the content."""
    what = chrome.kind(el, tag)
    if what is None:
        return None
    if main_chars > 400 and len(_words(el)) > main_chars / 2:
        return None  # a template's class on the content's own wrapper ("page contact-page")
    return what


def _words(el: Element) -> str:
    return re.sub(r"\s+", " ", " ".join(chrome.texts(el))).strip()


def _reading(text: str, marks: dict[int, str]) -> Reading:
    """The title (the main content's first <h1>), headings (h2–h6), list items and what is set aside:
    the lines the markup keeps aside, then what `furniture` finds by the words (a name beside a cue
    set aside wherever else it stands)."""
    lines = numbered(text)
    reasons = {no: m.split(":", 1)[1] for no, m in marks.items() if m.startswith("aside:")}
    shown = {no for no, m in marks.items() if m in _HEADINGS}
    _, found = furniture(text)
    for s in found:
        # a heading by its markup is no letterhead, address or lone date whatever its words
        if s.line not in reasons and not (s.line in shown and s.reason in {"letterhead", "address", "date", "running"}):
            reasons[s.line] = s.reason
    persons.set_aside_named(lines, reasons)
    by_no = {no: t for no, _, t, _ in lines}
    title = [no for no, m in sorted(marks.items()) if m == "h1" and no not in reasons][:1]
    return Reading(title=title,
                   headings=[no for no, m in sorted(marks.items()) if m in _HEADINGS - {"h1"} and no not in reasons],
                   items=[no for no, m in sorted(marks.items())
                          if m == "li" and no not in reasons and by_no[no].startswith("• ")],
                   aside=[SetAside(no, 1, by_no[no], r) for no, r in sorted(reasons.items())])


def _tail(el: Element, inline: list[str]) -> None:
    if el.tail:
        inline.append(el.tail)


def _tag(el: Element) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _hidden(el: Element) -> bool:
    return el.get("hidden") is not None or el.get("aria-hidden") == "true" or \
        "display:none" in (el.get("style") or "").replace(" ", "")
