"""The GitLab Code Quality writer: the fields GitLab requires, severities, unique
fingerprints that survive an inserted line, baselined findings left out."""

from __future__ import annotations

import io
import json

from tests.helpers.cli import run_cli
from tests.helpers.report_fixtures import build
from transreview.ci.report import write_ci_report
from transreview.ci.report.model import report_from_results
from transreview.model import Finding, Pair, PairResult, Severity

REQUIRED = {"description", "check_name", "fingerprint", "severity", "location"}
GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def render(report) -> list[dict]:
    out = io.StringIO()
    write_ci_report(report, "gitlab", out)
    return json.loads(out.getvalue())


def test_fixture_issues_have_what_gitlab_requires() -> None:
    issues = render(build())
    assert [(i["check_name"], i["severity"], i["location"]) for i in issues] == [
        ("transreview/places", "critical", {"path": "data/a.tsv", "lines": {"begin": 2}}),
        ("transreview/punctuation", "minor", {"path": "data/a.tsv", "lines": {"begin": 3}}),
        ("transreview/omission", "major", {"path": "data/b.txt", "lines": {"begin": 1}}),
    ]
    for issue in issues:
        assert REQUIRED <= set(issue)
        assert issue["severity"] in GITLAB_SEVERITIES
        assert isinstance(issue["description"], str) and issue["description"]
    assert issues[0]["description"] == "p1: source 'Shanxi' is 山西; 陕西 is Shaanxi (target: «陕西») → suggestion: 山西"
    assert len({i["fingerprint"] for i in issues}) == 3


def test_baselined_findings_are_left_out() -> None:
    issues = render(build(baselined=frozenset({0})))
    assert [i["check_name"] for i in issues] == ["transreview/punctuation", "transreview/omission"]


def test_identical_pairs_get_distinct_fingerprints() -> None:
    """Two identical lines with the same finding are two issues: GitLab needs unique ids."""
    results = []
    for n, line in ((1, 2), (2, 3)):
        pair = Pair(f"p{n}", "Hello, world", "你好,世界", doc="a.tsv", index=n - 1, line=line)
        f = Finding.at("punctuation", "Fluency/Punctuation", Severity.MINOR, "half-width comma",
                       side="target", text_of_side=pair.target, start=2, end=3)
        results.append(PairResult(pair, (f,)))
    issues = render(report_from_results(results))
    assert len(issues) == 2 and issues[0]["fingerprint"] != issues[1]["fingerprint"]


def test_empty_report_is_an_empty_array() -> None:
    assert render(report_from_results([])) == []


def test_cli_fingerprints_survive_an_inserted_line(tmp_path) -> None:
    body = "Jincheng is a city in Shanxi.\t晋城是陕西的一个城市。\n"
    (tmp_path / "x.tsv").write_text("source\ttarget\n" + body, encoding="utf-8")
    first = run_cli("check", "x.tsv", "--format", "gitlab", "-o", "one.json", "--no-progress",
                    "--checks", "places", cwd=tmp_path)
    (tmp_path / "x.tsv").write_text("source\ttarget\nThanks.\t谢谢。\n" + body, encoding="utf-8")
    second = run_cli("check", "x.tsv", "--format", "gitlab", "-o", "two.json", "--no-progress",
                     "--checks", "places", cwd=tmp_path)
    assert first.returncode == second.returncode == 1
    one = json.loads((tmp_path / "one.json").read_text("utf-8"))
    two = json.loads((tmp_path / "two.json").read_text("utf-8"))
    assert [i["location"]["lines"]["begin"] for i in one] == [2]
    assert [i["location"]["lines"]["begin"] for i in two] == [3]
    assert [i["fingerprint"] for i in one] == [i["fingerprint"] for i in two]


def test_a_neutral_finding_is_info_in_gitlab_and_a_note_in_sarif(tmp_path) -> None:
    """Half-width brackets around Latin text are neutral: GitLab's lowest severity is info,
    SARIF's lowest level is note (both writers raised KeyError on neutral before)."""
    import json

    from tests.helpers.cli import run_cli

    corpus = tmp_path / "c.tsv"
    corpus.write_text("source\ttarget\nWe met in Taiyuan (TZ).\t我们在太原(TZ)会面。\n", encoding="utf-8")
    run = run_cli("check", corpus, "-o", f"gitlab:{tmp_path / 'gl.json'}",
                  "-o", f"sarif:{tmp_path / 'r.sarif'}", "--fail-on", "never", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    (issue,) = json.loads((tmp_path / "gl.json").read_text(encoding="utf-8"))
    assert issue["severity"] == "info" and "«(TZ)»" in issue["description"]
    (result,) = json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    assert result["level"] == "note" and result["properties"]["severity"] == "neutral"
