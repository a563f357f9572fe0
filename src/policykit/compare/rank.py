"""Rank a document's clauses for each comparison topic, with BM25 (PyPI ``bm25s``).

    topics = [Topic("besok", texts=["Internationella besök", "Staden har ett välkomnande ..."],
                    cited=["Staden har ett välkomnande ..."])]
    clauses = [Passage("norrvik-s3", "Besök från andra länder tas emot av ...", context="Besök")]
    ranked = rank(topics, clauses, background=[...], vocab=Vocabulary(...))
    ranked["besok"].relevance      # the best clause's score relative to the topic's own clauses
    ranked["besok"].clauses        # [(clause id, score, [matched words]), ...], best first

How: every clause (the new document's, and as background every clause already in the project)
is a BM25 document of its words and its section heading's words (`text.Vocabulary.tokens`). A
topic is a weighted query: each token of its description (the clauses its cells cite, its name,
glossary and termbase forms) weighs (1 + ln tf) * ln(1 + T / df), tf its count in the description,
df the number of the T topics whose description has it: a word every topic shares weighs little.
A clause's score is the weighted sum of its tokens' BM25 scores. Scores are divided by the mean
score of the topic's own cited clauses (its name, when it has none), so a score reads the same
whether 2 or 299 municipalities describe the topic: 1.0 is "as close as a cited clause".
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

import bm25s
import numpy as np

from policykit.compare.text import Vocabulary


@dataclass
class Topic:
    id: str
    texts: list[str]                                   # everything known about it: name, forms, cited clauses
    cited: list[str] = field(default_factory=list)     # the cited clauses' texts: the scale of a score


@dataclass
class Passage:
    id: str
    text: str
    context: str = ""   # the section heading: its words count for every clause under it


@dataclass
class Ranked:
    relevance: float                                   # the best clause's score (0.0 when none matched)
    clauses: list[tuple[str, float, list[str]]]        # (clause id, score, matched words), best first


def _doc(vocab: Vocabulary, p: Passage) -> list[str]:
    return vocab.tokens(p.context + " " + p.text) if p.context else vocab.tokens(p.text)


def rank(topics: list[Topic], clauses: list[Passage], background: list[Passage], vocab: Vocabulary,
         top: int = 10) -> dict[str, Ranked]:
    """For each topic, the `top` clauses with a score above zero, best first (ties: document order)."""
    # The index: the new clauses first, then the known ones (their words set the IDF too),
    # then each topic's own texts (the scale of its scores).
    docs = [_doc(vocab, p) for p in clauses] + [_doc(vocab, p) for p in background]
    ref_at: dict[str, list[int]] = {}
    for t in topics:
        cited = t.cited or [" ".join(t.texts[:1])]
        ref_at[t.id] = list(range(len(docs), len(docs) + len(cited)))
        docs.extend(vocab.tokens(text) for text in cited)
    docs = [d or ["\u2205"] for d in docs]  # bm25s needs a token in every document
    index = bm25s.BM25()
    index.index(docs, show_progress=False)

    queries = {t.id: Counter(tok for text in t.texts for tok in vocab.tokens(text)) for t in topics}
    df = Counter()
    for q in queries.values():
        df.update(q)
    total = sum(df.values()) or 1
    weights = {}
    for tid, q in queries.items():
        size = sum(q.values()) or 1
        # a token weighs by how much more often this topic's description uses it than all topics'
        # do (log-odds, 0 when no more often), times its sublinear count
        weights[tid] = {tok: (1 + math.log(n)) * math.log((n / size) / (df[tok] / total))
                        for tok, n in q.items() if (n / size) > (df[tok] / total)}
    per_token: dict[str, np.ndarray] = {}
    # Only the new clauses' and the topics' own columns are kept (not the whole background's).
    n = len(clauses)
    keep = np.r_[np.arange(n), np.array([i for t in topics for i in ref_at[t.id]], dtype=int)]
    column = {int(i): k for k, i in enumerate(keep)}
    ref_at = {tid: [column[i] for i in at] for tid, at in ref_at.items()}
    for tok in df:
        ids = index.get_tokens_ids([tok])
        per_token[tok] = index.get_scores(ids)[keep] if ids else None

    # First pass: every topic's scores of the new clauses, on its own scale.
    rel: dict[str, np.ndarray] = {}
    parts: dict[str, tuple[list[str], np.ndarray]] = {}
    for t in topics:
        w = weights[t.id]
        toks = [tok for tok in w if per_token[tok] is not None]
        if not toks:
            rel[t.id] = np.zeros(n)
            continue
        matrix = np.vstack([per_token[tok][:n] for tok in toks]) * np.array([w[tok] for tok in toks])[:, None]
        refs = np.vstack([per_token[tok][ref_at[t.id]] for tok in toks]) * np.array([w[tok] for tok in toks])[:, None]
        scale = float(refs.sum(axis=0).mean()) or 1.0
        rel[t.id] = matrix.sum(axis=0) / scale
        parts[t.id] = (toks, matrix)
    # Second pass: a clause counts for a topic by its score there, times how close that topic comes
    # to the clause's best topic: a clause that some other topic explains better ranks lower.
    best_topic = np.maximum(np.max(np.vstack(list(rel.values())), axis=0), 1e-9) if rel else np.ones(n)
    out: dict[str, Ranked] = {}
    for t in topics:
        scores = rel[t.id] * np.sqrt(rel[t.id] / best_topic)
        order = sorted(np.nonzero(scores > 0)[0], key=lambda i: (-scores[i], i))[:top]
        ranked = []
        toks, matrix = parts.get(t.id, ([], None))
        for i in order:
            contrib = {toks[k]: float(matrix[k, i]) for k in np.nonzero(matrix[:, i] > 0)[0]}
            # the clause's own words that matched (not its heading's), the strongest first
            words = vocab.words(clauses[i].text, set(contrib))
            words.sort(key=lambda wd: -max((contrib.get(tk, 0.0) for tk in vocab.tokens(wd)), default=0.0))
            ranked.append((clauses[i].id, round(float(scores[i]), 3), words))
        out[t.id] = Ranked(ranked[0][1] if ranked else 0.0, ranked)
    return out
