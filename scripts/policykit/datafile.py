"""YAML data files with line numbers, so errors can name the line to fix.

`load(path)` returns plain dicts and lists; every mapping also carries its 1-based
source line under the key ``__line__`` (removed by `strip_lines` where unwanted).
Malformed YAML, a missing file or a top level that is not a mapping raises
`PolicyError` naming the file and line.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import PolicyError, Problem, at

LINE = "__line__"


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    seen: dict = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.MarkedYAMLError(
                "while constructing a mapping", node.start_mark,
                f"found duplicate key {key!r}", key_node.start_mark)
        seen[key] = True
    mapping = loader.construct_mapping(node, deep=True)
    mapping[LINE] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load(path: Path, *, display: str | None = None) -> dict:
    name = display or str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PolicyError(Problem(name, "file not found", "create it or fix the path that names it"))
    except UnicodeDecodeError as exc:
        raise PolicyError(Problem(name, f"not valid UTF-8 ({exc.reason} at byte {exc.start})",
                                  "save the file as UTF-8"))
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


def require(record: dict, key: str, kind: type | tuple, where: str):
    """Return ``record[key]`` or raise a clear error naming the record's line."""
    line = record.get(LINE)
    if key not in record:
        raise PolicyError(Problem(at(where, line), f"missing field '{key}'", f"add '{key}:' to this entry"))
    value = record[key]
    if not isinstance(value, kind):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise PolicyError(Problem(at(where, line), f"field '{key}' must be {names}, not {type(value).__name__}",
                                  f"give '{key}' a value of that type"))
    return value


def strip_lines(value):
    """A deep copy of loaded data without the ``__line__`` keys."""
    if isinstance(value, dict):
        return {k: strip_lines(v) for k, v in value.items() if k != LINE}
    if isinstance(value, list):
        return [strip_lines(v) for v in value]
    return value
