"""Reports over partnerships and editions: gaps, comparisons, changes and the RACI matrix."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from pydantic import StringConstraints

from lscp import queries
from lscp.queries import Comparison, EditionDiff, GapsReport, RaciMatrix
from lscp.queries.compliance import PACK_IDS, ComplianceReport
from lscp.queries.compliance import check as compliance_check

from ..deps import MAX_LENGTH, Area, Edition, GraphDep
from ..errors import ERROR_RESPONSES

router = APIRouter(prefix="/api", tags=["reports"], responses=ERROR_RESPONSES)

Before = Annotated[str, Query(description="The earlier edition.", examples=["hips-2019"], max_length=MAX_LENGTH)]
After = Annotated[str, Query(description="The later edition.", examples=["hips-2022"], max_length=MAX_LENGTH)]


@router.get("/gaps", operation_id="gaps", response_model=GapsReport)
def gaps(
    graph: GraphDep,
    area: Area = None,
    rules: Annotated[str | None, Query(description="Rule pack: wt2018, wt2023 or cwsa2026 (default: by the edition's date).",
                                       examples=["wt2018"], max_length=MAX_LENGTH,
                                       json_schema_extra={"enum": list(PACK_IDS)})] = None,
    edition: Edition = None,
) -> GapsReport:
    """What is missing: structural gaps, statutory rules not met, facts not stated, key-person risk."""
    return queries.gaps(graph, area=area, rules=rules, edition=edition)


Pack = Literal["wt2018", "wt2023", "cwsa2026"]
# format: date tells clients (and schemathesis) what the pattern alone cannot: a day that exists.
Date = Annotated[str | None, Query(max_length=10, pattern=r"^\d{4}-\d{2}-\d{2}$", examples=["2025-06-01"],
                                   json_schema_extra={"format": "date"})]


@router.get("/check/{partnership_id}", operation_id="check", response_model=ComplianceReport)
def check(
    graph: GraphDep,
    partnership_id: Annotated[str, Path(description="A partnership (its latest edition) or an edition.",
                                        examples=["southampton.sscp"], max_length=MAX_LENGTH)],
    rules: Annotated[Pack | None, Query(description="Rule pack (default: the pack in force on the edition's date).")] = None,
    as_at: Date = None,
    commencement: Annotated[str | None, Query(max_length=10, pattern=r"^\d{4}-\d{2}-\d{2}$", json_schema_extra={"format": "date"},
                                              description="Commencement date of the CWSA 2026 duties (else not in force).")] = None,
) -> ComplianceReport:
    """Each requirement of a rule pack: met, not met, not evidenced in the held sources or not applicable, with evidence."""
    return compliance_check(graph, partnership_id, rules=rules, as_at=as_at, commencement=commencement)


@router.get("/compare", operation_id="compare", response_model=Comparison)
def compare(
    graph: GraphDep,
    p: Annotated[list[Annotated[str, StringConstraints(max_length=MAX_LENGTH)]],
                 Query(description="Two or three partnerships (or areas); repeat the parameter.",
                       examples=[["southampton.sscp", "portsmouth.pscp"]],
                       json_schema_extra={"minItems": 2, "maxItems": 3, "uniqueItems": True})],
) -> Comparison:
    """Partnerships side by side, each in its latest edition (ids, names or abbreviations)."""
    from lscp.queries.lookup import resolve

    return queries.compare(graph, *[resolve(graph, one, ("partnership", "area")) for one in p])


@router.get("/diff", operation_id="diff", response_model=EditionDiff)
def diff(graph: GraphDep, before: Before, after: After) -> EditionDiff:
    """What changed between two editions: added, removed, renamed and replaced."""
    return queries.diff(graph, before, after)


@router.get("/raci", operation_id="raci", response_model=RaciMatrix)
def raci(
    graph: GraphDep,
    area: Annotated[str, Query(description="The area.", examples=["southampton"], max_length=MAX_LENGTH)],
) -> RaciMatrix:
    """Functions against who is responsible (R) and who is accountable (A) in an area."""
    return queries.raci(graph, area)
