"""The comet backend without torch: recorded outputs mapped to answers and findings, and a
clear error when the extra is missing.

The loading code itself (``comet.load_from_checkpoint``, ``MT5ForConditionalGeneration``)
is not run here: building even a tiny COMET checkpoint needs torch, pytorch-lightning and an
XLM-R tokenizer on disk, none of which the test environment has or may download.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from tests.helpers.cli import run_cli
from transreview.model import Pair, Severity
from transreview.qe import make_backend
from transreview.qe.base import QESegment, QEUnavailable
from transreview.qe.comet import (
    _metricx_tokenizer,
    answers_from_comet,
    answers_from_metricx,
    comet_checkpoint,
    metricx_input,
)
from transreview.qe.findings import answer_findings

DATA = Path(__file__).parents[1] / "data" / "qe"
HAS_COMET = importlib.util.find_spec("comet") is not None


def _recorded(name: str):
    d = json.loads((DATA / name).read_text(encoding="utf-8"))
    pairs = [Pair(id=str(i), source=s["src"], target=s["mt"]) for i, s in enumerate(d["segments"])]
    return pairs, d["prediction"]


def test_xcomet_scores_and_spans() -> None:
    pairs, prediction = _recorded("xcomet_prediction.json")
    answers = answers_from_comet(prediction, len(pairs))
    assert [a.score for a in answers] == [0.4132, 0.6021, 0.9713, 0.8820]
    assert [len(a.spans) for a in answers] == [2, 1, 0, 1]
    assert answers[0].spans[0].confidence == 0.71 and answers[0].spans[0].severity == "major"


def test_xcomet_findings_hold_their_offsets() -> None:
    pairs, prediction = _recorded("xcomet_prediction.json")
    answers = answers_from_comet(prediction, len(pairs))
    found = [answer_findings(p, a, backend="comet", model="xcomet") for p, a in zip(pairs, answers, strict=True)]
    # Chinese target: offsets as given
    yin, jie = found[0]
    assert (yin.start, yin.end, yin.text, yin.severity) == (11, 13, "音箱", Severity.MAJOR)
    assert (jie.text, jie.severity) == ("介绍", Severity.MINOR)
    assert "confidence 0.71" in yin.message
    # English target: the leading-space offsets (3, 12) corrected to the word; critical capped
    (spk,) = found[1]
    assert (spk.start, spk.end, spk.text, spk.severity) == (4, 12, "speakers", Severity.MAJOR)
    assert found[2] == []
    # A span whose text is not in the segment: neutral, whole pair
    (ghost,) = found[3]
    assert ghost.severity is Severity.NEUTRAL and ghost.start is None
    for pair, fs in zip(pairs, found, strict=True):
        for f in fs:
            if f.start is not None:
                assert pair.text(f.side)[f.start : f.end] == f.text


def test_cometkiwi_has_scores_only() -> None:
    pairs, prediction = _recorded("cometkiwi_prediction.json")
    answers = answers_from_comet(prediction, len(pairs))
    assert [(a.score, a.native, a.spans) for a in answers] == [(0.8391, 0.8391, ()), (0.7904, 0.7904, ())]


def test_a_short_score_list_is_a_notice_not_an_index_error() -> None:
    answers = answers_from_comet({"scores": [0.5]}, 2)
    assert answers[0].score == 0.5 and answers[1].score is None and answers[1].notice


def test_attribute_style_prediction() -> None:
    class Meta:
        error_spans = [[{"text": "x", "start": 0, "end": 1, "severity": "minor", "confidence": 0.3}]]

    class Prediction:
        scores = [1.2]  # out of range scores are clamped, the native value kept
        metadata = Meta()

    (a,) = answers_from_comet(Prediction(), 1)
    assert (a.score, a.native, len(a.spans)) == (1.0, 1.2, 1)


def test_metricx_mapping_and_input() -> None:
    answers = answers_from_metricx([0.0, 5.0, 25.0, 31.7, -0.4])
    assert [a.score for a in answers] == [1.0, 0.8, 0.0, 0.0, 1.0]
    assert [a.native for a in answers] == [0.0, 5.0, 25.0, 25.0, 0.0]
    assert metricx_input(QESegment("Hi.", "你好。")) == "source: Hi. candidate: 你好。"
    assert _metricx_tokenizer("google/metricx-24-hybrid-large-v2p6") == "google/mt5-large"
    assert _metricx_tokenizer("google/metricx-24-hybrid-xxl-v2p6") == "google/mt5-xxl"
    assert _metricx_tokenizer("/models/metricx-24-hybrid-xl-v2p6") == "google/mt5-xl"


def test_a_local_folder_without_a_checkpoint_is_refused(tmp_path) -> None:
    with pytest.raises(QEUnavailable, match="checkpoints/model.ckpt"):
        comet_checkpoint(str(tmp_path), download=False)
    ckpt = tmp_path / "checkpoints" / "model.ckpt"
    ckpt.parent.mkdir()
    ckpt.write_bytes(b"")
    assert comet_checkpoint(str(tmp_path), download=False) == str(ckpt)


@pytest.mark.skipif(HAS_COMET, reason="unbabel-comet is installed here")
def test_missing_extra_is_a_clear_error() -> None:
    with pytest.raises(QEUnavailable, match=r"qe-comet extra"):
        make_backend("comet", "Unbabel/wmt22-cometkiwi-da")


@pytest.mark.skipif(HAS_COMET, reason="unbabel-comet is installed here")
def test_cli_without_the_extra_exits_2(tmp_path) -> None:
    (tmp_path / "a.tsv").write_text("source\ttarget\nHello.\t你好。\n", encoding="utf-8")
    db = tmp_path / "a.db"
    assert run_cli("-q", "import", tmp_path / "a.tsv", "--db", db).returncode == 0
    res = run_cli("qe", db, "--backend", "comet", "--model", "Unbabel/wmt22-cometkiwi-da")
    assert res.returncode == 2
    assert res.stderr.count("\n") == 1 and "qe-comet" in res.stderr and "Traceback" not in res.stderr
