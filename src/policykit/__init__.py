"""policykit: sources → restored text → clauses → checked pages.

One direction only: nothing here writes to `sources/`. Modules:

- `errors`     the one error shape every tool prints (file, line, problem, fix)
- `datafile`   YAML loading that keeps line numbers for error messages
- `sources`    the source registry (`sources/sources.yml`) and checksum guard
- `layout`     line-level OCR layout repairs (letterhead, footnotes, hyphens, bullets)
- `corrections` word-level OCR repairs (token → fix, with context where ambiguous)
- `segment`    restored documents → clauses with stable ids
- `pagemark`   reading clause markers and commentary out of Markdown pages
- `checker`    both-direction comparison of clauses and pages, and its report
"""
