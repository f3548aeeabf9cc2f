"""The one style table: how each kind of box and each relation type is drawn, in every chart.

Every emitter (DOT, Mermaid, draw.io) reads colours and line styles from here, so a board
looks the same in an SVG, on GitHub and in diagrams.net.
"""
from __future__ import annotations

from dataclasses import dataclass

FONT = "Helvetica"
TITLE_SIZE = 10
LINE_SIZE = 8
WRAP = 26  # characters per line of a box title
LINE_WRAP = 34  # characters per line of the smaller lines under it

# A4 landscape, in inches (297 x 210 mm). `ratio=fill` with `size` makes dot scale the
# layout to exactly this shape (https://graphviz.org/docs/attrs/ratio); `page` is PostScript
# only, so it is not used.
A4_LANDSCAPE = (11.69, 8.27)


@dataclass(frozen=True)
class NodeStyle:
    label: str  # what the key calls it
    fill: str
    border: str
    text: str = "#1a1a1a"
    penwidth: float = 1.2
    dashed: bool = False
    rounded: bool = True


NODE_STYLES: dict[str, NodeStyle] = {  # in the order the key lists them
    "partner": NodeStyle("Safeguarding partner", "#dce8f5", "#2c5d8f", penwidth=1.5),
    "post": NodeStyle("Post (lead representative, delegate, member)", "#ffffff", "#2c5d8f"),
    "independent-post": NodeStyle("Independent post", "#fff3cd", "#9a6b00", penwidth=2.2),
    "partnership": NodeStyle("Partnership", "#1f4e79", "#1f4e79", text="#ffffff", penwidth=1.5),
    "board": NodeStyle("Board or executive", "#bdd7ee", "#1f4e79", penwidth=1.8, rounded=False),
    "group": NodeStyle("Group, committee, subgroup or panel", "#e2f0d9", "#548235"),
    "support": NodeStyle("Business unit or team", "#ededed", "#7f7f7f"),
    "external": NodeStyle("Body of another partnership", "#ffffff", "#7f7f7f", dashed=True),
    "organisation": NodeStyle("Organisation", "#f2f2f2", "#7f7f7f"),
    "agencies": NodeStyle("Relevant agencies (by sector)", "#e3f1ef", "#3c8d80"),
    "agency": NodeStyle("Relevant agency", "#f3faf9", "#3c8d80"),
}

# Which node style a body of each body_kind takes.
BODY_STYLE: dict[str, str] = {
    "board": "board",
    "executive": "board",
    "business-unit": "support",
    "hub": "support",
}


@dataclass(frozen=True)
class EdgeStyle:
    label: str  # what the key calls it
    color: str
    style: str = "solid"  # solid, dashed, dotted, bold
    penwidth: float = 1.3
    arrowhead: str = "normal"
    upward: bool = False  # drawn from target down to source, so the target sits above
    constraint: bool = True  # whether it shapes the tiers of the layout


EDGE_STYLES: dict[str, EdgeStyle] = {  # in the order the key lists them
    "reports_to": EdgeStyle("reports to", "#1a1a1a", penwidth=1.6, upward=True),
    "feeds_into": EdgeStyle("feeds into", "#404040", style="dashed", upward=True),
    "supports": EdgeStyle("supports (no reporting line stated)", "#70ad47", style="dashed", penwidth=1.2,
                          arrowhead="empty", upward=True),
    "escalates_to": EdgeStyle("escalates to (condition on the line)", "#c00000", style="bold", penwidth=2.0,
                              arrowhead="vee", constraint=False),
    "scrutinises": EdgeStyle("scrutinises", "#7030a0", style="dotted", penwidth=2.0, arrowhead="empty",
                             constraint=False),
    "accountable_to": EdgeStyle("is accountable to", "#1f4e79", style="dashed", arrowhead="onormal",
                                constraint=False),
    "delegates_to": EdgeStyle("delegates to", "#2e75b6", penwidth=1.4),
    "lead_representative_of": EdgeStyle("is the lead representative of", "#2e75b6", arrowhead="none",
                                        upward=True),
    "partner_of": EdgeStyle("is a safeguarding partner of", "#1f4e79", penwidth=1.8),
    "member_of": EdgeStyle("is a member of", "#8c8c8c", penwidth=1.0, arrowhead="dot", upward=True),
    "part_of": EdgeStyle("is part of", "#7f7f7f", penwidth=1.0, arrowhead="empty", upward=True),
    "chairs": EdgeStyle("chairs", "#548235", style="dashed", arrowhead="diamond", constraint=False),
    "represented_by": EdgeStyle("is represented by", "#bf9000", style="dashed", constraint=False),
    "responsible_for": EdgeStyle("is responsible for", "#7f7f7f", style="dashed", constraint=False),
}
OTHER_EDGE = EdgeStyle("other relation", "#7f7f7f", style="dashed", constraint=False)

# Emphasis laid over the normal styles.
HIGHLIGHT = "#e36c09"
HIGHLIGHT_PENWIDTH = 3.6


@dataclass(frozen=True)
class StatusStyle:
    label: str
    color: str
    penwidth: float
    dashed: bool = False


STATUS_STYLES: dict[str, StatusStyle] = {
    "added": StatusStyle("added in the later edition", "#1a9850", 3.0),
    "removed": StatusStyle("only in the earlier edition (not restated in the later one)", "#d73027", 3.0, dashed=True),
    "changed": StatusStyle("changed (chair, lines or membership differ)", "#e08f00", 3.0),
    "unchanged": StatusStyle("unchanged", "#a6a6a6", 1.0),
}

CLUSTER_FILL = {
    "partners": "#f3f7fb",
    "tier": "#fafafa",
    "agencies": "#f7fbfa",
    "footprint": "#eef4fa",
    "local": "#f7f7f7",
    "external": "#ffffff",
    "side": "#ffffff",
}
CLUSTER_BORDER = "#bfbfbf"

# Order of the partners across the top: local authority, health, police (as WT2018 lists them).
SECTOR_ORDER = {"local-authority": 0, "health-commissioner": 1, "police": 2}

SECTOR_LABELS: dict[str, str] = {
    "local-authority": "Local authority services",
    "health-commissioner": "Health commissioners",
    "police": "Police",
    "nhs-provider": "NHS providers",
    "primary-care": "Primary care",
    "health-other": "Other health providers",
    "school": "Schools",
    "further-education": "Further education",
    "early-years": "Early years",
    "education-other": "Other education",
    "probation": "Probation",
    "youth-justice": "Youth justice",
    "cafcass": "CAFCASS",
    "voluntary-community": "Voluntary and community",
    "faith": "Faith organisations",
    "housing": "Housing",
    "armed-forces": "Armed forces",
    "sports-activities": "Sports and activities",
    "residential-care": "Residential care",
    "fire-rescue": "Fire and rescue",
    "national-body": "National bodies",
    "regulator": "Regulators",
    "other": "Other",
}


def edge_style(relation_type: str) -> EdgeStyle:
    return EDGE_STYLES.get(relation_type, OTHER_EDGE)
