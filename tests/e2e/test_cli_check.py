"""``transreview check`` end to end: exit codes, formats, baseline, --min-chrf, the seed pages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import ClassVar

import pytest
import sacrebleu
from junitparser import JUnitXml

from tests.helpers.cli import run_cli
from tests.helpers.clirunner import CliRunner
from transreview.checks import CHECKS as CHECKS_REGISTRY
from transreview.checks.base import Check
from transreview.cli import cli
from transreview.errors import InputError, TransreviewError, UsageError
from transreview.model import Finding, Pair, Severity
from transreview.text.analysis import PairAnalysis

ROOT = Path(__file__).resolve().parents[2]
SHANXI_PAGE = ROOT / "corpora" / "jhcga-shanxi-2016.txt"
NINGXIA_PAGE = ROOT / "corpora" / "climate-group-ningxia-2012.txt"
# The checks these tests rely on; the default set is every registered check.
CHECKS = "places,punctuation,omission"

CLEAN = [("c1", "Taiyuan is the capital of Shanxi.", "太原是山西的省会。", "太原是山西的省会。")]
MINOR_ONLY = [("m1", "Hello, world", "你好,世界", "你好，世界")]
CRITICAL = [("x1", "Jincheng is a city in Shanxi.", "晋城是陕西的一个城市。", "晋城是山西的一个城市。")]


def tsv(path: Path, rows: list[tuple[str, ...]], reference: bool = False) -> Path:
    head = "id\tsource\ttarget" + ("\treference" if reference else "")
    lines = [head] + ["\t".join(r if reference else r[:3]) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(*args: str, env: dict[str, str] | None = None):
    runner = CliRunner()
    base = {"GITHUB_ACTIONS": "", "GITHUB_STEP_SUMMARY": "", "NO_COLOR": "1"}
    return runner.invoke(cli, ["check", "--checks", CHECKS, "--no-progress", *args], env={**base, **(env or {})})


def report(*args: str, env: dict[str, str] | None = None) -> tuple[int, dict]:
    res = run("--format", "json", *args, env=env)
    assert res.exception is None or isinstance(res.exception, SystemExit), res.output
    return res.exit_code, json.loads(res.stdout)


@pytest.mark.parametrize("rows,fail_on,code", [
    (CLEAN, "major", 0),
    (CLEAN, "minor", 0),
    (MINOR_ONLY, "major", 0),
    (MINOR_ONLY, "minor", 1),
    (CRITICAL, "critical", 1),
    (CRITICAL, "major", 1),
    (CRITICAL, "never", 0),
    (CLEAN + MINOR_ONLY + CRITICAL, "never", 0),
])
def test_exit_code_follows_fail_on(tmp_path: Path, rows, fail_on: str, code: int) -> None:
    got, data = report(str(tsv(tmp_path / "in.tsv", rows)), "--fail-on", fail_on)
    assert got == code
    assert data["gate"]["passed"] == (code == 0)


def test_json_report_shape(tmp_path: Path) -> None:
    code, data = report(str(tsv(tmp_path / "in.tsv", CLEAN + MINOR_ONLY + CRITICAL)))
    assert code == 1
    assert data["transreview"] and data["signature"].startswith("checks:omission@")
    assert data["signature"].endswith(f"|sacrebleu:{sacrebleu.__version__}")
    assert [p["id"] for p in data["pairs"]] == ["c1", "m1", "x1"]
    assert [p["index"] for p in data["pairs"]] == [0, 1, 2]
    assert all(p["doc"] == "in.tsv" for p in data["pairs"])
    x1 = data["pairs"][2]
    (place,) = [f for f in x1["findings"] if f["check"] == "places"]
    assert (place["severity"], place["text"], place["suggestion"]) == ("critical", "陕西", "山西")
    for p in data["pairs"]:
        for f in p["findings"]:
            if f["start"] is not None:
                assert p[f["side"]][f["start"]:f["end"]] == f["text"]
    assert data["summary"]["pairs"] == 3
    assert data["summary"]["findings"] == sum(len(p["findings"]) for p in data["pairs"])


def test_output_file_is_written_and_stdout_stays_empty(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    res = run("--format", "json", "-o", str(out), str(tsv(tmp_path / "in.tsv", CLEAN)))
    assert res.exit_code == 0 and res.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["pairs"] == 1


@pytest.mark.parametrize("args,error,message", [
    (["missing.tsv"], InputError, "missing.tsv: no such file"),
    (["in.tsv", "--checks", "places,nosuch"], UsageError, "unknown check nosuch; valid checks: places, numbers"),
    (["in.tsv", "--baseline", "nobase.json"], InputError, "baseline file not found"),
    (["in.tsv", "--min-chrf", "50"], UsageError, "--min-chrf needs pairs with a reference"),
    (["in.tsv", "--glossary", "noglossary.csv"], InputError, "noglossary.csv: glossary file not found"),
])
def test_bad_usage_and_input_raise_user_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args, error, message) -> None:
    monkeypatch.chdir(tmp_path)
    tsv(tmp_path / "in.tsv", CLEAN)
    out = tmp_path / "out.json"
    res = CliRunner().invoke(cli, ["check", "--checks", CHECKS, "-o", str(out), *args])
    assert isinstance(res.exception, error) and isinstance(res.exception, TransreviewError)
    assert message in str(res.exception)
    assert not out.exists()  # nothing half-written


def test_baseline_round_trip(tmp_path: Path) -> None:
    data_file = tsv(tmp_path / "in.tsv", CLEAN + MINOR_ONLY + CRITICAL)
    base = tmp_path / "baseline.json"
    code, first = report(str(data_file), "--write-baseline", str(base))
    assert code == 1 and base.exists()
    written = json.loads(base.read_text(encoding="utf-8"))
    assert sum(e["count"] for e in written["findings"]) == first["summary"]["findings"]
    code, second = report(str(data_file), "--baseline", str(base))
    assert code == 0
    assert second["summary"]["baselined"] == first["summary"]["findings"]
    assert all(f.get("baselined") is True for p in second["pairs"] for f in p["findings"])
    # a new error on another pair still fails
    tsv(tmp_path / "in.tsv", CLEAN + MINOR_ONLY + CRITICAL + [("x2", *CRITICAL[0][1:])])
    code, third = report(str(data_file), "--baseline", str(base))
    assert code == 1 and third["summary"]["failing"] >= 1
    assert not any(f.get("baselined") for f in third["pairs"][3]["findings"])


@pytest.mark.parametrize("threshold,code", [(40.0, 0), (99.0, 1)])
def test_min_chrf(tmp_path: Path, threshold: float, code: int) -> None:
    # chrF of 晋城是陕西… against 晋城是山西… is 60.6; the other pair scores 100
    rows = [("a", "Taiyuan is in Shanxi.", "太原在山西。", "太原在山西。"), CRITICAL[0]]
    got, data = report(str(tsv(tmp_path / "in.tsv", rows, reference=True)), "--fail-on", "never",
                       "--min-chrf", str(threshold))
    assert got == 0  # --fail-on never wins
    got, data = report(str(tsv(tmp_path / "in.tsv", rows, reference=True)), "--fail-on", "critical",
                       "--checks", "punctuation", "--min-chrf", str(threshold))
    assert got == code
    assert data["scores"]["pairs"] == 2
    assert 60.6 < data["scores"]["chrf"] < 100
    assert data["pairs"][0]["scores"] == {"bleu": 100.0, "chrf": 100.0, "ter": 0.0}
    assert any("below --min-chrf" in r for r in data["gate"]["reasons"]) == (code == 1)


def test_github_format_is_chosen_under_actions(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    res = run(str(tsv(tmp_path / "in.tsv", CRITICAL)), env={"GITHUB_ACTIONS": "true",
                                                            "GITHUB_STEP_SUMMARY": str(summary)})
    assert res.exit_code == 1
    lines = res.stdout.splitlines()
    assert any(ln.startswith("::error file=") and ",line=2," in ln and "陕西" in ln for ln in lines)
    assert "## transreview" in summary.read_text(encoding="utf-8")


def test_junit_format(tmp_path: Path) -> None:
    out = tmp_path / "junit.xml"
    res = run("--format", "junit", "-o", str(out), str(tsv(tmp_path / "in.tsv", CLEAN + CRITICAL)))
    assert res.exit_code == 1
    (suite,) = list(JUnitXml.fromfile(str(out)))
    assert [c.name for c in suite] == ["c1", "x1"]
    assert suite.failures == 1


def test_text_report_on_the_seed_pages() -> None:
    res = run(str(SHANXI_PAGE), str(NINGXIA_PAGE))
    assert res.exit_code == 1
    lines = res.stdout.splitlines()
    top = lines[:4]
    assert "! climate-group-ningxia-2012.txt: no Chinese text at all — 28 paragraphs have no translation" in top
    assert "«陕西»" in res.stdout and "suggestion: 山西" in res.stdout
    assert "«金城»" in res.stdout and "suggestion: 晋城" in res.stdout
    assert "\x1b[" not in res.stdout


def test_seed_pages_same_with_two_jobs() -> None:
    one = run("--format", "json", str(SHANXI_PAGE), str(NINGXIA_PAGE))
    two = run("--format", "json", "--jobs", "2", str(SHANXI_PAGE), str(NINGXIA_PAGE))
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout


def test_ningxia_page_omissions_in_json() -> None:
    code, data = report(str(NINGXIA_PAGE))
    assert code == 1
    assert data["notices"] == ["climate-group-ningxia-2012.txt: no Chinese text at all — 28 paragraphs have no translation"]
    assert len(data["pairs"]) == 28
    assert all(p["target"] == "" for p in data["pairs"])
    assert all([f["category"] for f in p["findings"]] == ["Accuracy/Omission"] for p in data["pairs"])


# ------------------------------------------------------------------ the real entry point


@pytest.mark.parametrize("content,expected", [
    (None, "missing.tsv: no such file"),
    ("id\tsource\ttarget\nx\t\"open quote\tb\n", "bad.tsv:2:"),
])
def test_bad_input_exits_2_with_one_line(tmp_path: Path, content: str | None, expected: str) -> None:
    name = "missing.tsv" if content is None else "bad.tsv"
    if content is not None:
        (tmp_path / name).write_text(content, encoding="utf-8")
    out = tmp_path / "report.json"
    res = run_cli("check", name, "--checks", CHECKS, "-o", str(out), cwd=tmp_path)
    assert res.returncode == 2
    assert res.stdout == ""
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("transreview: ") and expected in lines[0]
    assert "Traceback" not in res.stderr
    assert not out.exists()


def test_real_entry_point_on_the_shanxi_page() -> None:
    res = run_cli("check", str(SHANXI_PAGE), "--checks", CHECKS, "--format", "json")
    assert res.returncode == 1, res.stderr
    data = json.loads(res.stdout)
    found = {(f["text"], f["suggestion"], f["severity"]) for p in data["pairs"] for f in p["findings"]
             if f["check"] == "places"}
    assert ("陕西", "山西", "critical") in found
    assert any(t == "金城" and s == "晋城" for t, s, _ in found)


# ------------------------------------------------------------------ a check that crashes


class CrashingCheck(Check):
    """Raises on the pair whose id is x1 (registered for one test through the registry)."""

    name: ClassVar[str] = "crashing"
    version: ClassVar[int] = 1
    category: ClassVar[str] = "Fluency"
    severity: ClassVar[Severity] = Severity.MINOR

    def measure(self, pair: Pair, analysis: PairAnalysis) -> None:
        if pair.id == "x1":
            raise RuntimeError("bug in the check")

    def judge(self, pair: Pair, raw: None) -> list[Finding]:
        return []


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("fail_on,code", [("major", 1), ("never", 0)])
def test_a_crashing_check_is_reported_and_fails_the_gate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str, fail_on: str, code: int
) -> None:
    monkeypatch.setitem(CHECKS_REGISTRY, "crashing", f"{__name__}:CrashingCheck")
    res = CliRunner().invoke(cli, [
        "check", "--checks", "crashing,punctuation", "--format", "json", "--jobs", jobs, "--fail-on", fail_on,
        str(tsv(tmp_path / "in.tsv", CLEAN + CRITICAL)),
    ])
    assert res.exit_code == code, res.output
    data = json.loads(res.stdout)
    assert data["errors"] == ["check 'crashing' failed on pair x1 (in.tsv:3): RuntimeError: bug in the check"]
    assert [p["id"] for p in data["pairs"]] == ["c1", "x1"]  # the run went on
    assert "transreview: warning: check 'crashing' failed on pair x1" in res.stderr
    if fail_on == "major":
        assert data["gate"]["reasons"] == ["1 check failure: 1 pair check could not run"]
