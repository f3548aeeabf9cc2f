"""Questions over the graph: plain functions, graph first, typed results out.

Every name below is importable from `queries`, but a topic's module is imported the first time
one of its names is asked for (module `__getattr__`): `lscp show` then builds the models of
`browse` only, not those of every topic (a CLI answer is measured against the bare import
floor). Type checkers read the same names from the `TYPE_CHECKING` imports.

Seven functions share their module's name (`gaps`, `compare`, `diff`, `coverage`, `overview`,
`escalation`, `partnership`); importing such a module sets the module on the package, so each lookup puts the
functions back. Import other names of a topic from the package too, not from its module.
"""
from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .accountability import AccountabilitiesAnswer, AccountabilityAnswer, accountabilities, accountable
    from .browse import EntityDetail, EntitySummary, SearchHit, list_entities, search, show
    from .compare import Comparison, compare
    from .coverage import DocumentCoverage, coverage
    from .diff import EditionDiff, diff
    from .escalation import CONDITIONS, EscalationAnswer, escalation
    from .gaps import GapsReport, gaps
    from .overview import Overview, overview
    from .partnership import PartnershipReport, partnership
    from .workload import LoadAnswer, RaciMatrix, VacancyAnswer, load, raci, vacancy

_TOPICS = {
    "accountability": ("AccountabilitiesAnswer", "AccountabilityAnswer", "accountabilities", "accountable"),
    "browse": ("EntityDetail", "EntitySummary", "SearchHit", "list_entities", "search", "show"),
    "compare": ("Comparison", "compare"),
    "coverage": ("DocumentCoverage", "coverage"),
    "diff": ("EditionDiff", "diff"),
    "escalation": ("CONDITIONS", "EscalationAnswer", "escalation"),
    "gaps": ("GapsReport", "gaps"),
    "overview": ("Overview", "overview"),
    "partnership": ("PartnershipReport", "partnership"),
    "workload": ("LoadAnswer", "RaciMatrix", "VacancyAnswer", "load", "raci", "vacancy"),
}
_HOME = {name: topic for topic, names in _TOPICS.items() for name in names}

__all__ = [
    "CONDITIONS",
    "AccountabilitiesAnswer", "AccountabilityAnswer", "Comparison", "DocumentCoverage", "EditionDiff",
    "EntityDetail", "EntitySummary", "EscalationAnswer", "GapsReport", "LoadAnswer", "Overview",
    "PartnershipReport", "RaciMatrix", "SearchHit", "VacancyAnswer",
    "accountabilities", "accountable", "compare", "coverage", "diff", "escalation", "gaps",
    "list_entities", "load", "overview", "partnership", "raci", "search", "show", "vacancy",
]


def __getattr__(name: str) -> Any:
    topic = _HOME.get(name)
    if topic is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    importlib.import_module(f"{__name__}.{topic}")
    _bind_loaded()
    return globals()[name]


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOME})


def _bind_loaded() -> None:
    """The names of every topic module imported so far, on the package: a module that shares
    its function's name was set on the package when it was imported."""
    for topic, names in _TOPICS.items():
        module = sys.modules.get(f"{__name__}.{topic}")
        if module is not None:
            for name in names:
                globals()[name] = getattr(module, name)
