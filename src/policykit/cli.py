"""The project's one command line: ``python -m policykit COMMAND [options]``.

    check      prove every source clause stands on its Swedish page, unaltered; validate the data
    build      check, then build the site into site/, swapped in only when all of it succeeded
               (drafts left out; --drafts: a preview with them, into site-drafts/)
    links      every href and src of the built site leads to a file of it, every #anchor to an id
    add        add a municipality's policy text: source, proposed repairs, pages, data rows (a draft)
    approve    mark a draft document reviewed by a person, so the next build publishes it
    propose    list word repairs the Swedish dictionary proposes for an OCR text
    scaffold   write a first Swedish page for each document that has none
    refresh    rewrite a document's page and English twin after a mend, keeping what people wrote
    review     a local web app (127.0.0.1) to review a draft beside its original and approve it
    bench      time the build against plain Material and weigh what a reader downloads
    bench-scale  how check and build grow with 10, 100 and 300 synthetic municipalities
    bench-repair word error rate of the word-repair proposals on unseen damaged and clean text
    propose-comparison  a municipality's clauses proposed for every comparison topic and role
    bench-compare       how right those proposals are on labelled texts, and how fast

Each command's help is its function's docstring (``python -m policykit check --help``). Every
failure is one line ``error: <file>[:<line>]: <problem>; <fix>`` and exit status 1. The make
targets call these commands.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from policykit.errors import PolicyError

ROOT = Path.cwd()


def cmd_check(args) -> int:
    """Prove that every source clause stands on its Swedish page, unaltered, and nothing else does.

    Prints one line per problem (file, line, clause, fix), the to-do lines of accepted but
    unfinished work, and a summary line. Exit status 0 when every clause is matched and no
    page has stray policy text; 1 otherwise.
    """
    from policykit.check.checker import check
    from policykit.check.todo import print_report

    report = check(args.root)
    if args.json:
        if report.model is None:
            print(f"error: {args.json}: no report written, the sources could not be read; fix the errors above")
        else:
            try:
                args.json.parent.mkdir(parents=True, exist_ok=True)
                args.json.write_text(json.dumps(report.as_json(), ensure_ascii=False, indent=1), encoding="utf-8")
            except OSError as exc:
                for problem in report.problems:
                    print(problem)
                print(f"error: {args.json}: the report cannot be written ({exc.strerror}); give a writable path")
                print(report.summary_line())
                return 1
    print_report(report, args.root)
    return 0 if report.ok else 1


def cmd_build(args) -> int:
    """Build the site without ever leaving a half-built site in its place.

    Checks every clause, builds both languages with `mkdocs build --strict` into a fresh folder
    beside the target, and swaps it into place only when all of it succeeded. On any failure,
    or when stopped, the previous site stays exactly as it was. Documents no person has approved
    yet (drafts) are left out, unless --drafts: a preview, into site-drafts/ by default, with each
    draft page marked "Utkast, inte granskat" and noindex.
    """
    from policykit.publish.build import build

    return build(args.root, args.site_dir, preview=args.drafts)


def cmd_links(args) -> int:
    """Check every link of the built site: each href and src leads to a file of it, each #anchor to an id.

    Reads the built HTML (default: <root>/site) with an HTML parser, without a server or network,
    so the links rendered from the data files, the English clauses' links to their Swedish
    originals and the language switcher are checked too. A file the browser loads with a page
    (script, image, stylesheet) must not come from another host. Prints one line per problem and
    a summary line. Exit status 0 when every link and anchor resolves; 1 otherwise.
    """
    from policykit.check.links import check_links

    site_url = args.site_url
    if site_url is None:
        site_url = _site_url(args.root / "mkdocs.yml")
    report = check_links(args.site_dir or args.root / "site", site_url)
    for problem in report.problems:
        print(problem)
    print(report.summary_line())
    return 0 if report.ok else 1


def _site_url(config: Path) -> str | None:
    """site_url of mkdocs.yml, or None when there is no readable mkdocs.yml or no site_url."""
    import yaml

    try:
        value = yaml.safe_load(config.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    return value.get("site_url") if isinstance(value, dict) else None


def cmd_add(args) -> int:
    """Add a municipality's policy to the site: source, proposed repairs, pages, data rows.

    FILE is the municipality's document: a plain UTF-8 text (OCR'd or clean), a PDF with a text
    layer, a scanned PDF (read by tesseract's Swedish OCR) or a saved web page (its main content).
    A PDF or web page is kept byte for byte beside the extracted text, which becomes the source.
    Page furniture (headers, page numbers, contact and address lines) is set aside as recorded
    layout; what the document says about itself goes to the registry and the page's info box.
    A summary or news item about a policy is refused unless --summary. If any step fails,
    nothing is left changed.
    """
    from policykit.authoring.add import Request, add, read_document
    from policykit.check.todo import todo

    try:
        data, original = read_document(args.text)
        request = Request(text=data, municipality=args.id, name_sv=args.name, name_en=args.name_en,
                          document=args.document, title_en=args.title_en, truncated=args.truncated,
                          propose=not args.no_proposals, display=str(args.text), original=original,
                          summary=args.summary)
        result = add(args.root, request)
    except PolicyError as exc:
        print(exc)
        print("nothing was changed")
        return 1
    print(f"added {args.name}: {result.clauses} clauses in {len(result.sections)} sections "
          f"({', '.join(result.sections)}); every clause is on {result.page}")
    if original is not None:
        print(f"read {args.text} ({original.kind}) with {original.tool}; kept it as {result.original}")
    if result.set_aside:
        print(f"{result.set_aside} lines of page furniture set aside (headers, page numbers, contact and address "
              "lines): listed in the repairs file and on Om texterna")
    meta = result.about
    print("the document says: " + "; ".join(f"{k.replace('_', ' ')} {v or '(not stated)'}" for k, v in (
        ("decided_by", meta.decided_by), ("decided_on", meta.decided_on), ("paragraph", meta.paragraph),
        ("diarienummer", meta.diarienummer), ("document_date", meta.document_date))))
    print("wrote: " + ", ".join(result.written))
    print(f"{len(result.proposals)} word repairs proposed, {len(result.unknown)} unknown words without a proposal")
    print("\nto do before publishing:")
    for item in todo(result.report, args.root):
        print(f"  - {item}")
    from policykit.authoring.refresh import mend_guide

    print()
    print("\n".join(mend_guide(args.document or args.id, f"sources/repairs/{Path(result.source).stem}.yml")))
    return 0


def cmd_approve(args) -> int:
    """Mark draft documents reviewed by a person, so the next build publishes them.

    Refused, with file, line and fix, while anything is left to decide about a document's reading
    (repairs still 'reviewed: false', flagged words, a page that says it is unreviewed) or while
    the clause check fails. Otherwise writes review: {by: "NAME", date: "YYYY-MM-DD"} in place of
    review: draft in sources/sources.yml, comments kept. The name is never published.
    """
    from policykit.authoring.approve import approve

    try:
        result = approve(args.root, args.documents, args.by)
    except PolicyError as exc:
        print(exc)
        print("nothing was changed")
        return 1
    print(f"approved {', '.join(result.documents)}: sources/sources.yml now says review: {result.record} "
          "(the name stays in the repository and is never published); the next build publishes "
          + ("them" if len(result.documents) > 1 else "it"))
    return 0


def cmd_propose(args) -> int:
    """Propose word repairs for an OCR text: tokens the Swedish dictionary does not know.

    Prints YAML entries for its repairs file, each with the dictionary's proposals as a comment.
    A person reviews every line against the printed original.
    """
    from policykit.authoring.proposals import print_proposals

    return print_proposals(args.source, args.ambiguous)


def cmd_scaffold(args) -> int:
    """Write a first Swedish page for each document from the clause model.

    Only documents whose page does not exist yet, unless --force (which loses hand edits).
    """
    from policykit.authoring.scaffold import write_pages

    return write_pages(args.root, args.force)


def cmd_refresh(args) -> int:
    """Rewrite a document's Swedish page and English twin from its current reading.

    After a mend (the title or a heading in sources/sources.yml; a line set aside or kept, a wrap,
    a paragraph start or a word in its repairs file), the clauses of both pages are written again
    as the add command writes them. The info box, every other box and every translation stay: a
    translation whose Swedish words changed, or whose clause is gone, is kept in a "Translation to
    check" box in the twin. Citations of renumbered clauses follow them. Then the checker runs; if
    it fails, nothing is left changed. A second run changes nothing.
    """
    from policykit.authoring.refresh import refresh

    try:
        result = refresh(args.root, args.document)
    except PolicyError as exc:
        print(exc)
        print("nothing was changed")
        return 1
    for note in result.notes:
        print(f"note: {note}")
    print("wrote: " + (", ".join(result.written) or "nothing (the pages already follow the reading)"))
    from policykit.check.todo import todo

    for item in todo(result.report, args.root):
        print(f"todo: {item}")
    print(result.report.summary_line())
    return 0


def cmd_propose_comparison(args) -> int:
    """Propose a municipality's comparison cells and responsibilities from its clauses.

    For every topic of docs/data/topics.yml: the municipality's clauses that address it, best first,
    each with its score and the words that matched, and a proposed status (addressed, not-addressed,
    or not-in-available-text for a document marked truncated). Then the bodies its clauses name and
    the role each clause's own words license. The topics are described by the clauses the other
    municipalities' cells cite (src/policykit/compare/). Nothing is written to the project: a person
    reviews the proposals. --json FILE writes them in the format of docs/ny-kommun.md.
    """
    from policykit.compare.propose import propose
    from policykit.project import load

    try:
        project = load(args.root)
        result = propose(project, args.municipality)
    except PolicyError as exc:
        print(exc)
        return 1
    if args.json:
        try:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            tmp = args.json.with_name(args.json.name + ".tmp")
            tmp.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            tmp.replace(args.json)
        except OSError as exc:
            print(f"error: {args.json}: the proposals cannot be written ({exc.strerror}); give a writable path")
            return 1
    clauses = project.model.by_id
    for row in result["topics"]:
        print(f"{row['topic']}: {row['status']}")
        for c in row["clauses"][:3]:
            print(f"  {c['clause']} ({c['score']:.2f}; {', '.join(c['words'][:6])}) {clauses[c['clause']].text[:90]!r}")
    print("responsibilities:")
    for r in result["responsibilities"]:
        print(f"  {r['body']}: {r['kind']} ({r['clause']}: {r['basis']!r})")
    if args.json:
        print(f"wrote {args.json}")
    return 0


def cmd_review(args) -> int:
    """Review draft documents in the browser, beside their originals, and approve them.

    Starts a local web app on http://127.0.0.1:PORT/ (this computer only) and opens it. For each
    draft: the original's pages beside what was read, line by line with its role; one click makes
    a line a heading, a paragraph or sets it aside, a flagged word is decided with one click, and
    "Godkänn" approves the document. Each change is written where the command line writes it
    (sources/sources.yml, the repairs file), the pages are refreshed and the checker runs; a change
    that would fail the check is refused and nothing is changed.
    """
    from policykit.review import serve

    serve(args.root, args.port, not args.no_browser)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m policykit", description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name, func):
        doc = func.__doc__
        p = sub.add_parser(name, help=doc.split("\n")[0], description=doc,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        p.add_argument("--root", type=Path, default=ROOT, help="project folder (default: the current folder)")
        p.set_defaults(func=func)
        return p

    p = command("check", cmd_check)
    p.add_argument("--json", type=Path, metavar="FILE", help="also write the full report as JSON")
    p = command("build", cmd_build)
    p.add_argument("--site-dir", type=Path, default=None,
                   help="target folder (default: <root>/site, with --drafts <root>/site-drafts)")
    p.add_argument("--drafts", action="store_true",
                   help="a preview: show the documents not yet approved, each page marked as a draft")
    p = command("links", cmd_links)
    p.add_argument("site_dir", type=Path, nargs="?", metavar="SITE_DIR", help="the built site (default: <root>/site)")
    p.add_argument("--site-url", help="the site's address, for absolute and root-absolute links "
                                      "(default: site_url of <root>/mkdocs.yml)")
    p = command("add", cmd_add)
    p.add_argument("text", type=Path, metavar="FILE",
                   help="the policy: a UTF-8 text, a PDF (with text or scanned) or a saved web page (HTML)")
    p.add_argument("--id", required=True, help="the municipality's id in links and data, e.g. norrvik")
    p.add_argument("--name", required=True, help='its Swedish name, e.g. "Norrviks kommun"')
    p.add_argument("--name-en", required=True, help='its English name, e.g. "Norrvik Municipality"')
    p.add_argument("--title-en", help="the document's title in English (default: the Swedish title)")
    p.add_argument("--document", help="the document's id (default: the municipality's id)")
    p.add_argument("--truncated", action="store_true", help="the text ends before the document does")
    p.add_argument("--summary", action="store_true",
                   help="the text is a summary or news item about a policy: add it, labelled as such")
    p.add_argument("--no-proposals", action="store_true",
                   help="skip the dictionary's word repairs (faster; for tests and benchmarks)")
    p = command("approve", cmd_approve)
    p.add_argument("documents", nargs="+", metavar="DOC", help="the document id(s), as in sources/sources.yml")
    p.add_argument("--by", required=True, help='the name of the person who reviewed it, e.g. "Förnamn Efternamn"')
    p = command("propose", cmd_propose)
    p.add_argument("source", type=Path, help="an OCR text file")
    p.add_argument("--ambiguous", action="store_true",
                   help="also list known words that an OCR confusion could have made from another word")
    p = command("scaffold", cmd_scaffold)
    p.add_argument("--force", action="store_true", help="overwrite existing pages")
    p = command("refresh", cmd_refresh)
    p.add_argument("document", metavar="DOC", help="the document's id in sources/sources.yml, e.g. norrvik")
    p = command("propose-comparison", cmd_propose_comparison)
    p.add_argument("municipality", metavar="MUNICIPALITY", help="the municipality's id in sources/sources.yml")
    p.add_argument("--json", type=Path, metavar="FILE", help="also write the proposals as JSON")
    p = command("review", cmd_review)
    p.add_argument("--port", type=int, default=8765, help="port on 127.0.0.1 (default 8765; 0: any free port)")
    p.add_argument("--no-browser", action="store_true", help="do not open the browser")
    # The benchmarks keep their own options: everything after the command is theirs.
    for name, module in (("bench", "benchmark"), ("bench-scale", "scale"), ("bench-repair", "repair"),
                         ("bench-compare", "compare")):
        b = sub.add_parser(name, help=f"see python -m policykit {name} --help", add_help=False)
        b.set_defaults(bench=module)
    args, rest = parser.parse_known_args(argv)
    if getattr(args, "bench", None):
        import importlib

        return importlib.import_module(f"policykit.bench.{args.bench}").main(rest)
    if rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    args.root = args.root.resolve()
    return args.func(args)
