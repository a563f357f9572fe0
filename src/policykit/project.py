"""The project model: what the tools know about the repository, read once.

    project = load(root)          # sources, repairs, clauses, data files; pages on first use
    project.model                 # clauses.model.Model: registry, repaired sources, clauses
    project.data                  # check.datasets.Datasets, or None when a data file is invalid
    project.data_problems         # why it is None (the checker reports them)
    project.page("stockholm/strategi.md")   # a page's text under docs/, read once

`load` raises `PolicyError` when the sources cannot be read (a changed byte, a repair that
no longer matches): nothing downstream can be built from them. Invalid data files do not
raise here, so the checker can report them beside every clause problem.

The checker, the MkDocs plugin, the PDFs, the add command and the benchmarks all start here;
nothing else reads sources/ or docs/data/.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from policykit import datafile
from policykit.check.datasets import DATA, Datasets, load_datasets
from policykit.clauses.model import Model, build_model
from policykit.errors import PolicyError, Problem

DOCS = Path("docs")
# What a copy of the project needs to check and build (the code comes from the installed package).
PROJECT_FILES = ("sources", "docs", "overrides", "mkdocs.yml")


@dataclass
class Project:
    root: Path
    model: Model
    data: Datasets | None
    data_problems: list[Problem] = field(default_factory=list)
    _pages: dict[str, str] = field(default_factory=dict, repr=False)
    _paths: list[str] | None = field(default=None, repr=False)
    _data_files: dict[str, dict] = field(default_factory=dict, repr=False)   # docs/data/<name>, parsed once

    def page(self, rel: str) -> str:
        """The text of docs/<rel> as MkDocs reads it (UTF-8, a byte order mark dropped), read once."""
        if rel not in self._pages:
            self._pages[rel] = (self.root / DOCS / rel).read_text(encoding="utf-8-sig")
        return self._pages[rel]

    def data_file(self, name: str) -> dict:
        """docs/data/<name> parsed with line numbers (`datafile.load`), once; PolicyError when it cannot be."""
        if name not in self._data_files:
            self._data_files[name] = datafile.load(self.root / DATA / name, display=(DATA / name).as_posix())
        return self._data_files[name]

    def data_lines(self, name: str) -> list[str]:
        """docs/data/<name> as lines, for the line numbers of texts inside it."""
        return (self.root / DATA / name).read_text(encoding="utf-8").split("\n")

    def page_paths(self) -> list[str]:
        """Every Markdown page under docs/ (both languages), as paths under docs/, sorted."""
        if self._paths is None:
            self._paths = [p.relative_to(self.root / DOCS).as_posix() for p in sorted((self.root / DOCS).rglob("*.md"))]
        return self._paths


def load(root: Path) -> Project:
    root = Path(root)
    project = Project(root, build_model(root), None)
    try:
        project.data = load_datasets(root, {c.id: c.document for c in project.model.clauses},
                                     project.model.municipalities, cache=project._data_files)
    except PolicyError as exc:
        project.data_problems = exc.problems
    return project


def copy_project(root: Path, dest: Path) -> Path:
    """A copy of the project's content at `dest` (tests and benchmarks change copies, never the project)."""
    for name in PROJECT_FILES:
        src = Path(root) / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__", ".cache"))
        else:
            shutil.copy2(src, dest / name)
    return dest
