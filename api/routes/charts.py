"""Charts in every diagram format, drawn by `diagrams` (placeholder until that module lands)."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from ..deps import Edition, GraphDep
from ..errors import ERROR_RESPONSES

router = APIRouter(prefix="/api", tags=["charts"], responses=ERROR_RESPONSES)

FORMATS = ("svg", "png", "pdf", "dot", "mermaid", "drawio")


def available() -> bool:
    return False
