"""Editorial data in docs/data/*.yml, declared: topics, principles, responsibilities, comparison, glossary.

Each file is a list of entries of the models below (`FILES`); every human-readable field is a
bilingual `Text` ({sv: ..., en: ...}, both required), plain text that renderers escape. What each
field means: labels.yml ``fields`` (shown on *Öppna data* and in the published JSON Schemas,
render/schema.py); the file's own comment block says how to write it::

    rows:
      - topic: besok                  # a topic id, each at most once
        cells:                        # one cell per municipality (sources/sources.yml), always
          stockholm: {status: addressed, summary: {sv: ..., en: ...}, clauses: [strategi-3-3-s11]}

`load_datasets(root, clause_ids, municipalities)` validates it all into `Datasets` (types and
unknown fields by the models, ids and clauses by check/references.py) and raises `PolicyError`
with one line per problem: file, line, what, fix (the nearest valid ids where one was misspelt).
"""

from pathlib import Path
from typing import Literal, Optional

from pydantic import model_validator

from policykit.datafile import Entry, Keyed, Text, invalid, load, parse
from policykit.errors import PolicyError
from policykit.check.references import References
from policykit.labels import labels
from policykit.sources.registry import Municipality

DATA = Path("docs") / "data"
LANGS = ("sv", "en")
KINDS = labels("responsibilities.kinds")  # the words in a clause that license each kind: docs/data/kinds.yml
STATUSES = ("addressed", "not-addressed", "not-in-available-text", "not-yet-assessed")
PENDING = "not-yet-assessed"


class Topic(Entry):
    id: str
    name: Text


class Principle(Entry):
    id: str
    kind: Optional[str] = None   # checked against docs/data/kinds.yml by check/claims.py
    municipality: str
    title: Text
    clauses: list[str]
    meaning: Text
    topics: list[str]


class Area(Entry):
    id: str
    name: Text


class Body(Entry):
    id: str
    municipality: str
    name: Text


class Task(Entry):
    body: str
    kind: Literal[tuple(KINDS)]
    area: str
    what: Text
    clause: str
    to: Optional[str] = None
    basis: Optional[str] = None   # the clause words the row rests on: check/claims.py


class Unmapped(Entry):
    municipality: str
    clause: str


class Cell(Entry):
    status: Literal[STATUSES]
    summary: Optional[Text] = None
    clauses: list[str] = []

    @model_validator(mode="after")
    def _summary(self):
        if self.summary is None and self.status != PENDING:
            raise invalid("missing field 'summary'", "add 'summary:' to this entry")
        return self


class Row(Entry):
    topic: str
    cells: Keyed[str, Cell]
    contrast: Optional[Text] = None


class Term(Entry):
    id: str
    term: Text
    forms: list[str]
    definition: Text
    clauses: list[str] = []


class Avoid(Entry):
    sv: list[str] = []
    en: list[str] = []


class OnDocumentPages(Entry):
    en: str
    avoid: list[str] = []
    reason: str


class TermbaseEntry(Entry):
    """A term of terms.yml; what its fields mean and how they are checked: check/terms.py."""
    sv: str
    en: str
    avoid: Optional[Avoid] = None
    glossary: Optional[str] = None
    documents: Optional[OnDocumentPages] = None


class Datasets(Entry):
    topics: list[Topic] = []
    principles: list[Principle] = []
    areas: list[Area] = []
    bodies: list[Body] = []
    tasks: list[Task] = []
    unmapped: list[Unmapped] = []
    municipalities: list[Municipality] = []
    rows: list[Row] = []
    terms: list[Term] = []
    termbase: list[TermbaseEntry] = []   # terms.yml's terms, for the glossary page's table

    def cited(self) -> dict[str, set[str]]:
        """Clause ids cited by each data file (by the name of the marker that renders it)."""
        return {
            "principles": {c for p in self.principles for c in p.clauses},
            "responsibilities": {t.clause for t in self.tasks} | {u.clause for u in self.unmapped},
            "comparison": {c for r in self.rows for cell in r.cells.values() for c in cell.clauses},
            "glossary": {c for t in self.terms for c in t.clauses},
        }


class Informal(Entry):
    avoid: str
    use: str


# Each data file: its lists and nothing else.
class TopicsFile(Entry):
    topics: list[Topic]


class PrinciplesFile(Entry):
    principles: list[Principle]


class ResponsibilitiesFile(Entry):
    areas: list[Area]
    bodies: list[Body]
    tasks: list[Task]
    unmapped: list[Unmapped] = []   # written by the add command


class ComparisonFile(Entry):
    rows: list[Row]


class GlossaryFile(Entry):
    terms: list[Term]


class TermsFile(Entry):   # the termbase: check/terms.py (optional: a project may have none)
    terms: list[TermbaseEntry]
    informal: list[Informal] = []


class Words(Entry):
    sv: list[str] = []
    en: list[str] = []


class KindRule(Entry):
    licensed_by: list[str]
    says: Optional[Words] = None
    agent: Optional[Literal["named"]] = None


class Inference(Entry):
    says: Words
    label: Text


class PrincipleKind(Entry):
    source_word: str
    label: Text


class KindsFile(Entry):   # what a row may claim of its clause: check/claims.py, roles.py, inference.py
    responsibilities: Keyed[Literal[tuple(KINDS)], KindRule]
    inference: Inference
    principles: Keyed[str, PrincipleKind]


FILES = {"topics.yml": TopicsFile, "principles.yml": PrinciplesFile, "responsibilities.yml": ResponsibilitiesFile,
         "comparison.yml": ComparisonFile, "glossary.yml": GlossaryFile, "terms.yml": TermsFile,
         "kinds.yml": KindsFile}


def load_datasets(root: Path, clause_doc: dict[str, str], municipalities: list[Municipality],
                  cache: dict | None = None) -> Datasets:
    """Load and validate every data file. `clause_doc` maps clause id → document id; `municipalities`
    are the registry's (sources/sources.yml), each with its documents; `cache`: file name → loaded data."""
    root, cache = Path(root), {} if cache is None else cache
    files, problems = {}, []
    for name, model in FILES.items():
        where = (DATA / name).as_posix()
        if name in ("terms.yml", "kinds.yml") and not (root / DATA / name).exists():
            continue
        try:
            if name not in cache:
                cache[name] = load(root / DATA / name, display=where)
            files[name] = parse(model, cache[name], where)
        except PolicyError as exc:
            problems += exc.problems
    if problems:
        raise PolicyError(problems)
    r = files["responsibilities.yml"]
    ds = Datasets.model_construct(
        municipalities=municipalities, topics=files["topics.yml"].topics, principles=files["principles.yml"].principles,
        areas=r.areas, bodies=r.bodies, tasks=r.tasks, unmapped=r.unmapped, rows=files["comparison.yml"].rows,
        terms=files["glossary.yml"].terms, termbase=files["terms.yml"].terms if "terms.yml" in files else [])
    problems = References(ds, clause_doc).check()
    if problems:
        raise PolicyError(problems)
    return ds
