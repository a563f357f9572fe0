"""policykit: Swedish municipal policy documents as a checked, bilingual documentation site.

The folders follow the data, one direction only::

    sources/    registry (municipalities, documents, files), the source loader and its decoder,
                layout and word repairs                        sources/*.txt, sources/repairs/*.yml
    clauses/    restored documents cut into clauses, one id grammar per unit (ids.py)
    pages/      the one marker grammar (markers.py), page parsing, citations, site URLs
    check/      the checker (clauses both ways, translations, markers, data, claims, terms, links)
    render/     markers and data into Markdown/HTML; JSON and CSV data
    publish/    the MkDocs plugin, the build command, PDFs, i18n fixes, page weight
    project.py  `load(root) -> Project`: the one place that reads the repository
    labels.yml  every interface label, Swedish and English
    cli.py      `python -m policykit check|build|links|add|propose|scaffold|bench|...`

Apart from the product: `authoring/` (add a municipality, scaffold pages, propose repairs:
the only code that writes to sources/ and docs/, always under a rollback) and `bench/`.
"""
