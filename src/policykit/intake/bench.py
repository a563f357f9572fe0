"""Test documents made here, and the time it takes to read a scanned PDF back.

    render_pdf(html, "letter.pdf")               HTML → PDF with a text layer (WeasyPrint)
    scanned_pdf("letter.pdf", "scan.pdf")        each page → a grey image (pdftoppm), the images →
                                                 a PDF with no text at all, as a scanner makes
    sample_letter(pages=4)                       a policy letter of that many pages: letterhead,
                                                 page numbers "1 (4)", a footer with address,
                                                 org.nr and e-mail, bullets, a named contact
    bench_scan(pages=4)                          prints and returns the seconds extract() takes
                                                 on sample_letter(pages) scanned
"""

from __future__ import annotations

import subprocess
import tempfile
import time
from html import escape
from pathlib import Path

from policykit.intake.extract import extract

SCAN_DPI = 150  # what the scanner "prints" at; the OCR renders at pdf.DPI again


def render_pdf(html: str, dest: Path, base_url: str | None = None) -> Path:
    import weasyprint  # a second to import: only when a PDF is made
    weasyprint.HTML(string=html, base_url=base_url).write_pdf(dest)
    return dest


def scanned_pdf(pdf: Path, dest: Path, dpi: int = SCAN_DPI) -> Path:
    """The PDF as a scanner would give it back: page images, no text layer."""
    with tempfile.TemporaryDirectory(prefix="intake-scan-") as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), f"{tmp}/p"], check=True,
                       capture_output=True)
        images = sorted(Path(tmp).glob("p*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        html = ("<style>@page { size: A4; margin: 0 } img { width: 210mm; height: 297mm; display: block }</style>"
                + "".join(f'<img src="{p.as_uri()}" alt="">' for p in images))
        return render_pdf(html, dest)


def sample_letter(pages: int = 4) -> str:
    """A policy letter of `pages` A4 pages (each section starts a page)."""
    sections = []
    for n in range(1, pages + 1):
        sections.append(f"""<h2{' style="break-before: page"' if n > 1 else ''}>{n} Område {n}</h2>
<p>Kommunen ska arbeta med internationella frågor inom område {n}. Arbetet följs upp varje år
av kommunstyrelsen, som rapporterar till kommunfullmäktige.</p>
<ul><li>delta i europeiska samarbeten inom område {n},</li><li>ta emot studiebesök från andra länder,</li>
<li>dela erfarenheter med vänorterna i Norden.</li></ul>""")
    return f"""<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Internationell policy</title>
<style>@page {{ size: A4; margin: 30mm 20mm;
  @top-left {{ content: "Norrviks kommun"; font: 10pt "Liberation Sans" }}
  @top-right {{ content: counter(page) " (" counter(pages) ")"; font: 10pt "Liberation Sans" }}
  @bottom-center {{ content: "Postadress: Box 100, 123 45 Norrvik · Org.nr 212000-9999 · kommun@norrvik.se";
                    font: 8pt "Liberation Sans" }} }}
body {{ font: 12pt/1.4 "Liberation Serif" }}</style></head><body>
<p>Kommunstyrelsen<br>Datum 2015-03-25<br>Dnr KS 2015/123</p>
<h1>{escape("Internationell policy för Norrviks kommun")}</h1>
<p>Antagen av kommunfullmäktige 2015-03-23, § 41</p>
{''.join(sections)}
<p>Kontaktperson<br>Anna Lindqvist, internationell strateg<br>Telefon 0612-345 67<br>anna.lindqvist@norrvik.se</p>
</body></html>"""


def bench_scan(pages: int = 4) -> float:
    """Seconds extract() takes on a scanned PDF of `pages` pages (printed, and returned)."""
    with tempfile.TemporaryDirectory(prefix="intake-bench-") as tmp:
        scan = scanned_pdf(render_pdf(sample_letter(pages), Path(tmp) / "letter.pdf"), Path(tmp) / "scan.pdf")
        start = time.perf_counter()
        doc = extract(scan)
        seconds = time.perf_counter() - start
    print(f"intake: {doc.pages}-page scanned PDF read in {seconds:.1f} s "
          f"({seconds / doc.pages:.1f} s a page) by {doc.tool}")
    return seconds
