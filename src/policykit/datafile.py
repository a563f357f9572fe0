"""YAML data files with line numbers, so errors can name the line to fix.

`load(path)` returns plain dicts and lists; every mapping also carries its 1-based
source line under the key ``__line__`` (removed by `strip_lines` where unwanted).
Malformed YAML, a missing file or a top level that is not a mapping raises
`PolicyError` naming the file and line.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from policykit.errors import PolicyError, Problem, at
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


def require(record: dict, key: str, kind: type | tuple, where: str):
    """Return ``record[key]`` or raise a clear error naming the line of the key (or of the record)."""
    if not isinstance(record, dict):
        raise PolicyError(Problem(where, f"entry {_short(record)} is not a mapping",
                                  f"write it as key: value pairs, with '{key}:' among them"))
    line = line_of(record, key)
    if key not in record:
        raise PolicyError(Problem(at(where, line), f"missing field '{key}'", f"add '{key}:' to this entry"))
    value = record[key]
    if not _is(value, kind):
        raise PolicyError(Problem(at(where, line), f"field '{key}' must be {_names(kind)}, not {type(value).__name__}",
                                  f"give '{key}' a value of that type"))
    return value


def optional(record: dict, key: str, kind: type | tuple, where: str, default=None):
    """``record[key]`` checked like `require`, or `default` when the key is absent or empty."""
    if isinstance(record, dict) and record.get(key) is None:
        return default
    return require(record, key, kind, where)


def each(values: list, key: str, kind: type | tuple, where: str, line: int | None = None) -> list:
    """`values` (the list under `key`) when every element is of `kind`; else a clear error."""
    for value in values:
        if not _is(value, kind):
            raise PolicyError(Problem(at(where, line), f"each entry of '{key}' must be {_names(kind)}, "
                                      f"not {type(value).__name__} ({_short(value)})", f"fix the entries of '{key}'"))
    return values


def _is(value, kind: type | tuple) -> bool:
    # YAML's true/false are bools, and bool is a subclass of int: `line: true` is no line number.
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if isinstance(value, bool) and bool not in kinds:
        return False
    return isinstance(value, kinds)


def _names(kind: type | tuple) -> str:
    return kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)


def _short(value, width: int = 60) -> str:
    return short(repr(strip_lines(value)), width)


def strip_lines(value):
    """A deep copy of loaded data without the ``__line__`` keys."""
    if isinstance(value, dict):
        return {k: strip_lines(v) for k, v in value.items() if k != LINE}
    if isinstance(value, list):
        return [strip_lines(v) for v in value]
    return value
