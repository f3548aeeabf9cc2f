"""Regenerate docs/charts/: the chart of every partnership with arrangements, and HIPS per edition.

    .venv/bin/python -m diagrams.charts            # write docs/charts/*.dot and *.svg
    .venv/bin/python -m diagrams.charts --check    # exit 1 if a committed .dot is stale
"""
from __future__ import annotations

import sys
from pathlib import Path

from lscp.loaders import Graph, load

from lscp.queries.editions import editions_of
from .dot import chart_to_dot
from .hips import multi_area_chart
from .render import render
from .structure import structure_chart
from .targets import is_multi_area

CHARTS_DIR = Path(__file__).resolve().parent.parent / "docs" / "charts"


def expected_dots(graph: Graph) -> dict[str, str]:
    """File stem -> DOT text of every committed chart, as the bundled data draws it today."""
    found = {}
    for partnership in graph.entities("partnership"):
        arrangements = [e for e in editions_of(graph, partnership.id) if e.edition_kind == "arrangements"]
        if not arrangements:
            continue
        if is_multi_area(graph, partnership.id):
            for edition in arrangements:
                found[edition.id] = chart_to_dot(multi_area_chart(graph, partnership.id, edition.id))
        else:
            found[partnership.id] = chart_to_dot(structure_chart(graph, partnership.id))
    return dict(sorted(found.items()))


def stale(graph: Graph, directory: Path = CHARTS_DIR) -> list[str]:
    """The committed .dot files that differ from what the data draws (or are missing)."""
    problems = []
    for stem, text in expected_dots(graph).items():
        path = directory / f"{stem}.dot"
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            problems.append(str(path))
    return problems


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    graph = load()
    if "--check" in argv:
        problems = stale(graph)
        for path in problems:
            print(f"stale: {path} (run: .venv/bin/python -m diagrams.charts)", file=sys.stderr)
        return 1 if problems else 0
    CHARTS_DIR.mkdir(parents=True, exist_ok=True)
    for stem, text in expected_dots(graph).items():
        (CHARTS_DIR / f"{stem}.dot").write_text(text, encoding="utf-8")
        (CHARTS_DIR / f"{stem}.svg").write_bytes(render(text, "svg"))
        print(f"wrote docs/charts/{stem}.dot and .svg")
    return 0


if __name__ == "__main__":
    sys.exit(main())
