"""The controlled words of the schema: kinds, sectors, capacities, conditions."""
from __future__ import annotations

from typing import Literal, get_args

Sector = Literal[
    "local-authority",
    "health-commissioner",
    "police",
    "nhs-provider",
    "primary-care",
    "health-other",
    "school",
    "further-education",
    "early-years",
    "education-other",
    "probation",
    "youth-justice",
    "cafcass",
    "voluntary-community",
    "faith",
    "housing",
    "armed-forces",
    "sports-activities",
    "residential-care",
    "fire-rescue",
    "national-body",
    "regulator",
    "other",
]

AreaKind = Literal["local-authority-area", "footprint", "police-area", "health-area", "region", "country"]

PartnershipKind = Literal[
    "safeguarding-children-partnership",
    "lscb",
    "multi-area-arrangement",
    "child-death-review",
    "safeguarding-adults-board",
    "health-and-wellbeing-board",
    "community-safety-partnership",
    "childrens-trust",
    "other-partnership",
]

BodyKind = Literal[
    "board",
    "executive",
    "committee",
    "subgroup",
    "network",
    "panel",
    "task-and-finish-group",
    "hub",
    "forum",
    "business-unit",
    "group",
]

EditionKind = Literal["arrangements", "annual-report", "business-plan", "public-record"]

Capacity = Literal["voting", "non-voting", "observer", "participating-observer", "co-opted", "invited", "attendee"]

Condition = Literal[
    "split-decision",
    "failed-decision",
    "disputed-rapid-review",
    "action-not-completed",
    "persistent-non-attendance",
    "system-wide-issue",
    "stuck-case",
    "professional-disagreement",
    "disputed-minutes",
    "practice-decision",
    "concern",
]

QuorumRule = Literal["all-partners", "stated-other"]

NotStatedField = Literal[
    "chair",
    "vice-chair",
    "reports-to",
    "membership",
    "frequency",
    "quorum",
    "lead-representative",
    "delegate",
    "holder",
    "funding",
    "share",
    "date",
    "representation",
    "scrutiny",
    "escalation",
    "relevant-agencies",
    "subgroups",
    "partners",
    "name",
]


def words(literal) -> tuple[str, ...]:
    """The allowed values of a Literal type, for messages and suggestions."""
    return get_args(literal)
