"""Proposed responsibilities: the bodies a clause names and the role its own words license.

    propose_roles(project, ["norrvik-ansvar-s1", ...]) ->
        [{"body": "Kommunstyrelsen", "kind": "responsible", "clause": "norrvik-ansvar-s1",
          "basis": "Kommunstyrelsen ansvarar för"}, ...]

A body is a word naming a political or administrative body or a person's role in the
organisation (kommunstyrelsen, kultur- och fritidsnämnden, arbetsutskottet, kanslienheten,
kontaktpersonen ...; BODY below) or the Swedish name of a body already in responsibilities.yml.
A role is offered only where the checker would accept it (check/claims.py, check/roles.py and
docs/data/kinds.yml, the same functions): a licensing word of the kind stands in the clause (for
a list item, in the sentence that introduces the list), the body stands next to it (before it, or
after it in a passive "leds av ..."), and the `basis` is the clause's own words from the body to the
licensing word, which hold that word. Kinds whose agent must be named (ska, behöver) need the body
in the clause itself. A clause without a licensing word gets no role at all.

`body_id(project, "norrvik", "Kommunstyrelsen")` gives the id a review writes for a proposed body:
the municipality's existing body of that name, or a new id ("norrvik-kommunstyrelsen").
"""

from __future__ import annotations

import re

from policykit.check.prose import load
from policykit.check.roles import licensed, licensing_text, norm

ENDINGS = r"(?:n|en|et|er|erna|ernas|ar|arna|r|rna|s|ns|ens|ets|es)?"
HEADS = r"(?:fullmäktige|styrelse|nämnd|utskott|enhet|kontaktperson|förvaltning|kontor|chef|direktör|samordnare|beredning)"
# "Kultur- och fritidsnämnden": a coordinated first part belongs to the name.
BODY = re.compile(r"(?<![\w-])(?:[^\W\d_]+- (?:och|eller) )?[^\W\d_]*" + HEADS + ENDINGS + r"(?![\w-])", re.I)
MAX_GAP = 8   # words between body and licensing word; further apart, the pairing is a guess
GENITIVE = re.compile(r"(?<!s)s$", re.I)
PASSIVE = re.compile(r"^\w+(?:as|es|ds)\b|\bav\b", re.I)   # antas, samordnas, utses, leds, "behandlas av"
BREAK = re.compile(r"[,;:()]")   # a clause boundary between body and verb: they do not belong together


def _data(project) -> tuple[dict, list[str]]:
    """The one read of the data files here: kinds.yml's responsibilities and the bodies' Swedish names."""
    kinds = (load(project, "kinds.yml") or {}).get("responsibilities") or {}
    names = [re.match(r"[\w\s-]*", b.name.sv).group(0).strip() for b in (project.data.bodies if project.data else [])]
    return {k: v for k, v in kinds.items() if isinstance(v, dict)}, [n for n in names if n]


def _bodies(text: str, names: list[str]) -> list[tuple[int, int]]:
    spans = [m.span() for m in BODY.finditer(text)]
    for name in names:
        for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text, re.I):
            if not any(s <= m.start() < e for s, e in spans):
                spans.append(m.span())
    return sorted(spans)


def _licensing_spans(words: list[str], text: str) -> list[tuple[int, int]]:
    out = []
    for w in words:
        for m in re.finditer(r"(?<![\w-])" + re.escape(w) + r"\w*", text, re.I):
            out.append(m.span())
    return sorted(out)


def _gap(text: str, a: int, b: int) -> int:
    return len(text[a:b].split())


def roles_of(model, clauses: dict, cid: str, kinds: dict, names: list[str]) -> list[dict]:
    """The (body, kind, basis) proposals of one clause, each one the checker accepts."""
    clause = clauses[cid]
    full = licensing_text(model, clauses, cid)
    own = clause.text
    lead = full[: len(full) - len(norm(own))].strip()   # the list's lead sentence, for a list item
    lead_text = next((c.text for c in model.clauses_of(clause.document) if lead and norm(c.text) == lead), "")
    out, seen = [], set()
    for kind, spec in kinds.items():
        words = [str(w) for w in spec.get("licensed_by") or []]
        named = spec.get("agent") == "named"
        for text in ([own] if named or not lead_text else [own, lead_text]):
            bodies = _bodies(text, names)
            # a body in the genitive (kommunstyrelsens, nämndernas) owns something; it does not act
            # ("under kommunstyrelsens ledning" is the one way it leads)
            agents = [b for b in bodies if not GENITIVE.search(text[b[0]:b[1]]) or kind == "leads"]
            for ls, le in _licensing_spans(words, text):
                passive = PASSIVE.search(text[ls:le + 4])
                between = lambda a, b: not BREAK.search(text[a:b]) and (not named or " att " not in text[a:b])  # noqa: E731
                before = [b for b in agents if b[1] <= ls and _gap(text, b[1], ls) <= MAX_GAP and between(b[1], ls)
                          and not passive]
                # a passive ("samordnas av", "leds av") names its agent after "av"
                after = [b for b in agents if b[0] >= le and passive and re.fullmatch(r"\W*(?:av\s+)?", text[le:b[0]])]
                if before:
                    (bs, be), basis = before[-1], text[before[-1][0]:le]
                elif after:
                    (bs, be), basis = after[0], text[ls:after[0][1]]
                else:
                    continue
                body = text[bs:be]
                # the checker's own tests: the basis occurs in the clause and licenses the kind;
                # a named agent stands in the clause itself
                if norm(basis) not in full or not licensed(words, norm(basis)):
                    continue
                if named and norm(body) not in norm(own):
                    continue
                key = (norm(body), kind)
                if key not in seen:
                    seen.add(key)
                    out.append({"body": body[0].upper() + body[1:], "kind": kind, "clause": cid, "basis": basis})
    return out


def body_id(project, municipality: str, body: str) -> tuple[str, bool]:
    """The id for a proposed body: (id of the municipality's body with that Swedish name, True), or
    (a new id, "<municipality>-<slug>" as Strömsund's are, False), for accept()'s `body_name`."""
    from policykit.text import slug

    for b in project.data.bodies if project.data else []:
        if b.municipality == municipality and norm(b.name.sv) == norm(body):
            return b.id, True
    return f"{municipality}-{slug(body)}", False


def propose_roles(project, clause_ids: list[str]) -> list[dict]:
    kinds, names = _data(project)
    clauses = project.model.by_id
    return [r for cid in clause_ids for r in roles_of(project.model, clauses, cid, kinds, names)]
