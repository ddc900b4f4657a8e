"""Every reader's guard: a side longer than MAX_SEGMENT_CHARS is refused at its line, naming
the side (and, for a Moses pair, the file of that side); an input without pairs is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from transreview.errors import InputError
from transreview.formats import InputDoc, _guarded
from transreview.formats.base import MAX_SEGMENT_CHARS
from transreview.model import Pair

LONG = "x" * (MAX_SEGMENT_CHARS + 1)
FITS = "x" * MAX_SEGMENT_CHARS


def _pairs(**long: str) -> list[Pair]:
    ok = Pair("1", "a", "甲", line=2)
    bad = Pair("2", long.get("source", "b"), long.get("target", "乙"), line=3, reference=long.get("reference"))
    return [ok, bad, Pair("3", "c", "丙", line=4)]


@pytest.mark.parametrize("side", ["source", "target", "reference"])
def test_a_long_side_is_refused_at_its_line(side: str) -> None:
    doc = InputDoc("a.tsv", (Path("a.tsv"),), "tsv")
    got: list[str] = []
    with pytest.raises(InputError) as e:
        for p in _guarded(doc, iter(_pairs(**{side: LONG}))):
            got.append(p.id)
    assert got == ["1"]  # the pairs before it went through
    assert e.value.line == 3 and f"{side} segment of {len(LONG):,} characters" in str(e.value)


def test_a_moses_pair_names_the_file_of_the_long_side() -> None:
    doc = InputDoc("m", (Path("m.en"), Path("m.zh")), "moses")
    with pytest.raises(InputError) as e:
        list(_guarded(doc, iter(_pairs(target=LONG))))
    assert str(e.value.path) == "m.zh"


def test_sides_at_the_limit_pass() -> None:
    doc = InputDoc("a.tsv", (Path("a.tsv"),), "tsv")
    pairs = _pairs(source=FITS, target=FITS, reference=FITS)
    assert list(_guarded(doc, iter(pairs))) == pairs


def test_no_pairs_is_refused() -> None:
    with pytest.raises(InputError, match="no pairs in the file"):
        list(_guarded(InputDoc("a.tsv", (Path("a.tsv"),), "tsv"), iter([])))
