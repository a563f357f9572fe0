"""Every interface label, Swedish and English, from the one data file labels.yml beside this module.

    label("comparison.status.addressed", "sv")           -> "Tas upp"
    label("clause.permalink", "en", "strategi-4-p2")     -> "Permanent link to strategi-4-p2"
    labels("comparison.status")                          -> {"addressed": {"sv": ..., "en": ...}, ...}

A missing key or language raises KeyError naming it: a label is never silently empty.
"""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

FILE = Path(__file__).with_name("labels.yml")


@functools.cache
def _all() -> dict:
    return yaml.load(FILE.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def labels(key: str) -> dict:
    """The subtree at a dotted key."""
    node = _all()
    for part in key.split("."):
        try:
            node = node[part]
        except (KeyError, TypeError):
            raise KeyError(f"{FILE.name} has no label '{key}'") from None
    return node


def label(key: str, lang: str, *args, **kwargs) -> str:
    """One label in one language, with its {} filled in from `args` and `kwargs`."""
    texts = labels(key)
    if lang not in texts:
        raise KeyError(f"{FILE.name}: label '{key}' has no '{lang}' text")
    return texts[lang].format(*args, **kwargs) if args or kwargs else texts[lang]
