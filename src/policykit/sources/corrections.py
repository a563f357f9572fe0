"""Word-level OCR repairs: each OCR token and the Swedish word it stands for.

In ``sources/repairs/<file>.yml``::

    words:
      - {ocr: "6vergripande", fix: "övergripande"}
      - {ocr: "ar", fix: "är"}                            # the usual reading
      - {ocr: "ar", fix: "år", context: "vart fjarde ar"} # where context decides otherwise

A token is a run of letters, digits, ``&`` and ``|`` (OCR puts ``&`` for ä and ``|`` for I), or one
of the signs ``$ § %`` (OCR puts ``$`` for §: ``{ocr: "$", fix: "§", context: "27, $ 41"}``).
An entry for a lower-case token also repairs its capitalised form (``for`` → ``för`` and
``For`` → ``För``). An entry with ``context`` applies only to the token inside that OCR phrase
(matched across line breaks) and wins over the entry without context. Entries that match
nothing, duplicates and no-op entries are errors: the list must stay exactly the reviewed one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policykit.errors import PolicyError, Problem, at
from policykit.sources.repairs_file import read

TOKEN = re.compile(r"[\w&|]+|[$§%]")


@dataclass
class Entry:
    ocr: str
    fix: str
    context: str | None
    line: int | None
    uses: int = 0
    pattern: re.Pattern | None = None


@dataclass
class Corrections:
    where: str
    plain: dict[str, Entry] = field(default_factory=dict)
    contextual: list[Entry] = field(default_factory=list)

    @classmethod
    def from_repairs(cls, repairs: dict, where: str) -> "Corrections":
        self = cls(where)
        for rec in read(repairs, where).words:
            line = rec.lineno or None
            entry = Entry(rec.ocr, rec.fix, rec.context, line)
            if not TOKEN.fullmatch(entry.ocr):
                raise PolicyError(Problem(at(where, line), f"ocr {entry.ocr!r} is not a single token",
                                          "split it into one entry per word"))
            if entry.ocr == entry.fix:
                raise PolicyError(Problem(at(where, line), f"entry {entry.ocr!r} → {entry.fix!r} changes nothing",
                                          "remove it"))
            if entry.context is None:
                if entry.ocr in self.plain:
                    raise PolicyError(Problem(at(where, line), f"duplicate entry for {entry.ocr!r} "
                                              f"(first at line {self.plain[entry.ocr].line})",
                                              "keep one entry; use 'context' for a different reading"))
                self.plain[entry.ocr] = entry
            else:
                tokens = TOKEN.findall(entry.context)
                if entry.ocr not in tokens:
                    raise PolicyError(Problem(at(where, line), f"context {entry.context!r} does not contain "
                                              f"the token {entry.ocr!r}", "quote the OCR phrase around the token"))
                # Whole tokens only, and any whitespace (a line break too) between words.
                body = r"\s+".join(re.escape(t) for t in entry.context.split())
                entry.pattern = re.compile(rf"(?<![\w&|]){body}(?![\w&|])")
                self.contextual.append(entry)
        return self

    def apply(self, ocr: str) -> tuple[str, list[tuple[str, str]]]:
        """Repair one clause's OCR text; return the text and the (ocr, fix) pairs applied."""
        chosen: dict[int, Entry] = {}
        for entry in self.contextual:
            for m in entry.pattern.finditer(ocr):
                for tok in TOKEN.finditer(ocr, m.start(), m.end()):
                    if tok.group() == entry.ocr and tok.end() <= m.end():
                        chosen[tok.start()] = entry
        pieces, changes, pos = [], [], 0
        for tok in TOKEN.finditer(ocr):
            word = tok.group()
            entry = chosen.get(tok.start()) or self.plain.get(word)
            fix = entry.fix if entry else None
            if entry is None and word[:1].isupper() and word[1:] == word[1:].lower():
                entry = self.plain.get(word[0].lower() + word[1:])
                fix = entry.fix[0].upper() + entry.fix[1:] if entry else None
            if entry is None:
                continue
            entry.uses += 1
            pieces.append(ocr[pos:tok.start()])
            pieces.append(fix)
            changes.append((word, fix))
            pos = tok.end()
        pieces.append(ocr[pos:])
        return "".join(pieces), changes

    def unused(self) -> list[Problem]:
        return [Problem(at(self.where, e.line),
                        f"correction {e.ocr!r} → {e.fix!r}" + (f" in context {e.context!r}" if e.context else "")
                        + " matches nothing in the source",
                        "remove the entry, or fix its 'ocr' or 'context' to match the OCR text")
                for e in list(self.plain.values()) + self.contextual if e.uses == 0]
