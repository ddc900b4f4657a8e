"""Baselines: fingerprints ignore the wording, counts catch a new duplicate, files round-trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from transreview.ci.baseline import Baseline, BaselineWriter, fingerprint
from transreview.errors import InputError
from transreview.model import Finding, Pair, Severity

PAIR = Pair("p1", "Hello, world, again", "你好,世界,再见", doc="a.tsv")


EDITED = Pair("p1", "Hello, world, again, friend", "你好,世界,再见,朋友", doc="a.tsv")  # a comma more


def comma(start: int, message: str = "half-width comma", severity: Severity = Severity.MINOR,
          pair: Pair = PAIR) -> Finding:
    return Finding.at("punctuation", "Fluency/Punctuation", severity, message, side="target",
                      text_of_side=pair.target, start=start, end=start + 1)


@pytest.mark.parametrize("a,b,same", [
    (comma(2), comma(2, "reworded message"), True),
    (comma(2), comma(2, severity=Severity.MAJOR), True),
    (comma(2), comma(5), True),  # offsets move when text is edited elsewhere
    (comma(2), Finding("punctuation", "Fluency/Punctuation", Severity.MINOR, "m"), False),  # text differs
    (comma(2), Finding.at("urls", "Fluency/Punctuation", Severity.MINOR, "m", side="target",
                          text_of_side=PAIR.target, start=2, end=3), False),  # check differs
    (comma(2), Finding.at("punctuation", "Fluency/Punctuation", Severity.MINOR, "m", side="source",
                          text_of_side=PAIR.source, start=5, end=6), False),  # side differs
])
def test_fingerprint_ignores_wording(a: Finding, b: Finding, same: bool) -> None:
    assert (fingerprint(PAIR, a) == fingerprint(PAIR, b)) == same


@pytest.mark.parametrize("other", [
    Pair("p2", PAIR.source, PAIR.target, doc="a.tsv"),
    Pair("p1", PAIR.source, PAIR.target, doc="b.tsv"),
])
def test_fingerprint_depends_on_pair_and_doc(other: Pair) -> None:
    assert fingerprint(PAIR, comma(2)) != fingerprint(other, comma(2))


def test_round_trip_and_counts(tmp_path: Path) -> None:
    w = BaselineWriter()
    w.add(PAIR, [comma(2), comma(5)])  # two findings, one fingerprint
    path = tmp_path / "baseline.json"
    w.write(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["transreview_baseline"] == 1
    assert [(e["check"], e["doc"], e["id"], e["text"], e["count"]) for e in data["findings"]] == [
        ("punctuation", "a.tsv", "p1", ",", 2)]
    b = Baseline.load(path)
    assert len(b) == 2
    m = b.matcher()
    # the pair was edited and a third comma appeared: only two are accepted
    third = [comma(2, pair=EDITED), comma(5, pair=EDITED), comma(8, pair=EDITED)]
    assert [f.text for f in third] == [",", ",", ","]
    assert m.accepted(EDITED, third) == frozenset({0, 1})
    # a fresh matcher starts over
    assert b.matcher().accepted(EDITED, [comma(8, pair=EDITED)]) == frozenset({0})


@pytest.mark.parametrize("content,message", [
    (None, "baseline file not found"),
    ("{not json", "baseline is not valid JSON"),
    ('{"findings": []}', "not a transreview baseline"),
    ('{"transreview_baseline": 9, "findings": []}', "baseline format 9 is not supported"),
    ('{"transreview_baseline": 1, "findings": [{"count": 1}]}', "baseline entry 1 has no valid fingerprint"),
])
def test_bad_baselines_are_input_errors(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "b.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as e:
        Baseline.load(path)
    assert str(e.value).startswith(str(path))
