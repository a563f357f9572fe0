"""The accessibility statement's facts that the publisher sets in mkdocs.yml, rendered by markers.

    <!-- statement: publisher -->   the organisation that publishes the site and answers for it
    <!-- statement: feedback -->    how to tell it about a problem: its functional e-mail address

mkdocs.yml::

    extra:
      accessibility:
        publisher: {sv: ..., en: ...}
        feedback_email: tillganglighet@example.org

The address must be a functional one of the organisation, never a person's. While it is at a
domain reserved for examples (RFC 2606: example.org, example.com, example.net, .example), the
statement says, next to it, that it is a placeholder the publisher replaces before publishing:
so the page never claims a way of contact that does not exist.
"""

from __future__ import annotations

import re

from policykit.errors import PolicyError, Problem
from policykit.labels import labels

TEXT = labels("statement")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_EXAMPLE = re.compile(r"@(?:[^@]*\.)?(?:example\.(?:org|com|net)|[^@]*\.example)$", re.I)
WHERE = "mkdocs.yml"


def settings(extra: dict) -> dict:
    """mkdocs.yml's `extra.accessibility`, checked: a publisher in both languages, an e-mail address."""
    a11y = (extra or {}).get("accessibility")
    if not isinstance(a11y, dict):
        raise PolicyError(Problem(WHERE, "no 'extra: accessibility:' for the accessibility statement",
                                  "add publisher: {sv: ..., en: ...} and feedback_email: under extra: accessibility:"))
    publisher, email = a11y.get("publisher"), a11y.get("feedback_email")
    if not isinstance(publisher, dict) or not all(isinstance(publisher.get(k), str) and publisher[k].strip()
                                                   for k in ("sv", "en")):
        raise PolicyError(Problem(WHERE, "extra.accessibility.publisher needs a name in sv and en",
                                  "write publisher: {sv: Organisationens namn, en: The organisation's name}"))
    if not isinstance(email, str) or not _EMAIL.fullmatch(email.strip()):
        raise PolicyError(Problem(WHERE, f"extra.accessibility.feedback_email is not an e-mail address: {email!r}",
                                  "give the organisation's functional address, e.g. tillganglighet@kommun.se"))
    return {"publisher": publisher, "feedback_email": email.strip()}


def is_placeholder(email: str) -> bool:
    return bool(_EXAMPLE.search(email))


def render(extra: dict, lang: str, value: str) -> str:
    s = settings(extra)
    if value == "publisher":
        return s["publisher"][lang].replace("<", "&lt;")
    email = s["feedback_email"]
    out = f"[{email}](mailto:{email})"
    if is_placeholder(email):
        out += " " + TEXT["placeholder"][lang]
    return out
