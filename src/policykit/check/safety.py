"""What the check refuses before it reads any page: links out of the project, pages not UTF-8.

MkDocs publishes every file of docs/ and of the theme's custom_dir (overrides/), following
symbolic links: a link to /etc/passwd or ~/.ssh would be published. Each problem is one line::

    error: docs/secret.md: a symbolic link to a file outside the project, which the build would publish; ...
    error: docs/latin1.md:3: not valid UTF-8 (byte 81); save the page as UTF-8
"""

from __future__ import annotations

from pathlib import Path

from policykit.errors import Problem, at

DOCS = Path("docs")
PUBLISHED = (DOCS, Path("overrides"))  # MkDocs copies every file of docs_dir and the theme's custom_dir


def links_out(root: Path) -> list[Problem]:
    """Symbolic links the build must not follow: out of the project (/etc/passwd, ~/.ssh ...) or nowhere."""
    problems, base = [], root.resolve()
    for folder in PUBLISHED:
        for path in sorted((root / folder).rglob("*")):
            if not path.is_symlink():
                continue
            shown = path.relative_to(root).as_posix()
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):  # missing target, or a loop
                problems.append(Problem(shown, "a symbolic link to nothing (its target is missing or a loop)",
                                        "remove the link, or put the file itself there"))
                continue
            if not target.is_relative_to(base):
                problems.append(Problem(shown, "a symbolic link to a file outside the project, which the build "
                                        "would publish", "copy the file into the project or remove the link"))
    return problems


def unreadable_pages(root: Path) -> list[Problem]:
    problems = []
    for path in sorted((root / DOCS).rglob("*.md")):
        shown = f"docs/{path.relative_to(root / DOCS).as_posix()}"
        try:
            path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raw = path.read_bytes()
            offset = exc.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)  # counted after the byte order mark
            problems.append(Problem(at(shown, raw.count(b"\n", 0, offset) + 1), f"not valid UTF-8 (byte {offset})",
                                    "save the page as UTF-8"))
        except OSError as exc:  # a folder named *.md, a dangling link
            problems.append(Problem(shown, f"cannot be read ({exc.strerror})", "make it a Markdown file or remove it"))
    return problems
