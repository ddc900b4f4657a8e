"""The SARIF 2.1.0 writer: valid against the SARIF 2.1.0 JSON schema, levels, locations,
suppressions for baselined findings, and fingerprints that survive an inserted line."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pytest

from tests.helpers.cli import run_cli
from tests.helpers.report_fixtures import build
from transreview.ci.report import write_ci_report

SCHEMA = json.loads((Path(__file__).parents[1] / "data" / "sarif" / "sarif-2.1.0-rtm.5.json").read_text("utf-8"))


def render(report) -> dict:
    out = io.StringIO()
    write_ci_report(report, "sarif", out)
    return json.loads(out.getvalue())


def validate(log: dict) -> None:
    jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER).validate(log)


def test_the_schema_rejects_a_broken_log() -> None:
    """The validator is live: a result without its message is refused."""
    log = render(build())
    del log["runs"][0]["results"][0]["message"]
    with pytest.raises(jsonschema.ValidationError):
        validate(log)


def test_fixture_log_is_valid_and_says_what_was_found() -> None:
    log = render(build())
    validate(log)
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["omission", "places", "punctuation"]
    results = run["results"]
    # p1 critical place, p2 minor comma, q1 major omission; p3 is clean
    assert [(r["ruleId"], r["level"], r["properties"]["pair"]) for r in results] == [
        ("places", "error", "p1"), ("punctuation", "warning", "p2"), ("omission", "error", "q1")]
    place = results[0]
    rule = run["tool"]["driver"]["rules"][place["ruleIndex"]]
    assert rule["id"] == "places"
    assert rule["shortDescription"]["text"].startswith("A Chinese place name written as a different division")
    loc = place["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "data/a.tsv"
    assert loc["region"] == {"startLine": 2, "snippet": {"text": "陕西"}}
    assert place["properties"]["suggestion"] == "山西"
    assert "suppressions" not in place
    # a whole-pair finding has no snippet
    assert results[2]["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
    # the untranslated document's notice
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert notes == [{"level": "note", "message": {"text": "b.txt: no Chinese text at all — 1 paragraph has no translation"}}]


def test_a_baselined_finding_is_suppressed_externally() -> None:
    log = render(build(baselined=frozenset({0})))
    validate(log)
    place = log["runs"][0]["results"][0]
    assert place["suppressions"][0]["kind"] == "external"
    assert "suppressions" not in log["runs"][0]["results"][1]


def test_an_empty_report_is_a_valid_log(tmp_path) -> None:
    from transreview.ci.report.model import report_from_results

    log = render(report_from_results([]))
    validate(log)
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"] == []


TSV = "source\ttarget\nJincheng is a city in Shanxi.\t晋城是陕西的一个城市。\nHello, world\t你好,世界\n"


def test_cli_sarif_of_a_file_and_fingerprints_survive_an_inserted_line(tmp_path) -> None:
    (tmp_path / "a.tsv").write_text(TSV, encoding="utf-8")
    lines = TSV.splitlines(keepends=True)
    (tmp_path / "b.tsv").write_text(lines[0] + "Thanks.\t谢谢。\n" + "".join(lines[1:]), encoding="utf-8")
    logs = {}
    for name in ("a", "b"):
        run = run_cli("check", f"{name}.tsv", "--format", "sarif", "-o", f"{name}.sarif", "--no-progress",
                      "--checks", "places,punctuation", cwd=tmp_path)
        assert run.returncode == 1, run.stderr  # the critical 陕西
        logs[name] = json.loads((tmp_path / f"{name}.sarif").read_text("utf-8"))
        validate(logs[name])
    a, b = (logs[n]["runs"][0]["results"] for n in "ab")
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in a] == [2, 3]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in b] == [3, 4]
    assert [r["partialFingerprints"] for r in a] == [r["partialFingerprints"] for r in b]
    assert a[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "a.tsv"
