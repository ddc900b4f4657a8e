"""Baselines: fingerprints ignore the wording and the position, counts catch a new duplicate,
files round-trip, a format 1 file is still honoured."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from transreview.ci.baseline import Baseline, BaselineWriter, fingerprint, fingerprint_v1
from transreview.errors import InputError
from transreview.model import Finding, Pair, Severity

PAIR = Pair("p1", "Hello, world, again", "你好,世界,再见", doc="a.tsv")


EDITED = Pair("p1", "Hello, world, again, friend", "你好,世界,再见,朋友", doc="a.tsv")  # a comma more
MOVED = Pair("p9", PAIR.source, PAIR.target, doc="a.tsv", index=8, line=10)  # a line inserted above


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
    Pair("p1", PAIR.source, PAIR.target, doc="b.tsv"),
    Pair("p1", PAIR.source, PAIR.target + "!", doc="a.tsv"),  # the target was edited
    Pair("p1", PAIR.source + "!", PAIR.target, doc="a.tsv"),  # the source was edited
])
def test_fingerprint_depends_on_content_and_doc(other: Pair) -> None:
    assert fingerprint(PAIR, comma(2)) != fingerprint(other, comma(2))


def test_fingerprint_ignores_the_position() -> None:
    assert fingerprint(PAIR, comma(2)) == fingerprint(MOVED, comma(2))
    assert fingerprint_v1(PAIR, comma(2)) != fingerprint_v1(MOVED, comma(2))  # what format 1 did


def test_a_format_1_file_is_matched_the_old_way(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    entry = {"fingerprint": fingerprint_v1(PAIR, comma(2)), "check": "punctuation", "doc": "a.tsv",
             "id": "p1", "side": "target", "text": ",", "count": 2}
    path.write_text(json.dumps({"transreview_baseline": 1, "findings": [entry]}), encoding="utf-8")
    b = Baseline.load(path)
    assert b.version == 1
    assert b.matcher().accepted(PAIR, [comma(2), comma(5)]) == frozenset({0, 1})
    assert b.matcher().accepted(MOVED, [comma(2)]) == frozenset()


def test_round_trip_and_counts(tmp_path: Path) -> None:
    w = BaselineWriter()
    w.add(PAIR, [comma(2), comma(5)])  # two findings, one fingerprint
    path = tmp_path / "baseline.json"
    w.write(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["transreview_baseline"] == 2
    assert [(e["check"], e["doc"], e["id"], e["text"], e["count"]) for e in data["findings"]] == [
        ("punctuation", "a.tsv", "p1", ",", 2)]
    b = Baseline.load(path)
    assert len(b) == 2
    # the pair moved down a line: both commas are still accepted
    assert b.matcher().accepted(MOVED, [comma(2), comma(5)]) == frozenset({0, 1})
    # the same pair twice in the file: the second copy's commas are new
    m = b.matcher()
    assert m.accepted(PAIR, [comma(2), comma(5)]) == frozenset({0, 1})
    assert m.accepted(MOVED, [comma(2), comma(5)]) == frozenset()
    # the pair was edited (a comma more): it is looked at again
    third = [comma(2, pair=EDITED), comma(5, pair=EDITED), comma(8, pair=EDITED)]
    assert b.matcher().accepted(EDITED, third) == frozenset()


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
