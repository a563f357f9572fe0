"""The comparison step of the review app: a municipality's proposed cells and roles, accepted, changed or rejected.

    GET  /compare/{municipality}         each topic with its proposed clauses (matched words marked),
                                         status and summary fields; each proposed role (compare_views.py)
    POST /compare/{municipality}/topic   token, topic, decision=accept|reject|undo, status, clause (repeated),
                                         sv, en                the cell, written by compare.accept.accept
    POST /compare/{municipality}/role    token, clause, body, basis, decision=accept|reject|undo, kind,
                                         area, sv, en, body_en (a body not yet in responsibilities.yml)

The rules of app.py hold here too (its middleware checks Host and Origin; every POST carries the
token). Every input is checked against the project model before anything is written: a municipality
with no draft document, a topic of topics.yml, clauses of that municipality's documents, a kind of
kinds.yml, an area of responsibilities.yml, a (clause, body, basis) the proposer offered; an unknown
one is refused (400). A typed text is one line without markup. `accept()` writes with ruamel.yaml's
round trip and runs the checker (roles licensed, modal verbs kept, ...); a problem it finds undoes
every file (`guard.unchanged_on_failure` around accept's own rollback) and the page shows the
checker's lines (409). "Avvisa" writes nothing: the proposal is set aside while the app runs.
"""

from __future__ import annotations

import re

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from policykit.errors import PolicyError, Problem
from policykit.review import compare_views as views
from policykit.review.guard import unchanged_on_failure
from policykit.sources.registry import ID

# One line of the reviewer's words: no control characters and none of Markdown's or HTML's markup.
TEXT = re.compile(r"[^\x00-\x1f\x7f<>\[\]{}`|\\*_#]{1,600}")
MARKUP = "< > [ ] { } ` | \\ * _ #"


def _text(value: str | None, what: str) -> str:
    text = " ".join((value or "").split())
    if not TEXT.fullmatch(text):
        raise PolicyError(Problem("granskningen", f"{what} saknas eller är inte en rad text",
                                  f"skriv en mening, högst 600 tecken, utan tecknen {MARKUP}"))
    return text


def routes(app) -> list[Route]:
    """The step's routes; `app` gives root, token_ok, check (cached), run_check, lock, render, Refused."""
    Refused, rejected = app.Refused, set()

    def municipality(report, muni_id: str):
        if report.model is None or report.project is None or report.project.data is None \
                or not ID.fullmatch(muni_id or "") or not views.ready(report, muni_id):
            raise Refused(404, f"no municipality {muni_id!r} ready to compare: approve its documents first")
        return muni_id

    def render(request: Request, muni_id: str, refused=None, status=200, kept=None) -> Response:
        report = app.check(app.root)
        municipality(report, muni_id)
        return app.render(request, "compare.html", status, report=report, refused=refused,
                          **views.page(report, muni_id, rejected, kept))

    async def show(request: Request) -> Response:
        try:
            return await run_in_threadpool(render, request, request.path_params["muni"])
        except Refused as exc:
            return PlainTextResponse(str(exc), exc.status)

    def decide(kind: str):
        async def endpoint(request: Request) -> Response:
            form = await request.form()
            if not app.token_ok(form.get("token")):
                return PlainTextResponse("403: the form's token is missing or wrong; reload the page", 403)
            fields = {k: v for k, v in form.items() if isinstance(v, str)}
            clauses = [v for v in form.getlist("clause") if isinstance(v, str)]
            muni_id = request.path_params["muni"]
            try:
                target = await run_in_threadpool(apply, kind, muni_id, fields, clauses)
            except Refused as exc:
                return PlainTextResponse(str(exc), exc.status)
            except PolicyError as exc:
                kept = {**fields, kind: True, "clauses": clauses} if kind == "role" else {**fields, "clauses": clauses}
                return await run_in_threadpool(render, request, muni_id, exc.problems, 409, kept)
            return RedirectResponse(target, 303)
        return endpoint

    def apply(kind: str, muni_id: str, fields: dict, clauses: list[str]) -> str:
        from policykit.compare.accept import accept

        with app.lock:
            report = app.run_check(app.root)   # a change is judged on the files as they are
            municipality(report, muni_id)
            decision = fields.get("decision")
            if decision not in ("accept", "reject", "undo"):
                raise Refused(400, f"unknown decision {decision!r}")
            if kind == "topic":
                cell = _cell(report, muni_id, fields, clauses, decision)
                cells, tasks, key, anchor = [cell], [], ("topic", cell["topic"]), f"amne-{cell['topic']}"
            else:
                task = _task(report, muni_id, fields, decision)
                cells, tasks, key, anchor = [], [task], ("role", task.pop("key")), "ansvar"
            if decision == "reject":
                rejected.add(key)
            elif decision == "undo":
                rejected.discard(key)
            else:
                with unchanged_on_failure(app.root):
                    accept(app.root, muni_id, cells, tasks)
                rejected.discard(key)
            return f"/compare/{muni_id}#{anchor}"

    def _cell(report, muni_id, fields, clauses, decision) -> dict:
        topics, *_ = views.data_of(report)
        topic = fields.get("topic")
        if topic not in {t.id for t in topics}:
            raise Refused(400, f"unknown topic {topic!r}")
        own = views.clause_ids(report, muni_id)
        for c in clauses:
            if c not in own:
                raise Refused(400, f"{c!r} is no clause of {muni_id}'s documents")
        if decision != "accept":
            return {"topic": topic}
        status = fields.get("status")
        if status not in dict(views.STATUSES):
            raise Refused(400, f"unknown status {status!r}")
        if status == "addressed" and not clauses:
            raise PolicyError(Problem("granskningen", f"'{topic}': ett ämne som tas upp behöver minst en klausul",
                                      "kryssa i klausulerna som tar upp ämnet"))
        return {"topic": topic, "status": status, "clauses": list(dict.fromkeys(clauses)),
                "summary": {"sv": _text(fields.get("sv"), "Sammanfattningen på svenska"),
                            "en": _text(fields.get("en"), "Sammanfattningen på engelska")}}

    def _task(report, muni_id, fields, decision) -> dict:
        from policykit.check.datasets import KINDS
        from policykit.compare.responsibilities import body_id, propose_roles

        project = report.project
        clause, body, basis = fields.get("clause"), fields.get("body"), fields.get("basis")
        if clause not in views.clause_ids(report, muni_id):
            raise Refused(400, f"{clause!r} is no clause of {muni_id}'s documents")
        offered = {(r["body"], r["basis"]): r for r in propose_roles(project, [clause])}
        if (body, basis) not in offered:
            raise Refused(400, f"no role of {body!r} ({basis!r}) is proposed for {clause}")
        kind = fields.get("kind")
        if kind not in KINDS:
            raise Refused(400, f"unknown kind {kind!r}")
        bid, known = body_id(project, muni_id, body)
        key = f'{clause}/{bid}/{offered[(body, basis)]["kind"]}'
        if decision != "accept":
            return {"key": key}
        _, _, areas, _, _ = views.data_of(report)
        if fields.get("area") not in {a.id for a in areas}:
            raise Refused(400, f"unknown area {fields.get('area')!r}")
        task = {"key": key, "body": bid, "kind": kind, "area": fields["area"], "clause": clause, "basis": basis,
                "what": {"sv": _text(fields.get("sv"), "Uppgiften på svenska"),
                         "en": _text(fields.get("en"), "Uppgiften på engelska")}}
        if not known:
            task["body_name"] = {"sv": body, "en": _text(fields.get("body_en"), f"Det engelska namnet på {body}")}
        return task

    return [Route("/compare/{muni}", show),
            Route("/compare/{muni}/topic", decide("topic"), methods=["POST"]),
            Route("/compare/{muni}/role", decide("role"), methods=["POST"])]
