#!/usr/bin/env python3
"""Write a first Swedish page for each document from the clause model.

    python scripts/scaffold_pages.py            # only documents whose page does not exist yet
    python scripts/scaffold_pages.py --force    # overwrite (loses hand edits: review the diff)

The pages are then people's files: they edit the commentary, and the checker
(scripts/check_clauses.py) holds the policy text to the sources. Each clause becomes one
line with its marker; sentences of one source paragraph stay one Markdown paragraph.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from policykit.model import build_model  # noqa: E402
from policykit.errors import PolicyError  # noqa: E402

INTRO = """!!! info "Om dokumentet"
    {what}

    Texten är OCR-läst från ett tryckt dokument. Den återges här med de rättelser som
    [redovisas öppet](../om-texterna.md), och [källtexten kan laddas ned oförändrad](../kallor/{source}).
"""


def render(model, doc, src_name: str) -> str:
    out = ["---", f"source_document: {doc.id}", "---", ""]
    clauses = model.clauses_of(doc.id)
    title = next((c for c in clauses if c.kind == "heading" and c.section == doc.sections[0].key), None)
    first_is_title = title is not None and doc.sections[0].key in ("titel", "inledning")
    # The title clause (or, where the source has none, the document's name) opens the page,
    # followed by the commentary that says what the document is.
    out += [f"# {title.text} {{ #{title.id} }}" if first_is_title else f"# {doc.title}", ""]
    out += [INTRO.format(what="TODO: vad dokumentet är, så långt källan säger det.", source=src_name)]
    prev = None
    for c in clauses:
        if c.kind == "footnote" or (first_is_title and c is title):
            continue
        if c.kind == "heading":
            level = 3 if "-" in c.section else 2
            out += ["", f"{'#' * level} {c.text} {{ #{c.id} }}", ""]
            prev = c
            continue
        same_block = prev is not None and prev.kind == c.kind and (
            (c.kind == "sentence" and prev.line == c.line) or c.kind == "item")
        if not same_block and out[-1] != "":
            out.append("")
        prefix = (c.list_marker + " ") if c.kind == "item" else ""
        out.append(f"{prefix}<!-- clause: {c.id} -->{c.markdown}")
        prev = c
    notes = [c for c in clauses if c.kind == "footnote"]
    if notes:
        out.append("")
        for c in notes:
            out.append(f"[^{c.id.rsplit('fn', 1)[1]}]: <!-- clause: {c.id} -->{c.markdown}")
    return "\n".join(out).rstrip() + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--force", action="store_true", help="overwrite existing pages")
    args = parser.parse_args(argv)
    try:
        model = build_model(args.root)
    except PolicyError as exc:
        print(exc)
        return 1
    for src in model.files:
        for doc in src.documents:
            path = args.root / "docs" / doc.page
            if path.exists() and not args.force:
                print(f"kept {path.relative_to(args.root)} (exists; --force overwrites)")
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(render(model, doc, src.name), encoding="utf-8")
            print(f"wrote {path.relative_to(args.root)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
