"""Search: a Pagefind index of the built site, one per language, and the words it needs added.

Material's search plugin made every page fetch its language's whole lunr index on load (33 KB gzip
at 2 municipalities, about 100 KB at 100, growing with each one). Pagefind (PyPI ``pagefind`` with
``pagefind-bin``) indexes the built HTML once both languages are built (`index_site`), keeps one
index per ``<html lang>`` and splits it into fragments, so a reader fetches nothing before opening
the search and then only the fragments of the words typed (docs/assets/search-ui.js, which
docs/assets/search.js loads when the search box of overrides/partials/search.html is opened).

What Pagefind reads is set in the HTML:

- ``data-pagefind-body`` on the article of every content page (`mark_body`): the navigation,
  header and footer, the same on every page, are not indexed, and pages without it (404) are not;
- ``data-pagefind-weight`` on each clause (render/clause_ext.py): the policy text ranks above
  guidance that quotes it; ``data-pagefind-ignore`` on what repeats it (§ links, "cited in" lists,
  the traceability and repair tables, data tables) and on the headings' ¶ permalinks;
- Swedish compounds: Pagefind stems (Snowball, Swedish included: *besöket* finds *besök*) and
  matches prefixes (*besök* finds *besöksförfrågningar*), but a word at the end of a compound is
  not found (*avtal* in *samarbetsavtal*). `compound_tails` finds those ends with the Swedish word
  frequencies of wordfreq, and `add_search_words` gives each clause them in a hidden
  ``<span class="search-words" id="ID--ord" hidden>`` after its § link (from the built HTML, where
  the clause's words are final: glossary terms are <abbr> by then), and in both languages the
  termbase's variants of the clause's glossary terms (publish/synonyms.py: "twin city" finds the
  clause that says "twin towns").
"""

from __future__ import annotations

import functools
from html import escape as html_escape
import json
import math
import re
import shutil
import subprocess
import sys
from pathlib import Path

from policykit.errors import PolicyError, Problem

WEIGHT = "8"  # a clause's words count eight times a guidance page's (Pagefind's headings: 5-7)
WORDS_SUFFIX = "--ord"
_WORD = re.compile(r"[^\W\d_]+", re.U)
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset"')
_HEADERLINK = re.compile(r'<a class="headerlink"')
# What Pagefind writes that search.js never loads: its ready-made UIs and the playground.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js", "wasm.unknown.pagefind")
MIN_WORD, MIN_HEAD, MIN_TAIL, MIN_ZIPF = 8, 4, 4, 3.0
COMMON_TAIL_ZIPF, RARE_HEAD_ZIPF = 4.0, 1.9
# Endings that are words of their own as well (agerande -> ande, planering -> ring): not compound parts.
SUFFIXES = frozenset("ande ende ring ringar ingen erna orna arna ella liga heter enheter ling bara rika rikt "
                     "sting ting amma ökas sort visa visas lätta".split())


@functools.cache
def _frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict
    return get_frequency_dict("sv")


def _zipf(word: str) -> float:
    """wordfreq's Zipf frequency of a Swedish word, from its table read once (zipf_frequency
    tokenizes every word it is asked about: ten times slower over a build)."""
    freq = _frequencies().get(word, 0.0)
    return round(math.log10(freq) + 9, 2) if freq else 0.0


def _head_forms(head: str) -> list[str]:
    """A compound's first part as a word: without the linking s (samarbets -> samarbete), e or a."""
    forms = [head, head + "e", head + "a"]
    if head.endswith("s"):
        forms += [head[:-1], head[:-1] + "e"]
    if head.endswith(("e", "a", "u")):
        forms.append(head[:-1])
    return forms


@functools.lru_cache(maxsize=200_000)
def _tails(word: str) -> tuple[str, ...]:
    """The common Swedish words a compound ends with (samarbetsavtal -> avtal), at most three.

    A split counts when the end is a common word (Zipf frequency >= 3 in wordfreq's Swedish list,
    not a mere ending in SUFFIXES) and what comes before it is a common word too (>= 3, or >= 1.9
    before a very common end of five letters or more), as it is or with a linking letter added or
    taken away. A common word is not split (>= 4.5).
    """
    if len(word) < MIN_WORD or _zipf(word) >= 4.5:
        return ()
    found = []
    for i in range(MIN_HEAD, len(word) - MIN_TAIL + 1):
        head, tail = word[:i], word[i:]
        if tail in SUFFIXES or _zipf(tail) < MIN_ZIPF:
            continue
        # A rarer first part (vänort, 1.95) is enough before a long, very common word (avtal, 4.6).
        need = RARE_HEAD_ZIPF if len(tail) >= 5 and _zipf(tail) >= COMMON_TAIL_ZIPF else MIN_ZIPF
        if max(map(_zipf, _head_forms(head))) >= need:
            found.append(tail)
    return tuple(found[:3])


def compound_tails(text: str, lang: str) -> list[str]:
    """The words at the end of the text's Swedish compounds, once each, in order; [] for other languages."""
    if lang != "sv":
        return []
    words = _WORD.findall(text.lower())
    own = set(words)
    seen: dict[str, None] = {}
    for word in words:
        for tail in _tails(word):
            if tail not in own:
                seen.setdefault(tail)
    return list(seen)


_CLAUSE = re.compile(r'(<span class="clause"[^>]*\bid="([a-z0-9-]+)"[^>]*>)(.*?)(<a [^>]*class="clause-link"[^>]*>§</a>)',
                     re.S)
_TAG = re.compile(r"<[^>]+>")


def add_search_words(html: str, lang: str, synonyms=None) -> str:
    """After each clause's § link, hidden words for search: its compounds' ends (Swedish pages) and
    `synonyms(text)`, the termbase's variants of its terms (publish/synonyms.py)."""
    if lang != "sv" and synonyms is None:
        return html

    def add(m: re.Match) -> str:
        text = _TAG.sub(" ", m.group(3))
        words = compound_tails(text, lang) + (synonyms(text) if synonyms else [])
        if not words:
            return m.group(0)
        return (m.group(0) + f'<span class="search-words" id="{m.group(2)}{WORDS_SUFFIX}" hidden>'
                + html_escape(" ".join(words)) + "</span>")

    return _CLAUSE.sub(add, html)


def mark_body(html: str) -> str:
    """The page's article is what Pagefind indexes (data-pagefind-body), without the headings'
    permalink marks, which would read "memberships¶" in a result's excerpt."""
    html = _HEADERLINK.sub(r"\g<0> data-pagefind-ignore", html)
    return _ARTICLE.sub(r"\g<0> data-pagefind-body", html, count=1)


def index_site(site: Path) -> None:
    """Write the Pagefind index of the built site (both languages) to site/pagefind/; stop on failure."""
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site)]
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PolicyError(Problem(str(site), f"Pagefind could not index the site: {exc}",
                                  "install the pinned pagefind and pagefind-bin (make venv)"))
    if result.returncode != 0 or not (site / "pagefind" / "pagefind.js").is_file():
        tail = (result.stdout + result.stderr).strip().splitlines()[-5:]
        raise PolicyError(Problem(str(site), "Pagefind failed: " + " / ".join(tail),
                                  "install the pinned pagefind and pagefind-bin (make venv) and build again"))
    for name in UNUSED:
        path = site / "pagefind" / name
        if path.is_file():
            path.unlink()
    playground = site / "pagefind" / "playground"
    if playground.is_dir():
        shutil.rmtree(playground)
    _sort_entry(site / "pagefind" / "pagefind-entry.json")


def _sort_entry(entry: Path) -> None:
    """Pagefind lists the languages of pagefind-entry.json in the order its threads finished:
    sorted, two builds of the same site are byte for byte the same."""
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["languages"] = dict(sorted(data.get("languages", {}).items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
