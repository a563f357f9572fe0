"""Approve documents: the one step that takes a document from draft to published.

    python -m policykit approve norrvik --by "NAME"
    approve(root, ["norrvik"], by="NAME")         # what the review app's "Godkänn" calls

A document added by ``python -m policykit add`` is a draft (``review: draft`` in
sources/sources.yml; sources/review.py) and the site leaves it out (publish/drafts.py).
`approve` refuses, naming the file, the line and the fix, while anything is left to decide about
its reading (check/todo.py: repairs still ``reviewed: false``, flagged words not yet decided, a
page that still says its reading is unreviewed), while the project fails the clause check, or
for a document that is unknown or approved already. Otherwise it writes, in place of ``draft``::

    review: {by: "NAME", date: "2026-12-02"}

keeping every comment and the layout of the registry (authoring/yamledit.py), and reads the
registry back. If anything fails, the registry is restored byte for byte (authoring/transaction.py).
The reviewer's name stays in the repository and is never published: the registry loader keeps
only whether a document is a draft.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from policykit.authoring.transaction import Transaction
from policykit.authoring.yamledit import YamlText
from policykit.errors import PolicyError, Problem, at, use_existing
from policykit.sources import review
from policykit.sources.registry import REGISTRY, load_registry

WHERE = REGISTRY.as_posix()
# A name as a person writes it: letters, spaces and the punctuation of names; never a line break.
_NAME = re.compile(r"[^\W\d_][\w .'’-]{0,99}")


@dataclass
class Approval:
    documents: list[str]
    by: str
    date: datetime.date
    record: str                 # what the registry now says: {by: "...", date: "..."}


def approve(root: Path, documents: list[str], by: str, date: datetime.date | None = None) -> Approval:
    """Mark `documents` reviewed by `by` (on `date`, default today); PolicyError when something is left."""
    root = Path(root)
    name = " ".join(by.split())
    if not _NAME.fullmatch(name):
        raise PolicyError(Problem("--by", f"{by!r} is not a reviewer's name", 'give the name of the person who '
                                  'reviewed the document, e.g. --by "Förnamn Efternamn"'))
    if not documents:
        raise PolicyError(Problem(WHERE, "no document to approve", "name the document id(s) to approve"))
    from policykit.check.checker import check
    from policykit.check.todo import items

    report = check(root)
    if not report.ok:
        raise PolicyError(report.problems + [Problem(WHERE, "not approved: the clause check fails",
                                                     "fix the problems above, then approve again")])
    problems = []
    for doc_id in dict.fromkeys(documents):
        doc = report.model.documents.get(doc_id)
        if doc is None:
            problems.append(Problem(WHERE, f"no document '{doc_id}' to approve",
                                    use_existing(doc_id, report.model.documents, "document id")))
        elif not doc.draft:
            problems.append(Problem(at(WHERE, doc.line), f"document '{doc_id}' is approved already",
                                    "nothing to do: it is published by the next make site"))
    wanted = set(documents)
    for item in items(report, root):
        if item.decides and wanted & set(item.documents):
            problems.append(Problem(item.where, f"{item.what}, so '{', '.join(sorted(wanted & set(item.documents)))}' "
                                    "cannot be approved yet", item.fix))
    if problems:
        raise PolicyError(problems)

    date = date or datetime.date.today()
    record = review.record(name, date)
    registry = YamlText.read(root / REGISTRY, WHERE)
    for doc_id in dict.fromkeys(documents):
        registry.replace(_review_node(registry, doc_id), record)
    tx = Transaction(root)
    try:
        tx.write(WHERE, registry.text())
        reread = load_registry(root).documents
        still = [d for d in documents if reread[d].draft]
        if still:
            raise PolicyError(Problem(WHERE, f"'{', '.join(still)}' still read as drafts after approval",
                                      "write review: {by: ..., date: ...} by hand, see the comment at the top"))
    except BaseException:
        tx.rollback()
        raise
    return Approval(list(dict.fromkeys(documents)), name, date, record)


def _review_node(registry: YamlText, doc_id: str) -> yaml.Node:
    """The value node of the document's ``review`` key."""
    for entry in registry.node("files").value:
        for key, docs in entry.value:
            if key.value != "documents":
                continue
            for doc in docs.value:
                fields = {k.value: v for k, v in doc.value}
                if getattr(fields.get("id"), "value", None) == doc_id and "review" in fields:
                    return fields["review"]
    raise PolicyError(Problem(WHERE, f"document '{doc_id}' has no 'review' line to replace",
                              "write 'review: draft' under it, then approve again"))
