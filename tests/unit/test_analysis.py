"""The per-pair analysis: each shared fact computed once per pair, whichever checks ask."""

from __future__ import annotations

import pytest

from transreview.checks import build_checks
from transreview.model import Pair, Span
from transreview.pipeline import run_checks
from transreview.text.align import sentences as sentences_mod
from transreview.text.align.sentences import align_sentences
from transreview.text.analysis import PairAnalysis, analyse
from transreview.text.numbers import compare as compare_mod
from transreview.text.segment import Tokenizer, project_tokenizer
from transreview.workers import ALIGN_FAILED, process_pair

# "1" glued to 几百 is a stray digit: both the numbers check (which leaves it out) and the
# repetition check (which reports it) read the same comparison.
STRAY = Pair("s1", "Several hundred attendees came.", "音箱1几百与会者来了。")
# Three source sentences, two target sentences: omission aligns them.
LOST = Pair(
    "l1",
    "The delegation arrived in Taiyuan on Monday. It met the governor at noon. "
    "On Tuesday it visited a coal mine near Datong.",
    "代表团周一抵达太原，中午会见了省长。周二参观了大同附近的一座煤矿。",
)


def _count_calls(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[Pair]:
    seen: list[Pair] = []
    real = getattr(module, name)

    def counting(pair: Pair, *a: object, **kw: object) -> object:
        seen.append(pair)
        return real(pair, *a, **kw)

    monkeypatch.setattr(module, name, counting)
    return seen


def test_numbers_are_compared_once_for_the_numbers_and_repetition_checks(monkeypatch) -> None:
    calls = _count_calls(monkeypatch, compare_mod, "compare_pair")
    checks = build_checks(None, ["numbers", "repetition"])
    findings, *_ = process_pair(checks, STRAY, False, project_tokenizer())
    assert [f.check for f in findings] == ["repetition"]  # the stray "1", reported once
    assert findings[0].text == "1"
    assert calls == [STRAY]  # one comparison served both checks


def test_the_alignment_omission_made_is_the_one_the_run_returns(monkeypatch) -> None:
    calls = _count_calls(monkeypatch, sentences_mod, "align_sentences")
    (result,) = run_checks([LOST], build_checks(None, ["omission"]), scores=False, alignments=True)
    assert len(calls) == 1  # omission aligned the pair; the import reuses it
    assert result.alignment == align_sentences(LOST)
    assert len(result.alignment.src_spans) == 3 and len(result.alignment.tgt_spans) == 2


def test_a_pair_omission_does_not_align_is_aligned_once_for_the_import(monkeypatch) -> None:
    calls = _count_calls(monkeypatch, sentences_mod, "align_sentences")
    pair = Pair("e1", "Taiyuan is the capital.", "太原是省会。")
    (result,) = run_checks([pair], build_checks(None, ["omission", "numbers"]), scores=False, alignments=True)
    assert calls == [pair]
    assert result.alignment == align_sentences(pair)


def test_without_the_flag_or_a_second_side_there_is_no_alignment(monkeypatch) -> None:
    calls = _count_calls(monkeypatch, sentences_mod, "align_sentences")
    one_sided = Pair("o1", "Taiyuan is the capital.", "")
    results = list(run_checks([STRAY, one_sided], build_checks(None, ["numbers"]), scores=False, alignments=True))
    assert results[1].alignment is None
    (plain,) = run_checks([STRAY], build_checks(None, ["numbers"]), scores=False)
    assert plain.alignment is None
    assert calls == [STRAY]  # aligned for the run that asked, and only for the two-sided pair


def test_an_aligner_failure_is_marked_not_raised(monkeypatch) -> None:
    def broken(pair: Pair, *a: object, **kw: object) -> object:
        raise IndexError("bug in the aligner")

    monkeypatch.setattr(sentences_mod, "align_sentences", broken)
    item = process_pair([], LOST, False, project_tokenizer(), alignments=True)
    assert item[5] is ALIGN_FAILED


def test_the_analysis_cuts_words_with_the_tokenizer_it_is_given() -> None:
    # 计划计划 is flagged only when the tokenizer cuts 计划 twice; a tokenizer that cuts
    # every character alone sees no doubled word, so the check must be asking it.
    class OneCharacterWords(Tokenizer):
        def words(self, text: str) -> list[Span]:
            return [Span(i, i + 1) for i, ch in enumerate(text) if not ch.isspace()]

    (check,) = build_checks(None, ["repetition"])
    pair = Pair("r1", "We need a plan.", "我们需要一个计划计划。")
    assert [f.text for f in check.run(pair, PairAnalysis(pair, project_tokenizer()))] == ["计划计划"]
    assert check.run(pair, PairAnalysis(pair, OneCharacterWords())) == []


def test_facts_are_kept_once_computed() -> None:
    a = analyse(LOST)
    assert a.sentences("source") is a.sentences("source")
    assert a.alignment is a.alignment
    assert a.numbers is a.numbers
    assert a.addresses("target") is a.addresses("target")
    assert a.simplified("target") is a.simplified("target")


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("见 www.example.com。", [(2, 17)]),
        ("写信给 info@example.org 即可", [(4, 20)]),
        ("没有地址。", []),
    ],
)
def test_address_spans_are_those_of_the_addresses_module(text: str, spans: list[tuple[int, int]]) -> None:
    from transreview.text.addresses import address_spans

    a = analyse(Pair("a", "x", text))
    assert a.address_spans("target") == spans == address_spans(text)
