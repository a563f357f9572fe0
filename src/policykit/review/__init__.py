"""Review in the browser: staff who never edit YAML take a draft document to published.

    python -m policykit review [--port 8765] [--no-browser]      (make review)

A local web app on http://127.0.0.1:PORT/ (app.py: routes and safety). For each draft document
(``review: draft`` in sources/sources.yml, added by ``python -m policykit add``) it shows the
original's pages beside what was read from it, line by line with its role (views.py); one click
changes a role or decides a flagged word, written where the command line writes it (mends.py),
then ``authoring.refresh`` rewrites the Swedish page and its English twin and the checker runs:
a change that fails is undone byte for byte (guard.py). "Godkänn" calls ``authoring.approve``.
After approval, "Jämför" (compare.py, compare_views.py) shows the comparison proposals of
``compare.propose`` topic by topic and role by role; what the reviewer accepts is written by
``compare.accept.accept`` and judged by the checker like every claim.
"""

from __future__ import annotations

import socket
import threading
import webbrowser
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(root: Path, port: int = 0, open_browser: bool = True) -> None:
    import uvicorn

    from policykit.review.app import create_app

    port = port or free_port()
    app = create_app(root, port)
    url = f"http://127.0.0.1:{port}/"
    print(f"review: {url} (Ctrl-C stops it; only this computer can reach it)", flush=True)
    if open_browser:
        threading.Timer(1.0, webbrowser.open, (url,)).start()
    # 127.0.0.1 only: never reachable from another machine.
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")
