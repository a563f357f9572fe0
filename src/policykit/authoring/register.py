"""The authoring commands' edits of the project's hand-kept YAML files, comments kept.

`registry_entry` gives the lines a new municipality adds to sources/sources.yml (under
``municipalities`` and under ``files``); `repairs_yaml` the proposed repairs file of a new
source; `add_cells`, `add_unmapped` and `add_to_nav` extend the comparison, the
responsibilities and mkdocs.yml (see `yamledit.YamlText`: text edits at nodes PyYAML locates).
"""

from __future__ import annotations

import yaml

from policykit.authoring.yamledit import YamlText
from policykit.errors import PolicyError, Problem

# Municipalities with a place in the navigation; the rest are reached from kommuner.md (every
# page carries the whole navigation: see not_in_nav in mkdocs.yml).
NAV_LIMIT = 10


def quoted(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def repairs_yaml(name: str, name_sv: str, layout: dict, proposals: list, unknown: list,
                 furniture: list[dict] = (), line_joins: list[int] = (), original=None,
                 paragraph_breaks: list[int] = ()) -> str:
    out = [f"# Recorded OCR repairs for {name} ({name_sv}).",
           "# Format: see src/policykit/sources/layout.py and src/policykit/sources/corrections.py.",
           "# Written by python -m policykit add. The layout block and the word repairs are",
           "# PROPOSALS: review each against the printed original, fix or remove what is wrong,",
           "# then set 'reviewed: true' (and remove the page's notice that they are unreviewed).",
           "reviewed: false", "",
           "layout:",
           f"  page_start_space: {'true' if layout['page_start_space'] else 'false'}",
           f"  bullet_glyphs: [{', '.join(quoted(g) for g in layout['bullet_glyphs'])}]",
           f"  join_hyphens: {'true' if layout['join_hyphens'] else 'false'}", ""]
    if original is not None:
        out[1:1] = [f"# The text was extracted from {name[:-4]}.{original.suffix} by {original.tool} ({original.kind})"
                    + "".join(f"; {note}" for note in original.notes) + "."]
    if furniture:
        out += ["# Page furniture set aside by the intake (policykit.intake.furniture): each raw line leaves",
                "# the text whole. A line that is policy text after all: delete its entry. Lines with reason",
                "# letterhead, contact, address or signature are never shown on the site, only described.",
                "furniture:"]
        out += [f"  - {{line: {e['line']}, text: {quoted(e['text'])}, reason: {e['reason']}}}" for e in furniture]
        out.append("")
    if line_joins:
        out += ["# Lines that continue the line before them (a title or heading wrapped in print):",
                f"line_joins: [{', '.join(map(str, line_joins))}]", ""]
    if paragraph_breaks:
        out += ["# Lines that open a paragraph or a list item although no blank line says so (the layout shows it):",
                f"paragraph_breaks: [{', '.join(map(str, paragraph_breaks))}]", ""]
    if proposals:
        out.append("words:")
        for p in proposals:
            note = "a known word, but OCR usually makes it from" if p.known else "unknown word; dictionary offers"
            ctx = f", context: {quoted(p.context)}" if p.context else ""
            out.append(f"  - {{ocr: {quoted(p.ocr)}, fix: {quoted(p.fix)}{ctx}}}   # {p.count}×, {note}: "
                       f"{', '.join(p.options)}; confidence {p.confidence}")
    else:
        out.append("words: []")
    if unknown:
        out += ["", "# Unknown to the dictionary and no proposal, or unsure (flagged, with the readings to weigh):",
                "# fix by hand, or allow-list the authors'",
                "# spelling in sources/spelling-allowlist.yml:"]
        out += [f"#   {p.ocr} ({p.count}×)" + (f": unsure, could be {', '.join(p.alternatives)}; "
                                                   f"in {p.sentence!r}" if p.flagged else "") for p in unknown]
    return "\n".join(out) + "\n"


def add_municipality(registry: YamlText, muni: str, name_sv: str, name_en: str, doc_id: str):
    registry.append(registry.node("municipalities"), "\n".join([
        f"- id: {muni}", f"  name: {{sv: {quoted(name_sv)}, en: {quoted(name_en)}}}", f"  documents: [{doc_id}]"]))


def add_file(registry: YamlText, name: str, sha256: str, repairs: str, document: list[str], original: str | None = None):
    registry.append(registry.node("files"), "\n".join([
        f"- file: {name}", f"  sha256: {sha256}", *([f"  original: {original}"] if original else []),
        f"  repairs: {repairs}", "  documents:",
        *("    " + line for line in document)]))


def add_cells(comparison: YamlText, muni: str):
    """A not-yet-assessed cell for the municipality in every row of the comparison."""
    for i in range(len(comparison.node("rows").value)):
        comparison.append(comparison.node("rows", i, "cells"), f"{muni}: {{status: not-yet-assessed}}")


def add_unmapped(resp: YamlText, muni: str, clause_ids: list[str]):
    """'unmapped' rows of responsibilities.yml: clauses that state a duty, not yet tasks."""
    rows = "\n".join(f"- {{municipality: {muni}, clause: {cid}}}" for cid in clause_ids)
    existing = resp.find("unmapped")
    if existing is not None and getattr(existing, "value", None):
        resp.append(existing, rows)
    elif existing is not None:
        raise PolicyError(Problem(resp.display, "'unmapped' is present but empty", "remove the empty 'unmapped:' line"))
    else:
        resp.add_top_level("# Clauses that mention a duty but are not yet tasks above: map each, then delete it.\n"
                           "unmapped:\n" + "\n".join("  " + r for r in rows.split("\n")))


def values(node) -> list[str]:
    """Every scalar value (not key) under a YAML node."""
    if isinstance(node, yaml.ScalarNode):
        return [node.value]
    if isinstance(node, yaml.SequenceNode):
        return [v for n in node.value for v in values(n)]
    if isinstance(node, yaml.MappingNode):
        return [v for _, n in node.value for v in values(n)]
    return []


def _item(seq: yaml.Node, key: str, value: str | None = None) -> yaml.Node | None:
    """In a sequence of mappings, the mapping with `key` (equal to `value`, if given)."""
    for node in getattr(seq, "value", []):
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == key and (value is None or getattr(v, "value", None) == value):
                    return node
    return None


def add_to_nav(config: YamlText, documents: set[str], name_sv: str, name_en: str, page: str, title: str,
               title_en: str | None) -> bool:
    """The page under its municipality's name, after the last municipality already in the nav."""
    nav = config.node("nav")
    entry = f"- {quoted(name_sv)}:\n    - {quoted(title)}: {page}"
    groups = [i for i, item in enumerate(nav.value) if documents & set(values(item))]
    if len(groups) >= NAV_LIMIT:
        return False  # reached from kommuner.md; not_in_nav in mkdocs.yml covers <id>/policy(.en).md
    last = max(groups, default=None)
    if last is None:
        config.append(nav, entry)
    else:
        config.insert_after(nav.value[last], entry, indent=nav.value[0].start_mark.column - 2)
    i18n = _item(config.node("plugins"), "i18n")
    settings = dict((k.value, v) for k, v in i18n.value).get("i18n") if i18n else None
    languages = dict((k.value, v) for k, v in settings.value).get("languages") if settings else None
    en = _item(languages, "locale", "en")
    names = dict((k.value, v) for k, v in en.value).get("nav_translations") if en else None
    if names is None:
        raise PolicyError(Problem("mkdocs.yml", "no nav_translations for the English language of the i18n plugin",
                                  "restore the i18n plugin's 'languages' block (see its comments)"))
    known = {k.value for k, _ in names.value}
    for sv, en_name in ((name_sv, name_en), (title, title_en or title)):
        if sv not in known:
            config.append(names, f"{quoted(sv)}: {quoted(en_name)}")
            known.add(sv)
    return True
