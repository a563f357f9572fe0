"""Pages made from the data, so that no page grows with every municipality's full data.

    kommuner/<id>.md      one municipality: its comparison cells topic by topic (#amne-<topic>),
                          who does what per body (#organ-<body>), a link to its audit page
    kommuner/<id>/granskning.md  its audit tables, apart from the readers' page (issue 18): the
                          traceability of its documents (#sparbarhet-<doc>) and its OCR repairs
                          (#reparationer-<file>)
    jamforelse/<topic>.md one comparison topic: a row per municipality (#kommun-<id>), with
                          boxes to choose municipalities and see only them (CSS, no JavaScript)
    ansvar/<area>.md      one question or area of who does what: a row per task, municipality by
                          municipality; ansvar/relationer.md the relations between bodies

Each page in both languages (page.md and page.en.md, the same headings and anchors), written
to files by the plugin (mkdocs-static-i18n needs a source path per file). The data pages
(jamforelse.md, ansvar.md, sparbarhet.md, om-texterna.md) hold overviews with one short row
per municipality, document or source file, linked to these pages.
"""

from __future__ import annotations

from policykit.labels import labels
from policykit.render import comparison, repairs, responsibilities, traceability
from policykit.render.common import Context, area_page, audit_page, esc, muni_page, topic_page

S = labels("scale")
LANGS = ("sv", "en")


def translated(path: str, lang: str) -> str:
    """The file of a page in a language: page.md (Swedish) or page.en.md."""
    return path if lang == LANGS[0] else path[:-3] + f".{lang}.md"


def contents(report, citations: dict) -> dict[str, str]:
    """Path under docs/ → Markdown of every generated page, in every language."""
    model, data = report.model, report.data
    out = {}
    for lang in LANGS:
        def ctx(path):
            return Context(model, data, lang, path, report, citations)
        for m in data.municipalities:
            out[translated(muni_page(m.id), lang)] = municipality(ctx(muni_page(m.id)), m)
            out[translated(audit_page(m.id), lang)] = audit(ctx(audit_page(m.id)), m)
        topics = {t.id: t for t in data.topics}
        for row in comparison.rows(ctx("jamforelse.md")):
            path = topic_page(row.topic)
            out[translated(path, lang)] = topic(ctx(path), topics[row.topic], row)
        areas = {x.id: x for x in data.areas}
        for area_id in responsibilities.areas(data):
            path = area_page(area_id)
            c = ctx(path)
            title = (areas[area_id].name[lang] if area_id in areas
                     else labels("responsibilities.head.chain")[lang])
            out[translated(path, lang)] = (f"# {esc(title)} {{ #omrade }}\n\n"
                                           + S["area_intro"][lang].format(back=c.link("ansvar.md#fragor-och-omraden"))
                                           + "\n\n" + responsibilities.area_table(c, area_id))
    return out


def municipality(ctx: Context, m: dict) -> str:
    lang, model = ctx.lang, ctx.model
    docs = [model.documents[d] for d in m.documents]
    doc_ids = {d.id for d in docs}
    links = ", ".join(f"[{esc(d.title)}]({ctx.link(d.page)})" for d in docs)
    out = [f"# {ctx.t(m.name)} {{ #oversikt }}\n", S["muni_intro"][lang].format(docs=links, back=ctx.link("kommuner.md")) + "\n",
           f"## {esc(S['muni_comparison'][lang])} {{ #jamforelse }}\n", esc(S["muni_compare_hint"][lang]) + "\n",
           comparison.municipality_table(ctx, m),
           f"## {esc(S['muni_responsibilities'][lang])} {{ #ansvar }}\n", responsibilities.municipality_tables(ctx, m),
           f"## {esc(S['muni_audit'][lang])} {{ #granskning }}\n",
           S["muni_audit_link"][lang].format(audit=ctx.link(audit_page(m.id))) + "\n"]
    return "\n".join(out)


def audit(ctx: Context, m: dict) -> str:
    """The municipality's audit page: every clause of its documents and the OCR repairs of its files."""
    lang, model = ctx.lang, ctx.model
    docs = [model.documents[d] for d in m.documents]
    doc_ids = {d.id for d in docs}
    out = [f"# {S['audit_title'][lang].format(ctx.t(m.name))} {{ #granskning }}\n",
           S["audit_intro"][lang].format(back=ctx.link(muni_page(m.id))) + "\n",
           f"## {esc(S['muni_traceability'][lang])} {{ #sparbarhet }}\n", traceability.documents(ctx, docs),
           f"## {esc(S['muni_repairs'][lang])} {{ #rattelser }}\n",
           repairs.files(ctx, [src for src in model.files if any(d.id in doc_ids for d in src.documents)])]
    return "\n".join(out)


def topic(ctx: Context, t: dict, row: dict) -> str:
    lang = ctx.lang
    out = [f"# {ctx.t(t.name)} {{ #amne }}\n", S["topic_intro"][lang].format(back=ctx.link(f"jamforelse.md#amne-{t.id}")) + "\n"]
    if row.contrast:
        out.append(f"**{comparison.H['contrast'][lang]}:** {ctx.t(row.contrast)}\n")
    out.append(esc(comparison.counts_text(ctx, row)) + ".\n")
    out.append(comparison.topic_table(ctx, row))
    return "\n".join(out)
