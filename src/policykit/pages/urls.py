"""Where a docs page ends up on the site, as MkDocs builds it with directory URLs.

    page_url("stockholm/strategi.md")   -> "stockholm/strategi/"
    page_url("index.md")                -> ""
    pdf_stem("stockholm/strategi.md")   -> "stockholm-strategi"   (site/pdf/<stem>.<lang>.pdf)
"""

from __future__ import annotations


def page_url(page: str) -> str:
    stem = page[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def pdf_stem(page: str) -> str:
    return page[: -len(".md")].replace("/", "-")
