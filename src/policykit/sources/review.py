"""Whether a person has reviewed a document: its ``review`` field in sources/sources.yml.

Every document says it, so a document registered by hand is never published by accident::

    review: draft                                  # added, not yet reviewed: left out of the site
    review: {by: "NAME", date: "2026-12-02"}   # approved by a person, on that day

``python -m policykit add`` writes ``review: draft``; ``python -m policykit approve DOC --by NAME``
(authoring/approve.py) writes the record. The reviewer's name stays in the repository: the
registry loader keeps only whether the document is a draft (`is_draft`), so no renderer, export,
search index or PDF can reach the name. Which documents the site leaves out: publish/drafts.py.
"""

from __future__ import annotations

import datetime
import re

from policykit.datafile import LINE
from policykit.errors import PolicyError, Problem, at

DRAFT = "draft"
KEYS = ("by", "date")
MISSING = object()
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
FIX = ('write \'review: draft\' until a person has reviewed it, then run '
       '"python -m policykit approve {doc} --by NAME" (it writes review: {{by: "NAME", date: "YYYY-MM-DD"}})')


def is_draft(value, doc_id: str, where: str, line: int) -> bool:
    """True for ``draft``, False for a valid review record; PolicyError naming the line otherwise."""
    fix = FIX.format(doc=doc_id)
    if value is MISSING:
        raise PolicyError(Problem(at(where, line), f"document '{doc_id}' has no 'review'", fix))
    if value == DRAFT:
        return True
    if not isinstance(value, dict):
        raise PolicyError(Problem(at(where, line), f"'review' of '{doc_id}' is {value!r}, neither 'draft' nor "
                                  "a review record", fix))
    line = value.get(LINE, line)
    keys = {k for k in value if k != LINE}
    if keys != set(KEYS):
        # YAML reads the keys on, yes, no as true or false: say so, or the message would show "True".
        shown = sorted("on/yes (read as true)" if k is True else "off/no (read as false)" if k is False else str(k)
                       for k in keys)
        raise PolicyError(Problem(at(where, line), f"'review' of '{doc_id}' has the keys {', '.join(shown)}, "
                                  "not exactly 'by' and 'date'", fix))
    by, date = value["by"], value["date"]
    if not isinstance(by, str) or not by.strip():
        raise PolicyError(Problem(at(where, line), f"'review.by' of '{doc_id}' is {by!r}, not a reviewer's name",
                                  fix))
    if not valid_date(date):
        raise PolicyError(Problem(at(where, line), f"'review.date' of '{doc_id}' is {date!r}, not a date",
                                  'write the day of the review as date: "YYYY-MM-DD"'))
    return False


def valid_date(value) -> bool:
    if isinstance(value, datetime.date):  # an unquoted date in YAML
        return True
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def record(by: str, date: datetime.date) -> str:
    """The YAML flow mapping of a review record: ``{by: "NAME", date: "YYYY-MM-DD"}``."""
    name = by.replace("\\", "\\\\").replace('"', '\\"')
    return f'{{by: "{name}", date: "{date.isoformat()}"}}'
