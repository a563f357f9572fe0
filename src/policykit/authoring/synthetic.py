"""Synthetic municipalities: policy texts of realistic size and structure, damaged like OCR.

For tests and benchmarks only; nothing here is ever published as a real municipality's text.
`municipality(n, seed)` returns a `Synthetic` with a name, an id and the text as an OCR file
would deliver it::

     Internationell policy för Norrviks kommun        <- title; a leading space: a new printed page

    Norrvik är en kommun som aktivt vill delta i det internationella sam-
    arbetet. Kommunen ska framja ...                  <- hyphenated line ends, å/ä/ö damaged

    Mal                                               <- headings: short lines between blank lines

    e stärka kommunens roll i Europa                  <- bullet glyphs read as "e" or "¢"

The damage is the kind the real sources show: å and ä read as a, ö as o, ä as & or d, a
bullet as a letter. The same (n, seed) always gives the same text, so a benchmark measures
the same input every run. `damage` records every word it changed, as the true repairs.
"""

from __future__ import annotations

import random
import textwrap
from dataclasses import dataclass, field

from policykit.text import slug

PREFIXES = ["Norr", "Sö", "Väst", "Öst", "Berg", "Sjö", "Älv", "Skog", "Ån", "Lerå",
            "Hälle", "Björk", "Gran", "Fors", "Mål", "Äng", "Ekö", "Hök", "Rå", "Sälje"]
SUFFIXES = ["vik", "by", "torp", "hamn", "dal", "näs", "sund", "åsen", "holm", "berga", "köping", "fors", "ö"]

SUBJECTS = ["Kommunen", "Kommunstyrelsen", "Varje förvaltning", "Näringslivskontoret", "Skolorna",
            "Kultur- och fritidsnämnden", "Socialtjänsten", "De kommunala bolagen"]
VERBS = ["ska främja", "ska stärka", "ska utveckla", "ska följa upp", "ska samordna", "bör prioritera",
         "ska redovisa", "ska verka för"]
OBJECTS = ["samarbetet med andra kommuner i Europa", "utbytet av erfarenheter med vänorter",
           "kunskapen om omvärlden", "möjligheterna att delta i EU-projekt", "kontakterna med näringslivet",
           "ungdomars utbyte med andra länder", "arbetet med hållbar utveckling",
           "den lokala demokratin och jämställdheten", "mottagandet av internationella besök",
           "medlemskapen i internationella nätverk"]
PURPOSES = ["för att gynna invånarna på lång sikt", "så att resurserna används effektivt",
            "med tydliga mål och en klar ansvarsfördelning", "i enlighet med kommunens övergripande mål",
            "när det är förenligt med kommunens prioriteringar", "för att stärka kommunens attraktionskraft"]
BULLETS = ["skapa kanaler för företagskontakter", "öka förståelsen för andra kulturer",
           "ge förvaltningarna nya kunskaper och erfarenheter", "marknadsföra kommunen som besöksmål",
           "stärka en demokratisk och långsiktigt hållbar utveckling", "främja ungdomars rörlighet",
           "underlätta för företagen att nå nya marknader", "bidra till ett starkt Europa"]
HEADINGS = ["Syfte", "Mål", "Prioriterade områden", "Former för samarbete", "Vänorter", "EU-frågor",
            "Besök och resor", "Ansvar och organisation", "Finansiering", "Uppföljning"]

# Damage per character, with its probability: what this OCR does to Swedish letters.
DAMAGE = {"å": [("a", 0.6), ("d", 0.1)], "ä": [("a", 0.5), ("&", 0.1), ("d", 0.1)], "ö": [("o", 0.6), ("6", 0.1)],
          "Ö": [("O", 0.6)], "Å": [("A", 0.5)], "Ä": [("A", 0.5)]}


@dataclass
class Synthetic:
    id: str
    name: str          # the municipality's name, e.g. "Norrvik"
    text: str          # the OCR text, as delivered
    damage: dict[str, str] = field(default_factory=dict)   # damaged word -> the word it was


def name_of(n: int) -> str:
    base = PREFIXES[n % len(PREFIXES)] + SUFFIXES[(n // len(PREFIXES)) % len(SUFFIXES)]
    cycle = n // (len(PREFIXES) * len(SUFFIXES))
    return base if cycle == 0 else f"{base} {cycle + 1}"


def _damage_word(word: str, rng: random.Random, log: dict[str, str]) -> str:
    chars = []
    for ch in word:
        for rep, p in DAMAGE.get(ch, []):
            if rng.random() < p:
                ch = rep
                break
        chars.append(ch)
    damaged = "".join(chars)
    if damaged != word:
        log[damaged.strip(".,-")] = word.strip(".,-")
    return damaged


def _damage(text: str, rng: random.Random, log: dict[str, str]) -> str:
    return " ".join(_damage_word(w, rng, log) for w in text.split(" "))


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(PURPOSES)}."


def _wrap(paragraph: str, rng: random.Random) -> list[str]:
    """Break a paragraph into printed lines, hyphenating some long words at the line end."""
    lines = textwrap.wrap(paragraph, width=68, break_long_words=False, break_on_hyphens=False)
    result = []
    carry = ""
    for i, line in enumerate(lines):
        line = carry + line
        carry = ""
        words = line.split(" ")
        last = words[-1]
        if i + 1 < len(lines) and len(last) >= 8 and last.isalpha() and last.islower() and rng.random() < 0.5:
            cut = len(last) // 2
            words[-1] = last[:cut] + "-"
            carry = last[cut:] + " "
        result.append(" ".join(words))
    if carry:
        result.append(carry.strip())
    return result


def municipality(n: int, seed: int = 0, sections: int | None = None) -> Synthetic:
    """The n-th synthetic municipality: a title, an introduction and 4-8 sections."""
    rng = random.Random(f"{seed}-{n}")
    name = name_of(n)
    log: dict[str, str] = {}
    genitive = name if name.endswith("s") else name + "s"
    lines = [" " + _damage(f"Internationell policy för {genitive} kommun", rng, log), ""]
    intro = f"{name} är en kommun som aktivt vill delta i det internationella samarbetet. " + " ".join(
        _sentence(rng) for _ in range(rng.randint(2, 4)))
    lines += [_damage(ln, rng, log) for ln in _wrap(intro, rng)] + [""]
    count = sections or rng.randint(4, 8)
    for k, heading in enumerate(rng.sample(HEADINGS, min(count, len(HEADINGS)))):
        lines += [(" " if k % 3 == 2 else "") + _damage(heading, rng, log), ""]
        for _ in range(rng.randint(1, 3)):
            para = " ".join(_sentence(rng) for _ in range(rng.randint(2, 5)))
            lines += [_damage(ln, rng, log) for ln in _wrap(para, rng)] + [""]
        if rng.random() < 0.5:
            lines += [_damage(f"{name} ska särskilt verka för att", rng, log), ""]
            for item in rng.sample(BULLETS, rng.randint(3, 5)):
                lines += [rng.choice(["e", "¢"]) + " " + _damage(item, rng, log), ""]
    return Synthetic(id=slug(name), name=name, text="\n".join(lines).rstrip() + "\n", damage=log)


def accept_as_read(root, doc_ids) -> None:
    """Do, for synthetic documents, what their reviewer does before approving: nobody can check an
    invented text against a printed original, so tests and benchmarks accept it as the add command
    read it (repairs `reviewed: true`, the flagged words kept as read, the pages' notice that the
    reading is unreviewed removed). Then `authoring.approve.approve` publishes them as for any
    document. Never for a real municipality's document: a person reviews those."""
    from pathlib import Path

    from policykit.check.todo import FLAGGED, REVIEWED_FALSE, notice_blocks
    from policykit.sources.registry import load_registry

    root, wanted = Path(root), set(doc_ids)
    for src in load_registry(root).files:
        docs = [d for d in src.documents if d.id in wanted]
        if not docs:
            continue
        lines = src.repairs.read_text(encoding="utf-8").split("\n")
        lines = ["reviewed: true" if REVIEWED_FALSE.match(ln) else ln for ln in lines if not FLAGGED.match(ln)]
        src.repairs.write_text("\n".join(lines), encoding="utf-8")
        for doc in docs:
            for rel in (doc.page, doc.page[:-3] + ".en.md"):
                path = root / "docs" / rel
                page = path.read_text(encoding="utf-8").split("\n")
                for first, last in reversed(notice_blocks(page)):
                    del page[first - 1:last]
                path.write_text("\n".join(page), encoding="utf-8")
