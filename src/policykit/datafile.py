"""YAML data files with line numbers, read into declared models, so errors name the line to fix.

`load(path)` returns plain dicts and lists; every mapping also carries its 1-based
source line under the key ``__line__``. Malformed YAML, a missing file or a top level that
is not a mapping raises `PolicyError` naming the file and line.

`parse(Model, data, where)` validates loaded data into a pydantic model (`Entry` subclasses:
strict types, unknown fields refused, each entry keeps its line as ``.lineno``). This is the one
place where the library's error locations become lines of the file and fixes a person can act on::

    error: docs/data/topics.yml:4: field 'name' has no English value; add 'en:' to 'name'
"""

from __future__ import annotations

import re
import types
import typing
from pathlib import Path

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, PrivateAttr, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from policykit.errors import PolicyError, Problem, at, use_existing
from policykit.text import short

LINE = "__line__"


# libyaml's parser where PyYAML has it (its wheels do): ten times faster on large data files,
# with the same marks for line numbers.
class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass


class Record(dict):
    """A mapping read from a data file; `key_lines` gives the line of each of its keys."""
    key_lines: dict = {}


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    seen: dict = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        try:
            duplicate = key in seen
        except TypeError:  # "? [a, b]: c" makes a list a key
            raise yaml.MarkedYAMLError("while constructing a mapping", node.start_mark,
                                       f"found a key that is not a name: {key!r}", key_node.start_mark)
        if duplicate:
            raise yaml.MarkedYAMLError(
                "while constructing a mapping", node.start_mark,
                f"found duplicate key {key!r}", key_node.start_mark)
        seen[key] = key_node.start_mark.line + 1
    mapping = Record(loader.construct_mapping(node, deep=True))
    mapping[LINE] = node.start_mark.line + 1
    mapping.key_lines = seen
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load(path: Path, *, display: str | None = None) -> dict:
    name = display or str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PolicyError(Problem(name, "file not found", "create it or fix the path that names it"))
    except UnicodeDecodeError as exc:
        line = Path(path).read_bytes().count(b"\n", 0, exc.start) + 1
        raise PolicyError(Problem(at(name, line), f"not valid UTF-8 ({exc.reason} at byte {exc.start})",
                                  "save the file as UTF-8"))
    except OSError as exc:  # a folder, no permission
        raise PolicyError(Problem(name, f"cannot be read ({exc.strerror})", "make it a YAML file"))
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise PolicyError(Problem(at(name, line), f"malformed YAML: {exc.problem or exc.context}",
                                  "fix the YAML syntax at that line"))
    except yaml.YAMLError as exc:
        raise PolicyError(Problem(name, f"malformed YAML: {exc}", "fix the YAML syntax"))
    if not isinstance(data, dict):
        raise PolicyError(Problem(name, "the top level is not a mapping",
                                  "start the file with keys (name: value)"))
    return data


def line_of(record: dict, key: str) -> int | None:
    """The line of `key` in `record`, else the record's first line."""
    return getattr(record, "key_lines", {}).get(key) or record.get(LINE)


class Entry(BaseModel):
    """A record of a data file: strict types, unknown fields refused, its line kept as `.lineno`."""
    model_config = ConfigDict(extra="forbid", strict=True)
    _line: int = PrivateAttr(0)
    _keys: dict = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_line(cls, data, handler):
        line, keys = (data.get(LINE), getattr(data, "key_lines", {})) if isinstance(data, dict) else (None, {})
        if isinstance(data, dict):
            data = {k: v for k, v in data.items() if k != LINE}
        entry = handler(data)
        entry._line, entry._keys = line or 0, keys
        return entry

    @property
    def lineno(self) -> int:
        """The line its entry starts on (a field named `line` may mean something else)."""
        return self._line

    def line_of(self, key: str) -> int:
        """The line of one of its fields, else its own."""
        return self._keys.get(key) or self._line


def _without_line(value):
    return {k: v for k, v in value.items() if k != LINE} if isinstance(value, dict) else value


_K, _V = typing.TypeVar("_K"), typing.TypeVar("_V")
# A mapping whose keys are data (municipality ids, kinds), not fields: `cells: Keyed[str, Cell]`. Its
# line is the line of the field that holds it, so the loader's ``__line__`` key is not one of its keys.
Keyed = typing.Annotated[dict[_K, _V], BeforeValidator(_without_line)]


class Text(Entry):
    """A bilingual text: both languages required, plain text (renderers escape it)."""
    sv: str
    en: str

    @model_validator(mode="before")
    @classmethod
    def _both(cls, value):
        for lang, name in (("sv", "Swedish"), ("en", "English")):
            if isinstance(value, dict) and not (isinstance(value.get(lang), str) and value[lang].strip()):
                raise invalid(f"field '{{key}}' has no {name} value", f"add '{lang}:' to '{{key}}' (every text is bilingual)")
        return value

    def __getitem__(self, lang: str) -> str:
        return getattr(self, lang)


def invalid(what: str, fix: str) -> PydanticCustomError:
    """A validator's refusal, reported like every other problem: what is wrong; how to fix it."""
    return PydanticCustomError("policy", "{what}", {"what": what, "fix": fix})


def parse(model: type[BaseModel], data, where: str):
    """`data` (from `load`) as `model`, or PolicyError with one problem per error, each at its line."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise PolicyError([_problem(model, data, e, where) for e in exc.errors()]) from None


_KINDS = {"string_type": "str", "int_type": "int", "bool_type": "bool", "list_type": "list", "dict_type": "dict",
          "model_type": "dict", "float_type": "float", "date_type": "date"}


def _problem(model, data, error: dict, where: str) -> Problem:
    loc, kind, value = error["loc"], error["type"], error.get("input")
    key = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    record = _walk(data, loc[:-1])
    line = line_of(record, loc[-1]) if isinstance(record, dict) and isinstance(loc[-1], str) else None
    if kind == "policy":
        ctx = error["ctx"]
        return Problem(at(where, line), ctx["what"].replace("{key}", key), ctx["fix"].replace("{key}", key))
    if kind == "missing":
        return Problem(at(where, record.get(LINE) if isinstance(record, dict) else None),
                       f"missing field '{key}'", f"add '{key}:' to this entry")
    if kind == "extra_forbidden":
        fields = getattr(_model_at(model, loc[:-1]), "model_fields", {})
        return Problem(at(where, line), f"unknown field {key!r}", use_existing(key, fields, "field", cutoff=0.5))
    if kind == "literal_error" and loc[-1] == "[key]":  # a mapping's key outside its enumeration
        names = _walk(data, loc[:-2])
        return Problem(at(where, line_of(names, value) if isinstance(names, dict) else None),
                       f"unknown key {value!r} under '{loc[-3]}'", f"use one of {', '.join(_choices(error))}")
    if kind == "literal_error":
        return Problem(at(where, record.get(LINE) if isinstance(record, dict) else None),
                       f"unknown {key} {value!r}", f"use one of {', '.join(_choices(error))}")
    wanted, got = _KINDS.get(kind, kind), type(value).__name__
    if isinstance(loc[-1], int):  # an entry of a list
        if kind == "model_type":
            first = next(iter(getattr(_model_at(model, loc), "model_fields", {"key": None})))
            return Problem(where, f"entry {_short(value)} is not a mapping",
                           f"write it as key: value pairs, with '{first}:' among them")
        container = _walk(data, loc[:-2])
        line = line_of(container, key) if isinstance(container, dict) else None
        return Problem(at(where, line), f"each entry of '{key}' must be {wanted}, not {got} ({_short(value)})",
                       f"fix the entries of '{key}'")
    return Problem(at(where, line), f"field '{key}' must be {wanted}, not {got}", f"give '{key}' a value of that type")


def _walk(data, loc):
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _model_at(model, loc):
    """The declared type at `loc` (field names, list indexes and mapping keys), optional and lists unwrapped."""
    tp = model
    for part in (*loc, None):
        while True:
            origin, args = typing.get_origin(tp), typing.get_args(tp)
            if origin in (typing.Union, types.UnionType):
                tp = next(a for a in args if a is not type(None))
            elif origin is typing.Annotated:
                tp = args[0]
            else:
                break
        if part is None:
            return tp
        if origin is list:
            tp = args[0]
        elif origin is dict:
            tp = args[1]
        elif isinstance(tp, type) and issubclass(tp, BaseModel) and part in tp.model_fields:
            tp = tp.model_fields[part].annotation
        else:
            return None
    return tp


def _choices(error: dict) -> list[str]:
    return re.findall(r"'([^']*)'", str(error.get("ctx", {}).get("expected", "")))


def _short(value, width: int = 60) -> str:
    return short(repr(strip_lines(value)), width)


def strip_lines(value):
    """A deep copy of loaded data without the ``__line__`` keys."""
    if isinstance(value, dict):
        return {k: strip_lines(v) for k, v in value.items() if k != LINE}
    if isinstance(value, list):
        return [strip_lines(v) for v in value]
    return value

