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
    POSTADRESS BESÖKSADRESS TELEFON TELEFAX  address   (also as column labels on one line)
    Skriv ut Lyssna Dela / Sidan senast uppdaterad 2024-05-02 /        web
    Hittade du den information du sökte? / Vi använder kakor ... / Följ oss / Start / Kommun / Styrdokument
    Illustration: Karin Berg / Sidan publicerad av: Ola Ek   byline    (bylines and credits)
    Karin Berg / Internationell samordnare   contact   (a name with a job title: a contact box)
    2015-03-25 / 25 mars 2015 (alone)        date
    … säger Karin Berg.                      person    (a name found beside any cue above, wherever
                                                        else it stands in the text)
    Ordförande / Kommunsekreterare (and the name above)     signature
    •  (alone, the item on the next line)    bullet    (joined: "• delta i ...")

`furniture(text)` returns the kept lines and the set-aside lines, each with its 1-based line
number in `text` (form feeds separate pages and count as no line) and, for what is set aside,
the reason. A phone number or e-mail address never stays: names of officials with a direct
number are personal data and no policy text. OCR spellings of "@" ("(Q", "(@", "©") count.
A person named in a contact, byline, signature or letterhead line is personal data wherever
the name stands: every other line that carries it is set aside too (reason ``person``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from policykit.intake import persons


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
    reason: str   # running, page-number, letterhead, contact, address, web, signature, bullet,
                  # byline, date, person


_I = re.I
_PAGE_MARK = r"(?:(?:sida|sidan|page|s\.)\s*)?\d{1,3}\s*(?:\(\s*\d{1,3}\s*\)|(?:av|of|/)\s*\d{1,3})"
PAGE_NUMBER = re.compile(rf"^(?:{_PAGE_MARK}|(?:sida|sidan|page|s\.)?\s*\d{{1,3}}|[-–—]\s*\d{{1,3}}\s*[-–—])$", _I)
_TRAILING_PAGE = re.compile(rf"\s{_PAGE_MARK}$", _I)
EMAIL = re.compile(r"[\w.%+-]+\s?(?:@|\(Q|\(@|\(a\)|©|®|\[at\]|\(at\))\s?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}\b", _I)
# Swedish numbers: 0 + area code + subscriber (08-508 290 00, 0612-345 67, 070 123 45 67), or +46.
_PHONE = re.compile(r"(?<![\w/.,-])(?:\+\s?46\s?(?:\(0\)\s?)?|0)\d[\d\s()-]{4,14}\d(?![\w/-])")
_CONTACT_LABEL = re.compile(r"^(?:tel(?:efon|efonnummer|efax|efontid)?|tfn|växel|mobil(?:telefon)?|fax|"
                            r"e-?post(?:adress)?|mejl|e-?mail|mail)\b"
                            r"|^(?:kontakt(?:person|personer|uppgifter)?|handläggare|frågor|upplysningar|ansvarig|"
                            r"(?:för )?mer information)\b", _I)
_NAME = re.compile(r"^(?:[A-ZÅÄÖÉ][a-zåäöéüè]+(?:-[A-ZÅÄÖ][a-zåäö]+)?\s){1,2}[A-ZÅÄÖÉ][a-zåäöéüè]+"
                   r"(?:-[A-ZÅÄÖ][a-zåäö]+)?(?:\s*[,–-]\s*[^.]{0,60})?$")
# "webbplats" and "hemsida" are address cues only as a block's label ("Webbplats: www…", "HEMSIDA"): policy
# text speaks of "kommunens webbplats" too.
_ADDRESS = re.compile(r"\b(?:postadress|besöksadress|e-?postadress|leveransadress|fakturaadress|adress|org\.?\s?nr|"
                      r"organisationsnummer|bankgiro|plusgiro|bg|pg|momsreg)\b|^(?:webbplats|hemsida)\b\s*(?::|$)|^box\s\d+|"
                      r"(?:^|\s|,)(?:SE-)?\d{3}\s?\d{2}\s+[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]+|www\.|https?://|"
                      r"^[A-ZÅÄÖ][a-zåäö]+(?:gatan|vägen|gränd|torget|plan|allén|stigen|backen|väg|gata)\s\d+|"
                      r"^(?:SE)?\d{6}-?\d{4}(?:01)?$", _I)
_WEB = re.compile(r"^(?:(?:skriv ut|dela|dela sidan|dela på \w+|lyssna|läs upp|print|share|listen|facebook|"
                  r"twitter|linkedin|instagram|youtube|e-posta|mejla|tipsa en vän)\s*[|·•/]?\s*)+$|"
                  r"^(?:till toppen|tillbaka|(?:sidan\s)?senast (?:uppdaterad|ändrad|granskad)\b.*|"
                  r"publicerad\s.*|uppdaterad\s\d.*|hjälpte informationen (?:dig|på sidan)\b.*|ge oss återkoppling|"
                  r"hittade du (?:den |det )?(?:information|svar)\w* (?:du sökte|du letade efter)\??|"
                  r"(?:var|är) (?:den här |denna )?(?:sidan|informationen) (?:till )?(?:hjälp|användbar)\w*\??|"
                  r"fick du svar på (?:din fråga|dina frågor)\??|ja\s*nej|tyck till om sidan|"
                  r"följ oss\b.*|du är här:?.*|hoppa till (?:huvud)?innehåll\w*|relaterade? (?:länkar|sidor|innehåll)|"
                  r"relaterat|se även|hitta (?:på sidan|snabbt)|"
                  r"(?:vi|den här webbplatsen|webbplatsen|vår webbplats) använder (?:kakor|cookies)\b.*|"
                  r"(?:godkänn|acceptera|neka|tillåt|avvisa) (?:alla |nödvändiga )?(?:kakor|cookies)\b.*|"
                  r"(?:inställningar för|om|hantera) (?:kakor|cookies)\b.*|(?:kakor|cookies)(?: på \S+)?)$"
                  r"|^(?:start|startsida|hem)\s*[/>›»]\s*.{0,120}$", _I)
# Bylines and credits: who wrote, photographed or published the page. They name a person.
_BYLINE = re.compile(r"^(?:illustration|illustrationer|foto|fotograf|bild|bilder|text|text och foto|"
                     r"(?:sidan\s)?publicerad(?:\sav)?|(?:sidan\s)?uppdaterad(?:\sav)?|skribent|författare|"
                     r"skriven av|sidansvarig|sidans? ägare|sidan ägs av|ansvarig utgivare|innehållsansvarig|"
                     r"redaktör|photo|credit)\s*:\s*\S.*$|^(?:sidan\s)?(?:publicerad|uppdaterad|skriven) av\s\S.*$"
                     r"|^(?:foto|bild|illustration)\s[A-ZÅÄÖ][a-zåäö]+\s[A-ZÅÄÖ][a-zåäö]+$", _I)
_MONTH = r"(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)"
_DATE_ALONE = re.compile(rf"^(?:(?:datum|den)\s*:?\s*)?(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\s{_MONTH}\s\d{{4}}|"
                         rf"{_MONTH}\s\d{{4}}|\d{{1,2}}/\d{{1,2}}\s\d{{4}})$", _I)
# A job title standing with a name in a contact box: "Internationell samordnare", "Enhetschef".
_JOB = re.compile(r"^(?:\S+\s){0,3}\S*(?:strateg|samordnare|handläggare|chef|direktör|koordinator|sekreterare|"
                  r"utvecklare|rådgivare|ansvarig|controller|kommunikatör|specialist|utredare|assistent|"
                  r"ombudsman|sakkunnig|kanslist|planerare|projektledare|samordnare|officer|manager|"
                  r"kommunikationschef|pressekreterare)$", _I)
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
    lines = numbered(text)
    running = _running(lines)
    reasons: dict[int, str] = {}
    for no, page, t, top in lines:
        reason = _reason(t.strip(), page, top, running)
        if reason:
            reasons[no] = reason
    _contact_blocks(lines, reasons)
    _signature_names(lines, reasons)
    _named_job_titles(lines, reasons)
    persons.set_aside_named(lines, reasons)
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


def numbered(text: str) -> list[tuple[int, int, str, int]]:
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
    if _BYLINE.match(t):
        return "byline"
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
    if _DATE_ALONE.match(t):
        return "date"
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
                elif reasons.get(cur) in (None, "contact") and (_NAME.match(t) or _CONTACT_LABEL.match(t)
                                                                or _JOB.match(t)):
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


def _named_job_titles(lines, reasons: dict[int, str]) -> None:
    """A name line beside a job title line is a contact box, with or without a number."""
    filled = [(no, t.strip()) for no, _, t, _ in lines if t.strip()]
    for (a, ta), (b, tb) in zip(filled, filled[1:]):
        if b - a > 2 or a in reasons or b in reasons:
            continue
        if (_NAME.match(ta) and _JOB.match(tb)) or (_JOB.match(ta) and _NAME.match(tb) and "," not in tb):
            reasons[a] = reasons[b] = "contact"


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


_numbered = numbered  # the name the pdf and scan readers may still use
