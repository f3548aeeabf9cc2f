"""Questions over the graph: plain functions, graph first, typed results out."""
from .accountability import AccountabilitiesAnswer, AccountabilityAnswer, accountabilities, accountable
from .browse import EntityDetail, EntitySummary, SearchHit, list_entities, search, show
from .compare import Comparison, compare
from .coverage import DocumentCoverage, coverage
from .diff import EditionDiff, diff
from .escalation import CONDITIONS, EscalationAnswer, escalation
from .gaps import GapsReport, gaps
from .overview import Overview, overview
from .workload import LoadAnswer, RaciMatrix, VacancyAnswer, load, raci, vacancy

__all__ = [
    "CONDITIONS", "AccountabilitiesAnswer", "AccountabilityAnswer", "Comparison", "DocumentCoverage", "EditionDiff",
    "EntityDetail", "EntitySummary", "EscalationAnswer", "GapsReport", "LoadAnswer", "Overview",
    "RaciMatrix", "SearchHit", "VacancyAnswer", "accountabilities", "accountable", "compare", "coverage", "diff",
    "escalation", "gaps", "list_entities", "load", "overview", "raci", "search", "show", "vacancy",
]
