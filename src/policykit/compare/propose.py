"""Proposals for a municipality's comparison cells and responsibilities, from what is already known.

`propose(project, "norrvik")` returns the JSON of ``python -m policykit propose-comparison``::

    {"municipality": "norrvik",
     "topics": [{"topic": "besok", "status": "addressed",
                 "clauses": [{"clause": "norrvik-besok-s1", "score": 1.42, "words": ["besök", ...]}, ...]},
                ...],                                 # every topic of docs/data/topics.yml, in its order
     "responsibilities": [{"body": "Kommunstyrelsen", "kind": "responsible",
                           "clause": "norrvik-ansvar-s1", "basis": "Kommunstyrelsen ansvarar för"}, ...]}

Status: `addressed` when the best clause scores at least THRESHOLD (1.0 = as close as the clauses
the topic's cells already cite; see rank.py), otherwise `not-addressed`, or `not-in-available-text`
when one of the municipality's documents is marked `truncated` in sources/sources.yml (what the rest
says cannot be known). A topic is described by every other municipality's cells (the clauses they
cite), the principles tagged with it, its name, and the glossary and termbase forms of the terms
its cited clauses use; the municipality's own cells never describe it (nor does a not-yet-assessed
cell of anyone). Each municipality compared and reviewed makes the next proposals better.
"""

from __future__ import annotations

from policykit.compare.rank import Passage, Topic, rank
from policykit.compare.text import Vocabulary, WORD
from policykit.errors import PolicyError, Problem

# Measured on the labelled set and the two real sources together (python -m policykit bench-compare
# --sweep): status accuracy is within a point of its best (0.85) from 0.23 to 0.29; this is the middle.
THRESHOLD = 0.26
SHOWN = 5   # clauses listed per topic


def _data(project):
    """The data files, typed (check/datasets.py), or the checker's problems with them."""
    d = project.data
    if d is None:
        raise PolicyError([*project.data_problems] or [Problem("docs/data", "the data files are invalid",
                                                               "run python -m policykit check and fix what it reports")])
    return d.topics, d.rows, d.principles, d.terms, d.termbase


def passages(model, documents) -> list[Passage]:
    """The clauses of the documents that can be cited (no headings), each with its heading as context."""
    out = []
    for doc in documents:
        heads = {c.section: c.text for c in model.clauses_of(doc) if c.kind == "heading"}
        out += [Passage(c.id, c.text, heads.get(c.section, "")) for c in model.clauses_of(doc) if c.kind != "heading"]
    return out


def synonym_groups(terms, termbase) -> dict[str, list[str]]:
    """Glossary entries' forms with their termbase Swedish term and its variants to avoid, as synonym groups."""
    groups: dict[str, list[str]] = {t.id: [t.term.sv, *t.forms] for t in terms}
    for i, entry in enumerate(termbase):
        forms = [entry.sv, *(entry.avoid.sv if entry.avoid else [])]
        groups.setdefault(entry.glossary or f"term-{i}", []).extend(forms)
    return {g: forms for g, forms in groups.items() if len(forms) > 1}


def describe(project, exclude: str, only: str | None = None) -> tuple[list[Topic], Vocabulary, list[Passage]]:
    """The topics as known from the other municipalities' cells (or from `only` one of them), the
    vocabulary with its synonyms, and every other municipality's clauses as background."""
    topics, rows, principles, terms, termbase = _data(project)
    model = project.model
    groups = synonym_groups(terms, termbase)
    vocab = Vocabulary(groups)
    by_id = {p.id: p for m in model.municipalities if m.id != exclude for p in passages(model, m.documents)}
    use = lambda muni: muni != exclude and (only is None or muni == only)  # noqa: E731
    cited: dict[str, list[str]] = {t.id: [] for t in topics}
    for row in rows:
        for muni, cell in row.cells.items():
            if use(muni) and cell.status == "addressed":
                cited.setdefault(row.topic, []).extend(c for c in cell.clauses if c in by_id)
    for p in principles:
        if use(p.municipality):
            for tid in p.topics:
                cited.setdefault(tid, []).extend(c for c in p.clauses if c in by_id and c not in cited[tid])
    out = []
    for t in topics:
        texts = [by_id[c].text for c in cited[t.id]]
        heads = list(dict.fromkeys(by_id[c].context for c in cited[t.id] if by_id[c].context))
        words = {w for text in texts + heads + [t.name.sv] for w in WORD.findall(text.lower())}
        # the glossary and termbase forms of the terms the topic's texts use
        forms = [f for g in groups.values()
                 if any(" ".join(str(x).lower().split()) in words for x in g) for f in g]
        # A cell that cites a clause says "this clause is about <topic>": each cited clause comes
        # with the topic's name, so the name weighs as much as what the cells cite (and twice when none does).
        name = t.name.sv
        out.append(Topic(t.id, [name] * max(2, len(texts)) + forms + heads + texts, cited=texts))
    background = [p for p in by_id.values() if only is None or model.by_id[p.id].municipality == only]
    return out, vocab, background


def topic_proposals(topics: list[Topic], vocab: Vocabulary, background: list[Passage], clauses: list[Passage],
                    truncated: bool, threshold: float = THRESHOLD) -> list[dict]:
    """The "topics" part of the JSON, for the document's clauses."""
    ranked = rank(topics, clauses, background, vocab)
    silent = "not-in-available-text" if truncated else "not-addressed"
    return [{"topic": t.id, "status": "addressed" if ranked[t.id].relevance >= threshold else silent,
             "clauses": [{"clause": cid, "score": score, "words": words}
                         for cid, score, words in ranked[t.id].clauses[:SHOWN]]} for t in topics]


def municipality_of(project, municipality: str):
    for m in project.model.municipalities:
        if m.id == municipality:
            return m
    known = ", ".join(m.id for m in project.model.municipalities)
    raise PolicyError(Problem("sources/sources.yml", f"no municipality '{municipality}' is registered (known: {known})",
                              "give the id of a municipality in sources/sources.yml, or add its document first with "
                              "python -m policykit add FILE --id ID --name NAME --name-en NAME"))


def propose(project, municipality: str, threshold: float = THRESHOLD) -> dict:
    from policykit.compare.responsibilities import propose_roles

    muni = municipality_of(project, municipality)
    model = project.model
    clauses = passages(model, muni.documents)
    if not clauses:
        raise PolicyError(Problem("sources/sources.yml", f"municipality '{municipality}' has no clauses to compare",
                                  "register its document's lines and sections (python -m policykit add)"))
    truncated = any(model.documents[d].truncated for d in muni.documents)
    topics, vocab, background = describe(project, exclude=municipality)
    return {"municipality": municipality,
            "topics": topic_proposals(topics, vocab, background, clauses, truncated, threshold),
            "responsibilities": propose_roles(project, [c.id for c in clauses])}
