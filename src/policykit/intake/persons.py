"""A person named beside a contact, byline, signature or letterhead cue, wherever else the name stands.

    Illustration: Karin Berg                          byline     → the name "Karin Berg"
    Kontakt: Anna Lindqvist, internationell strateg   contact    → the name "Anna Lindqvist"
    – Det är ett viktigt steg, säger Karin Berg.      person     set aside: it carries a name found above
    Berg menar att samarbetet ska växa.               person     (the surname alone, too)
    – Vi vill mer, säger ordföranden Sara Hedlund.    person     a quotation's speaker is named

A name is two capitalised words in a line set aside for one of those reasons, neither of them a
label, a month or an institution ("Kontakt", "Telefon", "Kommunstyrelsen", "Norrviks").
`set_aside_named(lines, reasons)` adds the reason ``person`` to every other line carrying a
name so found: the lines as `furniture.numbered` gives them, the reasons by line number.
"""

from __future__ import annotations

import re

CUES = ("contact", "byline", "signature", "letterhead")
_WORD = r"[A-ZÅÄÖÉ][a-zåäöéüèø]+(?:-[A-ZÅÄÖÉ][a-zåäöéüèø]+)?"
_PAIR = re.compile(rf"(?=(?<![\w-])({_WORD})\s+({_WORD})(?![\w-]))")
_LABELS = {
    "kontakt", "kontaktperson", "kontaktpersoner", "kontakta", "telefon", "tel", "mobil", "växel", "fax",
    "telefax", "e-post", "epost", "mejl", "mail", "handläggare", "frågor", "upplysningar", "ansvarig",
    "illustration", "foto", "fotograf", "bild", "text", "sidan", "publicerad", "uppdaterad", "skribent",
    "författare", "redaktör", "datum", "dnr", "diarienummer", "box", "besöksadress", "postadress", "adress",
    "ordförande", "sekreterare", "justerare", "mer", "information", "om", "för", "och", "av", "på", "till",
    "med", "den", "det", "en", "ett", "kommun", "stad", "region", "sverige", "svenska", "policy", "strategi",
    "internationell", "internationella", "enheten", "avdelningen", "kansliet", "vi", "du", "ni", "hos",
    "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
    "november", "december", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag", "nyhet",
}
_INSTITUTION = re.compile(r"(?:styrelsen|nämnden|förvaltningen|kontoret|avdelningen|enheten|fullmäktige|"
                          r"kansliet|kommun|stad|regionen)$", re.I)
# "…, säger kommunstyrelsens ordförande Sara Hedlund": a person quoted, as news reports.
_QUOTED = re.compile(rf"\b(?:säger|sa|berättar|menar|förklarar|uppger|konstaterar|tycker|fortsätter)\s+"
                     rf"(?:[a-zåäö-]+\s+){{0,4}}({_WORD}\s+{_WORD})")
# A surname alone names a place, not the person, after these words or before these ("i Berg", "Bergs kommun").
_PLACE_BEFORE = re.compile(r"(?:\b(?:i|till|från|vid|mot|kommun|stad|region)\s+)$", re.I)
_PLACE_AFTER = re.compile(r"^\s*(?:kommun|stad|region|socken)\b", re.I)


def names(text: str) -> set[str]:
    """The people's names ("Karin Berg") in one line set aside for a personal cue."""
    found = set()
    for m in _PAIR.finditer(text):
        first, last = m[1], m[2]
        if {first.lower(), last.lower()} & _LABELS or _INSTITUTION.search(first) or _INSTITUTION.search(last):
            continue
        found.add(f"{first} {last}")
    return found


def set_aside_named(lines, reasons: dict[int, str]) -> set[str]:
    """Set aside (reason ``person``) each line not set aside yet that carries a name found in a line
    set aside for a personal cue, or a name a quotation is attributed to; returns the names."""
    people: set[str] = set()
    for no, _, t, _ in lines:
        if no not in reasons and (m := _QUOTED.search(t)) and names(m[1]):
            reasons[no] = "person"
        if reasons.get(no) in CUES + ("person",):
            people |= names(t.strip())
    if not people:
        return people
    surnames = {n.split()[-1] for n in people if len(n.split()[-1]) >= 4}
    full = re.compile("|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(people)))
    last = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(surnames))) + r")(?![\w-])") if surnames else None
    for no, _, t, _ in lines:
        if no in reasons or not t.strip():
            continue
        if full.search(t) or (last and any(not _PLACE_BEFORE.search(t[:m.start()]) and not _PLACE_AFTER.match(t[m.end():])
                                           for m in last.finditer(t))):
            reasons[no] = "person"
    return people
