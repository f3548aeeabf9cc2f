"""Questions over the graph: plain functions, graph first, typed results out.

Every name below is importable from `queries` as before, but a topic's module is imported the
first time one of its names is used: `lscp show` then builds the models of `browse` only, not
those of every topic (a CLI answer is measured against the bare import floor)."""
from __future__ import annotations

import importlib
import sys
import types

_TOPICS = {
    "accountability": ("AccountabilitiesAnswer", "AccountabilityAnswer", "accountabilities", "accountable"),
    "browse": ("EntityDetail", "EntitySummary", "SearchHit", "list_entities", "search", "show"),
    "compare": ("Comparison", "compare"),
    "coverage": ("DocumentCoverage", "coverage"),
    "diff": ("EditionDiff", "diff"),
    "escalation": ("CONDITIONS", "EscalationAnswer", "escalation"),
    "gaps": ("GapsReport", "gaps"),
    "overview": ("Overview", "overview"),
    "workload": ("LoadAnswer", "RaciMatrix", "VacancyAnswer", "load", "raci", "vacancy"),
}
_HOME = {name: topic for topic, names in _TOPICS.items() for name in names}

__all__ = sorted(_HOME, key=lambda name: (not name.isupper(), not name[0].isupper(), name))


class _Queries(types.ModuleType):
    """The package, importing a topic's module when one of its names is first asked for."""

    def __getattr__(self, name: str):
        topic = _HOME.get(name)
        if topic is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{__name__}.{topic}"), name)
        types.ModuleType.__setattr__(self, name, value)
        return value

    def __setattr__(self, name: str, value) -> None:
        # Importing a submodule sets it on the package; where a function has the module's name
        # (gaps, compare, diff, coverage, overview), `queries.gaps` stays the function.
        if isinstance(value, types.ModuleType) and name in _HOME:
            value = getattr(value, name)
        types.ModuleType.__setattr__(self, name, value)

    def __dir__(self) -> list[str]:
        return sorted({*super().__dir__(), *_HOME})


sys.modules[__name__].__class__ = _Queries
