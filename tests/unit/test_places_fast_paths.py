"""The places check's shortcuts answer as the plain ways they replaced.

The sound-alike index visits only the positions whose character can begin a key, instead of
walking every word boundary of the text (which cut the whole text with jieba first); it
must hold the same starts, in the same order, for every window length.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from transreview.checks.places import _key_starts, _readings_among, _ZhSoundAlikes
from transreview.text.chinese import is_han, to_simplified
from transreview.text.gazetteer import load
from transreview.text.place_mentions import WordBoundaries, scan_zh
from transreview.text.segment import project_tokenizer

ROOT = Path(__file__).resolve().parents[2]


def _walk_every_boundary(sa: _ZhSoundAlikes, n: int) -> dict[str, list[int]]:
    """The replaced way of building the index for windows of length ``n``."""
    keys = sa._keys.get(n, set())
    prefixes = {k[:i] for k in keys for i in range(len(k) + 1)}
    z, bounds, readings = sa._z, sa._bounds, sa._gaz.readings
    index: dict[str, list[int]] = {}
    for s in bounds.all():
        if s > len(z) - n:
            break
        e = s + n
        w = z[s:e]
        ks = _readings_among(w, readings, keys, prefixes) if all(is_han(c) for c in w) else ()
        if not ks or (e not in bounds and bounds.word_end(s) <= e) or sa._taken(s, e):
            continue
        for k in ks:
            index.setdefault(k, []).append(s)
    return index


def _chinese_texts() -> list[str]:
    texts = ["晋城是陕西的一个城市。", "金城陕西山西晋城新州忻州长治重庆行唐大通大同西宁西安、呼和浩特", "陕西西安和山西太原 3.5% U.S. 𠀀西安", "",
             "太原、大同、金城、忻州、陕西、晋城、山西。" * 30]  # fmt: skip
    for name in ("jhcga-shanxi-2016.txt", "climate-group-ningxia-2012.txt"):
        lines = (ROOT / "corpora" / name).read_text(encoding="utf-8").splitlines()
        texts += [line for line in lines if any(map(is_han, line))]
    return [to_simplified(t) for t in texts]


@pytest.mark.parametrize("claim", [False, True], ids=["nothing-claimed", "mentions-claimed"])
def test_the_index_holds_what_walking_every_boundary_held(claim: bool) -> None:
    gaz, tok = load(), project_tokenizer()
    wanted = [p for p in gaz.places if p.key and len(p.zh) in (2, 3, 4) and p.level <= 2]
    texts = _chinese_texts()
    assert len(texts) >= 8
    found = 0
    for z in texts:
        zh_all = scan_zh(z, gaz, WordBoundaries(z, gaz, tok))
        claimed = {o.name for o in zh_all} if claim else set()
        fast = _ZhSoundAlikes(z, gaz, WordBoundaries(z, gaz, tok), zh_all, claimed, wanted)
        plain = _ZhSoundAlikes(z, gaz, WordBoundaries(z, gaz, tok), zh_all, claimed, wanted)
        for n in (2, 3, 4):
            index = fast._build(n)
            assert index == _walk_every_boundary(plain, n), (z, n)
            found += sum(map(len, index.values()))
    assert found > 20  # the texts name many places: not an agreement of empty indexes


def test_key_starts_are_the_han_characters_with_a_reading_that_begins_a_key() -> None:
    gaz = load()
    z = "山西陕西，善闪 shan 杉𠀀扇西安"
    prefixes = frozenset({"", "s", "sh", "sha", "shan", "shanx", "shanxi"})
    expected = [i for i, ch in enumerate(z) if is_han(ch) and prefixes & gaz.readings.get(ch, frozenset())]
    assert expected  # 山 陕 善 闪 杉 扇 read shan
    assert _key_starts(z, len(z) - 1, gaz.readings, prefixes) == expected
    assert _key_starts(z, 3, gaz.readings, prefixes) == [i for i in expected if i <= 3]


def _eager(z: str, gaz, tok) -> tuple[list[int], dict[int, int]]:
    """The whole text cut at once, word by word (the reference of test_check_places)."""
    from transreview.text.place_mentions import decompose

    bounds: set[int] = set()
    word_end: dict[int, int] = {}
    for span in tok.words(z):
        bounds.update((span.start, span.end))
        word_end[span.start] = span.end
        if span.end - span.start >= 3:
            bounds.update(span.start + k for k in decompose(z[span.start : span.end], gaz))
    return sorted(bounds), word_end


def test_boundaries_with_remembered_decompositions_give_the_whole_text_cut() -> None:
    """Which words are made of names is remembered per word: asked again (the memo warm),
    with another tokenizer, and with another gazetteer, the boundaries are those of the whole
    text cut at once."""
    from transreview.text.gazetteer import Gazetteer
    from transreview.text.segment import Tokenizer

    gaz, tok = load(), project_tokenizer()
    texts = [*_chinese_texts(), "山西太原市 山西省晋城市", "陕西省西安市和山西省太原市。"]
    for rounds in range(2):
        for z in texts:
            bounds, word_end = _eager(z, gaz, tok)
            lazy = WordBoundaries(z, gaz, tok)
            assert [lazy.word_end(i) for i in range(len(z) + 1)] == [word_end.get(i, 0) for i in range(len(z) + 1)]
            assert lazy.all() == bounds, (rounds, z)
    # a tokenizer that knows a word across the names
    z = "晋城市是山西的城市"
    other = Tokenizer(["是山西的城"])
    assert WordBoundaries(z, gaz, tok).all() == [0, 3, 4, 6, 7, 9]
    assert WordBoundaries(z, gaz, other).all() == _eager(z, gaz, other)[0] == [0, 3, 8, 9]
    # 山西太原 is one jieba word made of two names: cut inside with the gazetteer, not
    # with one that holds only Beijing (what was remembered for the first is not used)
    z = "山西太原"
    beijing_only = Gazetteer(list(gaz.by_zh["北京"]), gaz.readings)
    assert tok.run_words(z) == ("山西太原",)
    assert WordBoundaries(z, gaz, tok).all() == [0, 2, 4]
    assert WordBoundaries(z, beijing_only, tok).all() == [0, 4]
    assert WordBoundaries(z, gaz, tok).all() == [0, 2, 4]
