"""The termbase check: one English term per Swedish term, no variants.

Data: docs/data/terms.yml (format in its header). Scope: every English page (``*.en.md``)
and English data text; the Swedish guidance pages (pages that are not a document's own page,
whose words are the sources') and Swedish data texts. A variant is reported as::

    error: docs/kontaktperson.en.md:51: 'horizon scanning' is a variant of omvärldsbevakning; write 'monitoring of the wider world' (docs/data/terms.yml)

On a document's English page (the translation of its clauses) a term's `documents:` record, when
it has one, replaces its English rendering and variants, with the reason ('ska' is 'shall' there,
'is to' in guidance and data).

It also keeps the glossary (docs/data/glossary.yml, which the glossary page renders) consistent
with the termbase: every glossary entry has its term in the termbase, and a term linked by
'glossary:' must head its glossary entry. A glossary definition may name a variant ("other texts
call it horizon scanning"): that is where readers look one up.

`check_terms(project)` returns `Problem`s.
"""

from __future__ import annotations

import re

from policykit.check.prose import guidance_pages
from policykit.check.prose import data_texts, load
from policykit.datafile import LINE
from policykit.errors import Problem, at
from policykit.pages.markers import mask_code
from policykit.text import short

TERMS = "docs/data/terms.yml"


def _pattern(word: str) -> re.Pattern:
    return re.compile(r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in word.split()) + r"(?![\w-])", re.I)


def rules(project) -> dict[str, list[tuple[re.Pattern, str, str]]]:
    """Per scope (sv, en, and 'doc' for a document's English page): (pattern of a variant, the variant,
    'what it is a variant of', 'the term to use')."""
    data = load(project, "terms.yml") or {}
    out: dict[str, list] = {"sv": [], "en": [], "doc": []}
    for t in data.get("terms") or []:
        if not isinstance(t, dict):
            continue
        doc = t.get("documents") if isinstance(t.get("documents"), dict) else None
        for lang in ("sv", "en"):
            for variant in ((t.get("avoid") or {}).get(lang) or []):
                out[lang].append((_pattern(str(variant)), str(variant),
                                  f"{t.get('sv')}", f"write '{t.get(lang)}' ({TERMS})"))
                if lang == "en" and doc is None:
                    out["doc"].append(out["en"][-1])
        for variant in (doc or {}).get("avoid") or []:
            out["doc"].append((_pattern(str(variant)), str(variant), f"{t.get('sv')}",
                               f"write '{doc.get('en')}' on a document page ({TERMS}: {short(str(doc.get('reason', '')), 60)})"))
    for w in data.get("informal") or []:
        if isinstance(w, dict) and w.get("avoid"):
            out["sv"].append((_pattern(str(w["avoid"])), str(w["avoid"]), "an informal word or calque",
                              f"write '{w.get('use')}' ({TERMS})"))
    return out


def check_terms(project) -> list[Problem]:
    root, model = project.root, project.model
    if project.data is None:
        return []  # the data files are invalid: the checker reports why
    found = rules(project)
    problems: list[Problem] = []

    def scan(where, line, lang, text):
        for rx, variant, of, fix in found[lang]:
            if rx.search(text):
                what = f"'{variant}' is {of}" if of.startswith("an ") else f"'{variant}' is a variant of {of}"
                problems.append(Problem(at(where, line), what, fix))

    pages = {p: lang for p, lang in guidance_pages(root, model)}
    for path in sorted((root / "docs").rglob("*.en.md")):
        pages.setdefault(path, "doc")  # not a guidance page: a document's English page
    for path in sorted(pages):
        lang = pages[path]
        shown = path.relative_to(root).as_posix()
        text = re.sub(r"<!--.*?-->", lambda m: " " * len(m.group(0)), mask_code(project.page(path.relative_to(root / "docs").as_posix())))
        for number, line in enumerate(text.split("\n"), 1):
            scan(shown, number, lang, line)
    for where, line, lang, trail, text in data_texts(project):
        if not (where.endswith("glossary.yml") and "definition" in trail):  # a definition may name a variant
            scan(where, line, lang, text)
    problems += _glossary(project)
    return problems


def _glossary(project) -> list[Problem]:
    data, glossary = load(project, "terms.yml") or {}, load(project, "glossary.yml") or {}
    entries = {g.get("id"): g for g in glossary.get("terms") or [] if isinstance(g, dict)}
    problems = []
    linked = {t.get("glossary") for t in data.get("terms") or [] if isinstance(t, dict)}
    for gid, entry in entries.items():
        if gid not in linked:
            term = entry.get("term") or {}
            problems.append(Problem(at("docs/data/glossary.yml", entry.get(LINE)),
                                    f"glossary entry '{gid}' has no term in the termbase",
                                    f"add '- {{sv: {term.get('sv')}, en: {str(term.get('en', '')).split(' (')[0]}, "
                                    f"glossary: {gid}}}' to {TERMS}"))
    for t in data.get("terms") or []:
        if not isinstance(t, dict) or not t.get("glossary"):
            continue
        entry = entries.get(t["glossary"])
        if entry is None:
            problems.append(Problem(at(TERMS, t.get(LINE)), f"glossary entry '{t['glossary']}' does not exist",
                                    "use an id from docs/data/glossary.yml"))
            continue
        for lang in ("sv", "en"):
            head = str((entry.get("term") or {}).get(lang, ""))
            if not head.lower().startswith(str(t.get(lang, "")).lower()):
                problems.append(Problem(at("docs/data/glossary.yml", entry.get(LINE)),
                                        f"the glossary gives {t.get('sv')} as {head!r}, the termbase as {t.get(lang)!r}",
                                        f"start the glossary's '{lang}' term with '{t.get(lang)}', or change {TERMS}"))
    return problems
