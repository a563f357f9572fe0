"""Intake: a municipality's real document (PDF, scanned PDF, web page, text) as plain text.

The add command takes plain UTF-8 text. This package makes that text from what a
municipality publishes, and says what it set aside and why::

    from policykit.intake import extract, furniture, about, is_summary_or_news

    doc = extract("norrvik-policy.pdf")     # Extracted(text="...\\f...", tool="pdftotext 22.12.0",
                                            #           pages=2, kind="pdf-text", notes=[])
    kept, set_aside = furniture(doc.text)   # [KeptLine(no=7, text="1 Syfte"), ...],
                                            # [SetAside(line=1, text="Norrviks kommun", reason="running"), ...]
    meta = about(doc.text)                  # Metadata(title=..., decided_by="kommunfullmäktige",
                                            #          decided_on="2015-03-23", paragraph="41", ...)
    if is_summary_or_news(doc.text): ...    # a news item about the policy, not the policy

Modules: `extract` (dispatch on magic bytes, plain text), `pdf` (pdftotext, tesseract),
`ocr` (tesseract's TSV: words, boxes, skew, sizes), `scan_layout` (a scan's paragraphs,
title, headings, list items and running lines: its `Reading`),
`html` (the page's main content), `furniture` (headers, footers, page numbers, contact
and address blocks, lone bullets), `about` (what the document says about itself), `bench`
(a scanned PDF made here, and the time to read it back).
"""

from policykit.intake.about import Metadata, about, is_summary_or_news, summary_reason
from policykit.intake.extract import MAX_PAGES, Extracted, extract
from policykit.intake.furniture import KeptLine, SetAside, furniture, kept_text

__all__ = ["MAX_PAGES", "Extracted", "KeptLine", "Metadata", "SetAside", "about", "extract",
           "furniture", "is_summary_or_news", "kept_text", "summary_reason"]
