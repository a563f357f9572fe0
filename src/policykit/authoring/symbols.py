"""Symbols OCR misreads, proposed for repair like words: the paragraph sign and the percent sign.

What tesseract 5's Swedish model made of them in tests/fixtures/documents/scan-*::

    Antagen av kommunfullmäktige 2019-05-27, $ 41.     § read as "$" (also "8", "S")
    Fastställd av KF 2020-02-17, 8 12                  § read as "8"
    minst 25 90 av kommunens förvaltningar             % read as "90" (also "20", "26", "96", "Yo")
    överstiga 20 20 av projektets totala kostnad

`propose_symbols(text)` returns `proposals.Proposal`s, each limited to its OCR phrase
(``context``), so that one "$ 41" is repaired and no other "$" or "20" is touched:

    Proposal(ocr="$", fix="§", context="27, $ 41", confidence=0.95)          # sure: applied
    Proposal(ocr="90", fix="%", context="25 90 av", confidence=0.9)          # sure: applied
    Proposal(ocr="$", fix="$", flagged=True, alternatives=["$", "§"], context="kostar $ 40")

Sure where the context leaves no other reading: "§ N" after a decision's date or deciding body
(``2019-05-27,``, ``KF``, ``kommunfullmäktige``, ``protokoll``), "N %" before "av" (a share *of*
something). Unsure, flagged with the alternatives for a person: "$ N" elsewhere, "N 20" at the end
of a sentence, "N 96" (or 26, 90, Yo) before another word. "N 20 procent" is left alone.
"""

from __future__ import annotations

import re

PARAGRAPH = {"$": 0.95, "S": 0.9, "8": 0.9}    # an OCR reading of § and how sure the context makes it
PERCENT = {"20", "26", "90", "96", "9", "Yo", "Y"}
_DECIDED = (r"(?:\d{4}-\d{2}-\d{2}|\d{1,2}\s+[a-zåäö]+\s+\d{4})\s*,?|\b(?:KF|KS|RF|RS|kommunfullmäktige|"
            r"kommunstyrelsen|regionfullmäktige|fullmäktige|nämnden|styrelsen|protokoll|protokollet)\s*,?")
_PARA = re.compile(rf"(?P<before>{_DECIDED})\s*(?P<ocr>[$S8])\s?(?P<num>\d{{1,4}})\b(?![.,]?\d)")
_DOLLAR = re.compile(r"(?<![\w$])(?P<ocr>\$)\s?(?P<num>\d{1,4})\b")
_PCT = re.compile(r"(?<![\d,.])(?P<num>\d{1,3}(?:,\d+)?)\s(?P<ocr>20|26|90|96|9|Yo|Y)"
                  r"(?:\s(?P<after>[a-zåäö]+)\b|(?P<after_sign>[.,;)])(?!\d))")


def propose_symbols(text: str) -> list:
    """Proposals for §, % and the like as OCR misread them, sure ones and flagged ones."""
    from policykit.authoring.proposals import Proposal
    found: dict[tuple[str, str, bool], Proposal] = {}

    def add(ocr: str, fix: str, start: int, end: int, confidence: float, flagged: bool) -> None:
        context = " ".join(text[start:end].split())
        sentence = " ".join(text[max(0, start - 50):end + 50].split())
        key = (context, fix, flagged)
        if key in found:
            found[key].count += 1
            return
        found[key] = Proposal(ocr, ocr if flagged else fix, 1, [fix], False, confidence,
                              [ocr, fix] if flagged else [ocr], context=context, sentence=sentence,
                              flagged=flagged)

    sure_dollars = set()
    for m in _PARA.finditer(text):
        last = re.search(r"\S+\s*$", m["before"])   # the context: the word before, the sign, the number
        add(m["ocr"], "§", m.start() + last.start(), m.end(), PARAGRAPH[m["ocr"]], False)
        sure_dollars.add(m.start("ocr"))
    for m in _DOLLAR.finditer(text):
        if m.start("ocr") not in sure_dollars:
            before = re.search(r"\S+\s*$", text[max(0, m.start() - 40):m.start()])
            start = m.start() - len(before[0]) if before else m.start()
            add("$", "§", start, m.end(), 0.5, True)
    for m in _PCT.finditer(text):
        after = (m["after"] or m["after_sign"]).lower()
        start = m.start()
        if m["num"] == m["ocr"]:   # "20 20 av": a context holding the token twice says not which; "20 av" does,
            start = m.start("ocr")  # where it occurs only here
            if len(re.findall(rf"(?<![\w,.]){re.escape(text[start:m.end()])}", text)) > 1:
                add(m["ocr"], "%", m.start(), m.end(), 0.5, True)
                continue
        if after == "av":          # "25 % av ...": a share of something
            add(m["ocr"], "%", start, m.end(), 0.9, False)
        elif after != "procent" and (not after[0].isalpha() or m["ocr"] not in ("20", "9")):
            add(m["ocr"], "%", start, m.end(), 0.5, True)   # "ökade med 15 96." : a person decides
    return list(found.values())
