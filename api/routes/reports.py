"""Reports over partnerships and editions: gaps, comparisons, changes and the RACI matrix."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from lscp import queries
from lscp.queries import Comparison, EditionDiff, GapsReport, RaciMatrix
from lscp.queries.compliance import ComplianceReport
from lscp.queries.compliance import check as compliance_check

from ..deps import Area, Edition, GraphDep
from ..errors import ERROR_RESPONSES

router = APIRouter(prefix="/api", tags=["reports"], responses=ERROR_RESPONSES)

EditionId = Annotated[str, Query(description="An edition id.", examples=["hips-2019"])]


@router.get("/gaps", operation_id="gaps", response_model=GapsReport)
def gaps(
    graph: GraphDep,
    area: Area = None,
    rules: Annotated[str | None, Query(description="Rule pack: wt2018, wt2023 or cwsa2026 (default: by the edition's date).",
                                       examples=["wt2018"])] = None,
    edition: Edition = None,
) -> GapsReport:
    """What is missing: structural gaps, statutory rules not met, facts not stated, key-person risk."""
    return queries.gaps(graph, area=area, rules=rules, edition=edition)


Pack = Literal["wt2018", "wt2023", "cwsa2026"]
Date = Annotated[str | None, Query(max_length=10, pattern=r"^\d{4}-\d{2}-\d{2}$", examples=["2025-06-01"])]


@router.get("/check/{partnership_id}", operation_id="check", response_model=ComplianceReport)
def check(
    graph: GraphDep,
    partnership_id: Annotated[str, Path(description="A partnership (its latest edition) or an edition.",
                                        examples=["southampton.sscp"])],
    rules: Annotated[Pack | None, Query(description="Rule pack (default: the pack in force on the edition's date).")] = None,
    as_at: Date = None,
    commencement: Annotated[str | None, Query(max_length=10, pattern=r"^\d{4}-\d{2}-\d{2}$",
                                              description="Commencement date of the CWSA 2026 duties (else not in force).")] = None,
) -> ComplianceReport:
    """Each requirement of a rule pack: met, not met, not evidenced in the held sources or not applicable, with evidence."""
    return compliance_check(graph, partnership_id, rules=rules, as_at=as_at, commencement=commencement)


@router.get("/compare", operation_id="compare", response_model=Comparison)
def compare(
    graph: GraphDep,
    p: Annotated[list[str], Query(description="Two or three partnerships (or areas); repeat the parameter.",
                                  examples=[["southampton.sscp", "portsmouth.pscp"]])],
) -> Comparison:
    """Partnerships side by side, each in its latest edition."""
    return queries.compare(graph, *p)


@router.get("/diff", operation_id="diff", response_model=EditionDiff)
def diff(graph: GraphDep, before: EditionId, after: EditionId) -> EditionDiff:
    """What changed between two editions: added, removed, renamed and replaced."""
    return queries.diff(graph, before, after)


@router.get("/raci", operation_id="raci", response_model=RaciMatrix)
def raci(
    graph: GraphDep,
    area: Annotated[str, Query(description="The area.", examples=["southampton"])],
) -> RaciMatrix:
    """Functions against who is responsible (R) and who is accountable (A) in an area."""
    return queries.raci(graph, area)
