"""Material's stylesheet without the rules no page of this site can match (page weight, issue 12).

Material's ``assets/stylesheets/main.<hash>.min.css`` styles every feature and Markdown extension
the theme supports: about 137 KB, 23 KB gzip, loaded by every page before it shows. Once the whole
site is written (both languages), this drops each selector that needs a name occurring nowhere in
the site, and writes what is left under a new content hash::

    .md-typeset .tabbed-set>input:checked{...}    dropped: no page and no script has "tabbed-set"
    .md-nav__link:not(.md-nav__container){...}    kept: names in :not() may match by their absence
    [dir=rtl] .md-nav__icon{...}                  dropped: no page and no script has "rtl"

A name is known when it occurs in a ``class`` or ``id`` attribute of any HTML file, in any other
attribute's value, or in any string literal of any JavaScript file shipped (Material's bundle and
the project's scripts build the classes they set from string literals, e.g. ``"md-tooltip2"``).
Required are the classes and ids (``.name``, ``#name``) and the values of attribute selectors
(``[dir=rtl]``) outside functional pseudo-classes; names inside ``:not()``, ``:is()``,
``:where()`` or ``:has()`` are never required, so such selectors stay unless the rest of them
fails. The rule goes when all its selectors do; ``@media`` and ``@supports`` blocks are
filtered inside; every other at-rule (``@font-face``, ``@keyframes``, ...) is kept as it is.
``tests/test_css_prune.py`` proves, in chromium, that no class a page has after its scripts
ran (search open, tooltip shown, scrolled) lost a rule.
"""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path

import tinycss2

log = logging.getLogger("mkdocs.plugins.policykit")

STYLESHEETS = "assets/stylesheets"
MAIN = re.compile(r"^main\.[0-9a-f]{8}\.min\.css$")
_FILTERED_AT_RULES = {"media", "supports"}
# An attribute and its value, wherever it stands in the page: one pass over the file, no tag
# parsing. What it also finds in text ("a=b") only adds names, which can only keep a rule.
_ATTR_VALUE = re.compile(r"""\s([A-Za-z_:][-\w:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_JS_STRING = re.compile(r""""((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`""")
_NAME = re.compile(r"[A-Za-z_][-A-Za-z0-9_]*")


def known_names(site: Path) -> dict[str, set[str]]:
    """What a selector could match in the built site: {"class": names, "id": names, attribute:
    values} from every HTML file, and {"js": names} from every string literal of every script,
    which may set any of them."""
    known: dict[str, set[str]] = {"js": set()}
    for page in site.rglob("*.html"):
        for attr, *values in _ATTR_VALUE.findall(page.read_text(encoding="utf-8")):
            known.setdefault(attr.lower(), set()).update("".join(values).split())
    for script in site.rglob("*.js"):
        for groups in _JS_STRING.findall(script.read_text(encoding="utf-8")):
            for literal in groups:
                known["js"].update(_NAME.findall(literal))
    return known


def _is_known(need: tuple[str, str], known: dict[str, set[str]]) -> bool:
    kind, name = need
    return name in known["js"] or name in known.get(kind, ())


def required(selector: list) -> list[tuple[str, str]]:
    """What a selector (tinycss2 tokens) needs to match: ("class", name), ("id", name) and
    (attribute, value) for [attribute=value], outside functional pseudo-classes."""
    names, tokens = [], [t for t in selector if t.type not in ("whitespace", "comment")]
    for i, token in enumerate(tokens):
        if token.type == "literal" and token.value == "." and i + 1 < len(tokens) and tokens[i + 1].type == "ident":
            names.append(("class", tokens[i + 1].value))
        elif token.type == "hash" and token.is_identifier:
            names.append(("id", token.value))
        elif token.type == "[] block":
            inner = [t for t in token.content if t.type not in ("whitespace", "comment")]
            ops = [j for j, t in enumerate(inner) if t.type == "literal" and t.value in ("=", "~=", "|=")]
            # [a=b] or [a~=b]: b is needed; [a^=b], [a*=b], [a] match parts or presence: not required
            if ops and ops[0] > 0 and inner[0].type == "ident" and ops[0] + 1 < len(inner) \
                    and inner[ops[0] + 1].type in ("ident", "string") and _NAME.fullmatch(inner[ops[0] + 1].value):
                names.append((inner[0].lower_value, inner[ops[0] + 1].value))
    return names


def _selectors(prelude: list) -> list[list]:
    """A selector list split at its top-level commas."""
    out, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            out.append(current)
            current = []
        else:
            current.append(token)
    return out + [current]


def _filter(rules: list, known: dict[str, set[str]]) -> tuple[list[str], int]:
    kept, dropped = [], 0
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in _selectors(rule.prelude) if all(_is_known(n, known) for n in required(s))]
            if not selectors:
                dropped += 1
                continue
            prelude = ",".join(tinycss2.serialize(s).strip() for s in selectors)
            kept.append(prelude + "{" + tinycss2.serialize(rule.content) + "}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in _FILTERED_AT_RULES and rule.content is not None:
            inner, n = _filter(tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True), known)
            dropped += n
            if inner:
                kept.append("@" + rule.at_keyword + tinycss2.serialize(rule.prelude) + "{" + "".join(inner) + "}")
        elif rule.type != "error":
            kept.append(rule.serialize())
    return kept, dropped


def prune_css(css: str, known: dict[str, set[str]]) -> tuple[str, int]:
    """(css without the rules whose every selector needs an unknown name, rules dropped)."""
    rules = tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)
    errors = [r for r in rules if r.type == "error"]
    if errors:  # Material's own file: never expected, and then nothing is dropped blindly
        raise ValueError(f"the stylesheet does not parse at line {errors[0].source_line}: {errors[0].message}")
    kept, dropped = _filter(rules, known)
    return "".join(kept), dropped


def prune(site: Path) -> str | None:
    """Prune Material's main stylesheet in site (both languages written) and point every page at the
    pruned copy, named by its own hash; returns its site-relative path (None: no such stylesheet)."""
    folder = site / STYLESHEETS
    found = sorted(p for p in folder.glob("main.*.min.css") if MAIN.match(p.name)) if folder.is_dir() else []
    if len(found) != 1:
        return None
    original = found[0]
    size = original.stat().st_size
    css, dropped = prune_css(original.read_text(encoding="utf-8"), known_names(site))
    data = css.encode("utf-8")
    name = f"main.{hashlib.sha256(data).hexdigest()[:8]}.min.css"
    (folder / name).write_bytes(data)
    if name != original.name:
        old, new = original.name.encode(), name.encode()
        for page in site.rglob("*.html"):
            html = page.read_bytes()
            if old in html:
                page.write_bytes(html.replace(old, new))
        original.unlink()
    log.info("css_prune: %s: %d rules no page can match dropped, %d of %d bytes left",
             name, dropped, len(data), size)
    return f"{STYLESHEETS}/{name}"
