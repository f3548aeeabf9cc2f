"""The HTML pages. Each handler calls the query functions and renders one template."""
from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from lscp import queries
from lscp.model import UsageError
from lscp.queries.browse import SHOW_LIMIT
from lscp.queries.diff import WORDS as CHANGE_WORDS

from ..deps import EntityId, GraphDep
from .views import (Group, answer_chart, area_offer, by_partnership, changes_chart, compare_chart, edition_choices,
                    partnership_page, resolve, with_lines)

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

Text = Annotated[str, Query(max_length=200)]
MaybeText = Annotated[str | None, Query(max_length=200)]


def _render(request: Request, name: str, **context) -> HTMLResponse:
    return request.app.state.pages.render(request, name, **context)


@router.get("/")
def home(request: Request, graph: GraphDep) -> HTMLResponse:
    """Partnerships by area, and a search box."""
    return _render(request, "home.html", overview=queries.overview(graph), areas=queries.list_entities(graph, "areas"))


@router.get("/search")
def search(request: Request, graph: GraphDep, q: Text = "") -> HTMLResponse:
    """Entities matching the words typed."""
    return _render(request, "search.html", q=q, hits=queries.search(graph, q, limit=50))


@router.get("/entities/{entity_id}")
def entity(request: Request, graph: GraphDep, entity_id: EntityId,
           everything: Annotated[bool, Query(alias="all")] = False) -> HTMLResponse:
    """One entity: relations both ways (the first SHOW_LIMIT of each type unless ?all=1), each
    citation expandable to its lines."""
    return _render(request, "entity.html", d=queries.show(graph, entity_id, limit=None if everything else SHOW_LIMIT))


@router.get("/partnerships/{partnership_id}")
def partnership(request: Request, graph: GraphDep, partnership_id: str, edition: MaybeText = None) -> Response:
    """Chart, partners, bodies, relevant agencies and gaps of one partnership."""
    if graph.entity(partnership_id).kind != "partnership":
        return RedirectResponse(f"/entities/{partnership_id}", status_code=303)
    return _render(request, "partnership.html", page=partnership_page(graph, partnership_id, edition))


@router.get("/partnerships/{partnership_id}/compliance")
def compliance(request: Request, graph: GraphDep, partnership_id: str,
               rules: Literal["", "wt2018", "wt2023", "cwsa2026"] = "",
               as_at: Annotated[str, Query(max_length=10, pattern=r"^(\d{4}-\d{2}-\d{2})?$")] = "",
               commencement: Annotated[str, Query(max_length=10, pattern=r"^(\d{4}-\d{2}-\d{2})?$")] = "") -> HTMLResponse:
    """One partnership against a rule pack: the verdict in words, then each requirement with its
    wording, source and cited evidence; printable."""
    from lscp.queries.compliance import PACK_IDS, check, pack
    from lscp.queries.compliance.engine import VERDICT_WORDS

    report = check(graph, partnership_id, rules=rules or None, as_at=as_at or None, commencement=commencement or None)
    return _render(request, "compliance.html", report=report, packs=[pack(p) for p in PACK_IDS], rules=rules,
                   as_at=as_at, commencement=commencement, verdict_words=VERDICT_WORDS)


@router.get("/ask")
def ask(request: Request, graph: GraphDep,
        question: Literal["accountable", "escalate", "accountabilities", "vacancy"] = "accountable",
        q: Text = "", id: MaybeText = None, when: MaybeText = None) -> Response:
    """Who is accountable for…? Where does this escalate? Plain words first, then chains and sources.
    An area is never an error: the page offers its partnerships and bodies to ask about."""
    target, candidates = (id, []) if id else resolve(graph, q) if q.strip() else (None, [])
    if target and question in ("accountabilities", "vacancy"):
        return RedirectResponse(f"/{question}/{quote(target, safe='')}", status_code=303)
    answer = detail = offer = problem = None
    if target:
        detail = queries.show(graph, target)
        if when and when not in queries.CONDITIONS:  # a bad parameter stays a 422, as everywhere
            raise UsageError(f"unknown condition {when!r}; use one of: {', '.join(queries.CONDITIONS)}")
        if detail.kind == "area":
            offer = area_offer(graph, target)
        else:
            try:
                answer = (queries.accountable(graph, target) if question == "accountable"
                          else queries.escalation(graph, target, condition=when or None))
            except UsageError as exc:  # asked of the wrong kind of thing: said on the page, not as an error
                problem = str(exc)
    elif candidates and any(c.kind == "area" for c in candidates):
        offer = area_offer(graph, next(c.id for c in candidates if c.kind == "area"))
    groups: list[Group] = []
    if answer and detail:  # an answer is only given about a target, shown in `detail`
        home = detail.fields.get("partnership")
        groups = by_partnership(graph, answer.chains if isinstance(answer, queries.AccountabilityAnswer) else answer.routes,
                                home=home if isinstance(home, str) else None)
    return _render(request, "ask.html", question=question, q=detail.name if detail else q, target=target,
                   when=when or "", candidates=candidates, answer=answer, detail=detail, groups=groups,
                   offer=offer, problem=problem, conditions=queries.CONDITIONS,
                   chart=answer_chart(groups, question, target, when) if answer and target else None)


@router.get("/accountabilities/{entity_id}")
def accountabilities(request: Request, graph: GraphDep, entity_id: EntityId) -> HTMLResponse:
    """Everything a post, person or organisation is accountable or responsible for, in plain words."""
    return _render(request, "accountabilities.html", answer=queries.accountabilities(graph, entity_id),
                   kind=graph.entity(entity_id).kind)


@router.get("/vacancy/{entity_id}")
def vacancy(request: Request, graph: GraphDep, entity_id: EntityId) -> HTMLResponse:
    """What breaks if a post (or a person's posts) falls vacant, each consequence cited."""
    answer = queries.vacancy(graph, entity_id)
    for found in answer.findings:
        found.facts = with_lines(graph, found.facts)
    return _render(request, "vacancy.html", answer=answer)


@router.get("/compare")
def compare(request: Request, graph: GraphDep, p: Annotated[list[str], Query(max_length=3)] = []) -> HTMLResponse:  # noqa: B006
    """Two or three partnerships side by side."""
    from lscp.queries.lookup import resolve as resolve_id  # names as the API and the CLI read them

    chosen = [resolve_id(graph, x, ("partnership", "area")) for x in p if x]
    result = queries.compare(graph, *chosen) if len(chosen) >= 2 else None
    return _render(request, "compare.html", chosen=chosen, result=result, overview=queries.overview(graph),
                   chart=compare_chart(result.partnerships) if result else None)


@router.get("/changes")
def changes(request: Request, graph: GraphDep, before: MaybeText = None, after: MaybeText = None) -> HTMLResponse:
    """What changed between two editions."""
    from lscp.queries.lookup import resolve as resolve_id  # names as the API and the CLI read them

    before, after = (resolve_id(graph, x, ("edition",)) if x else x for x in (before, after))
    result = queries.diff(graph, before, after) if before and after else None
    editions = queries.list_entities(graph, "editions")
    return _render(request, "changes.html", before=before or "", after=after or "", result=result,
                   editions=edition_choices(graph, editions), change_words=CHANGE_WORDS,
                   chart=changes_chart(editions, before, after) if result else None)
