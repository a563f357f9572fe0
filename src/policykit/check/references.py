"""The data files' cross-references, checked on the typed project model (check/datasets.py).

Every id a data file names must exist, and every clause it cites must be a clause of the
municipality the entry is about::

    principles[].municipality, bodies[].municipality, unmapped[].municipality → sources/sources.yml
    principles[].topics, rows[].topic → topics.yml     tasks[].body, tasks[].to → bodies
    tasks[].area → areas        *.clauses, *.clause → clause ids of that municipality's documents

Ids are unique in their list and plain (they become anchors); a topic has at most one row, and
a row has one cell per municipality; a glossary form belongs to one term. Each problem names the
file, the entry's line and the fix, with the nearest valid ids where one was misspelt.
"""

from __future__ import annotations

from policykit.errors import Problem, at, use_existing
from policykit.sources.registry import ID

FILE = {"topics": "topics.yml", "principles": "principles.yml", "areas": "responsibilities.yml",
        "bodies": "responsibilities.yml", "tasks": "responsibilities.yml", "unmapped": "responsibilities.yml",
        "rows": "comparison.yml", "terms": "glossary.yml"}


class References:
    def __init__(self, data, clause_doc: dict[str, str]):
        self.data, self.clause_doc = data, clause_doc
        self.problems: list[Problem] = []
        self.where = ""
        self.docs_of = {m.id: set(m.documents) for m in data.municipalities}

    def fail(self, entry, what: str, fix: str):
        self.problems.append(Problem(at(f"docs/data/{self.where}", entry.lineno), what, fix))

    def ids(self, name: str, what: str) -> dict:
        """The entries of a list by id; an id that is not plain or comes twice is a problem."""
        self.where, seen = FILE[name], {}
        for entry in getattr(self.data, name):
            if not ID.fullmatch(entry.id):
                # Ids become anchors and URLs (#princip-<id>, #organ-<id>): nothing else may be in them.
                self.fail(entry, f"{what} id {entry.id!r} is not a plain id", "use lower-case letters a-z, digits and hyphens")
            elif entry.id in seen:
                self.fail(entry, f"duplicate {what} id '{entry.id}' (first at line {seen[entry.id].lineno})",
                          "give each entry its own id")
            else:
                seen[entry.id] = entry
        return seen

    def ref(self, entry, key: str, known, what: str):
        value = getattr(entry, key)
        if value is not None and value not in known:
            self.fail(entry, f"unknown {what} {value!r} in '{key}'", use_existing(value, known, what, cutoff=0.5))

    def clause(self, entry, cid: str, municipality: str | None = None):
        docs = self.docs_of.get(municipality) if municipality else None
        if cid not in self.clause_doc:
            self.fail(entry, f"unknown clause id {cid!r}", use_existing(cid, self.clause_doc))
        elif docs is not None and self.clause_doc[cid] not in docs:
            self.fail(entry, f"clause {cid} is not from this municipality's documents ({', '.join(sorted(docs))})",
                      "cite a clause of the municipality the entry is about")

    def check(self) -> list[Problem]:
        d, munis = self.data, self.docs_of
        topics = self.ids("topics", "topic")
        self.ids("principles", "principle")
        for p in d.principles:
            self.ref(p, "municipality", munis, "municipality")
            if not p.clauses:
                self.fail(p, "principle has no clause", "list the clause ids that state it under 'clauses'")
            for cid in p.clauses:
                self.clause(p, cid, p.municipality)
            for t in p.topics:
                if t not in topics:
                    self.fail(p, f"unknown topic {t!r}", "use a topic id from docs/data/topics.yml")
        bodies, areas = self.ids("bodies", "body"), self.ids("areas", "area")
        for b in d.bodies:
            self.ref(b, "municipality", munis, "municipality")
        for t in d.tasks:
            for key, known, what in (("body", bodies, "body"), ("area", areas, "area"), ("to", bodies, "body")):
                self.ref(t, key, known, what)
            self.clause(t, t.clause, bodies[t.body].municipality if t.body in bodies else None)
        for u in d.unmapped:
            self.ref(u, "municipality", munis, "municipality")
            self.clause(u, u.clause, u.municipality)
        self.where, first = FILE["rows"], {}
        for row in d.rows:
            self.ref(row, "topic", topics, "topic")
            if row.topic in first:
                self.fail(row, f"topic '{row.topic}' has a second row (first at line {first[row.topic]})", "merge the rows")
            first.setdefault(row.topic, row.lineno)
            for mid in munis:
                if mid not in row.cells:
                    self.fail(row, f"row '{row.topic}' has no cell for municipality '{mid}'",
                              "add one; where the document is silent say so with status not-addressed")
            for mid, cell in row.cells.items():
                if mid not in munis:
                    self.fail(cell, f"unknown municipality '{mid}' in row '{row.topic}'", "use a municipality id defined above")
                    continue
                if cell.status == "addressed" and not cell.clauses:
                    self.fail(cell, f"cell '{mid}' of row '{row.topic}' is addressed but cites no clause",
                              "list the clauses that say it under 'clauses'")
                for cid in cell.clauses:
                    self.clause(cell, cid, mid)
        self.ids("terms", "term")
        forms: dict = {}
        for term in d.terms:
            for cid in term.clauses:
                self.clause(term, cid)
            for form in term.forms:
                if form in forms:
                    self.fail(term, f"form {form!r} already belongs to term '{forms[form]}'", "give each form to one term")
                forms.setdefault(form, term.id)
        return self.problems
