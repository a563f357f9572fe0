"""Every link of the built site leads to a file of the site, and every #anchor to an id in it.

The check reads the built site folder, not the Markdown (``mkdocs build --strict`` validates
Markdown links already): it also sees the links the hooks render from the data files, the
English clauses' links to their Swedish originals, the language switcher and the theme's own
links. No server, no network, no threads; folders and files are read in sorted order, so two
runs over the same site print the same lines.

Every ``.html`` file is parsed once with the standard library's `html.parser`, which records

    anchors   every element's ``id`` and every ``<a name>``, per file
    links     ``href`` of ``<a>``, ``<area>`` and ``<link>``; ``src`` of any element

Each link is resolved against its page's URL with MkDocs' directory URLs (``a/b/index.html``
is served as ``a/b/``; ``404.html`` as itself) and the site's address (``site_url``, for
root-absolute URLs such as ``/en/`` and absolute ones such as the canonical link). A URL that
ends in ``/`` means its ``index.html``; the path is percent-decoded; the query is ignored.
``mailto:``, ``tel:``, ``data:`` and other schemes are skipped, and so are links to other
hosts, except where the browser would fetch them with the page (``src``, ``<link
rel=stylesheet>``, icons, preloads): the site makes no request to another host. A fragment
matches an id as written or percent-decoded (``#top`` always matches, as in browsers); a
fragment into a file that is not HTML (a PDF) is not checked.

Each problem is one line in the project's shape (`policykit.errors.Problem`), once per page and
href, pages in sorted order and links in document order::

    error: index.html: link to 'nope/' has no target: nope/index.html is not in the site; link to an existing page or file
    error: en/stockholm/strategi/index.html: link to '../../../stockholm/strategi/#strategi-3-2-s99' has no anchor:
           stockholm/strategi/index.html has no id 'strategi-3-2-s99'; use an existing id (nearest: strategi-3-2-s9, ...)
    error: index.html: link to 'https://cdn.example.org/x.js' loads from another host (cdn.example.org); the site
           makes no request to another host: copy the file into docs/assets/ and link it relatively

(the last two wrapped here). A file under ``kallor/`` that a host would serve as a type a browser
runs (anything but .txt and .pdf: sources/downloads.py) is a problem too::

    error: kallor/005_x.html: is under kallor/ with a type a host serves as something a browser runs; only .txt, .pdf files are published there: remove it and rebuild `check_links(site_dir, site_url)` returns a `LinkReport`;
``python -m policykit links SITE_DIR`` prints it with a summary line.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

from policykit.errors import Problem, use_existing
from policykit.sources import downloads

# Stands in for the site's address when site_url is not known (root-absolute URLs still resolve).
NO_SITE_URL = "http://site.invalid/"
GOOD: tuple[str, str] = ("", "")  # what _Checker.problem returns for a link that resolves
SKIPPED = None  # ... and for one it does not check (another host, another scheme)
# <link rel> values whose target the browser loads with the page; the others (canonical, prev,
# next, alternate, ...) are navigation, like <a>.
FETCHED_RELS = frozenset({"stylesheet", "icon", "apple-touch-icon", "mask-icon", "manifest", "preload",
                          "modulepreload", "prefetch", "preconnect", "dns-prefetch"})


@dataclass(frozen=True)
class Link:
    href: str
    fetched: bool  # loaded by the browser with the page (src, stylesheet, icon): must not leave the site


class _PageParser(HTMLParser):
    """One page's anchors and links, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[Link] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v for k, v in reversed(attrs) if v is not None}  # a repeated attribute: the first counts
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        if "href" in a and tag in ("a", "area"):
            self.links.append(Link(a["href"], fetched=False))
        elif "href" in a and tag == "link":
            rels = set(a.get("rel", "").lower().split())
            self.links.append(Link(a["href"], fetched=bool(rels & FETCHED_RELS)))
        if "src" in a:
            self.links.append(Link(a["src"], fetched=True))


@dataclass
class Page:
    ids: set[str]
    links: list[Link]


def parse_page(html: str) -> Page:
    """The anchors and links of one HTML document."""
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return Page(parser.ids, parser.links)


@dataclass
class LinkReport:
    site: Path
    pages: list[str] = field(default_factory=list)  # every HTML file, relative to the site, sorted
    links: int = 0  # links resolved on this site (other hosts and other schemes not counted)
    fragments: int = 0  # of which with a #fragment that was looked up
    checked: set[tuple[str, str]] = field(default_factory=set)  # (page, href) of every link checked on the site
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary_line(self) -> str:
        verdict = "OK" if self.ok else "FAILED"
        return (f"{verdict}: {len(self.pages)} pages, {self.links} links on the site checked, "
                f"{self.fragments} of them with an anchor; {len(self.problems)} problems")


def _walk(site: Path) -> list[str]:
    """Every file under site, relative and with '/', sorted (symbolic links to folders not followed)."""
    found = []
    for folder, dirs, files in os.walk(site):
        dirs.sort()
        rel = Path(folder).relative_to(site).as_posix()
        found.extend(name if rel == "." else f"{rel}/{name}" for name in sorted(files))
    return sorted(found)


def page_url(rel: str, site_url: str) -> str:
    """The URL a page is served at: MkDocs' directory URLs (``a/index.html`` is ``a/``)."""
    if rel == "index.html" or rel.endswith("/index.html"):
        rel = rel[: -len("index.html")]
    return site_url + quote(rel)


class _Checker:
    def __init__(self, site: Path, site_url: str | None):
        self.site_url = (site_url or NO_SITE_URL).rstrip("/") + "/"
        base = urlsplit(self.site_url)
        self.host, self.prefix = base.netloc.lower(), base.path
        self.report = LinkReport(site)
        self.files = set(_walk(site))
        self.pages: dict[str, Page] = {}

    def load(self) -> None:
        """Parse every HTML file once."""
        for rel in sorted(f for f in self.files if f.endswith(".html")):
            self.report.pages.append(rel)
            try:
                html = (self.report.site / rel).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                reason = exc.strerror if isinstance(exc, OSError) else "it is not UTF-8"
                self.report.problems.append(Problem(rel, f"cannot be read ({reason})", "rebuild the site"))
                continue
            self.pages[rel] = parse_page(html)
        # Defence in depth (sources/downloads.py): nothing from sources/ served as a type a browser runs.
        for rel in downloads.active_files(self.files):
            self.report.problems.append(Problem(rel, "is under kallor/ with a type a host serves as something a "
                                                "browser runs", f"only {', '.join(downloads.PASSIVE)} files are "
                                                "published there: remove it and rebuild"))

    def check(self) -> LinkReport:
        self.load()
        for rel, page in self.pages.items():
            base = page_url(rel, self.site_url)
            seen: set[tuple[str, bool]] = set()
            for link in page.links:
                if (link.href, link.fetched) in seen:
                    continue
                seen.add((link.href, link.fetched))
                problem = self.problem(base, link)
                if problem is GOOD:
                    self.report.checked.add((rel, link.href))
                elif problem is not SKIPPED:
                    what, fix = problem
                    self.report.problems.append(Problem(rel, f"link to '{link.href}' {what}", fix))
        return self.report

    def problem(self, base: str, link: Link) -> tuple[str, str] | None:
        """(what, fix) of a broken link; GOOD for a link that resolves on the site; SKIPPED for one elsewhere."""
        url = urlsplit(urljoin(base, link.href.strip()))
        if url.scheme not in ("http", "https"):
            return SKIPPED  # mailto:, tel:, data:, javascript:
        if url.netloc.lower() != self.host:
            if link.fetched:
                return (f"loads from another host ({url.netloc})",
                        "the site makes no request to another host: copy the file into docs/assets/ "
                        "and link it relatively")
            return SKIPPED
        self.report.links += 1
        if not url.path.startswith(self.prefix):
            return f"leads out of the site ({self.site_url})", "link to a page of this site"
        path = unquote(url.path[len(self.prefix):])
        target = path + "index.html" if path == "" or path.endswith("/") else path
        if target not in self.files:
            if f"{target}/index.html" in self.files:
                return (f"names the folder {target}/ without its final '/'",
                        "end the URL with '/' (directory URLs: relative links on that page resolve from it)")
            return f"has no target: {target} is not in the site", "link to an existing page or file"
        if not url.fragment or target not in self.pages:
            return GOOD
        self.report.fragments += 1
        ids = self.pages[target].ids
        fragment = unquote(url.fragment)
        if url.fragment in ids or fragment in ids or fragment.lower() == "top":
            return GOOD
        return f"has no anchor: {target} has no id '{fragment}'", use_existing(fragment, sorted(ids))


def check_links(site: Path, site_url: str | None = None) -> LinkReport:
    """Check every link and anchor of the built site in folder site (see the module's docstring)."""
    checker = _Checker(Path(site), site_url)
    if not any(f.endswith(".html") for f in checker.files):
        checker.report.problems.append(Problem(str(site), "has no HTML page",
                                               "build the site first (python -m policykit build)"))
        return checker.report
    return checker.check()
