"""Editorial data in docs/data/*.yml: topics, principles, responsibilities, comparison, glossary.

Every human-readable field is bilingual, ``{sv: ..., en: ...}``, and both values are required.
Values are plain text: renderers escape them, so HTML in a value shows as text.

topics.yml::

    topics:
      - {id: besok, name: {sv: Internationella besök, en: International visits}}

principles.yml::

    principles:
      - id: inga-vanorter               # unique; the page anchor is princip-inga-vanorter
        municipality: stockholm         # a municipality id from sources/sources.yml
        title: {sv: ..., en: ...}
        clauses: [strategi-4-p1]        # one or more clause ids: the principle's own words
        meaning: {sv: ..., en: ...}     # what it means in practice: explanation, not policy text
        topics: [vanorter-avtal]        # topic ids

responsibilities.yml::

    areas:                              # kinds of question a reader asks ("who decides on visits?")
      - {id: besok, name: {sv: ..., en: ...}}
    bodies:
      - {id: kommunstyrelsen, municipality: stockholm, name: {sv: ..., en: ...}}
    tasks:
      - body: kommunstyrelsen
        kind: decides                   # one of KINDS below
        area: besok
        what: {sv: ..., en: ...}
        clause: strategi-5-s4
        to: kommunfullmaktige           # optional: the body reported to, appointed by, led by ...
    unmapped:                           # optional: clauses that state a duty not yet made a task
      - {municipality: norrvik, clause: norrvik-ansvar-s2}   # written by scripts/add_municipality.py

comparison.yml (municipalities and their documents come from sources/sources.yml)::

    rows:
      - topic: besok                    # a topic id; each topic at most once
        cells:                          # one cell per municipality, always
          stockholm: {status: addressed, summary: {sv: ..., en: ...}, clauses: [strategi-3-3-s11]}
          stromsund: {status: not-addressed, summary: {sv: ..., en: ...}}
        contrast: {sv: ..., en: ...}    # optional: a real difference, said plainly

    status: addressed (needs clauses of that municipality's documents) | not-addressed
            (the document is silent) | not-in-available-text (the source is cut off before it)
            | not-yet-assessed (nobody has compared it yet; needs no summary; the checker lists it)

glossary.yml::

    terms:
      - id: kommunfullmaktige
        term: {sv: kommunfullmäktige, en: municipal council (kommunfullmäktige)}
        forms: [kommunfullmäktige, Kommunfullmäktige]   # words that get the tooltip on every page
        definition: {sv: ..., en: ...}
        clauses: [strategi-5-s7]        # the clauses an entry that says what a document says rests on
                                        # (required then: check/claims.py holds it to them)

`load_datasets(root, clause_ids)` validates all of it and raises `PolicyError` with one line
per problem (file, line, what, fix): unknown or misspelt ids (with the nearest valid ones),
duplicates, missing fields or languages, malformed YAML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from policykit import datafile
from policykit.datafile import LINE
from policykit.errors import PolicyError, Problem, at, use_existing
from policykit.sources.registry import ID
from policykit.labels import labels

DATA = Path("docs") / "data"
LANGS = ("sv", "en")
KINDS = labels("responsibilities.kinds")  # the words in a clause that license each kind: docs/data/kinds.yml
STATUSES = ("addressed", "not-addressed", "not-in-available-text", "not-yet-assessed")
PENDING = "not-yet-assessed"


@dataclass
class Datasets:
    topics: list[dict] = field(default_factory=list)
    principles: list[dict] = field(default_factory=list)
    areas: list[dict] = field(default_factory=list)
    bodies: list[dict] = field(default_factory=list)
    tasks: list[dict] = field(default_factory=list)
    unmapped: list[dict] = field(default_factory=list)
    municipalities: list[dict] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    terms: list[dict] = field(default_factory=list)
    termbase: list[dict] = field(default_factory=list)   # terms.yml's terms, for the glossary page's table

    def cited(self) -> dict[str, set[str]]:
        """Clause ids cited by each data file (by the name of the marker that renders it)."""
        return {
            "principles": {c for p in self.principles for c in p["clauses"]},
            "responsibilities": {t["clause"] for t in self.tasks} | {u["clause"] for u in self.unmapped},
            "comparison": {c for r in self.rows for cell in r["cells"].values() for c in cell.get("clauses", [])},
            "glossary": {c for t in self.terms for c in t.get("clauses", [])},
        }


class _Reader:
    def __init__(self, where: str, clause_ids, clause_doc: dict[str, str]):
        self.where, self.clause_ids, self.clause_doc = where, clause_ids, clause_doc
        self.problems: list[Problem] = []

    def fail(self, rec: dict, what: str, fix: str):
        self.problems.append(Problem(at(self.where, rec.get(LINE) if isinstance(rec, dict) else None), what, fix))

    def get(self, rec, key, kind, optional=False):
        if not isinstance(rec, dict):
            self.problems.append(Problem(self.where, f"entry {rec!r} is not a mapping", "write it as key: value pairs"))
            return None
        if key not in rec or rec[key] is None:
            if not optional:
                self.fail(rec, f"missing field '{key}'", f"add '{key}:' to this entry")
            return None
        value = rec[key]
        if not isinstance(value, kind):
            self.fail(rec, f"field '{key}' must be {getattr(kind, '__name__', kind)}, not {type(value).__name__}",
                      f"give '{key}' a value of that type")
            return None
        return value

    def only(self, rec, *fields: str):
        """Unknown fields are errors: a misspelt optional field would otherwise vanish unseen."""
        if isinstance(rec, dict):
            for key in rec:
                if key != LINE and key not in fields:
                    self.fail(rec, f"unknown field {key!r}", use_existing(str(key), fields, "field", cutoff=0.5))

    def strings(self, rec, key, optional=False) -> list[str]:
        """A list of plain strings (ids, word forms); anything nested in it is an error."""
        values = self.get(rec, key, list, optional) or []
        bad = [v for v in values if not isinstance(v, str)]
        if bad:
            self.fail(rec, f"'{key}' must list plain values, not {type(bad[0]).__name__} ({bad[0]!r})",
                      f"write '{key}: [a, b]' with one id or word per entry")
            return [v for v in values if isinstance(v, str)]
        return values

    def text(self, rec, key, optional=False):
        value = self.get(rec, key, dict, optional)
        if value is None:
            return None
        for lang in LANGS:
            if not isinstance(value.get(lang), str) or not value[lang].strip():
                name = {"sv": "Swedish", "en": "English"}[lang]
                self.fail(rec, f"field '{key}' has no {name} value", f"add '{lang}:' to '{key}' (every text is bilingual)")
        return {lang: value.get(lang, "") for lang in LANGS}

    def clause(self, rec, cid, municipality_docs: set[str] | None = None):
        if cid not in self.clause_ids:
            self.fail(rec, f"unknown clause id {cid!r}", use_existing(cid, self.clause_ids))
        elif municipality_docs is not None and self.clause_doc[cid] not in municipality_docs:
            self.fail(rec, f"clause {cid} is not from this municipality's documents ({', '.join(sorted(municipality_docs))})",
                      "cite a clause of the municipality the entry is about")

    def ref(self, rec, key, known: dict, what: str, optional=False):
        value = self.get(rec, key, str, optional)
        if value is not None and value not in known:
            self.fail(rec, f"unknown {what} {value!r} in '{key}'", use_existing(value, known, what, cutoff=0.5))
        return value

    def unique(self, records: list, what: str) -> dict:
        seen: dict = {}
        for rec in records:
            rid = self.get(rec, "id", str)
            if rid is None:
                continue
            if not ID.fullmatch(rid):
                # Ids become anchors and URLs (#princip-<id>, #organ-<id>): nothing else may be in them.
                self.fail(rec, f"{what} id {rid!r} is not a plain id", "use lower-case letters a-z, digits and hyphens")
                continue
            if rid in seen:
                self.fail(rec, f"duplicate {what} id '{rid}' (first at line {seen[rid].get(LINE)})", "give each entry its own id")
            else:
                seen[rid] = rec
        return seen


def _read(root: Path, name: str, cache: dict) -> dict:
    """A data file, parsed once per validation (several lists come from one file)."""
    if name not in cache:
        cache[name] = datafile.load(root / DATA / name, display=(DATA / name).as_posix())
    return cache[name]


def _load(root: Path, name: str, key: str, cache: dict) -> tuple[str, list]:
    where = (DATA / name).as_posix()
    data = _read(root, name, cache)
    records = data.get(key)
    if not isinstance(records, list):
        raise PolicyError(Problem(where, f"no list under '{key}'", f"start the file with '{key}:' and a list of entries"))
    return where, records


def _optional(root: Path, name: str, key: str, reader: "_Reader", cache: dict) -> list:
    """An optional list in a data file: absent or empty is fine, anything but a list is not."""
    data = _read(root, name, cache)
    records = data.get(key)
    if records is None:
        return []
    if not isinstance(records, list):
        reader.problems.append(Problem(at(reader.where, data.get(LINE)), f"'{key}' is not a list",
                                       f"write '{key}:' followed by entries starting with '-'"))
        return []
    return records


def load_datasets(root: Path, clause_doc: dict[str, str], municipalities: list[dict], cache: dict | None = None) -> Datasets:
    """Load and validate every data file. `clause_doc` maps clause id → document id; `municipalities`
    are the registry's (sources/sources.yml), each with its documents."""
    root = Path(root)
    ds = Datasets()
    cache = {} if cache is None else cache  # file name -> parsed data (the project model's, shared with the checks)
    problems: list[Problem] = []
    ids = set(clause_doc)

    # The municipalities and their documents: the registry's, the one record of them.
    ds.municipalities = municipalities
    munis = {m["id"]: m for m in municipalities}
    docs_of = {m["id"]: set(m["documents"]) for m in municipalities}

    where, ds.topics = _load(root, "topics.yml", "topics", cache)
    r = _Reader(where, ids, clause_doc)
    topics = r.unique(ds.topics, "topic")
    for t in ds.topics:
        r.only(t, "id", "name")
        r.text(t, "name")
    problems += r.problems

    where, ds.principles = _load(root, "principles.yml", "principles", cache)
    r = _Reader(where, ids, clause_doc)
    r.unique(ds.principles, "principle")
    for p in ds.principles:
        r.only(p, "id", "municipality", "kind", "title", "clauses", "meaning", "topics")  # kind: check/claims.py
        muni = r.ref(p, "municipality", munis, "municipality")
        r.text(p, "title")
        r.text(p, "meaning")
        clauses = r.strings(p, "clauses")
        if not clauses and isinstance(p, dict) and "clauses" in p:
            r.fail(p, "principle has no clause", "list the clause ids that state it under 'clauses'")
        for cid in clauses:
            r.clause(p, cid, docs_of.get(muni))
        for t in r.strings(p, "topics"):
            if t not in topics:
                r.fail(p, f"unknown topic {t!r}", "use a topic id from docs/data/topics.yml")
    problems += r.problems

    where, ds.tasks = _load(root, "responsibilities.yml", "tasks", cache)
    _, ds.bodies = _load(root, "responsibilities.yml", "bodies", cache)
    _, ds.areas = _load(root, "responsibilities.yml", "areas", cache)
    r = _Reader(where, ids, clause_doc)
    bodies = r.unique(ds.bodies, "body")
    areas = r.unique(ds.areas, "area")
    for a in ds.areas:
        r.only(a, "id", "name")
        r.text(a, "name")
    for b in ds.bodies:
        r.only(b, "id", "municipality", "name")
        r.ref(b, "municipality", munis, "municipality")
        r.text(b, "name")
    for t in ds.tasks:
        r.only(t, "body", "kind", "area", "what", "clause", "to", "basis")  # basis: check/claims.py
        body = r.ref(t, "body", bodies, "body")
        kind = r.get(t, "kind", str)
        if kind is not None and kind not in KINDS:
            r.fail(t, f"unknown kind {kind!r}", f"use one of {', '.join(KINDS)}")
        r.ref(t, "area", areas, "area")
        r.ref(t, "to", bodies, "body", optional=True)
        r.text(t, "what")
        cid = r.get(t, "clause", str)
        if cid is not None:
            muni = bodies.get(body, {}).get("municipality") if body else None
            r.clause(t, cid, docs_of.get(muni))
    ds.unmapped = _optional(root, "responsibilities.yml", "unmapped", r, cache)
    for u in ds.unmapped:
        r.only(u, "municipality", "clause")
        muni = r.ref(u, "municipality", munis, "municipality")
        cid = r.get(u, "clause", str)
        if cid is not None:
            r.clause(u, cid, docs_of.get(muni))
    problems += r.problems

    where, ds.rows = _load(root, "comparison.yml", "rows", cache)
    r = _Reader(where, ids, clause_doc)
    seen_topics: dict = {}
    for row in ds.rows:
        r.only(row, "topic", "cells", "contrast")
        topic = r.ref(row, "topic", topics, "topic")
        if topic in seen_topics:
            r.fail(row, f"topic '{topic}' has a second row (first at line {seen_topics[topic]})", "merge the rows")
        elif topic:
            seen_topics[topic] = row.get(LINE)
        r.text(row, "contrast", optional=True)
        cells = r.get(row, "cells", dict) or {}
        for mid in munis:
            if mid not in cells:
                r.fail(row, f"row '{topic}' has no cell for municipality '{mid}'",
                       "add one; where the document is silent say so with status not-addressed")
        for mid, cell in cells.items():
            if mid == LINE:
                continue
            if mid not in munis:
                r.fail(cell, f"unknown municipality '{mid}' in row '{topic}'", "use a municipality id defined above")
                continue
            r.only(cell, "status", "summary", "clauses")
            status = r.get(cell, "status", str)
            if status is not None and status not in STATUSES:
                r.fail(cell, f"unknown status {status!r}", f"use one of {', '.join(STATUSES)}")
            r.text(cell, "summary", optional=status == PENDING)
            clauses = r.strings(cell, "clauses", optional=True)
            if status == "addressed" and not clauses:
                r.fail(cell, f"cell '{mid}' of row '{topic}' is addressed but cites no clause",
                       "list the clauses that say it under 'clauses'")
            for cid in clauses:
                r.clause(cell, cid, docs_of.get(mid))
    problems += r.problems

    where, ds.terms = _load(root, "glossary.yml", "terms", cache)
    r = _Reader(where, ids, clause_doc)
    r.unique(ds.terms, "term")
    forms: dict = {}
    for term in ds.terms:
        r.only(term, "id", "term", "forms", "definition", "clauses")
        r.text(term, "term")
        r.text(term, "definition")
        for cid in r.strings(term, "clauses", optional=True):
            r.clause(term, cid)
        for form in r.strings(term, "forms"):
            if form in forms:
                r.fail(term, f"form {form!r} already belongs to term '{forms[form]}'", "give each form to one term")
            forms[form] = term.get("id")
    problems += r.problems

    # The termbase (terms.yml, checked by check/terms.py): read here for the glossary page's table.
    if (root / DATA / "terms.yml").exists():
        r = _Reader((DATA / "terms.yml").as_posix(), ids, clause_doc)
        ds.termbase = [t for t in _optional(root, "terms.yml", "terms", r, cache) if isinstance(t, dict)]
        for t in ds.termbase:
            r.get(t, "sv", str)
            r.get(t, "en", str)
        problems += r.problems

    if problems:
        raise PolicyError(problems)
    # Validated: the line numbers have served their purpose.
    return Datasets(**{name: datafile.strip_lines(value) for name, value in vars(ds).items()})
