"""The fields of a published data file, as a table on *Öppna data*, from the models that write the file.

Marker: ``<!-- fields: comparison.json -->`` (any file of render/schema.py: the JSON files and the
CSV files). For a JSON file, one row per field of each record, named by its path as a reader of the
file meets it (``rows[].cells.<id>.status``); for a CSV file, one row per column. The meaning of
each field is labels.yml's ``fields`` (the same words the published JSON Schema carries); the
values a field takes are read off its declared type, so the page cannot drift from the data::

    | Fält | Betydelse |
    | `rows[].cells.<id>.status` | om dokumentet tar upp ämnet ... ett av: addressed, not-addressed, ... |
"""

import typing

from policykit.datafile import Text
from policykit.render import schema
from policykit.render.common import Context, esc, table
from policykit.render.tables_csv import COLUMNS

F = schema.FIELDS
VALUES = tuple(schema.FILES) + tuple(COLUMNS)  # the marker's values (pages/markers.py)


def render(ctx: Context, name: str) -> str:
    lang = ctx.lang
    if name in COLUMNS:
        rows = [[f"`{col}`", esc(F[name][col][lang])] for col in COLUMNS[name]]
        return table([F["head"]["column"][lang], F["head"]["meaning"][lang]], rows)
    rows = []
    for path, model in schema.models(name):
        for field, info in model.model_fields.items():
            meaning = F[model.__name__][field][lang]
            kind = _kind(info.annotation, lang)
            rows.append([f"`{path + '.' if path else ''}{field}`",
                         esc(" ".join(filter(None, [meaning, kind, "" if info.is_required() else F["optional"][lang]])))])
    return table([F["head"]["field"][lang], F["head"]["meaning"][lang]], rows)


def _kind(annotation, lang: str) -> str:
    """What the field's type says a reader needs: the values it takes, or that it is a bilingual text."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) is typing.Literal:
        return "(" + F["one_of"][lang].format(", ".join(typing.get_args(annotation))) + ")"
    if annotation is Text:
        return "(" + F["text"][lang] + ")"
    if typing.get_origin(annotation) is not None and len(args) == 1 and typing.get_origin(annotation) is not list:
        return _kind(args[0], lang)  # Optional[X]
    return ""
