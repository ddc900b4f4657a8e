"""``transreview score``: numbers checked against sacrebleu computed here, errors, JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sacrebleu
from sacrebleu.metrics import TER

from tests.helpers.cli import run_cli
from tests.helpers.clirunner import CliRunner
from transreview.cli import cli
from transreview.errors import InputError

REF = ["晋城是山西的一个城市。", "我们明天去太原了。"]
HYP = ["晋城是陕西的一个城市。", "我们今天去太原。"]


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def score(*args: str):
    return CliRunner().invoke(cli, ["score", *args])


def test_identical_text_scores_100(tmp_path: Path) -> None:
    ref = write(tmp_path / "ref.txt", REF)
    res = score("--ref", str(ref), str(ref), "--format", "json")
    assert res.exit_code == 0
    data = json.loads(res.stdout)
    assert data["corpus"]["bleu"]["score"] == 100.0
    assert data["corpus"]["chrf"]["score"] == 100.0
    assert data["corpus"]["ter"]["score"] == 0.0
    assert [s["bleu"] for s in data["sentences"]] == [100.0, 100.0]


def test_numbers_match_sacrebleu(tmp_path: Path) -> None:
    res = score("--ref", str(write(tmp_path / "r.txt", REF)), str(write(tmp_path / "h.txt", HYP)), "--format", "json")
    assert res.exit_code == 0
    data = json.loads(res.stdout)
    assert data["corpus"]["bleu"]["score"] == pytest.approx(sacrebleu.corpus_bleu(HYP, [REF], tokenize="zh").score, abs=1e-3)
    assert data["corpus"]["chrf"]["score"] == pytest.approx(sacrebleu.corpus_chrf(HYP, [REF]).score, abs=1e-3)
    ter = TER(normalized=True, asian_support=True).corpus_score(HYP, [REF]).score
    assert data["corpus"]["ter"]["score"] == pytest.approx(ter, abs=1e-3)
    assert data["sentences"][0]["bleu"] == pytest.approx(70.17, abs=0.01)  # NOTES.md: 70.2
    assert data["sentences"][0]["chrf"] == pytest.approx(60.63, abs=0.01)  # NOTES.md: 60.6
    assert data["corpus"]["bleu"]["signature"] == f"nrefs:1|case:mixed|eff:no|tok:zh|smooth:exp|version:{sacrebleu.__version__}"


def test_text_output_prints_signatures(tmp_path: Path) -> None:
    res = score("--ref", str(write(tmp_path / "r.txt", REF)), str(write(tmp_path / "h.txt", HYP)))
    lines = res.stdout.splitlines()
    assert res.exit_code == 0 and len(lines) == 3
    assert lines[0].startswith(f"BLEU|nrefs:1|case:mixed|eff:no|tok:zh|smooth:exp|version:{sacrebleu.__version__} = ")
    assert lines[1].startswith("chrF2|nrefs:1|") and lines[2].startswith("TER|nrefs:1|")


def test_english_target_uses_13a(tmp_path: Path) -> None:
    ref = write(tmp_path / "r.txt", ["The cat sat on the mat."])
    hyp = write(tmp_path / "h.txt", ["The cat sat on a mat."])
    data = json.loads(score("--ref", str(ref), str(hyp), "--target-lang", "en", "--format", "json").stdout)
    assert "tok:13a" in data["corpus"]["bleu"]["signature"]
    expected = sacrebleu.corpus_bleu(["The cat sat on a mat."], [["The cat sat on the mat."]]).score
    assert data["corpus"]["bleu"]["score"] == pytest.approx(expected, abs=1e-3)


def test_lines_split_on_newline_only(tmp_path: Path) -> None:
    ref = tmp_path / "r.txt"
    ref.write_text("一\u2028二\n三\n", encoding="utf-8")  # U+2028 inside line 1
    res = score("--ref", str(ref), str(ref), "--format", "json")
    assert json.loads(res.stdout)["segments"] == 2


def test_tsv_target_column(tmp_path: Path) -> None:
    hyp = tmp_path / "h.tsv"
    hyp.write_text("source\ttarget\nJincheng is in Shanxi.\t晋城在山西。\n", encoding="utf-8")
    ref = write(tmp_path / "r.txt", ["晋城在山西。"])
    data = json.loads(score("--ref", str(ref), str(hyp), "--format", "json").stdout)
    assert data["corpus"]["bleu"]["score"] == 100.0


def test_multiple_references(tmp_path: Path) -> None:
    r1 = write(tmp_path / "r1.txt", ["晋城是山西的一个城市。"])
    r2 = write(tmp_path / "r2.txt", ["晋城是陕西的一个城市。"])
    hyp = write(tmp_path / "h.txt", ["晋城是陕西的一个城市。"])
    data = json.loads(score("--ref", str(r1), "--ref", str(r2), str(hyp), "--format", "json").stdout)
    assert data["corpus"]["bleu"]["score"] == 100.0 and "nrefs:2" in data["corpus"]["bleu"]["signature"]


def test_line_count_mismatch_names_both_files(tmp_path: Path) -> None:
    ref = write(tmp_path / "r.txt", REF[:1])
    hyp = write(tmp_path / "h.txt", HYP)
    res = score("--ref", str(ref), str(hyp))
    assert isinstance(res.exception, InputError)
    assert str(res.exception).startswith(str(ref)) and str(hyp) in str(res.exception)
    assert "1 segments" in str(res.exception) and "has 2" in str(res.exception)


def test_output_file_and_real_entry_point(tmp_path: Path) -> None:
    ref = write(tmp_path / "r.txt", REF)
    out = tmp_path / "scores.json"
    res = run_cli("score", "--ref", str(ref), str(ref), "--format", "json", "-o", str(out), timeout=60)
    assert res.returncode == 0 and res.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["corpus"]["chrf"]["score"] == 100.0
    bad = run_cli("score", "--ref", str(tmp_path / "nope.txt"), str(ref), timeout=60)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and len(bad.stderr.strip().splitlines()) == 1
