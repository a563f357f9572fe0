"""Which kind of document a file is, decided by its first bytes, and its text.

    %PDF-1.7 ...                         → pdf.read_pdf   (text layer, or OCR of pages without one)
    <!DOCTYPE html> / <html / <body ...  → html.read_html (the page's main content)
    any other UTF-8 text                 → as it is (a BOM dropped, CRLF → LF)
    PK\\x03\\x04 (Word, ODF), other binary → PolicyError naming the file and what to do

The result is an `Extracted`: the text with pages separated by form feeds (``\\f``), the
tool that read it with its version (``pdftotext 22.12.0 -bbox-layout``, ``pdftotext 22.12.0 + tesseract
5.3.0 (swe, 300 dpi)``, ``tinyhtml5 2.1.0``, ``utf-8``), the page count and the kind
(``text``, ``html``, ``pdf-text``, ``pdf-scan``, ``pdf-mixed``). The file name's extension
plays no part: a PDF saved as ``policy.txt`` is read as a PDF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from policykit.errors import PolicyError, Problem
from policykit.intake.reading import Reading

MAX_PAGES = 200  # longer PDFs are refused: a policy is rarely over 50 pages, OCR takes ~2 s a page
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)


@dataclass
class Extracted:
    text: str                # pages separated by "\f"
    tool: str                # what read it, with version
    pages: int
    kind: str                # text, html, pdf-text, pdf-scan, pdf-mixed
    notes: list[str] = field(default_factory=list)  # what a reviewer should know (pages OCR'd, restrictions)
    reading: "Reading | None" = None  # what the layout shows: title, headings, list items, furniture (reading.py)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or PolicyError naming the file and the fix."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise PolicyError(Problem(str(path), f"cannot be read ({exc.strerror or exc})",
                                  "give the path of the municipality's policy: a text, PDF or web page file"))


def extract(path: str | Path, data: bytes | None = None) -> Extracted:
    """Read a document of any supported kind (`data`: its bytes, when read already); PolicyError
    with a fix for anything else."""
    path = Path(path)
    data = read_bytes(path) if data is None else data
    kind = sniff(data)
    if kind == "pdf":
        from policykit.intake.pdf import read_pdf
        return read_pdf(path)
    if kind == "html":
        from policykit.intake.html import read_html
        return read_html(path, data)
    if kind == "text":
        return read_text(path, data)
    raise PolicyError(Problem(str(path), f"is {kind}, not a PDF, a web page or UTF-8 text",
                              "save the document as PDF (or its text as UTF-8) and give that file"))


def sniff(data: bytes) -> str:
    """'pdf', 'html', 'text', or a description of what the bytes are instead."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "a ZIP container (a Word or OpenDocument file)"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old Word or Excel file"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16 text"
    body = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    if _HTML_START.match(body):
        return "html"
    if not data.strip():
        return "empty"
    if b"\x00" in data:
        return "binary data"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"not UTF-8 (byte {exc.start})"
    return "text"


def read_text(path: Path, data: bytes) -> Extracted:
    text = data.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return Extracted(text=text, tool="utf-8", pages=text.count("\f") + 1, kind="text")
