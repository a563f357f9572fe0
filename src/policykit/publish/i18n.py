"""What mkdocs-static-i18n and Material do not do for a site in two languages, as plain functions.

mkdocs-static-i18n builds each language in turn into one site (Swedish at the root, English
under en/), and with Material:

- both languages share one search index (its issues #31, #33, #271): `split_search_index`
  writes one per language (sv at search/, en at en/search/), and `rebase_search` points an
  English page's Material config (``<script id="__config">``, whose "base" locates the index)
  at en/;
- the root 404.html is the last-built language's (its issues #284, #326, #349): `place_404`
  puts each language's 404 page where it belongs;
- Material's head links each language's version (``<link rel="alternate" hreflang>``) and its
  script fetches sitemap.xml beside each, as if every language had its own root: 404s on every
  page. `without_alternates` is the template filter (overrides/main.html) that leaves them out;
- a translated page's clauses should each lead to the Swedish original: `link_originals`
  adds ``<a class="clause-original" hreflang="sv">sv</a>`` after each clause's own § link.

Each works on files or HTML text, so each is tested without MkDocs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from policykit.labels import label

LANGS = ("sv", "en")  # the first is the default language, at the site's root
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
_HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[a-z]+">')
_CLAUSE_LINK = re.compile(r'(<a [^>]*class="clause-link" href="#([a-z0-9-]+)"[^>]*>§</a>)')


def without_alternates(head: str) -> str:
    """The head's meta block without its hreflang alternates (a Jinja filter: Markup in, Markup out)."""
    return type(head)(_HEAD_ALTERNATE.sub("", str(head))) if hasattr(head, "__html__") else _HEAD_ALTERNATE.sub("", head)


def split_search_index(site: Path) -> None:
    """One search index per language: sv at search/, the others at <lang>/search/. Idempotent."""
    index_path = site / "search" / "search_index.json"
    if not index_path.exists():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    by_lang: dict[str, list] = {LANGS[0]: []}
    for doc in index["docs"]:
        head = doc["location"].split("/", 1)[0]
        if head in LANGS[1:]:
            by_lang.setdefault(head, []).append({**doc, "location": doc["location"][len(head) + 1:]})
        else:
            by_lang[LANGS[0]].append(doc)
    for lang, docs in by_lang.items():
        target = index_path if lang == LANGS[0] else site / lang / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        config = {**index["config"], "lang": [lang]}
        target.write_text(json.dumps({"config": config, "docs": docs}, ensure_ascii=False), encoding="utf-8")


def rebase_search(html: str, lang: str) -> str:
    """An English page's Material config, pointed at the English search index."""
    def rebase(m: re.Match) -> str:
        app = json.loads(m.group(2))
        app["base"] = app["base"].rstrip("/") + f"/{lang}/"  # the slash: Material resolves URLs against it
        return m.group(1) + json.dumps(app) + m.group(3)

    return _CONFIG.sub(rebase, html, count=1)


def link_originals(html: str, original_url) -> str:
    """After each clause's § link, a link to the clause in the Swedish original.

    `original_url(clause id)` gives the link. Added to the HTML, not the Markdown: a link to the
    Swedish .md file would be localised to the translation by mkdocs-static-i18n.
    """
    def original(m: re.Match) -> str:
        cid = m.group(2)
        name = label("clause.original", "en", cid)
        return (m.group(1) + f'<a class="clause-original" href="{original_url(cid)}" hreflang="sv" '
                f'title="{name}" aria-label="{name}">sv</a>')

    return _CLAUSE_LINK.sub(original, html)


def place_404(site: Path, pages: dict[str, str]) -> None:
    """Each language's 404 page where it belongs: the default language's at the root."""
    for lang, html_text in pages.items():
        target = site / "404.html" if lang == LANGS[0] else site / lang / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html_text, encoding="utf-8")
