"""English twins and markers: every page's markers are known, every twin matches its Swedish page.

`check_translations` proves each Swedish page has its page.en.md twin with the same clauses in
the same order, the same references and data markers, the same heading anchors and footnotes.
`check_markers` judges every marker on every page, in both languages, with the one marker
grammar (`policykit.pages.markers`): the build renders exactly what passes here.
"""

from __future__ import annotations

from policykit.check.report import Report
from policykit.errors import Problem
from policykit.pages import markers
from policykit.pages.pagemark import Page, parse

def check_translations(project, report: Report, pages: dict[str, Page]):
    """Every Swedish page has an English twin with the same clauses, references and data."""
    paths = set(project.page_paths())
    for rel, sv in pages.items():
        twin_rel = rel[:-3] + ".en.md"
        where = f"docs/{twin_rel}"
        problems: list[Problem] = []
        if twin_rel not in paths:
            problems.append(Problem(where, f"docs/{rel} has no English twin", f"translate it into {where}"))
        else:
            text = project.page(twin_rel)
            en = parse(where, text)
            sv_ids, en_ids = [c.id for c in sv.clauses], [c.id for c in en.clauses]
            for cid in sv_ids:
                if cid not in en_ids:
                    home = next(c.section for c in sv.clauses if c.id == cid)
                    problems.append(Problem(where, f"clause {cid} is missing from the English twin",
                                            f"translate it under heading {home}", subject=cid))
            for cid in en_ids:
                if cid not in sv_ids:
                    problems.append(Problem(where, f"clause {cid} is in the English twin but not on docs/{rel}",
                                            "remove it, or add it to the Swedish page first", subject=cid))
            if not problems and sv_ids != en_ids:
                problems.append(Problem(where, "the clauses stand in another order than on the Swedish page",
                                        f"follow the order of docs/{rel}"))
            sv_markers = _markers(project.page(rel))
            en_markers = _markers(text)
            if sv_markers != en_markers:
                missing = sorted(set(sv_markers) - set(en_markers)) or ["–"]
                extra = sorted(set(en_markers) - set(sv_markers)) or ["–"]
                problems.append(Problem(where, f"references and tables differ from docs/{rel}: missing "
                                        f"{', '.join(missing)}; extra {', '.join(extra)}",
                                        "give the twin the same <!-- ... --> markers as the Swedish page"))
            sv_heads = {h.id for h in sv.headings if h.id}
            en_heads = {h.id for h in en.headings if h.id}
            for hid in sorted(sv_heads - en_heads):
                problems.append(Problem(where, f"heading anchor #{hid} of docs/{rel} is missing",
                                        f"give the translated heading the same id: {{ #{hid} }}"))
            if sv.footnotes != en.footnotes:
                problems.append(Problem(where, "footnotes differ from the Swedish page",
                                        "use the same [^N] labels for the same footnote clauses"))
        report.parity += len(problems)
        report.problems.extend(problems)


def check_markers(project, report: Report):
    """Every marker on every page, in both languages, is one the build renders."""
    ids = project.model.by_id
    for rel in project.page_paths():
        for marker in markers.find(project.page(rel)):
            report.problems.extend(markers.problems(marker, f"docs/{rel}", ids))


def _markers(text: str) -> list[str]:
    """The page's references and data markers (not its clause markers), in order."""
    return [m.text for m in markers.find(text) if m.name != "clause"]
