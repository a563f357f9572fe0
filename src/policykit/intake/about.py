"""What a document says about itself: title, decision, reference, date.

    Internationell policy för Norrviks            title (the first line of substance, with its
    kommun                                               continuation), or None
    Antagen av kommunfullmäktige 2015-03-23, § 41  decided_by "kommunfullmäktige",
                                                   decided_on "2015-03-23", paragraph "41"
    Fastställd av KF den 23 mars 2015 § 41         the same (KF → kommunfullmäktige, KS → kommunstyrelsen)
    Beslutad av: Kommunstyrelsen                   label forms; "Beslutsdatum: 2015-03-23"
    Dnr KS 2015/123 / Diarienummer: 2015.0123      diarienummer "KS 2015/123"
    Datum 2015-03-25                               document_date "2015-03-25"

Every field is None where the text is silent; dates come out as ISO 8601. OCR reads "§" as
"8", "$" or "S" after a date ("2015-03-23, 8 41", "2019-05-27, $ 41"), which is accepted; the
proposer (`authoring.symbols`) proposes the repair to "§".

`is_summary_or_news(text)` flags a news item or a summary about a policy ("Kommunen har
antagit en ny policy ... Läs hela policyn"; a "Nyhet" label, a byline, a publishing date,
"Kommunfullmäktige antog på måndagen en ny strategi", "..., säger ordföranden ..."), which must
not be added as the policy itself; `summary_reason` says which words gave it away. A news item's
own title is its headline (a web page's <h1>, `Extracted.reading`), even when it ends on the
verb ("Ny internationell strategi antagen").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykit.intake.furniture import furniture

_MONTHS = {m: i for i, m in enumerate(["januari", "februari", "mars", "april", "maj", "juni", "juli",
                                        "augusti", "september", "oktober", "november", "december"], 1)}
DATE = r"\d{4}-\d{2}-\d{2}|\d{1,2}\s+(?:" + "|".join(_MONTHS) + r")\s+\d{4}"
_BODY = (r"kommunfullmäktige|regionfullmäktige|landstingsfullmäktige|kf|ks|rf|rs|"
         r"[a-zåäö-]*(?:styrelsen|nämnden|fullmäktige|direktören|direktör)")
_VERB = r"antagen|antaget|antogs|fastställd|fastställt|fastställdes|beslutad|beslutat|godkänd|godkänt|reviderad|reviderat"
_DECISION = re.compile(
    rf"\b(?:{_VERB})\b[\s:]*(?:av\s+)?(?:(?P<body>{_BODY})\b)?[\s,:]*(?:den\s+)?(?P<date>{DATE})?"
    rf"(?:\s*,?\s*(?:§|§§|paragraf)\s*(?P<para>\d{{1,4}})|,\s*[8$S]\s?(?P<ocr_para>\d{{1,4}})\b)?", re.I)
_BODY_LABEL = re.compile(rf"\b(?:beslutad av|beslutsinstans|fastställd av|antagen av|beslutande)\s*:\s*(?P<body>{_BODY})\b", re.I)
_DATE_LABEL = re.compile(rf"\b(?:beslutsdatum|antagen|fastställd|beslutad)\s*:\s*(?P<date>{DATE})", re.I)
_PARA = re.compile(r"(?:§|§§|paragraf)\s*(?P<para>\d{1,4})\b", re.I)
_DNR = re.compile(r"\b(?:dnr|diarienr|diarienummer|diarie-nummer|ärendenummer|ärendenr)\.?\s*:?\s*"
                  r"(?P<dnr>(?:[A-ZÅÄÖ]{1,6}\s?)?\d{2,4}[/.:-]\d{1,6}(?:[.:/-]\d{1,6})*)", re.I)
_DOC_DATE = re.compile(rf"^\s*(?:datum|dokumentdatum|daterad)\s*:?\s*(?P<date>{DATE})\s*$", re.I | re.M)
_ABBREV = {"kf": "kommunfullmäktige", "ks": "kommunstyrelsen", "rf": "regionfullmäktige", "rs": "regionstyrelsen"}
# A decision line is no title; a headline that ends on the verb is ("Ny internationell strategi antagen").
_NOT_TITLE = re.compile(rf"^(?:{_VERB})\b|\b(?:{_VERB})\b\s*(?:av\b|den\b|i\b|på\b|vid\b|:|,|§|\d)"
                        rf"|^(?:datum|dnr|diarienummer|sida)\b|^(?:{DATE})$|^\d+$", re.I)
_NEWS = [
    (re.compile(r"\bhar (?:nu |idag |i dag )?(?:antagit|beslutat om|klubbat) (?:en |ett )?(?:ny|nya|nytt|reviderad)\b", re.I),
     "announces a decision ('har antagit en ny ...')"),
    (re.compile(r"\bhar beslutat att anta\b", re.I), "announces a decision ('har beslutat att anta')"),
    (re.compile(r"\bläs (?:hela|mer om|policyn|strategin|programmet|dokumentet)\b", re.I), "points to the full text ('Läs hela ...')"),
    (re.compile(r"\bpressmeddelande\b", re.I), "is a press release"),
    (re.compile(r"^\s*(?:nyhet|nyheter|aktuellt)\s*$", re.I | re.M), "is filed as news"),
    (re.compile(r"^\s*(?:sammanfattning|kortversion|kort om)\b.{0,60}$", re.I | re.M), "calls itself a summary"),
    (re.compile(r"^\s*(?:nyhet|nyheter|pressmeddelande)\s*[·|•–-]", re.I | re.M), "is filed as news"),
    (re.compile(rf"\b(?:{_BODY})\b(?:\s+i\s+\S+(?:\s+(?:kommun|stad|region))?)?\s+(?:antog|beslutade|klubbade|fastställde)"
                rf"\b(?:\s+(?:i\s+går|igår|i\s+dag|idag|på\s+\w+dagen|\w+dagen|under\s+\w+))?\s+(?:en|ett|den|det)\s+"
                rf"(?:ny|nya|nytt|reviderad|reviderade|uppdaterad)\b", re.I),
     "reports a decision in the third person ('Kommunfullmäktige antog på måndagen en ny ...')"),
    (re.compile(r"[,–-]\s*(?:säger|berättar|menar|förklarar|konstaterar)\s+(?:[a-zåäö-]+\s+){0,4}[A-ZÅÄÖ][a-zåäö]+\s+[A-ZÅÄÖ]"),
     "quotes a person ('..., säger ...')"),
]


@dataclass
class Metadata:
    title: str | None = None
    decided_by: str | None = None     # "kommunfullmäktige"
    decided_on: str | None = None     # ISO date of the decision
    paragraph: str | None = None      # the minutes' paragraph: "41" for "§ 41"
    diarienummer: str | None = None   # "KS 2015/123"
    document_date: str | None = None  # ISO date the document bears


def about(text: str) -> Metadata:
    """Read the document's own statements about itself; None where it is silent."""
    meta = Metadata()
    for m in _DECISION.finditer(text):
        if not (m["body"] or m["date"]):
            continue
        meta.decided_by = meta.decided_by or _body(m["body"])
        meta.decided_on = meta.decided_on or _iso(m["date"])
        meta.paragraph = meta.paragraph or m["para"] or m["ocr_para"]
        if meta.decided_by and meta.decided_on:
            break
    if not meta.decided_by and (m := _BODY_LABEL.search(text)):
        meta.decided_by = _body(m["body"])
    if not meta.decided_on and (m := _DATE_LABEL.search(text)):
        meta.decided_on = _iso(m["date"])
    if meta.decided_by and not meta.paragraph and (m := _PARA.search(text)):
        meta.paragraph = m["para"]
    if m := _DNR.search(text):
        meta.diarienummer = re.sub(r"\s+", " ", m["dnr"])
    if m := _DOC_DATE.search(text):
        meta.document_date = _iso(m["date"])
    meta.title = _title(text)
    return meta


# Signs of news that municipal policy pages carry too (WordPress's "Publicerad:", Sitevision's
# "Sidan publicerad av"): they add to a verdict, never make one.
_NEWS_SIGNS = [
    (re.compile(r"^\s*(?:sidan\s)?publicerad\s+av\s*:?\s*\S|^\s*(?:text|skribent|reporter)\s*:\s*[A-ZÅÄÖ]", re.M | re.I),
     "has a byline ('Publicerad av ...')"),
    (re.compile(rf"^\s*(?:[^\n]{{0,30}}[·|•–]\s*)?publicerad\s*:?\s*(?:den\s+)?(?:{DATE})(?:\s+\d{{1,2}}[.:]\d{{2}})?\s*$", re.I | re.M),
     "gives its publishing date ('Publicerad 2024-03-05')"),
]


def summary_reason(text: str) -> str | None:
    """Why the text looks like news or a summary about a policy rather than the policy; else None."""
    for pattern, reason in _NEWS:
        if pattern.search(text):
            return reason
    return None


def news_signs(text: str) -> list[str]:
    """Every sign of news in the text, the bylines and publishing dates that decide nothing alone included."""
    return [reason for pattern, reason in _NEWS + _NEWS_SIGNS if pattern.search(text)]


def is_summary_or_news(text: str) -> bool:
    return summary_reason(text) is not None


def _title(text: str) -> str | None:
    kept, _ = furniture(text.split("\f")[0])
    lines = [k.text.strip() for k in kept]
    for i, t in enumerate(lines):
        if not t or _NOT_TITLE.search(t):
            continue
        if t.endswith((".", ":", ",", ";")) or len(t.split()) > 20:
            return None  # the first line of substance is running text: no title printed
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if nxt and nxt[0].islower() and not _NOT_TITLE.search(nxt):
            t = f"{t} {nxt}"
        return t
    return None


def _body(body: str | None) -> str | None:
    return _ABBREV.get(body.lower(), body.lower()) if body else None


def _iso(date: str | None) -> str | None:
    if not date:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return date
    day, month, year = date.split()
    return f"{year}-{_MONTHS[month.lower()]:02d}-{int(day):02d}"
