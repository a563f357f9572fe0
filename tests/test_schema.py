"""The typed data model: the published data keeps its declared shape, and a wrong data file is refused
with its file, line and fix (issue 22).

The models that read docs/data/*.yml and sources/sources.yml also write the JSON Schema published
beside each export (render/schema.py) and the field tables of *Öppna data* (render/datafields.py).
"""

import copy
import csv
import io
import json
from pathlib import Path

import jsonschema
from bs4 import BeautifulSoup

from conftest import CHECK_CMD, run
from policykit.pages.markers import KNOWN
from policykit.render import datafields, schema
from policykit.render.tables_csv import COLUMNS

Validator = jsonschema.Draft202012Validator


def test_every_published_field_has_a_meaning_in_both_languages_and_every_meaning_a_field():
    for name in schema.FILES:
        for path, model in schema.models(name):
            described = schema.FIELDS.get(model.__name__, {})
            assert set(described) == set(model.model_fields), (name, path, model.__name__)
            assert all(set(texts) == {"sv", "en"} and all(texts.values()) for texts in described.values())
    for name, columns in COLUMNS.items():
        assert list(schema.FIELDS[name]) == columns, name
    assert set(KNOWN["fields"]) == set(datafields.VALUES)


def _published(site: Path) -> dict[str, tuple[object, dict]]:
    folder = site / "data"
    return {s.name.replace(".schema", ""): (json.loads((folder / s.name.replace(".schema", "")).read_text(encoding="utf-8")),
                                             json.loads(s.read_text(encoding="utf-8")))
            for s in folder.glob("*.schema.json")}


def test_the_exports_validate_against_the_schemas_published_beside_them(site):
    published = _published(site)
    assert set(published) == set(schema.FILES)
    for name, (data, spec) in published.items():
        Validator.check_schema(spec)
        errors = [e.message for e in Validator(spec).iter_errors(data)]
        assert not errors, (name, errors[:3])
    for name, columns in COLUMNS.items():
        meta = json.loads((site / "data" / f"{name}-metadata.json").read_text(encoding="utf-8"))
        header = next(csv.reader(io.StringIO((site / "data" / name).read_text(encoding="utf-8-sig"))))
        assert [c["name"] for c in meta["tableSchema"]["columns"]] == header == columns
        assert all(c["dc:description"] for c in meta["tableSchema"]["columns"])


def test_an_export_of_another_shape_fails_its_schema(site):
    data, spec = _published(site)["comparison.json"]
    validator = Validator(spec)
    row = data["rows"][0]
    mid = next(iter(row["cells"]))
    for change, expected in [
        (lambda d: d["rows"][0]["cells"][mid].update(status="maybe"), "'maybe' is not one of"),
        (lambda d: d["rows"][0].update(contrasts={"sv": "x", "en": "x"}), "Additional properties"),
        (lambda d: d["rows"][0]["cells"][mid].pop("status"), "'status' is a required property"),
        (lambda d: d["municipalities"][0].update(name="Norrvik"), "is not of type 'object'"),
    ]:
        changed = copy.deepcopy(data)
        change(changed)
        messages = [e.message for e in validator.iter_errors(changed)]
        assert any(expected in m for m in messages), (expected, messages)


def test_the_open_data_page_names_every_field_from_the_models(site):
    for page, up in (("oppna-data/index.html", "../"), ("en/oppna-data/index.html", "../../")):
        soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
        codes = {c.get_text() for c in soup.select("article table code")}
        for name in schema.FILES:
            for path, model in schema.models(name):
                assert {f"{path + '.' if path else ''}{f}" for f in model.model_fields} <= codes, (page, name)
        assert {c for cols in COLUMNS.values() for c in cols} <= codes
        links = {a["href"] for a in soup.select("article a[href]")}
        assert {f"{up}data/{n.replace('.json', '.schema.json')}" for n in schema.FILES} <= links, links
    sv = BeautifulSoup((site / "oppna-data/index.html").read_text(encoding="utf-8"), "html.parser")
    status = next(tr for tr in sv.select("tr") if tr.code and tr.code.get_text() == "rows[].cells.<id>.status")
    assert "not-in-available-text" in status.get_text() and "källan är avskuren" in status.get_text()


def _line(text: str, needle: str) -> int:
    return text[:text.index(needle)].count("\n") + 1


def _plant(project: Path, rel: str, old: str, new: str) -> str:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path.read_text(encoding="utf-8")


def _check_fails(project: Path) -> str:
    result = run(CHECK_CMD, "--root", project)
    out = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in out, out
    return out


def test_planted_field_errors_each_name_file_line_and_fix(project):
    """A misspelt field, a wrong type, an unknown status and an unknown kind, in four data files:
    all reported by one check, each at its own line."""
    text = _plant(project, "docs/data/comparison.yml", "    contrast:\n", "    contrasts:\n")
    contrasts = _line(text, "    contrasts:\n")
    text = _plant(project, "docs/data/comparison.yml", "        status: not-in-available-text\n", "        status: silent\n")
    silent = _line(text, "        status: silent\n")  # the cell's first line
    text = _plant(project, "docs/data/topics.yml", "{id: besok, name: {sv: Internationella besök, en: International visits}}",
                  "{id: besok, name: 5}")
    name = _line(text, "{id: besok, name: 5}")
    text = _plant(project, "docs/data/responsibilities.yml", "    kind: decides\n", "    kind: decide\n")
    kind_entry = text[:text.index("    kind: decide\n")].rfind("\n  - ")
    kind = text[:kind_entry + 1].count("\n") + 1
    text = _plant(project, "docs/data/kinds.yml", "    licensed_by: [behöver]\n", "    licenced_by: [behöver]\n")
    licenced = _line(text, "    licenced_by: [behöver]\n")
    out = _check_fails(project)
    assert (f"error: docs/data/kinds.yml:{licenced}: unknown field 'licenced_by'; use an existing field "
            "(nearest: licensed_by)") in out
    assert (f"error: docs/data/comparison.yml:{contrasts}: unknown field 'contrasts'; use an existing field "
            "(nearest: contrast)") in out
    assert (f"error: docs/data/comparison.yml:{silent}: unknown status 'silent'; use one of addressed, "
            "not-addressed, not-in-available-text, not-yet-assessed") in out
    assert f"error: docs/data/topics.yml:{name}: field 'name' must be dict, not int; give 'name' a value of that type" in out
    assert f"error: docs/data/responsibilities.yml:{kind}: unknown kind 'decide'; use one of decides, " in out


def test_planted_reference_errors_each_name_file_line_and_fix(project):
    """A clause of another municipality and a duplicate id: found on the typed model, at the entry's line."""
    text = _plant(project, "docs/data/principles.yml", "clauses: [strategi-4-p1]", "clauses: [stromsund-syfte-s1]")
    principle = text[:text.index("clauses: [stromsund-syfte-s1]")].rfind("\n  - ")
    principle_line = text[:principle + 1].count("\n") + 1
    text = _plant(project, "docs/data/topics.yml", "{id: syfte,", "{id: status,")
    first, second = _line(text, "{id: status,"), _line(text, "{id: status, name: {sv: Syfte")
    out = _check_fails(project)
    assert (f"error: docs/data/principles.yml:{principle_line}: clause stromsund-syfte-s1 is not from this "
            "municipality's documents (rapport, strategi); cite a clause of the municipality the entry is about") in out
    assert (f"error: docs/data/topics.yml:{second}: duplicate topic id 'status' (first at line {first}); "
            "give each entry its own id") in out


def test_a_registry_field_of_the_wrong_type_names_its_line(project):
    text = _plant(project, "sources/sources.yml", "truncated: true", "truncated: 'yes'")
    out = _check_fails(project)
    assert (f"error: sources/sources.yml:{_line(text, 'truncated:')}: field 'truncated' must be bool, not str; "
            "give 'truncated' a value of that type") in out
