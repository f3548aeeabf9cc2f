"""Compliance: a partnership's arrangements against Working Together 2018, Working Together 2023
and the Children's Wellbeing and Schools Act 2026, requirement by requirement (met, not met, not
evidenced in the held sources, not applicable), with the evidence cited. The packs are data
(`packs/*.yaml`); `checks.py` holds the code per requirement id."""
from __future__ import annotations

from .engine import ComplianceReport, Evidence, RequirementResult, check, default_pack, statutory_findings
from .packs import PACK_IDS, pack

__all__ = ["PACK_IDS", "ComplianceReport", "Evidence", "RequirementResult", "check", "default_pack", "pack",
           "statutory_findings"]
