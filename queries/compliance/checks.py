"""The code behind each requirement id: one function per id, whichever packs use it."""
from __future__ import annotations

from collections.abc import Callable

from . import duties, leadership
from .outcome import Outcome
from .scope import Scope

Check = Callable[[Scope], Outcome]

CHECKS: dict[str, Check] = {
    "WT18-01": leadership.three_partners,
    "WT18-07": leadership.partners_existed,
    "WT18-05": leadership.lead_representatives,
    "WT23-01": leadership.lead_safeguarding_partners,
    "WT23-03": leadership.delegated_partners,
    "WT23-05": leadership.partnership_chair,
    "WT23-02": leadership.sign_off,
    "WT18-16": duties.independent_scrutiny,
    "WT18-10": duties.relevant_agencies,
    "WT18-14": duties.education_included,
    "WT18-15": duties.custody_and_homes,
    "WT18-17": duties.function_held("fn.thresholds", "the threshold document", "The published threshold document."),
    "WT18-18": duties.funding,
    "WT18-19": duties.yearly_report,
    "WT18-22": duties.serious_incident_notification,
    "WT18-24": duties.rapid_review,
    "WT18-25": duties.function_held("fn.practice-reviews", "commissioning local child safeguarding practice reviews",
                                    "The arrangements' section on practice reviews."),
    "WT18-27": duties.child_death_review,
    "WT18-30": duties.disagreement_route,
    "WT23-09": duties.scrutiny_in_route,
    "WT23-06": duties.refreshed,
    "WT23-07": duties.education_strategic,
    "WT23-11": duties.business_support,
    "CWSA26-02": duties.designated_education,
    "CWSA26-03": duties.macpt,
    "FED-01": duties.system_wide_route,
    "FED-02": duties.members_named,
}
