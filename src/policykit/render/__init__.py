"""Renderers: data files and the clause model as Markdown, one module per page kind.

Each module has ``render(ctx, arg) -> str`` returning Markdown that MkDocs then renders and
validates (links and anchors included). `Context` carries what every renderer needs.
"""
