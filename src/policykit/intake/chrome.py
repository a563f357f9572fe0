"""What an element of a web page is, by its markup: the site around the document, or the document.

    <div id="cookie-banner">…</div>                      cookie      dropped from the text
    <div class="sv-share-portlet">Skriv ut Lyssna Dela   share       dropped
    <nav class="breadcrumbs"> / aria-label="Du är här"   breadcrumb  dropped (also a list of links from "Start")
    <div class="feedback">Hittade du den information…    feedback    dropped
    <div class="follow-us">Följ oss …                    follow      dropped
    <section class="related-links">                      related     dropped
    <p class="last-updated">Sidan senast uppdaterad …    updated     dropped
    <p class="byline">Sidan publicerad av: …             byline      kept in the text, set aside (names a person)
    <div class="contact-box">Anna Lindqvist, strateg …   contact     kept in the text, set aside (names a person)

`kind(el)` reads the element's class, id, role and aria-label (the words a site's own
templates use: Sitevision's ``sv-…-portlet``, WordPress's ``entry-meta``, an Episerver
block's ``ContactBlock``) and, for a container, its first words ("Kontakt" over a phone
number, "Hittade du den information du sökte?", "Vi använder kakor"). What only names or
reaches a person is kept in the text for the record and set aside (`KEEP`); the rest is the
site, not the document, and never reaches the text.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from policykit.intake.furniture import has_contact

KEEP = {"byline": "byline", "contact": "contact"}   # kind → the furniture reason it is set aside with
# Cues in class, id and aria-label, matched in the lower-cased attribute text; order decides.
_CUES = [
    ("cookie", r"cookie|consent|gdpr|(?<![a-z])cmp(?![a-z])|kakor|onetrust|cookiebot"),
    ("breadcrumb", r"breadcrumb|br[oö]dsmul|crumbs|du[\s_-]?[aä]r[\s_-]?h[aä]r|you[\s_-]?are[\s_-]?here"),
    ("feedback", r"feedback|helpful|was[\s_-]?this|rating|[aå]terkoppling|tyck[\s_-]?till|page[\s_-]?survey"),
    ("share", r"share|sharing|(?<![a-z])print|utskrift|readspeaker|(?<![a-z])rs_|rsbtn|listen|lyssna|"
              r"(?<![a-z])dela(?![a-z])|page[\s_-]?tools|pagetools|toolbar|(?<![a-z])tools(?![a-z])|verktyg"),
    ("follow", r"follow|f[oö]lj[\s_-]?oss|social"),
    ("related", r"related|relaterat|relaterade|see[\s_-]?also|se[\s_-]?[aä]ven|more[\s_-]?links"),
    ("updated", r"last[\s_-]?updated|lastupdated|last[\s_-]?modified|senast|(?<![a-z])updated|modified|"
                r"page[\s_-]?info|pageinfo|sidinfo"),
    ("byline", r"byline|author|credit|photographer|fotograf|published[\s_-]?by|publisher|entry[\s_-]?meta|"
               r"post[\s_-]?meta|article[\s_-]?meta|posted[\s_-]?on|caption[\s_-]?source"),
    ("contact", r"contact|kontakt|vcard|person[\s_-]?card|personcard|employee|medarbetare|handl[aä]ggare"),
    ("skip", r"skip[\s_-]?link|skip[\s_-]?to|hoppa[\s_-]?till|visually[\s_-]?hidden|sr-only"),
]
_CUE = [(kind, re.compile(pattern)) for kind, pattern in _CUES]
_ROLES = {"navigation": "nav", "banner": "banner", "contentinfo": "footer", "complementary": "related",
          "search": "search", "dialog": "cookie", "alertdialog": "cookie", "toolbar": "share"}
_CONTAINERS = {"div", "section", "aside", "ul", "ol", "dl", "details", "address", "header", "footer", "figure"}
# A container's first words give it away when its markup does not.
_TEXT = [
    ("cookie", re.compile(r"^(?:vi|den här webbplatsen|webbplatsen|vår webbplats) använder (?:kakor|cookies)|"
                          r"^(?:kakor|cookies)\b", re.I)),
    ("feedback", re.compile(r"^(?:hittade du (?:den |det )?(?:information|svar)|(?:var|är) (?:den här |denna )?"
                            r"(?:sidan|informationen) (?:till )?(?:hjälp|användbar)|fick du svar på)", re.I)),
    ("share", re.compile(r"^(?:(?:skriv ut|lyssna|dela|läs upp|facebook|twitter|linkedin|e-posta|mejla)\s*[|·•]?\s*)+$",
                         re.I)),
    ("follow", re.compile(r"^följ oss\b", re.I)),
    ("breadcrumb", re.compile(r"^(?:du är här\b|(?:start|startsida|hem)\s*[/>›»])", re.I)),
    ("related", re.compile(r"^(?:relaterade? (?:länkar|sidor|innehåll)|relaterat|se även)\b", re.I)),
    ("updated", re.compile(r"^(?:sidan\s)?senast (?:uppdaterad|ändrad|granskad)\b", re.I)),
]
_CONTACT_HEAD = re.compile(r"^(?:kontakt|kontakta oss|kontaktperson(?:er)?|kontaktuppgifter|frågor(?:\s.{0,40})?|"
                           r"mer information|har du fråge?r?\??|ansvarig)\s*:?$", re.I)


def kind(el: Element, tag: str) -> str | None:
    """What the element is when it is part of the site around the document; None for the document."""
    role = (el.get("role") or "").strip().lower()
    if role in _ROLES:
        return _ROLES[role]
    attrs = " ".join(el.get(a) or "" for a in ("class", "id", "aria-label", "aria-labelledby", "data-portlet")).lower()
    if attrs.strip():
        for name, cue in _CUE:
            if cue.search(attrs):
                return name
    if tag == "address":
        return "contact"
    if tag in _CONTAINERS:
        return _by_text(el)
    return None


def _by_text(el: Element) -> str | None:
    words = _head(el)
    if not words:
        return None
    for name, cue in _TEXT:
        if cue.search(words[:200]):
            return name
    if _crumbs(el):
        return "breadcrumb"
    if len(words) >= 600 or not has_contact(words):
        return None
    first = next((re.sub(r"\s+", " ", "".join(h.itertext())).strip() for h in el.iter()
                  if isinstance(h.tag, str) and h.tag.lower() in {"h2", "h3", "h4", "h5", "h6", "strong", "dt"}), "")
    if _CONTACT_HEAD.match(first):
        return "contact"
    return None


def _crumbs(el: Element) -> bool:
    """A short list of links from "Start" to the page: breadcrumbs, even without a class saying so."""
    items = [re.sub(r"\s+", " ", " ".join(texts(li))).strip() for li in el if isinstance(li.tag, str)
             and li.tag.lower() == "li"]
    return 2 <= len(items) <= 8 and items[0].lower() in {"start", "startsida", "hem", "home"} and \
        all(len(i.split()) <= 6 for i in items)


def _head(el: Element, chars: int = 600, nodes: int = 400) -> str:
    """The container's first words (enough to judge it: every container is judged, so never all of a
    large one's text)."""
    out, size, stack, seen = [], 0, [el], 0
    while stack and size < chars and seen < nodes:
        node = stack.pop()
        seen += 1
        if isinstance(node, str):
            out.append(node)
            size += len(node)
            continue
        if isinstance(node.tag, str) and node.tag.lower() in {"script", "style", "noscript", "template"}:
            if node.tail:
                stack.append(node.tail)
            continue
        if node is not el and node.tail:
            stack.append(node.tail)
        stack.extend(reversed(list(node)))
        if node.text:
            stack.append(node.text)
    return re.sub(r"\s+", " ", " ".join(out)).strip()


def texts(el: Element):
    """The element's text, scripts and styles left out."""
    if isinstance(el.tag, str) and el.tag.lower() in {"script", "style", "noscript", "template"}:
        return
    if el.text:
        yield el.text
    for child in el:
        yield from texts(child)
        if child.tail:
            yield child.tail
