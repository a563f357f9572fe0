"""What mkdocs-static-i18n and Material do not do for a site in two languages, as plain functions.

mkdocs-static-i18n builds each language in turn into one site (Swedish at the root, English
under en/), and with Material:

- the root 404.html is the last-built language's (its issues #284, #326, #349): `place_404`
  puts each language's 404 page where it belongs;
- Material's head links each language's version (``<link rel="alternate" hreflang>``) and its
  script fetches sitemap.xml beside each, as if every language had its own root: 404s on every
  page. `without_alternates` is the template filter (overrides/main.html) that leaves them out;
- a translated page's clauses should each lead to the Swedish original: `link_originals`
  adds ``<a class="clause-original" hreflang="sv">sv</a>`` after each clause's own § link.

Each works on files or HTML text, so each is tested without MkDocs. (Search per language is
Pagefind's, which keeps one index per ``<html lang>``: publish/search.py.)
"""

from __future__ import annotations

import re
from pathlib import Path

from policykit.labels import label

LANGS = ("sv", "en")  # the first is the default language, at the site's root
_HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[a-z]+">')
# Whatever the order of its attributes (the Markdown serializer sorts them).
_CLAUSE_LINK = re.compile(r'(<a (?=[^>]*\bclass="clause-link")(?=[^>]*\bhref="#([a-z0-9-]+)")[^>]*>§</a>)')


def without_alternates(head: str) -> str:
    """The head's meta block without its hreflang alternates (a Jinja filter: Markup in, Markup out)."""
    return type(head)(_HEAD_ALTERNATE.sub("", str(head))) if hasattr(head, "__html__") else _HEAD_ALTERNATE.sub("", head)


def link_originals(html: str, original_url) -> str:
    """After each clause's § link, a link to the clause in the Swedish original.

    `original_url(clause id)` gives the link. Added to the HTML, not the Markdown: a link to the
    Swedish .md file would be localised to the translation by mkdocs-static-i18n.
    """
    def original(m: re.Match) -> str:
        cid = m.group(2)
        name = label("clause.original", "en", cid)
        return (m.group(1) + f'<a class="clause-original" href="{original_url(cid)}" hreflang="sv" '
                f'aria-label="{name}" data-pagefind-ignore>sv</a>')

    return _CLAUSE_LINK.sub(original, html)


def place_404(site: Path, pages: dict[str, str]) -> None:
    """Each language's 404 page where it belongs: the default language's at the root."""
    for lang, html_text in pages.items():
        target = site / "404.html" if lang == LANGS[0] else site / lang / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html_text, encoding="utf-8")
