"""The questions about one entity: who is accountable, where it escalates, what it carries.

`accountable`, `escalate` and `load` are `async def`: over the in-memory graph they take a few
milliseconds of CPU (≤ 7 ms at scale 1) and no I/O, so the event loop answers them directly instead
of handing them to the thread pool and back. `accountabilities` and `vacancy` stay in the thread
pool: at scale 1 some answers take 0.7-1.1 s, which in the event loop would stall every other
request, cached ones included."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from lscp import queries
from lscp.queries import AccountabilitiesAnswer, AccountabilityAnswer, EscalationAnswer, LoadAnswer, VacancyAnswer

from ..deps import MAX_LENGTH, Edition, GraphDep, answer, id_path
from ..errors import ERROR_RESPONSES

router = APIRouter(prefix="/api", tags=["questions"], responses=ERROR_RESPONSES)

When = Annotated[str | None, Query(description="The condition of the escalation.", examples=["split-decision"],
                                   max_length=MAX_LENGTH, json_schema_extra={"enum": list(queries.CONDITIONS)})]
# Each question's example is an entity it answers about (a body cannot fall vacant).
Accountable = Annotated[str, id_path("southampton.silg", "A body, post, function, organisation or partnership")]
Carrier = Annotated[str, id_path("southampton.designated-doctor", "A post, person, organisation or body")]
Start = Annotated[str, id_path("southampton.silg", "A body, post or partnership")]
Post = Annotated[str, id_path("southampton.designated-doctor", "A post or person")]
Person = Annotated[str, id_path("southampton.designated-doctor", "A person, post or organisation")]


@router.get("/accountable/{entity_id}", operation_id="accountable", response_model=AccountabilityAnswer)
async def accountable(graph: GraphDep, entity_id: Accountable, edition: Edition = None) -> AccountabilityAnswer:
    """Who is accountable: every chain up to the lead representatives, each step cited."""
    return await answer(graph, queries.accountable, entity_id, edition=edition)


@router.get("/accountabilities/{entity_id}", operation_id="accountabilities", response_model=AccountabilitiesAnswer)
def accountabilities(graph: GraphDep, entity_id: Carrier, edition: Edition = None) -> AccountabilitiesAnswer:
    """Everything a post, person, organisation or body is accountable or responsible for."""
    return queries.accountabilities(graph, entity_id, edition=edition)


@router.get("/escalate/{entity_id}", operation_id="escalate", response_model=EscalationAnswer)
async def escalate(graph: GraphDep, entity_id: Start, when: When = None, edition: Edition = None) -> EscalationAnswer:
    """Where a matter goes from here when people disagree or it is stuck, step by step."""
    return await answer(graph, queries.escalation, entity_id, condition=when, edition=edition)


@router.get("/vacancy/{entity_id}", operation_id="vacancy", response_model=VacancyAnswer)
def vacancy(graph: GraphDep, entity_id: Post, edition: Edition = None) -> VacancyAnswer:
    """What breaks if this post falls vacant: chairs, quoracy, accountability chains."""
    return queries.vacancy(graph, entity_id, edition=edition)


@router.get("/load/{entity_id}", operation_id="load", response_model=LoadAnswer)
async def load(graph: GraphDep, entity_id: Person) -> LoadAnswer:
    """The seats, chairs and meetings a person, post or organisation carries."""
    return await answer(graph, queries.load, entity_id)
