"""JSON that Python's json module accepts but the standard does not (NaN, Infinity, 1e400),
that loses information (a repeated key), cannot be written back (a lone surrogate) or
crashes int() (5,000 digits): a clean one-line refusal in check, import, merge, --baseline;
and a TOML key file with a 5,000-digit integer is refused the same way."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.cli import assert_refused, run_cli

BAD = {
    "nan": ('{"source": "a", "target": "b", "score": NaN}', "NaN"),
    "infinity": ('{"source": "a", "target": "b", "score": -Infinity}', "Infinity"),
    "huge float": ('{"source": "a", "target": "b", "score": 1e400}', "too large"),
    "duplicate key": ('{"source": "a", "target": "b", "target": "c"}', "twice"),
    "lone surrogate": ('{"source": "a\\ud800", "target": "b"}', "surrogate"),
    "5000 digits": ('{"source": "a", "target": "b", "n": ' + "9" * 5000 + "}", "too long"),
}
GOOD = '{"source": "The 3 cats.", "target": "三只猫。"}'


@pytest.mark.parametrize("name", list(BAD))
@pytest.mark.parametrize("command", ["check", "import"])
def test_a_non_standard_jsonl_line_is_refused(work: Path, name: str, command: str) -> None:
    line, word = BAD[name]
    (work / "in.jsonl").write_text(GOOD + "\n" + line + "\n", encoding="utf-8")
    if command == "check":
        run = run_cli("check", "in.jsonl", "--format", "json", "-o", "report.json", "--no-progress", cwd=work)
    else:
        run = run_cli("import", "in.jsonl", "--db", "p.db", cwd=work)
    assert_refused(run, "in.jsonl", line=2, problem=[word], cwd=work, absent=("report.json",))


def _baseline_with(work: Path, fragment: str) -> None:
    (work / "in.jsonl").write_text(GOOD + "\n", encoding="utf-8")
    run = run_cli("check", "in.jsonl", "--no-progress", "--fail-on", "never", "--write-baseline", "b.json", cwd=work)
    assert run.returncode == 0, run.stderr
    text = (work / "b.json").read_text(encoding="utf-8")
    (work / "b.json").write_text(text.replace("{", "{" + fragment + ",", 1), encoding="utf-8")


@pytest.mark.parametrize("fragment, word", [
    ('"x": NaN', "NaN"), ('"x": 1e400', "too large"), ('"x": ' + "1" * 5000, "too long"),
    ('"x": "\\udc00"', "surrogate"), ('"findings": []', "twice"),
])
def test_a_non_standard_baseline_is_refused(work: Path, fragment: str, word: str) -> None:
    _baseline_with(work, fragment)
    run = run_cli("check", "in.jsonl", "--no-progress", "--baseline", "b.json", "--format", "json",
                  "-o", "report.json", cwd=work)
    assert_refused(run, "b.json", line=None, problem=[word], cwd=work)


@pytest.mark.parametrize("fragment, word", [
    ('"x": Infinity', "Infinity"), ('"y": ' + "7" * 5000, "too long"),
])
def test_a_non_standard_shard_report_is_refused(work: Path, fragment: str, word: str) -> None:
    (work / "in.jsonl").write_text(GOOD + "\n" + GOOD.replace("3", "4") + "\n", encoding="utf-8")
    for i in (1, 2):
        run = run_cli("check", "in.jsonl", "--shard", f"{i}/2", "-o", f"s{i}.json", "--no-progress", cwd=work)
        assert run.returncode in (0, 1), run.stderr
    text = (work / "s2.json").read_text(encoding="utf-8")
    (work / "s2.json").write_text(text.replace("{", "{" + fragment + ",", 1), encoding="utf-8")
    run = run_cli("merge", "s1.json", "s2.json", "-o", "merged.json", cwd=work)
    assert run.returncode == 2 and "Traceback" not in run.everything, run.stderr
    assert len(run.stderr.splitlines()) == 1 and "s2.json" in run.stderr and word in run.stderr, run.stderr
    assert not (work / "merged.json").exists()


def test_a_valid_jsonl_file_still_reads(work: Path) -> None:
    (work / "in.jsonl").write_text(GOOD + "\n" + '{"source": "x", "target": "y", "n": 1.5e3, "m": -12}\n', encoding="utf-8")
    run = run_cli("check", "in.jsonl", "--format", "json", "-o", "report.json", "--no-progress", "--fail-on", "never", cwd=work)
    assert run.returncode == 0, run.stderr
    assert len(json.loads((work / "report.json").read_text(encoding="utf-8"))["pairs"]) == 2


def test_a_key_file_with_a_huge_integer_is_one_line(work: Path) -> None:
    (work / "keys.toml").write_text("[bindings]\nquit = " + "9" * 5000 + "\n", encoding="utf-8")
    (work / "a.tsv").write_text("source\ttarget\nHello.\t你好。\n", encoding="utf-8")
    run = run_cli("review", "a.tsv", "--config", "keys.toml", cwd=work)
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.everything
    lines = run.stderr.splitlines()
    assert len(lines) == 1 and "keys.toml" in lines[0] and "TOML" in lines[0], lines
