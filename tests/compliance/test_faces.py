"""`lscp check` and /api/check: thin faces of the same report."""
from __future__ import annotations

import json

from fastapi.testclient import TestClient

from lscp.api.cli import main
from lscp.api.http import create_app
from lscp.loaders import load


def test_check_prints_one_line_per_requirement_and_the_summary(capsys):
    # 000:281: an independent chairperson who acts as 'scrutineer' -> WT23-05 not met, exit 1.
    assert main(["check", "portsmouth.pscp", "--rules", "wt2023"]) == 1
    out = capsys.readouterr().out
    assert ("17 of 20 requirements met, 2 not met (1 of them to review: the guidance wording is uncertain), "
            "1 not evidenced in the documents held") in out
    assert "as asked; not in force on 2021-12-31" in out
    # WT23-05 rests on uncertain guidance wording: to review, not a plain NOT MET.
    assert any(line.startswith("TO REVIEW      WT23-05") and "(info)" in line for line in out.splitlines())


def test_check_says_which_pack_the_date_chose_and_json_matches(capsys):
    assert main(["check", "southampton.sscp"]) == 0  # 2022: WT2018, nothing not met
    text = capsys.readouterr().out
    assert "Working Together to Safeguard Children 2018: the pack in force on 2022-12-31, the edition's date." in text
    assert main(["check", "southampton.sscp", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["pack"] == "wt2018" and report["summary"] in text


def test_hampshire_as_at_2025_needs_frimley_icb_but_is_never_not_met(capsys):
    # Frimley ICB covered north-east Hampshire until 31 March 2026 (statutory-update-2026.md 0.2).
    assert main(["check", "hampshire.hscp", "--as-at", "2025-06-01", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    partners = next(r for r in report["results"] if r["id"] == "WT18-01")
    assert partners["verdict"] == "not-evidenced" and "NHS Frimley Integrated Care Board" in partners["message"]
    assert report["counts"]["not-met"] == 0
    assert main(["check", "hampshire.hscp", "--as-at", "2026-06-01", "--json"]) == 0
    later = json.loads(capsys.readouterr().out)
    assert next(r for r in later["results"] if r["id"] == "WT18-01")["verdict"] == "met"


def test_bad_input_is_one_line_and_exit_2(capsys):
    assert main(["check", "portsmouth.pscp", "--as-at", "2020-13-01"]) == 2
    assert main(["check", "southampton.silg"]) == 2
    assert main(["check", "portsmouth.pscp", "--rules", "wt2099"]) == 2
    err = capsys.readouterr().err
    assert "not a date YYYY-MM-DD" in err and "not a partnership or an edition" in err and "Traceback" not in err


def test_cwsa2026_duties_wait_for_a_commencement_date():
    with TestClient(create_app(load())) as client:
        body = client.get("/api/check/plymouth.pscp?rules=cwsa2026").json()
        macpt = next(r for r in body["results"] if r["id"] == "CWSA26-03")
        assert macpt["verdict"] == "not-applicable" and "commencement" in macpt["message"]
        later = client.get("/api/check/plymouth.pscp?rules=cwsa2026&as_at=2028-01-01&commencement=2027-09-01").json()
        assert next(r for r in later["results"] if r["id"] == "CWSA26-03")["verdict"] == "not-evidenced"
        assert client.get("/api/check/plymouth.pscp?rules=wt2099").status_code == 422
        assert client.get("/api/check/plymouth.pscp?as_at=soon").status_code == 422
        assert client.get("/api/check/nowhere").status_code == 404
        schema = client.get("/openapi.json").json()["components"]["schemas"]
        assert schema["RequirementResult"]["properties"]["verdict"]["enum"] == ["met", "not-met", "not-evidenced", "not-applicable"]
