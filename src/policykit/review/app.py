"""The review app's routes and its safety rules (``python -m policykit review``; see __init__.py).

    GET  /                            the draft documents, the checker's verdict
    GET  /doc/{id}                    the original beside the reading, line by line, with its role
    GET  /doc/{id}/page/{n}.png       page n of the original PDF (poppler's pdftoppm)
    POST /doc/{id}/role               token, line, role ("heading", "paragraph", "aside:letterhead", ...)
    POST /doc/{id}/word               token, ocr, fix       a flagged word decided (fix == ocr: kept)
    POST /doc/{id}/approve            token, by             "Godkänn": reviewed, approved
    GET/POST /compare/{municipality}  the comparison step after approval (compare.py)

Safety, for a tool that writes to the repository from a browser:

- it listens on 127.0.0.1 only (cli.py), and answers 403 to a request whose Host is not
  127.0.0.1:PORT or localhost:PORT (DNS rebinding) or whose Origin, when sent, is not its own
  (a cross-site form post);
- every POST carries the token made when the app starts (a hidden field of each form), compared in
  constant time: another site cannot read it, so it cannot forge a change (403 without it);
- every input is validated (a draft document of the registry, a line of it with text, a known role
  or reason, a flagged word, a word typed as letters) and no input is ever a path: files are found
  through the project model only (404 for anything else);
- a change is written where the command line writes it (mends.py), then `authoring.refresh`
  rewrites the pages and runs the checker; if anything fails the project is put back byte for byte
  (guard.py) and the page shows the checker's message (409). One change at a time (a lock).
- pages carry a strict Content-Security-Policy (no inline script or style), and are never framed.
"""

from __future__ import annotations

import hmac
import re
import secrets
import tempfile
import threading
from pathlib import Path
from types import SimpleNamespace

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from policykit.errors import PolicyError, Problem
from policykit.review import compare, compare_views, mends, views
from policykit.review.guard import WRITTEN, unchanged_on_failure
from policykit.review.originals import Originals
from policykit.sources.registry import ID

HERE = Path(__file__).parent
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
    # same-origin, not no-referrer: with no-referrer chromium sends "Origin: null" on the app's own posts.
    "X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


class Refused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


class SameHostOnly:
    """ASGI middleware: 403 for a foreign Host or Origin; the security headers on every response."""

    def __init__(self, app, port: int):
        self.app = app
        self.hosts = {f"127.0.0.1:{port}".encode(), f"localhost:{port}".encode()}
        self.origins = {b"http://" + h for h in self.hosts}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope["headers"])
        origin = headers.get(b"origin")
        if headers.get(b"host") not in self.hosts or (origin is not None and origin not in self.origins):
            response = PlainTextResponse("403: this review app answers only its own address "
                                         "(http://127.0.0.1:PORT/ opened on this computer)", 403, HEADERS)
            return await response(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + [
                    (k.lower().encode(), v.encode()) for k, v in HEADERS.items()]
            await send(message)

        return await self.app(scope, receive, with_headers)


def create_app(root: Path, port: int, token: str | None = None) -> Starlette:
    """The app for the project at `root`, served on 127.0.0.1:`port`."""
    root = Path(root).resolve()
    token = token or secrets.token_urlsafe(32)
    templates = Jinja2Templates(directory=HERE / "templates")
    originals = Originals(Path(tempfile.mkdtemp(prefix="policykit-review-")))
    lock = threading.Lock()
    from policykit.check.checker import check as run_check

    last: dict = {}

    def check(root: Path):
        """The checker's report, run again only when a file it reads has changed (size or time): a page
        with many original pages asks for each image, and the check takes about a second."""
        key = tuple((p.as_posix(), st.st_mtime_ns, st.st_size) for name in WRITTEN for p in sorted(
            [root / name] if (root / name).is_file() else (root / name).rglob("*")) if (st := p.stat()))
        if last.get("key") != key:
            last.update(key=key, report=run_check(root))
        return last["report"]

    def draft_of(report, doc_id: str):
        if report.model is None or not ID.fullmatch(doc_id or ""):
            raise Refused(404, f"no draft document {doc_id!r}")
        doc = report.model.documents.get(doc_id)
        if doc is None or not doc.draft:
            raise Refused(404, f"no draft document {doc_id!r}: choose one on the start page")
        return doc

    def page(request: Request, name: str, status: int = 200, **context) -> Response:
        return templates.TemplateResponse(request, name, {"token": token, **context}, status_code=status)

    def render_document(request: Request, doc_id: str, refused=None, status=200) -> Response:
        report = check(root)
        doc = draft_of(report, doc_id)
        src = views.source_of(report, doc.id)
        return page(request, "document.html", status, report=report, refused=refused, pages=originals.count(src),
                    **views.document(report, root, doc.id))

    async def index(request: Request) -> Response:
        report = await run_in_threadpool(check, root)
        drafts = views.drafts(report) if report.model is not None else []
        return page(request, "index.html", report=report, drafts=drafts,
                    approved=request.query_params.get("approved", ""), comparable=compare_views.comparable(report))

    async def document(request: Request) -> Response:
        try:
            return await run_in_threadpool(render_document, request, request.path_params["doc"])
        except Refused as exc:
            return PlainTextResponse(str(exc), exc.status)

    async def original_page(request: Request) -> Response:
        def png():
            report = check(root)
            doc = draft_of(report, request.path_params["doc"])
            return originals.png(views.source_of(report, doc.id), request.path_params["n"])
        try:
            data = await run_in_threadpool(png)
        except Refused as exc:
            return PlainTextResponse(str(exc), exc.status)
        return Response(data, media_type="image/png") if data else PlainTextResponse("no such page", 404)

    def token_ok(given) -> bool:
        return isinstance(given, str) and hmac.compare_digest(given.encode(), token.encode())

    def action(kind: str):
        async def endpoint(request: Request) -> Response:
            form = await request.form()
            if not token_ok(form.get("token")):
                return PlainTextResponse("403: the form's token is missing or wrong; reload the page", 403)
            fields = {k: v for k, v in form.items() if isinstance(v, str)}
            doc_id = request.path_params["doc"]
            try:
                target = await run_in_threadpool(apply, kind, doc_id, fields)
            except Refused as exc:
                return PlainTextResponse(str(exc), exc.status)
            except PolicyError as exc:
                return await run_in_threadpool(render_document, request, doc_id, exc.problems, 409)
            return RedirectResponse(target, 303)
        return endpoint

    def apply(kind: str, doc_id: str, fields: dict) -> str:
        from policykit.authoring.approve import approve
        from policykit.authoring.refresh import refresh

        with lock:
            report = run_check(root)   # never the cached one: a change is judged on the files as they are
            doc = draft_of(report, doc_id)
            src = views.source_of(report, doc.id)
            with unchanged_on_failure(root):
                if kind == "role":
                    line = fields.get("line", "")
                    if not re.fullmatch(r"\d{1,7}", line) or not doc.first <= int(line) <= doc.last \
                            or not src.lines[int(line) - 1].replace("\f", "").strip():
                        raise Refused(400, f"line {line!r} is no line with text of {doc.id}")
                    if fields.get("role") not in mends.ROLES:
                        raise Refused(400, f"unknown role {fields.get('role')!r}")
                    mends.set_role(root, doc, src, int(line), fields["role"])
                    refresh(root, doc.id)
                    return f"/doc/{doc.id}#line-{line}"
                if kind == "word":
                    ocr, fix = fields.get("ocr", ""), " ".join(fields.get("fix", "").split())
                    if ocr not in {w["ocr"] for w in mends.flagged(src.repairs)}:
                        raise Refused(400, f"{ocr!r} is no flagged word of {doc.id}")
                    mends.decide_word(src.repairs, ocr, fix)
                    refresh(root, doc.id)
                    return f"/doc/{doc.id}#words"
                if kind == "approve":
                    mends.mark_reviewed(root, doc, src)
                    refresh(root, doc.id, check=False)
                    approve(root, [doc.id], fields.get("by", ""))
                    return f"/?approved={doc.id}"
        raise PolicyError(Problem("review", f"unknown action {kind}", "use the page's buttons"))

    routes = [
        Route("/", index),
        Route("/doc/{doc}", document),
        Route("/doc/{doc}/page/{n:int}.png", original_page),
        Route("/doc/{doc}/role", action("role"), methods=["POST"]),
        Route("/doc/{doc}/word", action("word"), methods=["POST"]),
        Route("/doc/{doc}/approve", action("approve"), methods=["POST"]),
        *compare.routes(SimpleNamespace(root=root, token_ok=token_ok, check=check, run_check=run_check, lock=lock,
                                        render=page, Refused=Refused)),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(routes=routes)
    app.add_middleware(SameHostOnly, port=port)
    app.state.token = token
    return app
