"""``python -m policykit refresh DOC``: a document's page and English twin follow its mended reading.

A misreading is mended in one place (`MENDS`, which the add command prints and the editors' page
*Lägga till en kommun* explains), then::

    python -m policykit refresh norrvik

rewrites the clauses of ``docs/norrvik/policy.md`` and ``policy.en.md`` from the current reading
with the scaffold's writer, keeping the info box, every other box and every translation
(`rewrite`), and follows the mend elsewhere:

    mkdocs.yml                  a changed title in the navigation (and its English name, while it
                                is the untranslated Swedish one); the info boxes' "*title*" too
    docs/data/*.yml, docs/**    citations of a renumbered clause (same words, new id) follow it,
                                in the page's own boxes too; an `unmapped` row of a clause that is
                                gone is dropped (a to-do the add command wrote); any other citation
                                of a clause that is gone stops the refresh with the file, line, fix
    the info boxes              the scaffold's sentence on the download says "unchanged except
                                lines with contact details" once a line is set aside as such

Then it runs the checker. If anything fails, every file is put back byte for byte and the error
names the file, the line and the fix. A second run changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from policykit.authoring import register, scaffold
from policykit.authoring.rewrite import named_title, resembles, rewrite
from policykit.authoring.transaction import Transaction
from policykit.clauses.model import build_model
from policykit.errors import PolicyError, Problem, at, use_existing

# (what was misread, the one place to change it, how). {registry} and {repairs} name the files.
MENDS = [
    ("the title", "{registry}: 'title:' of the document", "write the document's own title (a page heading that is a "
     "running header or letterhead: set its line aside under 'furniture:', and the title's line takes its place)"),
    ("a heading", "{registry}: 'sections:' of the document",
     "add '- {{key: syfte, line: N}}' for a heading on raw line N, or delete the entry of a line that is no heading"),
    ("a line set aside or kept", "{repairs}: 'furniture:'",
     "add '- {{line: N, text: \"...\", reason: running}}' to set raw line N aside, or delete its entry to keep it"),
    ("a wrapped line", "{repairs}: 'line_joins:'", "list raw line N to join it to the line before it"),
    ("a paragraph start", "{repairs}: 'paragraph_breaks:'", "list raw line N where a new paragraph starts"),
    ("a word", "{repairs}: 'words:'", "add '- {{ocr: \"...\", fix: \"...\"}}' (with 'context:' where the word has two readings)"),
]


def mend_guide(doc_id: str, repairs: str, registry: str = "sources/sources.yml") -> list[str]:
    """The lines the add command prints: where each kind of misreading is mended, and the refresh."""
    out = [f"to mend a misreading, change one place (raw line numbers are those of the source text), then run "
           f"python -m policykit refresh {doc_id}:"]
    for what, where, how in MENDS:
        out.append(f"  {what}: {where.format(registry=registry, repairs=repairs)}: {how.format()}")
    return out


@dataclass
class Result:
    written: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    report: object = None


def _fail(where: str, what: str, fix: str):
    raise PolicyError(Problem(where, what, fix))


def _retitle(config: str, page: str, old: str, new: str) -> tuple[str, bool]:
    """mkdocs.yml with the page's navigation entry renamed, and its English name when that is the
    untranslated Swedish title (a text edit at the nodes' offsets: comments and layout stay)."""
    root = yaml.compose(config, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    edits: list[tuple[int, int, str]] = []
    uses = 0

    def walk(node):
        nonlocal uses
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(v, yaml.ScalarNode) and v.value == page and k.value == old:
                    edits.append((k.start_mark.index, k.end_mark.index, register.quoted(new)))
                elif k.value == old and isinstance(v, yaml.SequenceNode):
                    uses += 1  # a section of the navigation named like the title
                if k.value == "nav_translations" and isinstance(v, yaml.MappingNode):
                    names.extend(v.value)
                walk(v)
        elif isinstance(node, yaml.SequenceNode):
            for v in node.value:
                walk(v)

    names: list = []
    walk(root)
    if not edits:
        return config, False
    for k, v in names:
        if k.value == old and not uses and new not in {kk.value for kk, _ in names}:
            edits.append((k.start_mark.index, k.end_mark.index, register.quoted(new)))
            if v.value == old:
                edits.append((v.start_mark.index, v.end_mark.index, register.quoted(new)))
    for start, end, text in sorted(edits, reverse=True):
        config = config[:start] + text + config[end:]
    return config, True


def _ids(ids) -> re.Pattern:
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(ids, key=len, reverse=True))) + r")(?![\w-])")


def _cites(ids) -> re.Pattern:
    """A citation on the document's own pages (`<!-- ref: ID -->`, `[...](page.md#ID)`), not its markers."""
    alt = "|".join(map(re.escape, sorted(ids, key=len, reverse=True)))
    return re.compile(r"(<!--\s*ref:\s*|\]\([^()\s]*#)(" + alt + r")(?=\s*-->|\))")


def _own(texts: dict[str, str], moved: dict[str, str], gone: list[str]) -> dict[str, str]:
    """The document's rewritten pages with their boxes' citations of renumbered clauses followed;
    a PolicyError for a citation of a clause that is gone (`texts`: page -> (old text, new text))."""
    problems = []
    if gone:
        cites = _cites(gone)
        for rel, (old, _) in texts.items():
            for no, line in enumerate(old.split("\n"), 1):
                for m in cites.finditer(line):
                    problems.append(Problem(at(rel, no), f"cites clause {m.group(2)}, which the mended reading no "
                                            "longer has", "cite the clause that now holds those words, or remove "
                                            "the citation; then run the refresh again"))
    if problems:
        raise PolicyError(problems)
    if not moved:
        return {rel: new for rel, (_, new) in texts.items()}
    cites = _cites(moved)
    return {rel: cites.sub(lambda m: m.group(1) + moved[m.group(2)], new) for rel, (_, new) in texts.items()}


def _source_box(text: str, src, withheld: bool) -> str:
    """The page with the scaffold's sentence on the download swapped to what the download now is: a
    line set aside as contact details makes "unchanged" untrue (sources/downloads.py). A sentence a
    person rewrote is left alone; the checker then names it."""
    source = {"original": src.original.name, "tool": src.original.tool, "kind": src.original.kind} \
        if src.original else None
    for lang in ("sv", "en"):
        said = {flag: scaffold.intro(lang, "\0", src.name, source, None, flag).split("\0", 1)[1].strip("\n")
                for flag in (False, True)}
        if said[not withheld] in text and said[withheld] not in text:
            text = text.replace(said[not withheld], said[withheld])
    return text


def _citations(root: Path, own: set[str], moved: dict[str, str], gone: list[str], muni: str):
    """{file: new text} for the data files and other pages that cite renumbered clauses; a
    PolicyError for every citation of a clause that is gone (an `unmapped` to-do row is dropped)."""
    files = sorted((root / "docs" / "data").glob("*.yml")) + sorted((root / "docs").rglob("*.md"))
    problems, out = [], {}
    gone_re = _ids(gone) if gone else None
    moved_re = _ids(moved) if moved else None
    unmapped = re.compile(r"^\s*- \{\s*municipality:\s*" + re.escape(muni) + r"\s*,\s*clause:\s*([\w-]+)\s*\}\s*$")
    for path in files:
        rel = path.relative_to(root).as_posix()
        if rel in own:
            continue
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        kept = []
        for no, line in enumerate(lines, 1):
            row = unmapped.match(line)
            if row and row.group(1) in gone:
                continue
            if gone_re and gone_re.search(line):
                problems.append(Problem(at(rel, no), f"cites clause {gone_re.search(line).group(1)}, which the "
                                        "mended reading no longer has", "cite the clause that now holds those words "
                                        "(see the page), or remove the citation; then run the refresh again"))
            kept.append(moved_re.sub(lambda m: moved[m.group(1)], line) if moved_re else line)
        new = "\n".join(kept)
        if new != text:
            out[rel] = new
    if problems:
        raise PolicyError(problems)
    return out


def refresh(root: Path, doc_id: str, check: bool = True) -> Result:
    root = Path(root)
    model = build_model(root)  # a mend the sources refuse stops here, naming the file, line and fix
    doc = model.documents.get(doc_id)
    if doc is None:
        _fail("sources/sources.yml", f"no document {doc_id!r}", use_existing(doc_id, model.documents, "document id"))
    src = next(s for s in model.files if doc in s.documents)
    sv_rel, en_rel = f"docs/{doc.page}", f"docs/{doc.page[:-3]}.en.md"
    for rel in (sv_rel, en_rel):
        if not (root / rel).is_file():
            _fail(rel, "the page does not exist", "refresh rewrites an existing page: restore it (git checkout -- "
                  f"{rel}), or write a first version with python -m policykit scaffold")
    old_sv, old_en = ((root / rel).read_text(encoding="utf-8") for rel in (sv_rel, en_rel))
    personal = [text for _, text in model.layouts[src.name].personal()]
    outcome = rewrite(model, doc, old_sv, old_en, personal)
    result = Result(notes=list(outcome.notes))
    aside = [c.before for c in model.layouts[src.name].log if c.kind == "furniture" and doc.first <= c.line <= doc.last]
    if any(resembles(text, doc.title) for text in aside):
        first = model.clauses_of(doc.id)[0]
        result.notes.append(f"the title in sources/sources.yml, {doc.title!r}, is a line now set aside: write the "
                            f"document's own title there (its first line now reads {first.text!r}) and run the "
                            "refresh again")
    changes = _own({sv_rel: (old_sv, outcome.sv), en_rel: (old_en, outcome.en)}, outcome.moved, outcome.gone)
    withheld = bool(model.layouts[src.name].personal_lines())
    changes = {rel: _source_box(text, src, withheld) for rel, text in changes.items()}

    old_title = named_title(old_sv)
    if old_title and old_title != doc.title:
        for rel in (sv_rel, en_rel):  # the info box's "*title*", and an editorial `# title` (not a clause)
            changes[rel] = changes[rel].replace(f"*{old_title}*", f"*{doc.title}*").replace(
                f"\n# {scaffold.escaped(old_title)}\n", f"\n# {scaffold.escaped(doc.title)}\n")
        config, renamed = _retitle((root / "mkdocs.yml").read_text(encoding="utf-8"), doc.page, old_title, doc.title)
        if renamed:
            changes["mkdocs.yml"] = config
        result.notes.append(f"the title is now {doc.title!r} (was {old_title!r}): renamed in the info boxes"
                            + (" and the navigation" if renamed else "") + "; check the English name in the "
                            "twin's info box and in mkdocs.yml nav_translations")
    changes.update(_citations(root, {sv_rel, en_rel}, outcome.moved, outcome.gone, doc.municipality))

    tx = Transaction(root)
    try:
        for rel, text in changes.items():
            if (root / rel).read_text(encoding="utf-8") != text:
                tx.write(rel, text)
        if check:
            from policykit.check.checker import check as run_check
            result.report = run_check(root)
            if not result.report.ok:
                raise PolicyError(result.report.problems or [
                    Problem(sv_rel, result.report.summary_line(), "see the checker's output")])
    except BaseException:
        tx.rollback()
        raise
    result.written = sorted(tx.saved)
    return result
