"""Intake: a municipality's real document (PDF, scanned PDF, web page, text) as plain text.

The add command takes plain UTF-8 text. This package makes that text from what a
municipality publishes, and says what it set aside and why::

    from policykit.intake import extract, furniture, about, is_summary_or_news

    doc = extract("norrvik-policy.pdf")     # Extracted(text="...\\f...", tool="pdftotext 22.12.0 -bbox-layout",
                                            #           pages=2, kind="pdf-text", notes=[], reading=Reading(...))
    kept, set_aside = furniture(doc.text)   # [KeptLine(no=7, text="1 Syfte"), ...],
                                            # [SetAside(line=1, text="Norrviks kommun", reason="running"), ...]
    meta = about(doc.text)                  # Metadata(title=..., decided_by="kommunfullmäktige",
                                            #          decided_on="2015-03-23", paragraph="41", ...)
    if is_summary_or_news(doc.text): ...    # a news item about the policy, not the policy

Modules: `extract` (dispatch on magic bytes, plain text), `pdf` (pdftotext, tesseract),
`pdfwords` and `pdflayout` (a text PDF read by its layout: lines, paragraphs, and a `reading.Reading`
with its title, headings, list items and furniture), `ocr` (tesseract's TSV: words, boxes,
skew, sizes) and `scan_layout` (a scan's paragraphs, title, headings, list items and running
lines: its `Reading`),
`html` (the page's main content and its Reading), `chrome` (a web page's cookie banners,
share bars, breadcrumbs, bylines and contact boxes, by markup), `furniture` (headers,
footers, page numbers, contact and address blocks, web chrome, bylines, dates, lone bullets),
`persons` (a name beside a cue, wherever else it stands), `about` (what the document says
about itself, news signs), `bench` (a scanned PDF made here, and the time to read it back).
"""

from policykit.intake.about import Metadata, about, is_summary_or_news, news_signs, summary_reason
from policykit.intake.extract import MAX_PAGES, Extracted, extract
from policykit.intake.furniture import KeptLine, SetAside, furniture, kept_text

__all__ = ["MAX_PAGES", "Extracted", "KeptLine", "Metadata", "SetAside", "about", "extract",
           "furniture", "is_summary_or_news", "kept_text", "news_signs", "summary_reason"]
