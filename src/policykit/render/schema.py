"""The JSON Schema of every published data file, generated from the models that read the data.

Published beside the data (render/export.py), one schema per file, and validated against the
exports in the tests; *Öppna data* links them instead of restating the formats by hand::

    data/principles.schema.json        data/principles.json
    data/responsibilities.schema.json  data/responsibilities.json
    data/comparison.schema.json        data/comparison.json
    data/glossary.schema.json          data/glossary.json
    data/clauses.schema.json           data/clauses.json
    data/comparison.csv-metadata.json  data/comparison.csv      (CSV on the Web: its columns,
    data/responsibilities.csv-metadata.json  data/responsibilities.csv   their titles and meaning)

The data files' models (check/datasets.py, sources/registry.py) are the one record of the
fields; the schemas of the exports add only what the export adds (a municipality's standing,
a clause's place and status).
"""

import json
import typing
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, create_model

from policykit.check.datasets import Area, Body, Principle, Row, Task, Term, Topic, Unmapped
from policykit.check.report import STATUSES
from policykit.datafile import Text
from policykit.labels import labels
from policykit.render.tables_csv import COLUMNS
from policykit.sources.registry import Municipality

FIELDS = labels("fields")  # what each field means, per model and language: the one record of it



class MunicipalityRecord(Municipality):
    standing: Text


class Repair(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ocr: str
    fix: str


class ClauseRecord(BaseModel):
    """One clause of a document, as the checker found it on its page."""
    model_config = ConfigDict(extra="forbid")
    id: str
    document: str
    municipality: str
    kind: Literal["heading", "sentence", "item", "footnote"]
    section: str
    source_line: int
    ocr: str
    text: str
    footnotes: list[str]
    repairs: list[Repair]
    page: str
    page_line: Optional[int]
    anchor: str
    status: Optional[Literal[STATUSES + ("unreviewed",)]]
    cited_in: list[str]


class Summary(BaseModel):
    model_config = ConfigDict(extra="forbid")
    clauses: int
    matched: int
    missing: int
    altered: int
    misplaced: int
    stray: int
    parity: int
    problems: int
    documents: int
    pages: int
    ok: bool


def _file(name: str, **lists) -> type[BaseModel]:
    fields = {key: (list[model], ...) for key, model in lists.items()}
    return create_model(name, __config__=ConfigDict(extra="forbid"), **fields)


FILES: dict[str, type[BaseModel]] = {
    "principles.json": _file("Principles", principles=Principle),
    "responsibilities.json": _file("Responsibilities", areas=Area, bodies=Body, tasks=Task, unmapped=Unmapped),
    "comparison.json": _file("Comparison", municipalities=MunicipalityRecord, topics=Topic, rows=Row),
    "glossary.json": _file("Glossary", terms=Term),
    "clauses.json": create_model("Clauses", __config__=ConfigDict(extra="forbid"), summary=(Summary, ...),
                                 clauses=(list[ClauseRecord], ...)),
}


def schema(name: str) -> dict:
    """The JSON Schema (2020-12) of the published data file `name` (e.g. "comparison.json"), each field
    described in English from labels.yml."""
    out = FILES[name].model_json_schema(mode="serialization")
    for model in [out, *out.get("$defs", {}).values()]:
        for field, spec in model.get("properties", {}).items():
            if model["title"] in FIELDS:
                spec["description"] = FIELDS[model["title"]][field]["en"]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": name.replace(".json", ".schema.json"),
            **out}


def models(name: str) -> list[tuple[str, type[BaseModel]]]:
    """`(path, model)` for the file's root and each record model inside it, as a reader meets them:
    ``("", Comparison), ("rows[]", Row), ("rows[].cells.<id>", Cell), ...`` (bilingual texts are not expanded)."""
    out, todo = [], [("", FILES[name])]
    while todo:
        path, model = todo.pop(0)
        out.append((path, model))
        for field, info in model.model_fields.items():
            inner, suffix = _inner(info.annotation)
            if isinstance(inner, type) and issubclass(inner, BaseModel) and inner is not Text:
                todo.append((f"{path}.{field}{suffix}".lstrip("."), inner))
    return out


def _inner(annotation) -> tuple[object, str]:
    """The record type inside a field's type, and how a path reaches it ("[]" for a list, ".<id>" for a mapping)."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    origin = typing.get_origin(annotation)
    if origin is list:
        return args[0], "[]"
    if origin is dict:
        return args[1], ".<id>"
    if origin is not None and args:  # Optional[X]
        return _inner(args[0])
    return annotation, ""


def csv_metadata(name: str) -> dict:
    """The CSV on the Web (W3C) description of data/<name>: its columns in order, with what each holds."""
    return {"@context": "http://www.w3.org/ns/csvw", "url": name, "dialect": {"encoding": "utf-8", "header": True},
            "tableSchema": {"columns": [{"name": col, "titles": col, "dc:description": FIELDS[name][col]["en"]}
                                        for col in COLUMNS[name]]}}


def contents() -> dict[str, str]:
    """File name → text of every schema file published beside the data."""
    out = {name.replace(".json", ".schema.json"): schema(name) for name in FILES}
    out |= {name + "-metadata.json": csv_metadata(name) for name in COLUMNS}
    return {name: json.dumps(value, ensure_ascii=False, indent=1) + "\n" for name, value in out.items()}
