"""Rule packs as data: one YAML file per pack in `packs/`, read once and validated.

A pack says which requirements apply, to which kinds of partnership, from when and how
severely; `checks.py` holds the code that evaluates each requirement id."""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict

from lscp.model import UsageError
from lscp.model.vocabulary import PartnershipKind

PACK_DIR = Path(__file__).resolve().parent / "packs"
PACK_IDS = ("wt2018", "wt2023", "cwsa2026")
COMMENCEMENT = "commencement"  # a date set by commencement regulations, unknown until given
Severity = Literal["high", "medium", "low", "info"]


class RequirementSource(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    where: str
    url: str | None = None

    @property
    def text(self) -> str:
        """Name and place, the place's start not repeated where the name ends with it ("Working
        Together 2023, chapter 2" and "chapter 2, partnership chair")."""
        if self.where in self.name:
            return self.name
        for cut in range(len(self.where), 0, -1):
            if (cut == len(self.where) or self.where[cut] in ",;") and self.name.endswith(self.where[:cut]):
                return self.name + self.where[cut:]
        return f"{self.name}, {self.where}"


class Requirement(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str
    duty: str
    source: RequirementSource
    basis: Literal["law", "guidance", "local"]
    applies_to: list[PartnershipKind]
    applies_from: str
    transition_until: str | None = None
    severity: Severity


class Pack(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    name: str
    in_force: str
    note: str
    includes: str | None = None
    requirements: list[Requirement]

    def in_force_on(self, commencement: str | None) -> str | None:
        """The date the pack comes into force, or None when it waits for a commencement not given."""
        return commencement if self.in_force == COMMENCEMENT else self.in_force


@functools.cache
def pack(pack_id: str) -> Pack:
    """A pack by id, with the requirements of the pack it includes first."""
    if pack_id not in PACK_IDS:
        raise UsageError(f"unknown rule pack {pack_id!r}; use one of: {', '.join(PACK_IDS)}")
    data = yaml.safe_load((PACK_DIR / f"{pack_id}.yaml").read_text(encoding="utf-8"))
    own = Pack(**data)
    if own.includes:
        return own.model_copy(update={"requirements": [*pack(own.includes).requirements, *own.requirements]})
    return own
