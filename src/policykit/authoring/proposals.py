"""Proposed word repairs: the OCR tokens of a text that the Swedish dictionary does not know.

`propose_words(text)` returns one `Proposal` per distinct token, in the order a reviewer reads
best (alphabetical), each with the dictionary words that known OCR confusions reach::

    Proposal(ocr="framja", fix="främja", count=3, options=["främja"], known=False)
    Proposal(ocr="for", fix="för", count=12, options=["för"], known=True)   # see LIKELY

Run it on the layout-repaired text (hyphenated words joined), not on the raw OCR, or the
halves of split words show up as unknown tokens. A proposal is a review signal, never a
verdict: a person checks every one against the printed original.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from policykit.sources.corrections import TOKEN
from policykit.authoring.spelling import known, propose

# Real Swedish words that, in OCR of Swedish policy text, almost always stand for another word
# (seen in both sources here). The dictionary knows them, so only this list can flag them.
LIKELY = {"for": "för", "ar": "är", "dr": "är", "pa": "på", "mal": "mål", "sa": "så", "na": "nå",
          "fran": "från", "nar": "när", "aven": "även", "vara": "våra"}
# "vara" is ambiguous (vara: to be; våra: our); it is listed so that a person looks at each.


@dataclass
class Proposal:
    ocr: str
    fix: str | None            # the first proposal; None when the dictionary reaches no word
    count: int
    options: list[str] = field(default_factory=list)
    known: bool = False        # the token is itself a dictionary word (proposed from LIKELY)


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and word[1:] == word[1:].lower()


def propose_words(text: str) -> list[Proposal]:
    counts = Counter(t for t in TOKEN.findall(text) if not t.isdigit())
    out: list[Proposal] = []
    for token, count in sorted(counts.items(), key=lambda kv: (kv[0].lower(), kv[0])):
        lower = token[0].lower() + token[1:] if _capitalised(token) else None
        if lower in LIKELY or token in LIKELY:
            if lower is not None and lower in counts:
                continue  # the lower-case entry repairs the capitalised token too
            word = LIKELY[lower or token]
            fix = word[0].upper() + word[1:] if lower else word
            out.append(Proposal(token if lower is None else lower, word, count, [fix], known=True))
            continue
        if known(token) or known(token.lower()):
            continue
        options = propose(token)
        if lower is not None and lower in counts and not known(lower) and options:
            continue  # the lower-case entry covers this capitalised token
        out.append(Proposal(token, options[0] if options else None, count, options))
    return out


def print_proposals(source: Path, ambiguous: bool = False) -> int:
    """Print YAML entries for a repairs file: the OCR tokens of `source` the dictionary does not know.

    With `ambiguous`, also known words an OCR confusion could have made from another word.
    """
    try:
        text = Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: {source}: cannot read it as UTF-8 text ({exc}); give a plain-text OCR file")
        return 1
    tokens = Counter(t for t in TOKEN.findall(text) if not t.isdigit())
    print("words:")
    for token, count in sorted(tokens.items(), key=lambda kv: kv[0].lower()):
        if known(token) or known(token.lower()):
            if not ambiguous:
                continue
            options = propose(token)
            if not options:
                continue
            note = "known word; could also be"
        else:
            options = propose(token)
            note = "unknown word"
        fix = options[0] if options else token
        print(f"  - {{ocr: {json.dumps(token, ensure_ascii=False)}, fix: {json.dumps(fix, ensure_ascii=False)}}}"
              f"   # {note}, {count}×; proposals: {', '.join(options) or 'none (allow-list it, or fix by hand)'}")
    return 0
