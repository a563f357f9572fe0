"""The site ships only files a reader's browser can load (page weight, issue 6).

Once the whole site is written, both languages, this removes from it the source maps (``*.map``,
about 1.3 MB) and the ``sourceMappingURL`` comments in the JS/CSS that pointed to them, so browser
devtools do not ask for a file that is gone.

and Material's own search files: its worker and the lunr library with ~30 languages (about
1 MB), which the theme copies whether or not its search plugin runs. Search is Pagefind's
(publish/search.py), so they are removed when the site has no Material search index; with one
(the search plugin back in mkdocs.yml) they are all kept. (Before Pagefind, this kept the lunr
files of the indexed languages; that rule went with Material's search.)

Last, Material's stylesheet loses the rules no page of the site can match (publish/css_prune.py),
once the files above are gone, so their names keep nothing alive.
"""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

from policykit.publish import css_prune

log = logging.getLogger("mkdocs.plugins.policykit")

MATERIAL_SEARCH = (Path("assets/javascripts/lunr"), Path("assets/javascripts/workers"))
_SOURCE_MAP = re.compile(r"\n?(?://[#@] sourceMappingURL=[^\n]*|/\*[#@] sourceMappingURL=[^*]*\*/)(?=\s*\Z)")


def prune(site: Path) -> None:
    """Remove the source maps and Material's unused search files from a built site (both languages built)."""
    maps = prune_source_maps(site)
    search = prune_material_search(site)
    log.info("page_weight: removed %d source maps and %d files of Material's search", maps, search)
    css_prune.prune(site)


def prune_material_search(site: Path) -> int:
    """Delete Material's search worker and lunr files when no page can use them (no search index)."""
    if any(site.glob("**/search/search_index.json")):
        return 0
    count = 0
    for folder in MATERIAL_SEARCH:
        if (site / folder).is_dir():
            count += sum(1 for p in (site / folder).rglob("*") if p.is_file())
            shutil.rmtree(site / folder)
    return count


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
