"""Page furniture: what is printed around the policy text, recognised line by line.

    Norrviks kommun                          running   (on the top or foot of several pages)
    1 (2) / Sida 1 av 3 / - 2 - / 7           page-number
    Kommunstyrelsen / Datum 2015-03-25       letterhead (the first lines of a page: sender,
    Dnr KS 2015/123                                       date, reference, case officer)
    Telefon 0612-345 67 / a.b@norrvik.se     contact   (every line with a phone number or an
    Kontaktperson / Anna Lindqvist, strateg             e-mail address, with the label and the
                                                        name lines next to it)
    Box 100, 123 45 Norrvik / Org.nr ...     address   (postal and visiting address, postcode
                                                        and town, org.nr, bankgiro, web address)
    Skriv ut / Dela / Sidan senast uppdaterad 2024-05-02    web
    Ordförande / Kommunsekreterare (and the name above)     signature
    •  (alone, the item on the next line)    bullet    (joined: "• delta i ...")

`furniture(text)` returns the kept lines and the set-aside lines, each with its 1-based line
number in `text` (form feeds separate pages and count as no line) and, for what is set aside,
the reason. A phone number or e-mail address never stays: names of officials with a direct
number are personal data and no policy text. OCR spellings of "@" ("(Q", "(@", "©") count.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass


@dataclass
class KeptLine:
    no: int       # 1-based line number in the extracted text
    page: int     # 1-based page
    text: str


@dataclass
class SetAside:
    line: int
    page: int
    text: str
    reason: str   # running, page-number, letterhead, contact, address, web, signature, bullet


_I = re.I
_PAGE_MARK = r"(?:(?:sida|sidan|page|s\.)\s*)?\d{1,3}\s*(?:\(\s*\d{1,3}\s*\)|(?:av|of|/)\s*\d{1,3})"
PAGE_NUMBER = re.compile(rf"^(?:{_PAGE_MARK}|(?:sida|sidan|page|s\.)?\s*\d{{1,3}}|[-–—]\s*\d{{1,3}}\s*[-–—])$", _I)
_TRAILING_PAGE = re.compile(rf"\s{_PAGE_MARK}$", _I)
EMAIL = re.compile(r"[\w.%+-]+\s?(?:@|\(Q|\(@|\(a\)|©|®|\[at\]|\(at\))\s?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}\b", _I)
# Swedish numbers: 0 + area code + subscriber (08-508 290 00, 0612-345 67, 070 123 45 67), or +46.
_PHONE = re.compile(r"(?<![\w/.,-])(?:\+\s?46\s?(?:\(0\)\s?)?|0)\d[\d\s()-]{4,14}\d(?![\w/-])")
_CONTACT_LABEL = re.compile(r"^(?:tel(?:efon)?|tfn|växel|mobil(?:telefon)?|fax|e-?post|mejl|e-?mail|mail)\b"
                            r"|^(?:kontakt(?:person|personer|uppgifter)?|handläggare|frågor|upplysningar|ansvarig|"
                            r"(?:för )?mer information)\b", _I)
_NAME = re.compile(r"^(?:[A-ZÅÄÖÉ][a-zåäöéüè]+(?:-[A-ZÅÄÖ][a-zåäö]+)?\s){1,2}[A-ZÅÄÖÉ][a-zåäöéüè]+"
                   r"(?:-[A-ZÅÄÖ][a-zåäö]+)?(?:\s*[,–-]\s*[^.]{0,60})?$")
_ADDRESS = re.compile(r"\b(?:postadress|besöksadress|leveransadress|fakturaadress|adress|org\.?\s?nr|"
                      r"organisationsnummer|bankgiro|plusgiro|bg|pg|momsreg)\b|^box\s\d+|"
                      r"(?:^|\s|,)(?:SE-)?\d{3}\s?\d{2}\s+[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]+|www\.|https?://|"
                      r"^[A-ZÅÄÖ][a-zåäö]+(?:gatan|vägen|gränd|torget|plan|allén|stigen|backen|väg|gata)\s\d+", _I)
_WEB = re.compile(r"^(?:skriv ut|dela|dela sidan|dela på \w+|lyssna|till toppen|tillbaka|"
                  r"(?:sidan\s)?senast (?:uppdaterad|ändrad|granskad)\b.*|publicerad\s.*|uppdaterad\s\d.*|"
                  r"hjälpte informationen (?:dig|på sidan)\b.*|ge oss återkoppling|print|share)$", _I)
_LETTERHEAD = re.compile(r"^(?:datum|dnr|diarienr|diarienummer|handläggare|vår referens|er referens|"
                         r"vår beteckning|ert datum|beteckning|ärende)\b", _I)
# The sender, printed at the top of the first page: "Norrviks kommun", "Kultur- och fritidsförvaltningen".
_SENDER = re.compile(r"^(?:\S+\s){0,2}(?:kommun|stad|region|landsting)$|^(?:Region|Landstinget)\s\S+$"
                     r"|^(?:\S+\s){0,4}\S*(?:styrelsen|nämnden|förvaltningen|kontoret|avdelningen|fullmäktige)$")
_SIGNATURE = re.compile(r"^(?:\S+\s)?(?:ordförande|vice ordförande|kommundirektör|kommunchef|stadsdirektör|"
                        r"kommunsekreterare|sekreterare|justerare|justerande|underskrift|namnförtydligande|"
                        r"kommunstyrelsens ordförande|kommunalråd)$", _I)
BULLET_GLYPHS = {"•", "●", "▪", "■", "◦", "·", "-", "–", "—", "*", "e", "¢", "«", "»", "o", "°", "©"}
_EDGE = 4  # lines at the top and foot of a page where running headers and footers are sought


def furniture(text: str) -> tuple[list[KeptLine], list[SetAside]]:
    """Split text into the lines that stay and the furniture set aside, with reasons."""
    lines = _numbered(text)
    running = _running(lines)
    reasons: dict[int, str] = {}
    for no, page, t, top in lines:
        reason = _reason(t.strip(), page, top, running)
        if reason:
            reasons[no] = reason
    _contact_blocks(lines, reasons)
    _signature_names(lines, reasons)
    kept = [KeptLine(no, page, t) for no, page, t, _ in lines if no not in reasons]
    aside = [SetAside(no, page, t, reasons[no]) for no, page, t, _ in lines if no in reasons]
    kept, joined = _join_bullets(kept)
    aside = sorted(aside + joined, key=lambda s: s.line)
    return kept, aside


def kept_text(kept: list[KeptLine]) -> str:
    """The kept lines as text: one blank line at most between paragraphs, form feeds gone."""
    text = "\n".join(k.text.rstrip() for k in kept)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"


def has_contact(line: str) -> bool:
    """A phone number or an e-mail address in the line."""
    if EMAIL.search(line):
        return True
    return any(8 <= len(re.sub(r"\D", "", m[0])) <= 12 for m in _PHONE.finditer(line))


def _numbered(text: str) -> list[tuple[int, int, str, int]]:
    """(line number, page, text without form feeds, index among the page's non-blank lines)."""
    out, page, index = [], 1, 0
    for no, raw in enumerate(text.split("\n"), 1):
        if "\f" in raw:
            page += raw.count("\f")
            index = 0
        t = raw.replace("\f", "")
        out.append((no, page, t, index))
        index += bool(t.strip())
    return out


def _key(t: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", t.strip().lower()))


def _running(lines) -> set[str]:
    """Lines (digits aside) at the top or foot of at least two pages, and of half the pages."""
    pages: dict[int, list[str]] = {}
    for _, page, t, _ in lines:
        if t.strip():
            pages.setdefault(page, []).append(_key(t))
    if len(pages) < 2:
        return set()
    seen = Counter(k for ks in pages.values() for k in set(ks[:_EDGE] + ks[-_EDGE:]))
    return {k for k, n in seen.items() if n >= max(2, len(pages) // 2) and re.search(r"[^\W\d_]", k)}


def _reason(t: str, page: int, top: int, running: set[str]) -> str | None:
    if not t:
        return None
    if has_contact(t):
        return "contact"
    if PAGE_NUMBER.match(t):
        return "page-number"
    if _key(t) in running:
        return "running"
    if _TRAILING_PAGE.search(t) and len(t.split()) <= 8:
        return "page-number"
    if _WEB.match(t):
        return "web"
    if _CONTACT_LABEL.match(t) and len(t.split()) <= 4:
        return "contact"
    if _ADDRESS.search(t) and len(t.split()) <= 16 and not t.endswith((".", ":")):
        return "address"
    if top < 10 and t[:1].isupper() and (_LETTERHEAD.match(t) or (page == 1 and _SENDER.match(t))):
        return "letterhead"
    if _SIGNATURE.match(t):
        return "signature"
    return None


def _contact_blocks(lines, reasons: dict[int, str]) -> None:
    """The label and name lines next to a contact line go with it (one blank line may separate them)."""
    by_no = {no: t.strip() for no, _, t, _ in lines}
    for no in [n for n, r in reasons.items() if r == "contact"]:
        for step in (-1, 1):
            cur, blanks, taken = no + step, 0, 0
            while cur in by_no and taken < 4 and blanks <= 1:
                t = by_no[cur]
                if not t:
                    blanks += 1
                elif reasons.get(cur) in (None, "contact") and (_NAME.match(t) or _CONTACT_LABEL.match(t)):
                    reasons[cur] = "contact"
                    taken, blanks = taken + 1, 0
                elif reasons.get(cur) != "contact":
                    break
                cur += step


def _signature_names(lines, reasons: dict[int, str]) -> None:
    """The name printed above "Ordförande" is part of the signature."""
    prev = None
    for no, _, t, _ in lines:
        if reasons.get(no) == "signature" and prev and prev[0] not in reasons and _NAME.match(prev[1]):
            reasons[prev[0]] = "signature"
        if t.strip():
            prev = (no, t.strip())


def _join_bullets(kept: list[KeptLine]) -> tuple[list[KeptLine], list[SetAside]]:
    """A bullet glyph alone on its line joins the item after it (across one blank line)."""
    out: list[KeptLine] = []
    joined: list[SetAside] = []
    i = 0
    while i < len(kept):
        k = kept[i]
        glyph = k.text.strip()
        nxt = i + 1 + (i + 1 < len(kept) and not kept[i + 1].text.strip())
        if glyph in BULLET_GLYPHS and nxt < len(kept) and kept[nxt].text.strip() \
                and kept[nxt].text.strip() not in BULLET_GLYPHS:
            item = kept[nxt]
            joined += [SetAside(kept[j].no, kept[j].page, kept[j].text, "bullet") for j in range(i, nxt)]
            out.append(KeptLine(item.no, item.page, f"{glyph} {item.text.strip()}"))
            i = nxt + 1
        else:
            out.append(k)
            i += 1
    return out, joined
