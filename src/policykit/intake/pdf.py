"""A PDF's text: poppler's text layer, and tesseract's Swedish OCR for pages without one.

    pdfinfo FILE                 → page count, encryption; a damaged file stops here
    pdftotext -bbox-layout FILE  → words with their boxes in reading order; pdflayout.arrange
                                   makes the text (lines, paragraphs, pages) and its Reading
    pdftohtml -xml -zoom 1 FILE  → which lines are set in bold (its words are not used)
    for each page with (almost) no text (two pages at a time):
        pdfimages -list -f N -l N FILE               → the scan's own resolution (200 dpi or more)
        pdftoppm -r DPI -gray -png -f N -l N FILE    → one page image, at that resolution, else 300 dpi
        tesseract IMAGE - -l swe --dpi DPI tsv       → its words with their boxes (intake.ocr, intake.scan_layout:
                                                       lines, paragraphs, title, headings, list items,
                                                       running lines; ``Extracted.reading``)

Each tesseract runs with ``OMP_THREAD_LIMIT=1`` (the machine is shared), two pages at
once. A scan is read at its own resolution: resampling a 200 dpi scan to 300 dpi blurs it, and
tesseract then misreads more (``grundskolan`` as ``KrUnSKDIAD`` in tests/fixtures/documents/scan-skewed).

Refused, each with a fix: a PDF that needs a password to open, one poppler cannot read
(truncated, damaged cross-reference table), one over `MAX_PAGES` pages, and a scanned PDF
when tesseract or its Swedish data is not installed.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

from policykit.errors import PolicyError, Problem
from policykit.intake import ocr, pdflayout, pdfwords, scan_layout
from policykit.intake.extract import MAX_PAGES, Extracted

DPI = 300               # a page image's resolution for OCR, unless the scan's own is 200 dpi or more
MAX_DPI = 600
WORKERS = 2             # pages read at once (each tesseract on one thread)
MIN_CHARS = 20          # a page with fewer non-space characters has no real text layer
PAGE_TIMEOUT = 300      # seconds for one page's rendering or OCR
_DEBS = "Debian's poppler-utils tesseract-ocr tesseract-ocr-swe (make intake-deps installs them)"
_DAMAGE = re.compile(r"Couldn't (?:read xref table|find trailer)|May not be a PDF file", re.I)


def read_pdf(path: Path) -> Extracted:
    where = str(path)
    pages, notes = _info(path)
    if pages > MAX_PAGES:
        raise PolicyError(Problem(where, f"has {pages} pages, more than the {MAX_PAGES} an intake reads",
                                  "split the PDF and give only the policy's own pages (pdfseparate, pdfunite)"))
    out = _run(["pdftotext", "-bbox-layout", "-enc", "UTF-8", str(path), "-"], where)
    if out.returncode != 0 or _DAMAGE.search(out.stderr):
        raise _damaged(where, out.stderr)
    try:
        layout = pdfwords.parse(out.stdout)
    except ET.ParseError as exc:
        raise _damaged(where, f"pdftotext -bbox-layout gave unreadable output: {exc}")
    layout += [pdfwords.Page(0, 0)] * (pages - len(layout))
    blank = [i + 1 for i, p in enumerate(layout) if sum(len(re.sub(r"\s", "", ln.text)) for ln in p.lines) < MIN_CHARS]
    if len(blank) < pages:  # which lines are bold (headings at the body's size); a scan has none
        weights = _run(["pdftohtml", "-xml", "-i", "-stdout", "-q", "-zoom", "1", str(path)], where)
        pdfwords.mark_bold(layout, weights.stdout if weights.returncode == 0 else "")
    tool = f"pdftotext {_version('pdftotext')}"
    if not blank:
        text, reading = pdflayout.arrange(layout)
        return Extracted(text, f"{tool} -bbox-layout", pages, "pdf-text", notes, reading)
    engine = _tesseract(where)
    with tempfile.TemporaryDirectory(prefix="intake-") as tmp, ThreadPoolExecutor(WORKERS) as pool:
        scans = list(pool.map(lambda i: ocr_page(path, i, Path(tmp)), blank))
    read = scan_layout.read(scans)   # (text, Reading) of each scanned page
    dpi = "/".join(str(d) for d in sorted({s.dpi for s in scans}))
    ocr_tool = f"{engine} (swe, {dpi} dpi)"
    if len(blank) == pages:
        texts = [t for t, _ in read]
        return Extracted("\f".join(t.rstrip("\n") + "\n" for t in texts).rstrip("\n") + "\n",
                         f"{tool} + {ocr_tool}", pages, "pdf-scan", notes,
                         scan_layout.combine(texts, {i: r for i, (_, r) in enumerate(read)}))
    # A mixed PDF: the text pages read by their layout, the scanned ones by tesseract's; each Reading
    # numbered in the whole text.
    notes.append("pages read by OCR: " + ", ".join(map(str, blank)))
    text, reading = pdflayout.arrange(layout, {i: t for i, (t, _) in zip(blank, read)})
    scanned = scan_layout.combine(text.split("\f"), {i - 1: r for i, (_, r) in zip(blank, read)})
    for name in ("title", "headings", "items", "aside", "paragraphs"):
        setattr(reading, name, getattr(reading, name) + getattr(scanned, name))
    return Extracted(text, f"{tool} -bbox-layout + {ocr_tool}", pages, "pdf-mixed", notes, reading)


def ocr_page(path: Path, page: int, tmp: Path) -> ocr.Page:
    """One page rendered at the scan's own resolution (`DPI` when lower) and read by tesseract's
    Swedish model into words with their boxes (`intake.ocr`)."""
    where = f"{path} (page {page})"
    dpi = _scan_dpi(path, page, where)
    prefix = tmp / f"p{page}"
    out = _run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", "-f", str(page), "-l", str(page),
                str(path), str(prefix)], where)
    image = prefix.with_suffix(".png")
    if out.returncode != 0 or not image.exists():
        raise _damaged(where, out.stderr)
    ocr.despeckle(image)
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    out = _run(["tesseract", str(image), "-", "-l", "swe", "--dpi", str(dpi), "tsv"], where, env=env)
    image.unlink()
    if out.returncode != 0:
        raise PolicyError(Problem(where, f"tesseract failed: {_last(out.stderr)}",
                                  f"check the installation of {_DEBS}"))
    scan = ocr.parse(out.stdout, page)
    scan.dpi = dpi
    return scan


def _scan_dpi(path: Path, page: int, where: str) -> int:
    """The resolution of the page's largest image when it is 200 dpi or more (at most `MAX_DPI`), else `DPI`."""
    out = _run(["pdfimages", "-list", "-f", str(page), "-l", str(page), str(path)], where)
    best = (0, DPI)
    for row in out.stdout.splitlines()[2:]:
        cols = row.split()
        if len(cols) >= 14 and cols[3].isdigit() and cols[4].isdigit() and cols[12].isdigit():
            best = max(best, (int(cols[3]) * int(cols[4]), int(cols[12])))
    return min(best[1], MAX_DPI) if best[1] >= 200 else DPI


def _info(path: Path) -> tuple[int, list[str]]:
    where = str(path)
    out = _run(["pdfinfo", str(path)], where)
    if "Incorrect password" in out.stderr:
        raise PolicyError(Problem(where, "is an encrypted PDF that needs a password to open",
                                  "ask the municipality for an unprotected copy, or decrypt it with the "
                                  "password (qpdf --decrypt --password=... in.pdf out.pdf)"))
    if out.returncode != 0 or _DAMAGE.search(out.stderr):
        raise _damaged(where, out.stderr)
    m = re.search(r"^Pages:\s+(\d+)", out.stdout, re.M)
    if not m or int(m[1]) == 0:
        raise _damaged(where, "no pages")
    notes = []
    enc = re.search(r"^Encrypted:\s+yes(.*)$", out.stdout, re.M)
    if enc:  # an owner password only restricts copying; poppler reads the text all the same
        notes.append(f"encrypted with an owner password only{enc[1]}; text read anyway")
    return int(m[1]), notes


def _damaged(where: str, stderr: str) -> PolicyError:
    return PolicyError(Problem(where, f"is a damaged PDF that poppler cannot read ({_last(stderr) or 'no detail'})",
                               "download the document again, or ask the municipality for a new copy"))


def _last(stderr: str) -> str:
    lines = [ln.strip() for ln in stderr.splitlines() if ln.strip()]
    return lines[-1] if lines else ""


def _run(cmd: list[str], where: str, env: dict | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", errors="replace",
                              timeout=PAGE_TIMEOUT, env=env)
    except FileNotFoundError:
        raise PolicyError(Problem(where, f"cannot be read: {cmd[0]} is not installed", f"install {_DEBS}"))
    except subprocess.TimeoutExpired:
        raise PolicyError(Problem(where, f"{cmd[0]} took over {PAGE_TIMEOUT} s",
                                  "check the file opens in a PDF reader; give a smaller or simpler PDF"))


@cache
def _version(tool: str) -> str:
    """'22.12.0' from 'pdftotext version 22.12.0', '5.3.0' from 'tesseract 5.3.0'."""
    try:
        out = subprocess.run([tool, "-v" if tool.startswith("pdf") else "--version"],
                             capture_output=True, text=True, timeout=30)
    except FileNotFoundError:
        return ""
    m = re.search(r"(\d+\.\d+(?:\.\d+)?)", out.stdout + out.stderr)
    return m[1] if m else "unknown version"


def _tesseract(where: str) -> str:
    """The OCR tool's description; PolicyError when tesseract or its Swedish data is missing."""
    version = _version("tesseract")
    if not version:
        raise PolicyError(Problem(where, "has no text layer (a scanned PDF) and tesseract is not installed",
                                  f"install {_DEBS}, or give a PDF with text"))
    langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30)
    if "swe" not in (langs.stdout + langs.stderr).split():
        raise PolicyError(Problem(where, "has no text layer (a scanned PDF) and tesseract has no Swedish data",
                                  f"install {_DEBS}, or give a PDF with text"))
    return f"tesseract {version}"
