"""Python-Markdown extension: a clause's text as an anchored span with a copyable link.

The build hook turns each ``<!-- clause: ID -->`` marker into the private token ``⟦clause:ID⟧``
before Markdown runs; this inline processor turns the token and the text after it (up to the
next token or the end of the paragraph, list item or footnote) into::

    <span class="clause" id="ID">text<span class="clause-marks"><a class="clause-link" href="#ID"
      aria-label="Permanent länk till Strategin, avsnitt 4, punkt 2" ...>§</a></span></span>

The marks are quiet: shown when the reader points at or focuses the clause, or lands on it
(site.css), never as footnote-like signs after every sentence; docs/assets/clause-keys.js makes
a section's marks one Tab stop, the arrow keys moving between them.

A clause cited on other pages gets, after its § link, a small count that links to the list of
those pages, kept right after it and hidden until it is the page's :target (site.css)::

    text<span class="clause-marks"><a class="clause-link" ...>§</a><a class="cited-count"
    href="#cited-ID" aria-label="Citeras på 4 sidor">4</a></span><span class="cited-in"
    id="cited-ID">citeras i <a ...>page</a>, ...</span></span>

A link and a fragment, not <details> (a block element, not allowed inside a paragraph): it
works without JavaScript, from the keyboard (Enter opens, the next Tab is in the list) and
with a screen reader (the count's name says what it is). Both are kept out of the search index.

Doing it inside Markdown (not as raw HTML) keeps the ids in the element tree, so MkDocs'
strict anchor validation knows every clause anchor, and the text inside is still Markdown
(footnote references, emphasis).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.postprocessors import Postprocessor
from markdown.util import AtomicString
from policykit.labels import labels
from policykit.publish.search import WEIGHT

TOKEN = "⟦clause:{}⟧"
PATTERN = r"⟦clause:([a-z0-9-]+)⟧(.*?)(?=⟦clause:|\Z)"

LABELS = labels("clause.permalink")
CITED = labels("clause.cited")
COUNT = labels("clause.cited_count")  # {one: {sv, en}, other: {sv, en}}
KEYS = labels("clause.keys")
# Once on a page with clauses: what the arrow keys do, shown by clause-keys.js while a mark has
# focus and read as the marks' description; hidden, out of the search index and the PDFs.
HINT = '<p class="clause-keys" id="clause-keys" hidden data-pagefind-ignore>{}</p>'


class _ClauseProcessor(InlineProcessor):
    def __init__(self, pattern, md, ext):
        super().__init__(pattern, md)
        self.ext = ext

    def handleMatch(self, m, data):
        cid, text = m.group(1), m.group(2)
        # Pagefind (publish/search.py): policy text weighs more than guidance that quotes it.
        span = etree.Element("span", {"class": "clause", "id": cid, "data-pagefind-weight": WEIGHT})
        body = text.rstrip()
        span.text = body
        # Named as the pages cite it ("Strategin, avsnitt 4, punkt 2"): the screen reader's name,
        # and the title of the clause's search result (Pagefind's metadata "cite-ID", read from
        # data-cite: search-ui.js). No title attribute on the marks: Material sets up a tooltip
        # for every element with one, on load, whether the reader ever points at it or not.
        name = self.ext.name(cid)
        label = LABELS.get(self.ext.lang, LABELS["sv"]).format(name)
        # The marks after the text (§, on English pages "sv", the count) wrap as one, quiet until
        # the clause is hovered, focused or the :target (site.css; the keys: clause-keys.js).
        marks = etree.SubElement(span, "span", {"class": "clause-marks"})
        link = etree.SubElement(marks, "a", {"class": "clause-link", "href": f"#{cid}", "aria-label": label,
                                             "data-cite": name, "data-pagefind-ignore": "",
                                             "data-pagefind-meta": f"cite-{cid}[data-cite]"})
        link.text = AtomicString("§")
        places = self.ext.cited_in.get(cid)
        if places:
            # Markdown links: the inline patterns after this one turn them into checked links.
            # Kept out of the search index: otherwise a search for a page's name finds every clause it cites.
            lang = self.ext.lang if self.ext.lang in CITED else "sv"
            name = COUNT["one" if len(places) == 1 else "other"][lang].format(len(places))
            count = etree.SubElement(marks, "a", {"class": "cited-count", "href": f"#cited-{cid}",
                                                 "aria-label": name, "data-pagefind-ignore": ""})
            count.text = AtomicString(str(len(places)))
            cited = etree.SubElement(span, "span", {"class": "cited-in", "id": f"cited-{cid}",
                                                    "data-pagefind-ignore": ""})
            cited.text = CITED.get(self.ext.lang, CITED["sv"]) + ", ".join(
                f"[{title}]({path})" for title, path in places)
            cited.tail = text[len(body):]
        else:
            marks.tail = text[len(body):]
        return span, m.start(0), m.end(0)


class _Hint(Postprocessor):
    def __init__(self, md, ext):
        super().__init__(md)
        self.ext = ext

    def run(self, text: str) -> str:
        if 'class="clause-marks"' not in text:
            return text
        return text + "\n" + HINT.format(KEYS.get(self.ext.lang, KEYS["sv"]))


class ClauseExtension(Extension):
    def __init__(self, **kwargs):
        self.lang = "sv"
        self.cited_in = {}  # per page: .get(clause id) -> [(title, link)] of the pages citing it
        self.name = str     # per page: clause id -> its citation name (render.common.clause_label)
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # InlineProcessor compiles with re.DOTALL, so a clause's text may span lines.
        md.inlinePatterns.register(_ClauseProcessor(PATTERN, md, self), "policy_clause", 200)
        md.postprocessors.register(_Hint(md, self), "policy_clause_keys", 4)
