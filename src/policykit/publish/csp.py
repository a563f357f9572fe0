"""A Content-Security-Policy on every page: only the site's own scripts and styles run.

A static host cannot be assumed to send headers, so each built page carries its policy as the
first element of its ``<head>`` (`protect`), before anything it could govern::

    <meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'
      'wasm-unsafe-eval' 'sha256-…' 'sha256-…' 'sha256-…'; style-src 'self'; img-src 'self' data:;
      object-src 'none'; base-uri 'self'; form-action 'self'">

- ``default-src 'self'``: fonts, search fragments, Pagefind's worker and every fetch from the site's
  own address only; nothing from another host.
- ``script-src``: the site's own files, and exactly the inline scripts the theme's templates write on
  this page (Material's three: ``__md_scope``..., the palette, the tab of the URL's #fragment), each
  by its sha256, computed from the page as built. A script in the page's content (Markdown, data, a
  source's text) is never hashed: it is cut out before the hashes are taken, so it does not run.
  ``'wasm-unsafe-eval'`` because Pagefind compiles its WebAssembly in the page (measured: without it
  chromium refuses ``WebAssembly.instantiate`` and search finds nothing); it allows no ``eval``.
- ``style-src 'self'``: no page has a ``style`` attribute or a ``<style>`` element, and Material's
  scripts set styles through the CSSOM (``el.style.top = ...``), which no policy governs: no
  'unsafe-inline' and no 'unsafe-hashes' (tests/test_csp.py: no violation on any page, search open).
- ``img-src 'self' data:``: Material's icons are ``data:`` SVGs in its stylesheet (``mask-image``).
- ``object-src 'none'``, ``base-uri 'self'``, ``form-action 'self'``: no plugin content, no ``<base>``
  that moves the site's relative scripts elsewhere, no form posting away.
  (``frame-ancestors``, ``report-uri`` and ``sandbox`` are ignored in a ``<meta>``: headers only.)

`site_problems(site)` is the build's last word on a built site: an HTML file without the policy (a
static .html copied from docs/), and, defence in depth for sources/downloads.py, any file under
kallor/ that a host would serve as a type a browser runs, each one error line. `allow_injected` lets ``mkdocs serve``'s live-reload script,
which the server writes into each page as it sends it, run by adding its own hash.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from policykit.sources import downloads

DIRECTIVES = ("default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'",
              "img-src 'self' data:", "object-src 'none'", "base-uri 'self'", "form-action 'self'")
META = '<meta http-equiv="Content-Security-Policy" content="{}">'
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
_OURS = re.compile(r'\s*<meta http-equiv="Content-Security-Policy" content="[^"]*">')
# An inline script: no src. Its text is what the browser hashes (up to the first "</script").
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script", re.I | re.S)
_TYPE = re.compile(r"""\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)


class ContentNotFound(ValueError):
    """The page's content is not in its HTML as rendered: its own scripts could not be told apart."""


def policy(hashes) -> str:
    """The policy's text, with script-src allowing the given sha256 hashes (base64)."""
    sources = " ".join(f"'sha256-{h}'" for h in sorted(set(hashes)))
    return "; ".join(d + (" " + sources if d.startswith("script-src") and sources else "") for d in DIRECTIVES)


def digest(script: str) -> str:
    """A script's hash as a policy names it: base64 of the sha256 of its UTF-8 text."""
    return base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def inline_scripts(html: str) -> list[str]:
    """The text of each inline script a browser would run (JSON and other data blocks are not run)."""
    out = []
    for attrs, body in _SCRIPT.findall(html):
        if _SRC.search(attrs):
            continue
        m = _TYPE.search(attrs)
        kind = "".join(m.groups(default="")).strip().lower() if m else ""
        if kind in ("", "module") or "javascript" in kind or "ecmascript" in kind or "jscript" in kind:
            out.append(body)
    return out


def protect(html: str, content: str = "") -> str:
    """html with its policy first in <head>: hashes of its inline scripts, once `content` (the page's
    own rendered Markdown, which the template put in verbatim) is cut out of it. Raises
    ContentNotFound when the content is not in the page as it stands."""
    template = html
    if content:
        at = html.find(content)
        if at < 0:
            raise ContentNotFound("the page's content is not in its HTML as rendered")
        template = html[:at] + html[at + len(content):]
    meta = META.format(policy(digest(s) for s in inline_scripts(template)))
    html = _OURS.sub("", html, count=1)
    head = _HEAD.search(html)
    if head is None:
        raise ContentNotFound("the page has no <head>")
    return html[:head.end()] + "\n    " + meta + html[head.end():]


def allow_script(html: str, script: str) -> str:
    """html whose policy also allows one inline script (its text), by its hash."""
    def add(m: re.Match) -> str:
        return m.group(0).replace("script-src 'self'", f"script-src 'self' 'sha256-{digest(script)}'", 1)
    return _OURS.sub(add, html, count=1)


def allow_injected(before: bytes, after: bytes) -> bytes:
    """`mkdocs serve` sends each page with its live-reload script added before ``</body>``
    (before: the page as built; after: as sent): the page as sent, its policy allowing that one script."""
    added = len(after) - len(before)
    at = before.rfind(b"</body>")
    at = len(before) if at < 0 else at
    injected = after[at:at + added].decode("utf-8")
    m = re.fullmatch(r"<script>(.*)</script>", injected, re.S)
    if m is None or after[:at] != before[:at]:
        return after  # not the shape expected: the script stays blocked, the page works without reload
    return allow_script(after.decode("utf-8"), m.group(1)).encode("utf-8")


def protected(html: str) -> bool:
    """The page's <head> begins with the policy."""
    head = _HEAD.search(html)
    return head is not None and re.match(r'\s*<meta http-equiv="Content-Security-Policy" ',
                                         html[head.end():]) is not None


def unprotected(site: Path) -> list[str]:
    """The HTML files of a built site (relative, '/') whose <head> does not begin with the policy."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if not protected(p.read_text(encoding="utf-8", errors="replace")))


def site_problems(site: Path) -> list[str]:
    """One error line for each file under kallor/ a host would serve as active content, and each page
    without the policy."""
    files = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()]
    return ([f"error: {rel}: a file from sources/ that a host would serve as a type a browser runs; only "
             f"{', '.join(downloads.PASSIVE)} are published under kallor/: remove it (a web page's original "
             "is offered as its extracted text)" for rel in downloads.active_files(files)]
            + [f"error: {rel}: a page without the Content-Security-Policy (publish/csp.py); write it as a "
               "Markdown page in docs/, not as HTML" for rel in unprotected(site)])
