"""The comparison matrix on the comparison page: a row per topic, a column per municipality.

Rendered by ``<!-- comparison -->`` (render/comparison.py) before the topic-by-topic section::

    <div class="matrix">
      <p class="matrix-data">CSV · JSON · licence</p>
      <details class="matrix-choose"><summary>Choose municipalities (n)</summary>
        <fieldset class="pick-cols"><ul>
          <li><input type="checkbox" id="valj-stockholm" value="stockholm" checked> <label ...>Stockholms stad</label></li>
          ... one item per municipality, registry order ...
      </details>
      <p><label><input type="checkbox" class="pick-only"> Show only the chosen topics</label></p>
      <table data-inline="6"><caption>...</caption>
        <thead><tr><th>Topic</th><th data-m="stockholm">Stockholms stad</th>...</tr></thead>
        <tbody><tr id="rad-syfte"><th scope="row"><input class="pick" ...> Syfte</th>
                   <td data-label="Stockholms stad"><strong>Tas upp.</strong> summary <span class="matrix-src">clause links</span></td>...

Cells are inline Markdown (md_in_html ``markdown="span"``), so the clause links are the
pages' own links, rewritten by MkDocs like any other. The page holds the cells of the first
``INLINE`` municipalities only, so it stays within its byte budget at hundreds of them; the
first ``DEFAULT`` are ticked. Without scripts site.css hides a column whose box is unticked
(``:has``) and a topic row when "show only the chosen" is ticked and its box is not, as the
topic pages do. docs/assets/matrix.js (loaded on this page only, overrides/main.html) allows
two to four municipalities and fetches a later municipality's column from its own page
(kommuner/<id>/, its comparison table), so no second copy of the cells is published.
"""

from __future__ import annotations

import html
from typing import NamedTuple

from policykit.labels import labels
from policykit.render.common import Context, clause_label, esc, href, muni_page, topic_page

M = labels("matrix")
STATUS = labels("comparison.status")
INLINE = 6     # municipalities whose cells the page holds (matrix.css has a column rule for each)
DEFAULT = 4    # ticked when the page opens: the most the reader can compare


class Muni(NamedTuple):
    id: str
    name: dict
    raw: dict      # the record as comparison.says() reads it


class Cell(NamedTuple):
    status: str
    clauses: list


# The one place this module reads the data files' fields (issue 22 makes them typed objects).
def _municipalities(ctx: Context) -> list[Muni]:
    return [Muni(m.id, m.name, m) for m in ctx.data.municipalities]


def _topic_names(ctx: Context) -> dict[str, dict]:
    return {t.id: t.name for t in ctx.data.topics}


def _cell(row: dict, muni_id: str) -> tuple[dict, Cell]:
    cell = row.cells[muni_id]
    return cell, Cell(cell.status, list(cell.clauses))


def _topic(row: dict) -> str:
    return row.topic


def links(ctx: Context, ids: list[str]) -> str:
    """Clause links without the clause's words as title: Material sets up a tooltip for every
    element with a title on load, which on a matrix of cells is work the reader never asked for."""
    return "; ".join(f"[{esc(clause_label(ctx, cid))}]({ctx.link(ctx.model.documents[ctx.model.by_id[cid].document].page + '#' + cid)})"
                     for cid in ids)


def render(ctx: Context, rows: list[dict], data: dict[str, str]) -> str:
    """The matrix; ``rows`` the comparison rows in topic order, ``data`` label -> docs path of the
    published files (CSV, JSON, licence) linked above it."""
    from policykit.render.comparison import says  # the cell's words, the same as on the other pages

    lang = ctx.lang
    munis = _municipalities(ctx)
    names = _topic_names(ctx)
    shown = munis[:INLINE]
    out = [f'<div class="matrix" data-inline="{len(shown)}" data-max="{DEFAULT}" markdown>\n',
           f'<p class="matrix-data" markdown="span">{esc(M["data"][lang])} ' + " · ".join(f"[{esc(label)}]({ctx.link(path)})" for label, path in data.items()) + "</p>\n",
           f'<details class="matrix-choose">\n<summary>{html.escape(M["choose"][lang].format(len(munis)))}</summary>\n',
           f'<fieldset class="pick-cols">\n<legend>{html.escape(M["legend"][lang])}</legend>\n<ul>\n']
    for i, m in enumerate(munis):
        checked = " checked" if i < DEFAULT else ""
        later = "" if i < INLINE else ' data-later disabled'  # matrix.js enables it and fetches the column
        out.append(f'<li><input type="checkbox" id="valj-{m.id}" value="{m.id}" data-page="{html.escape(href(ctx, muni_page(m.id)), quote=True)}"'
                   f'{checked}{later}> <label for="valj-{m.id}">{html.escape(m.name[lang])}</label></li>\n')
    out.append("</ul>\n</fieldset>\n")
    if len(munis) > INLINE:
        out.append(f'<p class="matrix-later">{html.escape(M["later"][lang].format(INLINE))}</p>\n')
    out.append("</details>\n")
    out.append(f'<p class="pick-note"><label><input type="checkbox" class="pick-only"> {html.escape(M["only_topics"][lang])}</label></p>\n')
    out.append(f'<p class="matrix-status" role="status" data-full="{html.escape(M["full"][lang], quote=True)}" '
               f'data-failed="{html.escape(M["failed"][lang], quote=True)}"></p>\n')
    head = "".join(f'<th scope="col" data-m="{m.id}" markdown="span">[{esc(m.name[lang])}]({ctx.link(muni_page(m.id) + "#jamforelse")})</th>\n'
                   for m in shown)
    # Its caption as a labelling paragraph: md_in_html would wrap a <caption> in a <p>.
    out.append(f'<p class="matrix-caption" id="matrix-caption">{html.escape(M["caption"][lang])}</p>\n')
    out.append('<table aria-labelledby="matrix-caption" markdown>\n'
               f'<thead markdown>\n<tr markdown>\n<th scope="col">{html.escape(M["topic"][lang])}</th>\n{head}</tr>\n</thead>\n<tbody markdown>\n')
    for row in rows:
        topic = _topic(row)
        name = names[topic][lang]
        pick = f'<input type="checkbox" class="pick" checked aria-label="{html.escape(M["pick_topic"][lang].format(name))}">'
        out.append(f'<tr id="rad-{topic}" markdown>\n<th scope="row" markdown="span">{pick} [{esc(name)}]({ctx.link(topic_page(topic))})</th>\n')
        for m in shown:
            raw, cell = _cell(row, m.id)
            said = says(ctx, raw, topic, m.raw, always=True)
            src = links(ctx, cell.clauses)
            src = f' <span class="matrix-src">{src}</span>' if src else ""
            out.append(f'<td data-label="{html.escape(m.name[lang], quote=True)}" markdown="span">{said}{src}</td>\n')
        out.append("</tr>\n")
    out.append("</tbody>\n</table>\n</div>\n")
    return "".join(out)

