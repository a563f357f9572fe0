"""What the site offers under kallor/: each source text, and the original it was extracted from.

    kallor/000_x.txt   the registered text byte for byte, except each line the layout records as
                       personal (Layout.personal: letterhead, contact, address, signature),
                       whose text is replaced by WITHHELD, so every line number still holds
    kallor/005_x.pdf   the municipality's PDF original byte for byte, only when its text has no such
                       line; otherwise it is not published, since it would republish a person's
                       contact details, and the page says so
    kallor/005_x.html  never: a web page's original is offered only as its extracted text (above)

`Download.unpublished` is the one rule of what kallor/ serves: a web page's original never (served
from the site, its scripts would run on the site's own address and its trackers be fetched; it also
carries the page around the text), no file whose name a host would serve as anything a browser runs
(only PASSIVE endings: .txt, .pdf; never .html, .svg, .xml, .xhtml, .js ...), and an original only when
its text has no line that may name a person. `active_files(files)` is the same rule read back from a
built site's files: the build (publish/csp.py) and the link check fail on any file under kallor/
with another ending.

The sources in sources/ stay byte for byte as delivered (their sha256 in the registry); only what
the site publishes is withheld. `check_downloads(project)` finds a page that calls a download
unchanged (on the line of its link, without "utom"/"except") while lines of it are withheld, or
that links a file that is not published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from policykit.errors import Problem, at

WITHHELD = "[kontaktuppgifter borttagna / contact details removed]"
UNCHANGED = re.compile(r"oförändrad|oförändrat|unchanged", re.I)
_EXCEPT = re.compile(r"\b(?:utom|except)\b", re.I)
# What a static host serves a published file as, by its name's ending: types a browser shows or saves
# and never runs. Every other ending (.html, .htm, .xhtml, .svg, .xml, .js, .mjs, .css, none ...) is not
# published from sources/, whatever the file holds.
PASSIVE = {".txt": "text/plain", ".pdf": "application/pdf"}
KALLOR = "kallor"
# A label holds no bracket: a page line of a million "[" costs one pass, not a million.
_DOWNLOAD_LINK = re.compile(r"\[([^\[\]]{0,1000})\]\((?:\.\./)*kallor/([^)#\s]{1,200})\)")


@dataclass
class Download:
    name: str                       # the file's name under kallor/
    source: Path | None             # the file in sources/ (None: asked only whether it is published)
    personal: list[tuple[int, str]]  # (line, text) withheld: of the text itself, or of an original's text
    kind: str | None = None         # an original's kind (pdf-text, pdf-scan, pdf-mixed, html); None: the text

    @property
    def original(self) -> bool:
        """The municipality's PDF or web page, not the registered text."""
        return self.kind is not None

    @property
    def withheld(self) -> list[int]:
        return sorted({line for line, _ in self.personal})

    @property
    def unpublished(self) -> str | None:
        """Why the site does not offer this file: "web-page", "active-type" or "personal" (said on
        Om texterna by the labels repairs.original_<why>, in the info box by scaffold.intro_web-page
        and intro_original_withheld); None when it does. The one rule of what kallor/ serves."""
        if self.kind == "html":
            return "web-page"
        if not passive(self.name):
            return "active-type"
        if self.original and self.personal:
            return "personal"
        return None

    @property
    def published(self) -> bool:
        return self.unpublished is None

    def data(self) -> bytes:
        """What kallor/ offers (read only when it is written, never by the check)."""
        raw = self.source.read_bytes()
        return raw if self.original else text_download(raw, self.personal)


def passive(name: str) -> bool:
    """A host serves a file of this name as a type a browser never runs (PASSIVE)."""
    return Path(name).suffix.lower() in PASSIVE


def active_files(files) -> list[str]:
    """The paths (site-relative, with '/') under kallor/ that a host would serve as anything but a
    PASSIVE type: a build or a planted file that breaks the rule above."""
    return sorted(f for f in files if f.startswith(KALLOR + "/") and not passive(f))


def text_download(raw: bytes, withheld: list[tuple[int, str]]) -> bytes:
    """raw (UTF-8 text) with each withheld (line, text) replaced by WITHHELD: the recorded text
    where the line holds it (running text OCR put beside a letterhead stays), else the whole line;
    line ends are kept."""
    if not withheld:
        return raw
    lines = raw.decode("utf-8").split("\n")  # numbered as the registry numbers them: a form feed is no line end
    for no, text in withheld:
        if not 1 <= no <= len(lines):
            continue
        line = lines[no - 1]
        body = line.rstrip("\r")
        text = text.replace("\f", "").strip()
        if not body.strip("\f \t"):
            continue
        kept = "\f" if body.startswith("\f") else ""  # the page break stays where it was
        new = body.replace(text, WITHHELD, 1) if text and text in body else kept + WITHHELD
        lines[no - 1] = new + line[len(body):]
    return "\n".join(lines).encode("utf-8")


def downloads(model) -> list[Download]:
    """Every file kallor/ offers or withholds, for the model's source files."""
    out = []
    for src in model.files:
        personal = model.layouts[src.name].personal()
        out.append(Download(src.name, src.path, personal))
        if src.original is not None:
            out.append(Download(src.original.name, src.original.path, personal, kind=src.original.kind))
    return out


def check_downloads(project) -> list:
    """A Problem for each link of a page (docs/**/*.md) to kallor/ that the download contradicts."""
    by_name = {d.name: d for d in downloads(project.model)}
    return [Problem(at(f"docs/{rel}", no), what, fix)
            for rel in project.page_paths() for no, what, fix in claim_problems(project.page(rel), by_name)]


def claim_problems(text: str, by_name: dict[str, Download]) -> list[tuple[int, str, str]]:
    """(line, problem, fix) for each link of a page's Markdown to kallor/ that the download
    contradicts: called unchanged while lines of it are withheld, or to an unpublished original."""
    problems = []
    for no, line in enumerate(text.splitlines(), 1):
        if "kallor/" not in line:
            continue
        for _label, name in _DOWNLOAD_LINK.findall(line):
            d = by_name.get(name)
            if d is None:
                continue
            if not d.published:
                why = {"web-page": "a web page's original is never published (it would run as a page of the site)",
                       "active-type": "a file of that type is never published (a browser could run it)",
                       "personal": f"its text has contact details (lines {_lines(d.withheld)})"}[d.unpublished]
                problems.append((no, f"links kallor/{name}, which is not published: {why}",
                                 "say that it is kept in the project's sources and not published here"
                                 + ("; link its extracted text instead" if d.original else "")))
            elif d.withheld and UNCHANGED.search(line) and not _EXCEPT.search(line):
                problems.append((no, f"calls kallor/{name} unchanged, but lines {_lines(d.withheld)} "
                                 "are withheld from it (letterhead and contact details)",
                                 "say that it is unchanged except the lines with contact details, which are removed"))
    return problems


def _lines(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers))


def write(folder: Path, items: list[Download]) -> list[tuple[str, Path]]:
    """Write the published downloads into folder; (name under kallor/, path) of each."""
    out = []
    for d in (d for d in items if d.published):
        path = folder / d.name
        path.write_bytes(d.data())
        out.append((d.name, path))
    return out
