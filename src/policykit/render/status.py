"""A document's standing, rendered from the registry: ``<!-- status: DOC -->``.

What the source says about a document's standing is recorded once, in sources/sources.yml
(`documents[].status`: unknown | attachment | proposed-in-report | adopted). Pages do not write
it by hand: the "Om dokumentet" box of each document page says it with this marker, so no page
can say a document was adopted (or applies) unless the registry records the adoption, with the
clause that shows it. The words are in labels.yml (`status`).
"""

from __future__ import annotations

from policykit.errors import PolicyError, Problem
from policykit.labels import labels
from policykit.render.common import Context, esc, ref

TEXT = labels("status")


def _name(ctx: Context, doc_id: str, start: bool) -> str:
    """The document's short name ("Strategin", "The report"), lower-cased inside a sentence."""
    doc = ctx.model.documents[doc_id]
    short = str((doc.short or {}).get(ctx.lang, doc.id))
    common = len(short.split()) == 1 if ctx.lang == "sv" else short.startswith("The ")
    if start:
        return esc(short[:1].upper() + short[1:])
    return esc(short[:1].lower() + short[1:] if common else short)


def render(ctx: Context, doc_id: str) -> str:
    doc = ctx.model.documents.get(doc_id)
    if doc is None:
        raise PolicyError(Problem(f"docs/{ctx.page}", f"status of unknown document '{doc_id}'",
                                  "name a document id of sources/sources.yml"))
    status = dict(doc.status or {"value": "unknown"})
    value = status.get("value", "unknown")
    fields = {"Doc": _name(ctx, doc_id, True), "doc": _name(ctx, doc_id, False)}
    if status.get("clause"):
        fields["ref"] = ref(ctx, status["clause"])
    other = status.get("in") or status.get("to")
    if other:
        fields["other"] = f"[{_name(ctx, other, False)}]({ctx.link(ctx.model.documents[other].page)})"
    fields.update({k: esc(str(status[k])) for k in ("by", "date") if status.get(k)})
    key = value if value in TEXT else "unknown"
    if key != "unknown" and "ref" not in fields:
        key += "-noref"
    return TEXT[key][ctx.lang].format(**fields)
