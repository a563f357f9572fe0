"""Proposed word repairs, by noisy-channel OCR post-correction.

For each OCR token the readings are the token itself (when it is a Swedish word) and the
words that the learned OCR confusions (``confusions.yml``) lead back to. A reading scores

    ln P(word)                      wordfreq / Hunspell            (language.py)
  + Σ ln(d · w(edit))               one term per confusion undone  (confusions.py)
  + cue(word, left, right)          the repaired neighbours        (language.py)
  + syntax_cue(word, before, after) the sentence around it         (syntax.py)

where ``d`` is the document's damage rate: of the words that hold å, ä or ö, the share whose
OCR token is no word but a confusion repairs. A clean text has ``d`` ≈ 0, so its known words
never change. The weights ``w`` are re-estimated once from the document's own sure repairs of
non-words (channel.py). A token that is no word keeps a small share as it stands (a name, a rare
word), so a lone far-fetched candidate is flagged, not applied. `propose_words(text)` returns, alphabetically::

    Proposal(ocr="framja", fix="främja", count=3, options=["främja"], known=False, confidence=0.99)
    Proposal(ocr="ar", fix="år", count=1, options=["är", "år"], known=True,
             context="tredje ar sedan")                 # applies only inside this OCR phrase
    Proposal(ocr="vara", fix="vara", count=2, options=["våra"], known=True, flagged=True,
             alternatives=["vara", "våra"], sentence="... till vara verksamheter ...")

Signs OCR misreads come from `symbols.propose_symbols`, in the same shape::

    Proposal(ocr="$", fix="§", count=1, context="2019-05-27, $ 41")   # and "25 90 av" → "25 % av"

A flagged proposal leaves the token as it is (``fix == ocr``) and lists the alternatives: a
person decides. ``fix`` is None when no confusion reaches a word. Run it on the
layout-repaired text (hyphenated words joined). Every proposal is a review signal.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from policykit.authoring import confusions as conf
from policykit.authoring.channel import DAMAGE, Channel
from policykit.authoring.language import FLOOR, cue, is_word, logprior
from policykit.authoring.symbols import propose_symbols
from policykit.authoring.syntax import WINDOW, present_tense, syntax_cue
from policykit.sources.corrections import TOKEN

DIACRITIC = re.compile(r"[åäöÅÄÖ]")
SIGNS = ("$", "§", "%")
BREAK = re.compile(r"[.!?:;]|\n\s*\n")
SENTENCE_END = re.compile(r"[.!?]")
SURE_UNKNOWN, SURE_KNOWN, DOUBT = 0.75, 0.9, 0.15
D_MIN, R_UNKNOWN, R_KNOWN = 0.05, 2, 3
UNSEEN, UNSEEN_DAMAGED = 2.5, 7.0   # ln-odds against an unknown token being right as it stands


@dataclass
class Proposal:
    ocr: str
    fix: str | None            # the reading proposed; == ocr when flagged; None: no reading found
    count: int
    options: list[str] = field(default_factory=list)       # the words the confusions reach, best first
    known: bool = False        # the token is itself a Swedish word
    confidence: float = 1.0    # posterior of `fix` among the readings
    alternatives: list[str] = field(default_factory=list)  # readings a person should weigh (flagged)
    context: str | None = None  # OCR phrase the proposal is limited to (a context entry)
    sentence: str = ""         # where it occurs (OCR), for the reviewer
    flagged: bool = False      # unsure: nothing changes until a person decides


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and word[1:] == word[1:].lower()


def _skip(token: str) -> bool:
    """Numbers, abbreviations and signs: not words (signs are `symbols.propose_symbols`'s)."""
    return token.isdigit() or (len(token) > 1 and token.isupper() and token.isalpha()) or token in SIGNS


def damage_rate(counts: Counter, channel: Channel) -> tuple[float, int]:
    """(d, R): R = occurrences of non-words a confusion repairs; d = R / (R + words with å/ä/ö)."""
    repaired = sum(c for t, c in counts.items() if not _skip(t) and not is_word(t) and channel.candidates(t))
    intact = sum(c for t, c in counts.items() if DIACRITIC.search(t) and is_word(t))
    return (repaired / (repaired + intact) if repaired + intact else 0.0), repaired


def propose_words(text: str, table=None) -> list[Proposal]:
    channel = Channel(table)
    toks = list(TOKEN.finditer(text))
    words = [m.group() for m in toks]
    counts = Counter(w for w in words if not _skip(w))
    d, repaired = damage_rate(counts, channel)
    present = present_tense(counts)
    ld = math.log(max(d, 0.01))
    # Segment starts: context does not cross a sentence end, a blank line or a heading's line end.
    starts = {0}
    for k in range(1, len(toks)):
        gap = text[toks[k - 1].end():toks[k].start()]
        if BREAK.search(gap) or ("\n" in gap and words[k][:1].isupper() and "," not in gap):
            starts.add(k)
    # Where a capital letter goes: a sentence end before, or a new line after a line that starts
    # with one (a heading, a paragraph). A line after a line that starts in lower case continues a
    # list of lower-case items ("stärka ...\n\nöka ..."), whatever the OCR read for the letter.
    capital = {0}
    for k in starts - {0}:
        gap = text[toks[k - 1].end():toks[k].start()]
        line = text[text.rfind("\n", 0, toks[k - 1].start()) + 1:].lstrip()
        if SENTENCE_END.search(gap) or not line[:1].islower():
            capital.add(k)

    starts_at, ends_at = [0] * len(toks), [len(toks)] * len(toks)   # each token's segment [start, end)
    for k in range(1, len(toks)):
        starts_at[k] = k if k in starts else starts_at[k - 1]
    for k in range(len(toks) - 2, -1, -1):
        ends_at[k] = k + 1 if k + 1 in starts else ends_at[k + 1]

    own_pairs: list[tuple[str, str, int]] = []

    def readings(k: int, left: str | None, right: str | None,
                 around=((), ())) -> tuple[list[tuple[str, float]], bool]:
        token = words[k]
        base = token.lower() if _capitalised(token) else token
        own = is_word(token)
        # A token no lexicon knows may still be right (a name, a rare word): it keeps a small share,
        # so that a lone far-fetched candidate is flagged, not applied.
        # A glyph no Swedish word holds inside it (é, &, 6) leaves it far less: the token is damaged.
        out = {token: logprior(base) + cue(base, left, right) + syntax_cue(base, *around, present) if own else
               FLOOR - (UNSEEN_DAMAGED if DAMAGE.search(token) else UNSEEN)}
        for word, (lw, n) in channel.candidates(token).items():
            w = word.lower() if _capitalised(word) else word
            s = logprior(w) + lw + n * ld + cue(w, left, right) + syntax_cue(w, *around, present)
            if word[:1].lower() != token[:1].lower() and token[:1].isalpha():
                # The case of a repaired first letter ("Gvergripande", "Ovriga") comes from the
                # position: a capital where a sentence or heading starts (`capital`), else none; both
                # spellings are one reading.
                word = word[:1].upper() + word[1:] if k in capital else word[:1].lower() + word[1:]
            elif word[:1].lower() != token[:1].lower() and word[:1].isupper() != (k in capital):
                s -= 2.0   # a glyph read for a capital ("|" for I) where no sentence starts, or the reverse
            out[word] = max(out[word], s) + math.log1p(math.exp(-abs(out[word] - s))) if word in out else s
        top = max(out.values())
        z = sum(math.exp(s - top) for s in out.values())
        ranked = sorted(((w, math.exp(s - top) / z) for w, s in out.items()), key=lambda ws: -ws[1])
        return [(w, p) for w, p in ranked if own or w != token], own

    # The document's own channel (one EM step): the confusions its sure repairs of non-words undo
    # are counted with the learned ones, so an OCR that loses å/ä/ö to plain letters is weighed
    # as such, whatever glyphs the OCR of the training repairs preferred.
    sure = []
    for k, w in enumerate(words):
        if not _skip(w) and counts[w] and not is_word(w) and w not in sure:
            r, _ = readings(k, None, None)
            if r and r[0][1] >= SURE_UNKNOWN:
                sure.append(w)
                own_pairs.append((w, r[0][0], counts[w]))
    if own_pairs:
        channel = Channel(table, conf.learn_confusions(own_pairs))

    # Pass 1: context-free best reading of each token, to give the neighbours of pass 2.
    plain = {}
    for k, w in enumerate(words):
        if w not in plain:
            r, _ = readings(k, None, None) if not _skip(w) else ([], False)
            plain[w] = (r[0][0] if r else w).lower()

    decisions: dict[str, list] = defaultdict(list)   # token -> [(kind, fix, conf, alts, k)]
    options: dict[str, list[str]] = {}
    for k, token in enumerate(words):
        if _skip(token):
            continue
        left = plain[words[k - 1]] if k not in starts else None
        right = plain[words[k + 1]] if k + 1 < len(words) and k + 1 not in starts else None
        seg = starts_at[k]
        before = tuple(plain[words[j]] for j in range(k - 1, max(seg, k - WINDOW) - 1, -1))
        after = tuple(plain[words[j]] for j in range(k + 1, min(ends_at[k], k + WINDOW + 1)))
        ranked, own = readings(k, left, right, (before, after))
        options[token] = [w for w, _ in ranked if w != token]
        if not options[token]:
            if not own:
                decisions[token].append(("none", None, 0.0, [], k))
            continue
        best, p = ranked[0]
        alts = [w for w, q in ranked if q >= DOUBT or w == token]
        if own:
            if repaired < R_KNOWN or d < D_MIN:
                continue
            if best != token and p >= SURE_KNOWN:
                decisions[token].append(("change", best, p, alts, k))
            elif dict(ranked).get(token, 0.0) < SURE_KNOWN and any(q >= DOUBT for w, q in ranked if w != token):
                decisions[token].append(("flag", token, p, alts, k))
        elif p >= SURE_UNKNOWN and repaired >= R_UNKNOWN:
            decisions[token].append(("change", best, p, alts, k))
        else:
            decisions[token].append(("flag", token, p, alts or [w for w, _ in ranked[:3]], k))

    def phrase(k: int) -> str:
        a, b = max(k - 1, 0), min(k + 1, len(toks) - 1)
        return " ".join(text[toks[a].start():toks[b].end()].split())

    def sentence(k: int) -> str:
        m = toks[k]
        return " ".join(text[max(0, m.start() - 50):m.end() + 50].split())

    out: list[Proposal] = []
    for token in sorted(decisions, key=lambda t: (t.lower(), t)):
        ds = decisions[token]
        n_occ = counts[token]
        own = is_word(token)
        if ds[0][0] == "none":
            out.append(Proposal(token, None, n_occ, [], own, 0.0, sentence=sentence(ds[0][4])))
            continue
        changes = Counter(fix for kind, fix, *_ in ds if kind == "change")
        flags = [x for x in ds if x[0] == "flag"]
        everywhere = not flags and sum(changes.values()) == n_occ
        main = changes.most_common(1)[0][0] if everywhere else None
        if main:
            confs = [c for kind, fix, c, *_ in ds if fix == main]
            alts = sorted({a for x in ds for a in x[3]} - {main})
            out.append(Proposal(token, main, changes[main], options[token], own, round(min(confs), 3), alts,
                                sentence=sentence(ds[0][4])))
        seen: dict[tuple[str, str], Proposal] = {}
        for kind, fix, c, alts, k in ds:
            if kind != "change" or fix == main:
                continue
            key = (phrase(k), fix)
            if key in seen:
                seen[key].count += 1
                continue
            seen[key] = Proposal(token, fix, 1, options[token], own, round(c, 3), [a for a in alts if a != fix],
                                 context=key[0], sentence=sentence(k))
            out.append(seen[key])
        if flags:
            alts = list(dict.fromkeys(a for x in flags for a in x[3]))
            out.append(Proposal(token, token, len(flags), options[token], own, round(min(x[2] for x in flags), 3),
                                alts, context=phrase(flags[0][4]), sentence=sentence(flags[0][4]), flagged=True))
    # Signs OCR misreads ("$ 41" for "§ 41", "25 90 av" for "25 % av"), each in its phrase.
    return sorted(out + propose_symbols(text), key=lambda p: (p.ocr.lower(), p.ocr))


def print_proposals(source: Path, ambiguous: bool = False) -> int:
    """Print YAML entries for a repairs file; flagged (unsure) ones, with `ambiguous`, as comments."""
    try:
        text = Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: {source}: cannot read it as UTF-8 text ({exc}); give a plain-text OCR file")
        return 1
    q = lambda s: json.dumps(s, ensure_ascii=False)   # noqa: E731
    print("words:")
    for p in propose_words(text):
        if p.flagged:
            if ambiguous:
                print(f"  # unsure, {p.count}×: {q(p.ocr)} could be {', '.join(p.alternatives)} — {p.sentence!r}")
            continue
        ctx = f", context: {q(p.context)}" if p.context else ""
        if p.fix is None:
            print(f"  # {q(p.ocr)}: unknown word, {p.count}×, no proposal (allow-list it, or fix by hand)")
            continue
        print(f"  - {{ocr: {q(p.ocr)}, fix: {q(p.fix)}{ctx}}}   # {p.count}×, confidence {p.confidence}"
              + (f"; also: {', '.join(p.alternatives)}" if p.alternatives else ""))
    return 0
