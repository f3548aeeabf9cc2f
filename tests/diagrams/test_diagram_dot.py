"""DOT text: whole-file golden comparisons for fixed tiny worlds, escaping, options, determinism.

The golden files in golden/ were read and judged by a person; to rewrite them after an
intended change, run `LSCP_UPDATE_GOLDEN=1 pytest tests/diagrams` and review the diff.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from lscp.diagrams import (
    ChartOptions,
    build_chart,
    chart_to_dot,
    compare_to_dot,
    diff_to_dot,
    highlight_steps_to_dot,
    hips_to_dot,
    structure_to_dot,
)
from lscp.diagrams.dot import html_text, quote
from lscp.model import NotFound, UsageError

from diagram_worlds import HOSTILE, build_testshire

GOLDEN = Path(__file__).parent / "golden"
STEPS = [("test.audit", "feeds_into", "test.learning", None),
         ("test.learning", "escalates_to", "test.exec", "split decision"),
         ("test.exec", "reports_to", "test.board", "not a stated line")]


def assert_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("LSCP_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"missing golden file {path}; run with LSCP_UPDATE_GOLDEN=1 and review it"
    assert text == path.read_text(encoding="utf-8")


# -- golden files ------------------------------------------------------------------------
def test_structure_chart_golden(world):
    assert_golden("structure_testshire.dot", structure_to_dot(world, "test.tscp"))


def test_structure_chart_options_golden(world):
    options = ChartOptions(orientation="LR", depth=1, kinds=frozenset({"partners", "bodies", "agencies"}),
                           all_agencies=True, page=None)
    assert_golden("structure_testshire_lr_depth1.dot", structure_to_dot(world, "test.tscp", "test-2020", options))


def test_multi_area_chart_golden(world):
    assert_golden("multi_area_2020.dot", hips_to_dot(world, "multi-2020", partnership_id="multi"))


def test_highlight_golden(world):
    assert_golden("highlight_testshire.dot", highlight_steps_to_dot(world, "test.tscp", STEPS))


def test_flow_golden(world):
    assert_golden("flow_testshire.dot", highlight_steps_to_dot(world, None, STEPS, alone=True, title="Escalation"))


def test_diff_golden(world):
    assert_golden("diff_testshire.dot", diff_to_dot(world, "test.tscp", "test-2020", "test-2021"))


def test_compare_golden(world):
    assert_golden("compare.dot", compare_to_dot(world, "test.tscp", "other.ocp"))


# -- what the charts say -------------------------------------------------------------------
def test_structure_names_chairs_independence_sharing_and_gaps(world):
    chart = build_chart(world, "test.tscp")

    def lines(node_id):
        return [text for _, text in chart.nodes[node_id].lines]

    assert lines("test.board") == ["Chair: Independent Chair (independent)"]
    assert lines("test.learning") == ["Chair: Designated Doctor"]
    assert lines("test.business") == ["Chair (rotating): Independent Chair (independent)",
                                      "Shared with Testshire Safeguarding Adults Board", "Reporting line not stated"]
    assert lines("test.exec") == ["Chair not stated"]
    assert lines("test.chair") == ["Independent"]
    assert lines("test.dcs") == ["Delegate"]
    assert lines("_agencies") == ["Schools: 2", "Voluntary and community: 1"]


def test_tiers_follow_reporting_and_feeding_lines(world):
    chart = build_chart(world, "test.tscp")
    assert chart.nodes["test.board"].cluster == "tier-0"
    assert chart.nodes["test.exec"].cluster == "tier-0"
    assert chart.nodes["test.learning"].cluster == "tier-1"  # reports to the board
    assert chart.nodes["test.audit"].cluster == "tier-2"  # feeds into the learning group
    assert chart.nodes["test.business"].cluster == "tier-1"  # no line stated


def test_line_styles_per_relation_type(world):
    text = structure_to_dot(world, "test.tscp")
    reports = next(line for line in text.splitlines() if "test.learning reports_to test.board" in line)
    feeds = next(line for line in text.splitlines() if "test.audit feeds_into test.learning" in line)
    escalates = next(line for line in text.splitlines() if "test.learning escalates_to test.exec" in line)
    scrutiny = next(line for line in text.splitlines() if "test.chair scrutinises test.tscp" in line)
    assert 'style="solid"' in reports and 'dir="back"' in reports
    assert 'style="dashed"' in feeds
    assert 'color="#c00000"' in escalates and 'style="bold"' in escalates
    assert 'style="dotted"' in scrutiny


def test_default_editions_include_what_the_latest_supplements(world):
    assert "test.hub" in build_chart(world, "test.tscp").nodes
    assert "test.hub" not in build_chart(world, "test.tscp", edition="test-2020").nodes


def test_depth_and_kinds_limit_the_chart(world):
    chart = build_chart(world, "test.tscp", options=ChartOptions(depth=0, kinds=frozenset({"bodies"})))
    assert {n for n in chart.nodes} == {"test.tscp", "test.board", "test.exec"}


def test_all_agencies_draws_one_box_each(world):
    chart = build_chart(world, "test.tscp", options=ChartOptions(all_agencies=True))
    assert {"test-schools", "test-academy", "test-charity"} <= set(chart.nodes)
    assert chart.clusters["agencies-school"].label == "Schools (2)"


def test_highlighted_steps_carry_the_highlight_style(world):
    text = highlight_steps_to_dot(world, "test.tscp", STEPS)
    for source, relation_type, target, _ in STEPS:
        line = next(line for line in text.splitlines() if f"{source} {relation_type} {target}" in line)
        assert 'color="#e36c09"' in line and "penwidth=3.6" in line
    assert "1. feeds into" in text and "2. split decision" in text and "3. not a stated line" in text


def test_multi_area_editions_differ(world):
    first = build_chart(world, "multi", edition="multi-2020")
    second = build_chart(world, "multi", edition="multi-2022")
    assert "multi.group" in first.nodes and "multi.group" not in second.nodes
    assert "multi.new-group" in second.nodes
    assert {"local-test.tscp", "local-other.ocp"} <= set(first.clusters)


def test_diff_marks_added_removed_and_changed(world):
    chart = build_chart(world, "test.tscp", diff=("test-2020", "test-2021"))
    assert chart.nodes["test.hub"].status == "added"
    assert chart.nodes["test.audit"].status == "removed"
    assert chart.nodes["test.board"].status == "changed"  # its chair is stated only in 2020
    assert chart.nodes["test.learning"].status == "changed"  # its escalation only in 2020
    text = chart_to_dot(chart)
    for label in ("added in the later edition", "only in the earlier edition (not restated in the later one)", "changed ("):
        assert label in text


def test_compare_keeps_both_charts_apart(world):
    chart = build_chart(world, compare=("test.tscp", "other.ocp"))
    assert "a/test.board" in chart.nodes and "b/other.ocp" in chart.nodes
    assert chart.clusters["side-a"].label.startswith("Testshire Safeguarding Children Partnership")


# -- escaping ---------------------------------------------------------------------------
def test_html_text_escapes_markup():
    assert html_text(HOSTILE) == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"
    assert html_text("it's\x07") == "it&#39;s"


def test_quote_escapes_quotes_and_backslashes():
    assert quote('a "b"') == '"a \\"b\\""'
    assert quote("ends with \\") == '"ends with \\\\"'
    assert quote("two\nlines") == '"two lines"'


def test_hostile_names_are_escaped_in_dot(hostile_world):
    text = structure_to_dot(hostile_world, "test.tscp")
    assert "<script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<BR/>&amp; &quot;x&quot;" in text  # wrapped, escaped


# -- determinism and refusals -------------------------------------------------------------
def test_same_data_same_dot_bytes(world):


    assert structure_to_dot(world, "test.tscp") == structure_to_dot(build_testshire(), "test.tscp")
    reordered = build_testshire()
    reordered.relation_list.reverse()
    assert hips_to_dot(world, "multi-2020", partnership_id="multi") == \
        hips_to_dot(type(world)(by_id=dict(reversed(world.by_id.items())), relation_list=reordered.relation_list),
                    "multi-2020", partnership_id="multi")


@pytest.mark.parametrize("request_, message", [
    ({"target": "nowhere"}, "No entity with id 'nowhere'"),
    ({"target": "test.board"}, "test.board is a body; give a partnership id, an area id or 'hips'"),
    ({"target": "test.tscp", "edition": "multi-2020"}, "edition 'multi-2020' is not an edition of test.tscp"),
    ({"target": "test.tscp", "diff": ("test-2020", "multi-2020")}, "edition 'multi-2020' is not an edition"),
    ({"target": None}, "give a TARGET"),
    ({"target": "test.tscp", "steps": [("test.board", "nonsense", "test.exec")]}, "unknown relation type 'nonsense'"),
    ({"target": "test.tscp", "steps": [("test.board", "reports_to", "nowhere")]}, "No entity with id 'nowhere'"),
    ({"target": None, "compare": ("test.tscp", "test.tscp")}, "two different partnerships"),
])
def test_bad_requests_are_refused_with_the_fix(world, request_, message):
    target = request_.pop("target")
    with pytest.raises((UsageError, NotFound)) as refused:
        build_chart(world, target, **request_)
    assert message in str(refused.value)


def test_an_area_is_drawn_as_its_partnership(world):
    assert build_chart(world, "testshire").title == "Testshire Safeguarding Children Partnership"


def test_bad_options_are_refused():
    with pytest.raises(UsageError, match="unknown kind"):
        ChartOptions(kinds=frozenset({"everything"}))
    with pytest.raises(UsageError, match="orientation"):
        ChartOptions(orientation="BT")


def test_steps_from_the_queries_are_accepted(world):
    """Query steps carry .label and .condition, may read a relation backwards, and use part_of."""
    from types import SimpleNamespace as Step

    steps = [Step(source="test.learning", type="escalates_to", target="test.exec", label="escalates to",
                  condition="split-decision"),
             Step(source="test.board", type="chairs", target="test.chair", label="is chaired by", condition=None),
             Step(source="test.learning", type="part_of", target="test.tscp", label="is part of", condition=None)]
    chart = build_chart(world, "test.tscp", steps=steps)
    escalation, = chart.find_edges("test.learning", "escalates_to", "test.exec")
    chairing, = chart.find_edges("test.chair", "chairs", "test.board")  # drawn the way it is stated
    part, = chart.find_edges("test.learning", "part_of", "test.tscp")
    assert (escalation.label, chairing.label, part.label) == ("1. split decision", "2. is chaired by", "3. is part of")
    assert escalation.highlight and chairing.highlight and part.highlight


def test_many_escalation_conditions_become_letters_in_the_key(world):
    from diagram_worlds import rel

    world.relation_list.extend([rel("escalates_to", "test.audit", "test.exec", condition="stuck-case"),
                                rel("escalates_to", "test.business", "test.exec", condition="concern")])
    chart = build_chart(type(world)(by_id=world.by_id, relation_list=world.relation_list), "test.tscp")
    labels = {e.source: e.label for e in chart.edges if e.type == "escalates_to"}
    assert labels == {"test.business": "A", "test.learning": "B", "test.audit": "C"}
    assert chart.codes == {"A": "concern", "B": "split decision", "C": "stuck case"}
    assert "escalation when: split decision" in chart_to_dot(chart)
