"""Not tests: a small world whose names are hostile to every output (spreadsheet formulas, terminal
escape sequences, characters XML cannot hold, HTML), shared by tests/hostile/test_outputs_*.py."""
from __future__ import annotations

import shutil
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent / "bad_data" / "_base"

# As YAML double-quoted scalars (escapes are YAML's): each name still has visible words.
FORMULAS = ['=HYPERLINK(\\"http://evil.example\\",\\"Board\\")', "+1 Group", "-2 Group", "@SUM(A1) Group",
            "\\tTab Group", "\\rReturn Group"]
ESCAPES = "\\e]0;owned\\a\\e[31mRed Group\\e[0m \\x9b31m C1 \\x7f"
CONTROLS = "Null\\0 Vertical\\v Unit\\x1f Group"
SCRIPT = "<script>alert(1)</script> Group | pipe"


def hostile_world(root: Path) -> Path:
    data = root / "data"
    shutil.copytree(BASE, data)
    names = [*FORMULAS, ESCAPES, CONTROLS, SCRIPT]
    lines = ["edition: test-2020", "bodies:"]
    for index, name in enumerate(names):
        lines.append(f'  - {{id: test.hostile-{index}, name: "{name}", body_kind: subgroup, '
                     f'partnership: test.tscp, src: "doc:5"}}')
    lines.append("relations:")
    for index in range(len(names)):
        lines.append(f'  - {{type: reports_to, from: test.hostile-{index}, to: test.board, src: "doc:5", '
                     f'note: "{names[index]}"}}')
    (data / "hostile.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return data
