"""The consistency check: one source two ways, one target for two sources."""

from __future__ import annotations

import pickle

import pytest

from tests.helpers.pairmaker import en_zh, zh_en
from transreview.checks.consistency import ConsistencyCheck
from transreview.model import Pair, Severity
from transreview.text.analysis import analyse

CHECK = ConsistencyCheck()




def run(pairs: list[Pair]) -> list[list]:
    return CHECK.judge_corpus(pairs, [CHECK.measure(p, analyse(p)) for p in pairs])


# (pairs, index of the flagged pair, suggestion, words in the message)
FIRES = [
    pytest.param(
        [en_zh("Energy efficiency matters.", "能源效率很重要。", "p1"), en_zh("energy  efficiency matters.", "能效很重要。", "p2")],
        1, None, ["p1", "'能源效率很重要。'", "two variants"],
        id="same-source-two-translations",
    ),
    pytest.param(
        [
            en_zh("The visit resulted in several MOUs.", "此次访问签署了多项谅解备忘录。", "p1"),
            en_zh("The trip produced a number of agreements.", "此次访问签署了多项谅解备忘录。", "p2"),
        ],
        1, None, ["p1", "different source", "The visit resulted"],
        id="one-target-two-sources",
    ),
    pytest.param(
        [zh_en("能源效率很重要。", "Energy efficiency matters.", "p1"), zh_en("能源效率很重要。", "Efficiency is key.", "p2")],
        1, None, ["p1", "'Energy efficiency matters.'"],
        id="zh-en-same-source",
    ),
    pytest.param(
        [zh_en("這個計劃很好。", "This plan is good.", "p1"), zh_en("這個計劃很好。", "The project is great.", "p2")],
        1, None, ["p1", "'This plan is good.'"],
        id="zh-en-traditional-source",
    ),
    pytest.param(
        [
            en_zh("Energy efficiency matters.", "能源效率很重要。", "p1", doc="a.tsv"),
            en_zh("Energy efficiency matters.", "能效很重要。", "p1", doc="b.tsv"),
        ],
        1, None, ["p1 (a.tsv)"],
        id="across-documents",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("pairs", "flagged", "suggestion", "words"), FIRES)
def test_fires(pairs: list[Pair], flagged: int, suggestion: str | None, words: list[str]) -> None:
    found = run(pairs)
    assert [len(f) for f in found] == [1 if i == flagged else 0 for i in range(len(pairs))]
    (f,) = found[flagged]
    target = pairs[flagged].target
    assert (f.side, f.start, f.end, f.text) == ("target", 0, len(target), target)
    assert f.suggestion == suggestion
    assert f.severity is Severity.MINOR
    assert f.category == "Fluency/Inconsistency"
    for w in words:
        assert w in f.message


def test_only_occurrences_differing_from_the_first_are_flagged() -> None:
    pairs = [
        en_zh("Energy efficiency matters.", "能源效率很重要。", "p1"),
        en_zh("Energy efficiency matters.", "能效很重要。", "p2"),
        en_zh("Energy efficiency matters.", "能源效率很重要。", "p3"),
    ]
    assert [len(f) for f in run(pairs)] == [0, 1, 0]


QUIET = [
    pytest.param([en_zh("OK", "好", "p1"), en_zh("OK", "行", "p2")], id="too-short"),
    pytest.param([en_zh("2016", "2016年", "p1"), en_zh("2016", "二〇一六年", "p2")], id="numbers-only-source"),
    pytest.param([en_zh("Thanks", "谢谢", "p1"), en_zh("Thank you", "谢谢", "p2")], id="short-sources-share-target"),
    pytest.param(
        [en_zh("This blog has been archived.", "", f"p{i}") for i in range(3)], id="empty-targets-are-omission"
    ),
    pytest.param(
        [en_zh("Thank you all!", "谢谢大家!", "p1"), en_zh("Thank you all!", "谢谢大家！", "p2")], id="width-only"
    ),
    pytest.param(
        [en_zh("Energy efficiency matters.", "能源效率很重要。", "p1"), en_zh("Wind power matters.", "风电很重要。", "p2")],
        id="different-everything",
    ),
    pytest.param(
        [zh_en("這個計劃很好。", "This plan is good.", "p1"), zh_en("這個計劃很好。", "this plan  is good.", "p2")],
        id="case-and-space-only",
    ),
]


@pytest.mark.parametrize("pairs", QUIET)
def test_quiet(pairs: list[Pair]) -> None:
    assert all(f == [] for f in run(pairs))


def test_measure_is_small_and_stable() -> None:
    pair = en_zh("Energy efficiency matters.", "能源效率很重要。", "p1")
    m = CHECK.measure(pair, analyse(pair))
    assert m is not None
    assert len(pickle.dumps(m)) < 120
    # stable across instances (and so across worker processes): not Python's salted hash()
    assert ConsistencyCheck().measure(pair, analyse(pair)) == m


def test_hashes_do_not_depend_on_the_process_hash_seed() -> None:
    import os
    import subprocess
    import sys

    code = (
        "from transreview.checks.consistency import ConsistencyCheck\n"
        "from transreview.model import Pair\n"
        "from transreview.text.analysis import analyse\n"
        "p = Pair('p', 'Energy efficiency matters.', '能源效率很重要。'); print(ConsistencyCheck().measure(p, analyse(p)))"
    )
    outs = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outs) == 1


# ------------------------------------------------------------------ parameters


def test_a_parameter_changes_the_judgement_not_the_measurement(monkeypatch: pytest.MonkeyPatch) -> None:
    """The length limits apply in judging: the same measurements, judged with other limits."""
    pairs = [en_zh("Thanks", "谢谢", "p1"), en_zh("Thank you", "谢谢", "p2")]
    raws = [CHECK.measure(p, analyse(p)) for p in pairs]
    strict = ConsistencyCheck(min_source_chars_for_shared_target=5, min_chars=2)

    def no_measuring(self: ConsistencyCheck, pair: Pair) -> None:
        raise AssertionError("judging must not measure")

    monkeypatch.setattr(ConsistencyCheck, "measure", no_measuring)
    assert CHECK.judge_corpus(pairs, raws) == [[], []]  # short sources share a translation
    found = strict.judge_corpus(pairs, raws)
    assert found[0] == [] and len(found[1]) == 1
    assert "different source" in found[1][0].message
    assert strict.signature() == "consistency@2[min_chars=2,min_source_chars_for_shared_target=5]"
    assert CHECK.signature() == "consistency@2"
