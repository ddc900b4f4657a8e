"""Span offsets around characters that break naive code: astral, joined, invisible, RTL.

Emoji and CJK Extension B are one Python character but two UTF-16 units (and four UTF-8
bytes); zero-width and bidi controls are invisible; a combining accent makes two
characters look like one. A check that counts any of these differently from ``str``
indices shifts every later span. Each planted pair carries a known error (陕西 for
Shanxi, a repeated 太原太原) whose offset is computed here with ``str.index``; every
format is written by our writers, read back and checked by every registered check.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.cli import assert_spans, check, report_of
from transreview.checks import build_checks
from transreview.formats import jsonl, moses, plan_inputs, read_doc, tmx, tsv, xliff
from transreview.model import Pair
from transreview.pipeline import run_checks
from transreview.results import RunStats

TRICKY = {
    "emoji": "😀",
    "zwj-family": "👨\u200d👩\u200d👧",
    "flag": "🇨🇳",
    "ext-b": "𠀀",
    "ext-b-2": "𪚥",
    "zwsp": "\u200b",
    "zwj": "\u200d",
    "rlm": "\u200f",
    "rlo": "\u202e",
    "arabic": "مرحبا ",
    "hebrew": "שלום ",
    "bom-inside": "\ufeff",
    "combining": "e\u0301",
    "line-sep": "\u2028",
}


def planted() -> list[Pair]:
    out = [Pair("plain", "Jincheng is in Shanxi.", "晋城在陕西。")]
    for name, x in TRICKY.items():
        out.append(Pair(f"{name}-place", f"{x}Jincheng{x} is in {x}Shanxi.{x}",
                        f"{x}晋城{x}在{x}陕西{x}。"))
        out.append(Pair(f"{name}-rep", f"{x}Visit Taiyuan{x}", f"{x}参观{x}太原太原{x}"))
    return out


def write_all(tmp: Path, pairs: list[Pair]) -> list[Path]:
    """The pairs in every format our writers produce; returns the inputs to read."""
    tsv.write(tmp / "t.tsv", pairs)
    tsv.write(tmp / "t.csv", pairs)
    jsonl.write(tmp / "t.jsonl", pairs)
    tmx.write_new(tmp / "t.tmx", pairs)
    xliff.write_new(tmp / "t12.xlf", pairs, version="1.2")
    xliff.write_new(tmp / "t20.xliff", pairs, version="2.0")
    moses.write(tmp / "t", pairs)  # split on \n only: U+2028 stays inside its line
    return [tmp / n for n in ("t.tsv", "t.csv", "t.jsonl", "t.tmx", "t12.xlf", "t20.xliff", "t.en", "t.zh")]


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("offsets")
    docs = plan_inputs(write_all(tmp, planted()))
    stats = RunStats()
    got = {}
    for doc in docs:
        got[doc.name] = list(run_checks(read_doc(doc), build_checks(), 1, stats=stats))
    return got, stats


def test_every_format_reads_the_tricky_pairs_back_exactly(results) -> None:
    got, _ = results
    assert len(got) == 7  # tsv, csv, jsonl, tmx, xliff 1.2, xliff 2.0, moses
    for name, rs in got.items():
        texts = [(r.pair.source, r.pair.target) for r in rs]
        assert texts == [(p.source, p.target) for p in planted()], name


def test_no_check_fails_on_tricky_text(results) -> None:
    _, stats = results
    assert [str(f) for f in stats.failures] == []


def test_every_span_is_a_str_slice(results) -> None:
    got, _ = results
    n = 0
    for rs in got.values():
        for r in rs:
            for f in r.findings:
                if f.start is None:
                    continue
                n += 1
                assert r.pair.text(f.side)[f.start : f.end] == f.text, (r.pair.id, f)
    assert n > 100  # the planted errors are found in every format


@pytest.mark.parametrize("name", list(TRICKY))
def test_planted_errors_are_found_at_the_right_offset(results, name: str) -> None:
    got, _ = results
    for doc, rs in got.items():
        by_id = {r.pair.id: r for r in rs}
        place = by_id.get(f"{name}-place") or by_id.get(_moses_id(f"{name}-place"))
        rep = by_id.get(f"{name}-rep") or by_id.get(_moses_id(f"{name}-rep"))
        assert place is not None and rep is not None, doc
        tgt = place.pair.target
        spans = [(f.start, f.end) for f in place.findings if f.check == "places"]
        assert spans == [(tgt.index("陕西"), tgt.index("陕西") + 2)], (doc, place.findings)
        tgt = rep.pair.target
        spans = [(f.start, f.end) for f in rep.findings if f.check == "repetition"]
        assert spans == [(tgt.index("太原太原"), tgt.index("太原太原") + 4)], (doc, rep.findings)


def _moses_id(pair_id: str) -> str:
    """Moses ids are line numbers: the 1-based position of ``pair_id`` among the planted."""
    return str([p.id for p in planted()].index(pair_id) + 1)


def test_json_report_spans_survive_serialisation(work: Path) -> None:
    pairs = planted()
    tsv.write(work / "tricky.tsv", pairs)
    report = report_of(check("tricky.tsv", cwd=work, extra=("--checks", "places,repetition")), work)
    assert assert_spans(report) == 2 * len(TRICKY) + 1
    raw = (work / "report.json").read_text(encoding="utf-8")
    # the offsets are code points whatever the JSON escaping: re-parse and compare
    assert json.loads(raw) == report


@pytest.mark.parametrize(
    "source",
    [
        "Jincheng is in 山西Shanxi.",  # a label written without a space
        "Jincheng is in Shanxi山西.",
        "Jincheng is in 𠀀Shanxi.",
        "Jincheng is in ㄅShanxi.",  # bopomofo
        "Jincheng is in 한Shanxi.",
    ],
)
def test_an_english_name_touching_cjk_is_still_a_word(source: str) -> None:
    # Before the fix the English word pattern took CJK letters as part of the word, so
    # "山西Shanxi" was one word and the critical 陕西 went unreported.
    pair = Pair("1", source, "晋城在陕西。")
    (result,) = run_checks([pair], build_checks(None, ["places"]), 1)
    spans = [(f.start, f.end, f.text) for f in result.findings if f.check == "places"]
    assert spans == [(3, 5, "陕西")]
