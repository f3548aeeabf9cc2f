"""A synthetic partnership that meets every requirement of every pack, built on the complete
world of tests/fixtures/complete (its doc.txt states each fact; the lines added here say the rest)."""
from __future__ import annotations

import shutil
from pathlib import Path

import yaml

COMPLETE = Path(__file__).resolve().parent.parent / "fixtures" / "complete"

# Lines 23-27 of doc.txt (1-22 are the complete world's).
EXTRA_LINES = [
    "The Testshire arrangements were republished in June 2025 under Working Together 2023.",  # 23
    "The Board is chaired by the Director of Children's Services, the delegated safeguarding partner of the Council.",  # 24
    "The three lead safeguarding partners sign off the arrangements, the budget, the yearly report and the threshold document.",  # 25
    "The Testshire Partnership Business Unit supports the partnership, with an analyst and an agreed data set.",  # 26
    "The Testshire Multi-Agency Child Protection Team supports the Council's child protection enquiries.",  # 27
]
LEADS = ("test.council-ce", "test.icb-ce", "test.chief-constable")
SIGNED = ("fn.safeguarding-arrangements", "fn.funding", "fn.annual-report", "fn.thresholds")


def model_world() -> dict:
    world = yaml.safe_load((COMPLETE / "world.yaml").read_text(encoding="utf-8"))
    world["editions"][0]["date"] = "2025-06"
    world["editions"][0]["src"] = ["doc:1", "doc:23"]
    rels = world["relations"]
    rels[:] = [r for r in rels if not (r["type"] == "chairs" and r["to"] == "test.board")]
    rels.append({"type": "chairs", "from": "test.dcs", "to": "test.board", "src": "doc:24"})
    rels += [{"type": "responsible_for", "from": lead, "to": fn, "src": "doc:25"} for lead in LEADS for fn in SIGNED]
    world["bodies"] += [
        {"id": "test.business-unit", "name": "Testshire Partnership Business Unit", "body_kind": "business-unit",
         "partnership": "test.tscp", "src": "doc:26"},
        {"id": "test.macpt", "name": "Testshire Multi-Agency Child Protection Team", "body_kind": "group",
         "partnership": "test.tscp", "src": "doc:27"},
    ]
    rels += [{"type": "supports", "from": "test.business-unit", "to": "test.tscp", "src": "doc:26"},
             {"type": "reports_to", "from": "test.business-unit", "to": "test.board", "src": "doc:26"},
             {"type": "reports_to", "from": "test.macpt", "to": "test.board", "src": "doc:27"}]
    return world


def write(world: dict, directory: Path) -> Path:
    """The world as a data directory: its YAML, the functions and the source text."""
    if directory.exists():
        shutil.rmtree(directory)
    shutil.copytree(COMPLETE, directory)
    functions = yaml.safe_load((COMPLETE / "functions.yaml").read_text(encoding="utf-8"))
    functions["functions"].append({"id": "fn.safeguarding-arrangements", "name": "Make and publish multi-agency safeguarding arrangements",
                                   "statutory": True, "requirements": ["WT18-02"], "src": "doc:25"})
    (directory / "functions.yaml").write_text(yaml.safe_dump(functions, sort_keys=False), encoding="utf-8")
    text = (COMPLETE / "sources" / "doc.txt").read_text(encoding="utf-8").rstrip("\n").split("\n")
    assert len(text) == 22, "the complete world's doc.txt changed: renumber EXTRA_LINES"
    (directory / "sources" / "doc.txt").write_text("\n".join(text + EXTRA_LINES) + "\n", encoding="utf-8")
    (directory / "world.yaml").write_text(yaml.safe_dump(world, sort_keys=False), encoding="utf-8")
    return directory
