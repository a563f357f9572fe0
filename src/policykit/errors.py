"""The single error shape of the project's tools.

Every problem a tool finds is reported as one line::

    error: <where>: <what is wrong>; <how to fix it>

where ``<where>`` is ``path`` or ``path:line``. Tools collect `Problem`s and print them;
`PolicyError` carries one or more of them out of code that cannot continue.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from policykit.text import short


@dataclass(frozen=True)
class Problem:
    where: str
    what: str
    fix: str
    code: str = "error"
    subject: str = ""  # clause id or other subject, for machine-readable reports

    def __str__(self) -> str:
        # A problem quotes input (a clause, an id, a heading): one line must stay readable however long that is.
        return f"error: {short(self.where, 500)}: {short(self.what, 500)}; {short(self.fix, 500)}"


def at(path: object, line: int | None = None) -> str:
    """Format a location as ``path`` or ``path:line``."""
    return f"{path}:{line}" if line else str(path)


def use_existing(value: object, known, what: str = "id", cutoff: float = 0.6) -> str:
    """The fix for an unknown id: "use an existing id (nearest: a, b, c)"."""
    near = difflib.get_close_matches(str(value or ""), list(known), n=3, cutoff=cutoff)
    return f"use an existing {what}" + (f" (nearest: {', '.join(near)})" if near else "")


class PolicyError(Exception):
    """One or more problems that stop a tool or the build."""

    def __init__(self, problems: Problem | list[Problem]):
        self.problems = problems if isinstance(problems, list) else [problems]
        super().__init__("\n".join(str(p) for p in self.problems))
