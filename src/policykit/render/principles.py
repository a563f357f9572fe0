"""The principles page: each principle with its anchor, its words, its meaning and its topics.

Marker: ``<!-- principles -->``. Data: docs/data/principles.yml (format in `policykit.datasets`).
Each principle renders as::

    ## <title> { #princip-<id> }
    <municipality> · <kind: Princip, Inriktning, Mål ...> · Ämnen: <topics linked to the comparison>
    > <clause words> — <citation>
    !!! note "Vad det betyder i praktiken"
        <meaning>
    Citeras också i: <pages>
"""

from __future__ import annotations

from policykit.labels import labels
from policykit.render.common import Context, esc, quote, topic_page

L = labels("principles")
PRINCIPLE_KINDS = L["kinds"]


def render(ctx: Context, arg: str | None) -> str:
    munis = {m.id: m for m in ctx.data.municipalities}
    topics = {t.id: t for t in ctx.data.topics}
    out = []
    listed = {p.municipality for p in ctx.data.principles}
    # Only municipalities with principles: a heading for each of 300 would make this page grow with
    # every municipality added (their pages say what their documents hold).
    for muni in (m for m in ctx.data.municipalities if m.id in listed):
        out.append(f"## {ctx.t(muni.name)} {{ #principer-{muni.id} }}\n")
        for p in (p for p in ctx.data.principles if p.municipality == muni.id):
            out.append(f"### {ctx.t(p.title)} {{ #princip-{p.id} }}\n")
            tags = ", ".join(f"[{ctx.t(topics[t].name)}]({ctx.link(topic_page(t))})"
                             for t in p.topics)
            kind = PRINCIPLE_KINDS.get(p.kind, {}).get(ctx.lang)  # the document's own word for it
            out.append(f"{ctx.t(munis[p.municipality].name)} · " + (f"**{kind}** · " if kind else "")
                       + f"{L['topics'][ctx.lang]}: {tags}\n")
            out += [quote(ctx, cid) for cid in p.clauses]
            out.append(f'!!! note "{L["meaning"][ctx.lang]}"\n    {ctx.t(p.meaning)}\n')
            pages = _citing_pages(ctx, p.clauses)
            if pages:
                # Not searched: the same list of page names under many principles would answer a
                # search for a page's name with every principle it cites.
                out.append(f"{L['cited'][ctx.lang]}: " + ", ".join(pages) + '\n{: data-pagefind-ignore="index" }\n')
    return "\n".join(out)


def _citing_pages(ctx: Context, ids) -> list[str]:
    seen = {}
    for cid in ids:
        for src, titles in ctx.citations.get(cid, []):
            if src != ctx.page and src not in seen:
                seen[src] = f"[{esc(titles[ctx.lang])}]({ctx.link(src)})"
    return list(seen.values())
