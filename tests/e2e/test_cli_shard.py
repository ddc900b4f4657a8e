"""``check --shard I/N`` and ``merge``: the merged shard reports are the single run's report.

The corpus mixes generated pairs (planted homophone places, half-width commas, changed
numbers, empty targets, repeated sources for the consistency check, enough pairs for the
omission check's corpus statistics), the two seed pages (paragraphs without counterpart:
document notices) and a TSV with references (corpus BLEU/chrF/TER summed across shards).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import ClassVar

import pytest

from benchmarks.gen_pairs import write_tsv
from tests.helpers.cli import run_cli
from tests.helpers.clirunner import CliRunner
from transreview.checks import CHECKS as CHECKS_REGISTRY
from transreview.checks.base import Check
from transreview.cli import cli
from transreview.errors import InputError, UsageError
from transreview.model import Finding, Pair, Severity
from transreview.text.analysis import PairAnalysis

ROOT = Path(__file__).resolve().parents[2]

SHANXI_PAGE = ROOT / "corpora" / "jhcga-shanxi-2016.txt"
NINGXIA_PAGE = ROOT / "corpora" / "climate-group-ningxia-2012.txt"
ENV = {"GITHUB_ACTIONS": "", "GITHUB_STEP_SUMMARY": "", "NO_COLOR": "1"}


class CrashingCheck(Check):
    """Raises on every pair whose id ends in 7 (so failures fall in several shards)."""

    name: ClassVar[str] = "crashing"
    version: ClassVar[int] = 1
    category: ClassVar[str] = "Fluency"
    severity: ClassVar[Severity] = Severity.MINOR

    def measure(self, pair: Pair, analysis: PairAnalysis) -> None:
        if pair.id.endswith("7"):
            raise RuntimeError(f"bug on {pair.id}")

    def judge(self, pair: Pair, raw: None) -> list[Finding]:
        return []


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    tmp = tmp_path_factory.mktemp("shard")
    gen = write_tsv(tmp / "generated.tsv", 450, seed=5)
    refs = tmp / "refs.tsv"
    refs.write_text(
        "id\tsource\ttarget\treference\n"
        "r1\tJincheng is a city in Shanxi.\t晋城是陕西的一个城市。\t晋城是山西的一个城市。\n"
        "r2\tTaiyuan is the capital of Shanxi.\t太原是山西的省会。\t太原是山西的省会。\n"
        "r3\tHello, world\t你好,世界\t你好，世界\n"
        "r4\tThe museum receives 300 visitors a day.\t博物馆每天接待三百名游客。\t博物馆每天接待300名游客。\n"
        # one source, two translations, in neighbouring positions (so in different shards)
        "r5\tThe delegation admired the old city walls of Pingyao.\t代表团欣赏了平遥的古城墙。\t\n"
        "r6\tThe delegation admired the old city walls of Pingyao.\t代表团参观了平遥古城墙。\t\n",
        encoding="utf-8",
    )
    return [str(gen), str(SHANXI_PAGE), str(refs), str(NINGXIA_PAGE)]


def check(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(cli, ["check", "--no-progress", *args], env=ENV)
    assert res.exception is None or isinstance(res.exception, SystemExit), res.output
    return res.exit_code, res.stdout


def run_shards(tmp: Path, inputs: list[str], n: int, *extra: str) -> list[str]:
    outs = []
    for i in range(1, n + 1):
        out = tmp / f"s{i}of{n}.json"
        code, _ = check("--shard", f"{i}/{n}", "-o", str(out), *extra, *inputs)
        assert code in (0, 1)
        outs.append(str(out))
    return outs


def merge(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(cli, ["merge", *args], env=ENV)
    assert res.exception is None or isinstance(res.exception, SystemExit), res.output
    return res.exit_code, res.stdout


@pytest.fixture(scope="module")
def one_run(corpus: list[str], tmp_path_factory: pytest.TempPathFactory) -> tuple[int, Path]:
    out = tmp_path_factory.mktemp("one") / "one.json"
    code, _ = check("--format", "json", "-o", str(out), *corpus)
    return code, out


def test_merge_of_three_shards_is_the_single_run_report(corpus: list[str], one_run: tuple[int, Path], tmp_path: Path) -> None:
    code_one, one = one_run
    shards = run_shards(tmp_path, corpus, 3)
    merged = tmp_path / "merged.json"
    code, _ = merge(*shards, "-o", str(merged))
    assert code == code_one == 1  # planted critical errors fail the gate
    assert json.loads(merged.read_text("utf-8")) == json.loads(one.read_text("utf-8"))
    assert merged.read_bytes() == one.read_bytes()  # the same streamed layout, byte for byte

    data = json.loads(one.read_text("utf-8"))
    assert data["summary"]["pairs"] == len(data["pairs"]) > 456
    r6 = next(p for p in data["pairs"] if p["id"] == "r6")
    assert [f["message"] for f in r6["findings"] if f["check"] == "consistency"] == [
        "the same source is translated as '代表团欣赏了平遥的古城墙。' in r5: two variants, choose one"
    ]
    # corpus-level checks fired, so the shards really judged with whole-corpus statistics
    checks = {f["check"] for p in data["pairs"] for f in p["findings"]}
    assert {"consistency", "omission", "places", "punctuation"} <= checks
    assert data["scores"]["pairs"] == 4  # every reference pair, from whichever shard
    assert data["notices"], "the Ningxia page has no Chinese text: a notice"


def test_each_pair_is_in_exactly_one_shard_with_its_position(corpus: list[str], tmp_path: Path) -> None:
    shards = run_shards(tmp_path, corpus[:1], 2)
    parts = [json.loads(Path(s).read_text("utf-8")) for s in shards]
    seqs = [[p["seq"] for p in part["pairs"]] for part in parts]
    assert seqs[0] == list(range(0, 450, 2)) and seqs[1] == list(range(1, 450, 2))
    assert [p["id"] for p in parts[1]["pairs"][:3]] == ["g2", "g4", "g6"]
    assert parts[0]["shard"]["index"] == 1 and parts[1]["shard"]["count"] == 2
    assert parts[0]["summary"]["pairs"] + parts[1]["summary"]["pairs"] == 450


def test_merge_writes_every_format_as_the_single_run_would(corpus: list[str], tmp_path: Path) -> None:
    inputs = corpus[1:3]  # a page and the references: small
    shards = run_shards(tmp_path, inputs, 2)
    for fmt in ("text", "junit", "github"):
        _, single = check("--format", fmt, *inputs)
        code, merged = merge("--format", fmt, *shards)
        assert merged == single, fmt


def test_jobs_two_shards_merge_to_the_jobs_one_run(corpus: list[str], one_run: tuple[int, Path], tmp_path: Path) -> None:
    _, one = one_run
    shards = run_shards(tmp_path, corpus, 2, "--jobs", "2")
    merged = tmp_path / "merged.json"
    merge(*reversed(shards), "-o", str(merged))  # the order of the arguments does not matter
    assert merged.read_bytes() == one.read_bytes()


def test_check_failures_merge_in_input_order(corpus: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(CHECKS_REGISTRY, "crashing", f"{__name__}:CrashingCheck")
    args = ["--checks", "crashing,consistency,omission", corpus[0]]
    out = tmp_path / "one.json"
    code_one, _ = check("--format", "json", "-o", str(out), *args)
    shards = run_shards(tmp_path, args[2:], 3, *args[:2])
    merged = tmp_path / "merged.json"
    code, _ = merge(*shards, "-o", str(merged))
    data = json.loads(merged.read_text("utf-8"))
    # g7, g17, ..., g447: 45 pairs, one failure each, in input order
    assert len(data["errors"]) == 45
    assert data["errors"][:2] == [
        "check 'crashing' failed on pair g7 (generated.tsv:8): RuntimeError: bug on g7",
        "check 'crashing' failed on pair g17 (generated.tsv:18): RuntimeError: bug on g17",
    ]
    assert code == code_one == 1
    assert merged.read_bytes() == out.read_bytes()


@pytest.mark.parametrize("spec", ["0/3", "4/3", "1/0", "x", "1-3"])
def test_a_bad_shard_spec_is_a_usage_error(corpus: list[str], spec: str) -> None:
    res = CliRunner().invoke(cli, ["check", "--shard", spec, corpus[1]])
    assert res.exit_code == 2
    assert "--shard" in res.stderr


def test_a_shard_report_is_json_and_takes_no_baseline(corpus: list[str], tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["check", "--shard", "1/2", "--format", "text", corpus[1]])
    assert isinstance(res.exception, UsageError) and "--format json" in str(res.exception)
    base = tmp_path / "b.json"
    res = CliRunner().invoke(cli, ["check", "--shard", "1/2", "--write-baseline", str(base), corpus[1]])
    assert isinstance(res.exception, UsageError)
    assert not base.exists()


def test_merge_refuses_an_incomplete_or_mixed_set(corpus: list[str], tmp_path: Path) -> None:
    three = run_shards(tmp_path, corpus[1:2], 3)
    res = CliRunner().invoke(cli, ["merge", three[0], three[2]])
    assert isinstance(res.exception, UsageError) and "shard 2/3 missing" in str(res.exception)
    res = CliRunner().invoke(cli, ["merge", three[0], three[0], three[1]])
    assert isinstance(res.exception, UsageError) and "given twice" in str(res.exception)
    other = run_shards(tmp_path / "..", corpus[2:3], 3)  # shards of another input
    res = CliRunner().invoke(cli, ["merge", three[0], other[1], three[2]])
    assert isinstance(res.exception, UsageError) and "not shards of the same run" in str(res.exception)
    plain = tmp_path / "plain.json"
    check("--format", "json", "-o", str(plain), corpus[1])
    res = CliRunner().invoke(cli, ["merge", str(plain)])
    assert isinstance(res.exception, InputError) and "not a shard report" in str(res.exception)


def test_a_truncated_shard_report_is_one_line_and_exit_two(corpus: list[str], tmp_path: Path) -> None:
    shards = run_shards(tmp_path, corpus[1:2], 2)
    text = Path(shards[1]).read_text("utf-8")
    Path(shards[1]).write_text(text[: len(text) * 2 // 3], encoding="utf-8")
    out = tmp_path / "merged.json"
    proc = run_cli("merge", *shards, "-o", str(out))
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"transreview: {shards[1]}:"), proc.stderr
    assert "Traceback" not in proc.stderr
    assert not out.exists()  # nothing half-written


def test_min_chrf_is_judged_on_the_merged_corpus(corpus: list[str], tmp_path: Path) -> None:
    refs = corpus[2]
    out = tmp_path / "one.json"
    code_one, _ = check("--format", "json", "--min-chrf", "99", "--checks", "punctuation", "-o", str(out), refs)
    shards = run_shards(tmp_path, [refs], 3, "--min-chrf", "99", "--checks", "punctuation")
    merged = tmp_path / "merged.json"
    code, _ = merge(*shards, "-o", str(merged))
    data = json.loads(merged.read_text("utf-8"))
    assert code == code_one == 1
    assert any(r.startswith("corpus chrF ") and r.endswith("is below --min-chrf 99") for r in data["gate"]["reasons"])
    assert merged.read_bytes() == out.read_bytes()
