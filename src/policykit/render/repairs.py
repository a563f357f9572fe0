"""The recorded OCR repairs: an overview row per source file, the tables on the municipality's page.

Marker: ``<!-- ocr-repairs -->`` (the page *Om texterna*): a row per source file (its
municipality, how many word and layout repairs, reviewed or proposals), linked to the
municipality's audit page ``kommuner/<id>/granskning/#reparationer-<file>``, where `files` shows per source
file a heading, a count, then two tables::

    <h3 id="reparationer-000-a51568b8bbced0f4-txt">000_a51568b8bbced0f4.txt</h3>
    Layout repairs:  | Line | Kind | OCR | Restored |        (sources/repairs/<file>.yml, layout)
    Word repairs:    | OCR | Restored | Count | First clause |  (each distinct token → fix)

The letterhead names an individual official with contact details: its lines are described,
never reproduced, and the text offered for download has them withheld (sources/downloads.py),
which the file's section says, with the line numbers; an original not offered under kallor/ is named
with the reason (sources/downloads.py: a web page never, a PDF with such lines). Page furniture
the intake set aside (``furniture:`` entries) is listed as set aside with its reason; lines
set aside as letterhead, contact, address or signature are described, never reproduced. Repairs that
are unreviewed proposals (``reviewed: false``) are said to be so. After the overview, `reasons`
says what each reason for setting a line aside means, and whether such a line is shown or only
described (a line that may name a person or reach one is described, never reproduced).
"""

from __future__ import annotations

import html
from collections import Counter

from policykit.labels import labels
from policykit.render.common import Context, a, audit_page, html_table
from policykit.sources.downloads import WITHHELD, Download
from policykit.sources.layout import FURNITURE_REASONS, PERSONAL_REASONS
from policykit.text import slug

L = labels("repairs")
S = labels("scale")


def render(ctx: Context, arg: str | None) -> str:
    model, lang = ctx.model, ctx.lang
    names = {m.id: m.name[lang] for m in ctx.data.municipalities}
    rows = []
    for src in model.files:
        ids = {d.id for d in src.documents}
        muni = src.documents[0].municipality if src.documents else ""
        words = sum(len(c.repairs) for d in ids for c in model.clauses_of(d))
        rows.append([a(ctx, audit_page(muni) + f"#reparationer-{slug(src.name)}", src.name),
                     html.escape(names.get(muni, muni)), str(words), str(len(model.layouts[src.name].log)),
                     S["reviewed_yes" if src.reviewed else "reviewed_no"][lang]])
    head = S["files_head"]
    return html_table([head[k][lang] for k in ("file", "muni", "words", "layout", "reviewed")], rows,
                      S["files_caption"][lang], "overview") + "\n" + reasons(lang)


def reasons(lang: str) -> str:
    """Each reason a line is set aside for, what it means, and whether the line is shown or only described."""
    rows = [[html.escape(L["reasons"][r][lang]), html.escape(L["reason_about"][r][lang]),
             html.escape(L["described" if r in PERSONAL_REASONS else "shown"][lang])] for r in FURNITURE_REASONS]
    return (f"<p>{html.escape(L['reasons_intro'][lang])}</p>\n"
            + html_table(L["reasons_head"][lang], rows, L["reasons_caption"][lang], "reasons"))


def files(ctx: Context, sources) -> str:
    """Per source file (of one municipality): its heading, counts and the two tables of repairs."""
    model, lang = ctx.model, ctx.lang
    parts = []
    for src in sources:
        layout = model.layouts[src.name].log
        words: Counter = Counter()
        first: dict = {}
        for c in (c for d in src.documents for c in model.clauses_of(d.id)):
            for pair in c.repairs:
                words[pair] += 1
                first.setdefault(pair, c.id)
        parts.append(f'<h3 id="reparationer-{slug(src.name)}">{html.escape(src.name)}</h3>')
        parts.append(f"<p>{html.escape(', '.join(d.title for d in src.documents))}. "
                     f"{L['words'][lang]}: {sum(words.values())}; {L['layout'][lang]}: {len(layout)}.</p>")
        if not src.reviewed:
            parts.append(f"<p><strong>{L['unreviewed'][lang]}</strong></p>")
        personal = model.layouts[src.name].personal()
        withheld = model.layouts[src.name].personal_lines()
        if withheld:
            parts.append("<p>" + html.escape(L["withheld"][lang].format(lines=", ".join(map(str, withheld)),
                                                                         marker=WITHHELD)) + "</p>")
        why = Download(src.original.name, src.original.path, personal, src.original.kind).unpublished \
            if src.original is not None else None
        if why:  # the original is not offered under kallor/ (sources/downloads.py says why)
            key = "original_withheld" if why == "personal" else f"original_{why}"
            parts.append("<p>" + html.escape(L[key][lang].format(name=src.original.name, sha=src.original.sha256))
                         + "</p>")
        sender_lines = {c.line for c in layout if c.kind == "letterhead"}
        # Out of the search index: every repaired word of every clause would match as noise.
        parts.append(_plain_table(L["layout_head"][lang],
                                  [(str(c.line), _kind(c, lang), *_shown(c, sender_lines, lang)) for c in layout],
                                  f"{L['layout_caption'][lang]} {src.name}"))
        rows = [(o, f, str(n), first[(o, f)]) for (o, f), n in sorted(words.items(), key=lambda kv: kv[0][0].lower())]
        parts.append(_plain_table(L["words_head"][lang], rows, f"{L['words_caption'][lang]} {src.name}"))
    return "\n\n".join(parts) + "\n"


def _kind(change, lang: str) -> str:
    kinds = L["kinds"]
    if change.kind == "furniture":
        return f"{kinds['furniture'][lang]}: {L['reasons'][change.reason][lang]}"
    return kinds[change.kind][lang] if change.kind in kinds else change.kind


def _shown(change, sender_lines: set[int], lang: str) -> tuple[str, str]:
    """The (before, after) a reader sees for one layout repair: no letterhead contact details."""
    if change.kind == "furniture":
        before = L["personal"][lang] if change.reason in PERSONAL_REASONS else (change.before or L["blank"][lang])
        return before, L["set_aside"][lang]
    if change.line in sender_lines:
        if change.kind == "letterhead":
            return L["sender"][lang], change.after
        if change.kind == "page-start":
            return L["sender_line"][lang], L["space"][lang]
    return change.before, change.after


def _plain_table(head: list[str], rows: list, caption: str) -> str:
    """A repairs table: plain-text cells (OCR as it came), no row headers, not searched."""
    return html_table(head, [[html.escape(c) for c in row] for row in rows], caption, "repairs",
                      row_header=False, searchable=False)
