"""The site ships only files a reader's browser can load (page weight, issue 6).

Once the whole site is written, both languages, this removes from it:

- source maps (``*.map``, about 1.3 MB) and the ``sourceMappingURL`` comments in the JS/CSS that
  pointed to them, so browser devtools do not ask for a file that is gone;
- the lunr files Material's search worker never imports for the languages our search indexes
  use (Material copies ~30 languages plus tinyseg.js/wordcut.js for ja/th/hi, about 0.9 MB).

What the worker imports is read from the built search indexes (``config.lang`` of every
``search/search_index.json``), with the rule of Material's worker (see ``worker_imports``), so
adding a language to the site keeps its lunr files. If the installed worker no longer follows
that rule (a Material upgrade), the build stops instead of removing a file search needs.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from policykit.errors import PolicyError, Problem

log = logging.getLogger("mkdocs.plugins.policykit")

LUNR = Path("assets/javascripts/lunr")
WORKERS = Path("assets/javascripts/workers")

# The worker source (Material 9.x, search.*.min.js) that worker_imports() mirrors: per language,
# tinyseg.js for ja, wordcut.js for hi/th, min/lunr.<lang>.min.js for all but en; lunr.multi for
# more than one language; lunr.stemmer.support first whenever anything is imported.
_WORKER_RULE = ('case"ja":', 'case"hi":case"th":', 'n!=="en"&&', "/min/lunr.${n}.min.js",
                "t.lang.length>1&&", "/min/lunr.multi.min.js", "/min/lunr.stemmer.support.min.js")
_SOURCE_MAP = re.compile(r"\n?(?://[#@] sourceMappingURL=[^\n]*|/\*[#@] sourceMappingURL=[^*]*\*/)(?=\s*\Z)")


def worker_imports(langs: list[str]) -> list[str]:
    """Paths under assets/javascripts/lunr/ that Material's search worker imports for langs."""
    files = []
    for lang in langs:
        if lang == "ja":
            files.append("tinyseg.js")
        elif lang in ("hi", "th"):
            files.append("wordcut.js")
        if lang != "en":
            files.append(f"min/lunr.{lang}.min.js")
    if len(langs) > 1:
        files.append("min/lunr.multi.min.js")
    return ["min/lunr.stemmer.support.min.js", *files] if files else []


def search_languages(site: Path) -> list[list[str]] | None:
    """The ``lang`` list of every search index in the site; None when the site has no search."""
    indexes = sorted(site.glob("**/search/search_index.json"))
    if not indexes:
        return None
    return [json.loads(p.read_text(encoding="utf-8"))["config"]["lang"] for p in indexes]


def prune(site: Path) -> None:
    """Remove the source maps and the unused lunr files from a built site (both languages built)."""
    maps = prune_source_maps(site)
    lunr = prune_lunr(site)
    log.info("page_weight: removed %d source maps and %d unused lunr files", maps, lunr)


def prune_source_maps(site: Path) -> int:
    """Delete every *.map file and the sourceMappingURL comments of the JS and CSS."""
    maps = sorted(site.rglob("*.map"))
    for path in maps:
        path.unlink()
    for path in [*site.rglob("*.js"), *site.rglob("*.css")]:
        data = path.read_bytes()
        if b"sourceMappingURL=" in data:
            text, stripped = data.decode("utf-8"), None
            while stripped != text:  # the comment must end the file: strip it until none ends it
                stripped, text = text, _SOURCE_MAP.sub("", text)
            path.write_text(text, encoding="utf-8")
    return len(maps)


def prune_lunr(site: Path) -> int:
    """Delete the lunr files the search worker imports for none of the site's search languages."""
    folder = site / LUNR
    langs = search_languages(site)
    if langs is None or not folder.is_dir():
        return 0  # no search index: nothing to derive a need from, so nothing is touched
    _check_worker_rule(site)
    keep = {folder / name for lang in langs for name in worker_imports(lang)}
    missing = sorted(str(p.relative_to(site)) for p in keep if not p.is_file())
    if missing:
        raise PolicyError(Problem(str(site), f"the search worker needs {', '.join(missing)}, which Material did not copy",
                                  "check the search plugin's lang setting"))
    unused = [p for p in sorted(folder.rglob("*")) if p.is_file() and p not in keep]
    for path in unused:
        path.unlink()
    for sub in sorted((p for p in folder.rglob("*") if p.is_dir()), reverse=True):
        if not any(sub.iterdir()):
            sub.rmdir()
    return len(unused)


def _check_worker_rule(site: Path) -> None:
    workers = sorted((site / WORKERS).glob("search.*.js"))
    if not workers:
        raise PolicyError(Problem(str(site / WORKERS), "no search worker, so page_weight.py cannot tell which lunr "
                                  "files search needs", "keep Material's search plugin"))
    source = workers[0].read_text(encoding="utf-8")
    absent = [part for part in _WORKER_RULE if part not in source]
    if absent:
        raise PolicyError(Problem(str(workers[0]), "Material's search worker no longer imports lunr files the way "
                                  f"page_weight.py expects (not found: {', '.join(absent)})",
                                  "read its importScripts call and update worker_imports()"))
