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


# --- English names: only the words that begin with a letter other than a-z are visited ----

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from transreview.text import place_mentions as _pm  # noqa: E402
from transreview.text.gazetteer import Gazetteer, en_key  # noqa: E402
from transreview.text.place_mentions import EN_WORD, EnMention, demonym_places, scan_en  # noqa: E402
from transreview.text.textnorm import analysis_view  # noqa: E402


def _scan_en_every_word(text: str, gaz: Gazetteer) -> list[EnMention]:
    """The replaced way: list every word of the text, then walk them all."""
    view = analysis_view(text)
    words: list[tuple[int, int, str]] = []
    for m in EN_WORD.finditer(view):
        w = m.group()
        if w.endswith("'s") and len(w) > 3:
            words.append((m.start(), m.end() - 2, w[:-2]))
        else:
            words.append((m.start(), m.end(), w))

    def space_between(a: int, b: int) -> bool:
        gap = view[a:b]
        return 0 < len(gap) <= 2 and gap.isspace()

    def is_surname(word: tuple[int, int, str] | None, pos: int, before: bool) -> bool:
        if word is None:
            return False
        s, e, w = word
        if not w[:1].isupper() or en_key(w) not in _pm._SURNAMES:
            return False
        return space_between(e, pos) if before else space_between(pos, s)

    out: list[EnMention] = []
    i = 0
    while i < len(words):
        s, e, w = words[i]
        if not w[:1].isupper() or (w.isupper() and 1 < len(w) <= _pm._ACRONYM_MAX):
            i += 1
            continue
        first = en_key(w)
        if first not in gaz.en_first:
            demonym = demonym_places(w, gaz)
            if demonym:
                out.append(EnMention(s, e, text[s:e], (first,), demonym, False, False))
            i += 1
            continue
        keys = [first]
        j = i + 1
        while (j < len(words) and len(keys) < gaz.en_max_words and words[j][2][:1].isupper()
               and space_between(words[j - 1][1], words[j][0])):  # fmt: skip
            keys.append(en_key(words[j][2]))
            j += 1
        found = None
        for n in range(len(keys), 0, -1):
            places = gaz.by_en.get(tuple(keys[:n]))
            if places:
                found = (n, tuple(keys[:n]), places)
                break
        if found is None:
            i += 1
            continue
        n, key, places = found
        end = words[i + n - 1][1]
        nxt = words[i + n] if i + n < len(words) else None
        prev = words[i - 1] if i > 0 else None
        designated = bool(nxt and space_between(end, nxt[0]) and nxt[2].lower() in _pm._DESIGNATIONS)
        person = not designated and (is_surname(prev, s, True) or is_surname(nxt, end, False))
        out.append(EnMention(s, end, text[s:end], key, places, designated, person))
        i += n
    return out


def _english_lines() -> list[str]:
    files = sorted((ROOT / "corpora").glob("*.txt"))
    files += sorted(p for p in (ROOT / "tests" / "data").rglob("*") if p.is_file())
    out: list[str] = []
    for path in files:
        try:
            out.extend(path.read_text(encoding="utf-8").splitlines())
        except (UnicodeDecodeError, OSError):
            continue
    return out


_EN_PIECES = st.sampled_from(
    ["Shanxi", "Shaanxi", "Wu", "Wang", "Wang's", "WANG", "County", "county", "CITY", "Inner", "Mongolia",
     "Xi'an", "Taiwanese", "Shanghainese", "ABA", "BEIJING", "Beijing", "Shanxi's", "É", "Élan", "Ünited",
     "ſeptember", "Changhua", "Yulin", "Hong", "Kong", "Special", "Administrative", "Region", "x", "o'", "d'",
     "Ma", "Li", "Province", "Aba", "Ǆ", "ǅ", "Σ", "山西", "a1", "1", "_", "Ⅻ", "Jincheng"]
)  # fmt: skip
_EN_GAPS = st.sampled_from([" ", "  ", "   ", "\t", "\n", "", ",", ", ", "'", " '", "' ", "\u00a0", "\u3000", "-", "'s ", "’s ", "’"])


def test_scan_en_finds_what_walking_every_word_found() -> None:
    gaz = load()
    lines = _english_lines()
    assert len(lines) > 5_000
    found = 0
    for line in lines:
        fast = scan_en(line, gaz)
        assert fast == _scan_en_every_word(line, gaz), line
        found += len(fast)
    assert found > 500  # the corpora name many places (612 when written)


@settings(max_examples=3_000)
@given(st.lists(st.tuples(_EN_PIECES, _EN_GAPS), max_size=8))
def test_scan_en_on_drawn_text(pieces: list[tuple[str, str]]) -> None:
    """Names, designations, surnames, possessives, acronyms, apostrophes and capitals
    outside ASCII, with every kind of gap."""
    text = "".join(w + g for w, g in pieces)
    gaz = load()
    assert scan_en(text, gaz) == _scan_en_every_word(text, gaz)


def test_scan_en_by_hand() -> None:
    """A surname two spaces before a name, a possessive, a designation, a surname after,
    two words, a word joined by an apostrophe (d'Shanxi), an acronym, a demonym."""
    gaz = load()
    got = [(m.text, m.designated, m.person) for m in scan_en("Wang  Shanxi's Wutai County, Xinzhou Wu and Inner Mongolia; d'Shanxi ABA Taiwanese", gaz)]
    assert got == [("Shanxi", False, True), ("Wutai", True, False), ("Xinzhou", False, True),
                   ("Inner Mongolia", False, False), ("Taiwanese", False, False)]  # fmt: skip


# --- Chinese names: only the lengths of the names that begin with a position's two characters


def _scan_zh_every_length(z: str, gaz: Gazetteer, bounds: WordBoundaries) -> list:
    """The replaced way: every first character a start, every length of the gazetteer tried."""
    import re

    first_char = re.compile("[" + "".join(re.escape(c) for c in sorted({n[0] for n in gaz.zh_first})) + "]")
    out: list = []
    i = 0
    for start in first_char.finditer(z):
        i_start = start.start()
        if i_start < i or i_start >= len(z) - 1:
            continue
        i = i_start
        if z[i : i + 2] not in gaz.zh_first or i not in bounds:
            continue
        best = None
        for length in gaz.zh_lengths:
            name = z[i : i + length]
            places = gaz.by_zh.get(name) if len(name) == length else None
            if not places:
                continue
            strict = (i + length) in bounds
            cand = _pm.ZhMention(i, i + length, name, places, strict, name == places[0].zh_full)
            if best is None or (strict and not best.strict):
                best = cand
            if strict:
                break
        if best is not None:
            out.append(best)
            i = best.end
    return out


def test_scan_zh_finds_what_trying_every_length_found() -> None:
    gaz, tok = load(), project_tokenizer()
    texts = _chinese_texts() + [to_simplified(t) for t in _english_lines() if any(map(is_han, t))]
    texts += ["内蒙古自治区呼和浩特市", "新疆维吾尔自治区乌鲁木齐", "陕西安康山西太原市", "山西"]
    found = 0
    for z in texts:
        fast = scan_zh(z, gaz, WordBoundaries(z, gaz, tok))
        assert fast == _scan_zh_every_length(z, gaz, WordBoundaries(z, gaz, tok)), z
        found += len(fast)
    assert found > 300  # 329 when written


def test_the_name_lengths_by_first_two_characters_hold_every_name() -> None:
    gaz = load()
    for name in gaz.by_zh:
        assert len(name) in gaz.zh_first_lengths[name[:2]], name
        assert gaz.zh_start.match(name), name  # every name's start is a start
    for lengths in gaz.zh_first_lengths.values():
        assert list(lengths) == sorted(set(lengths), reverse=True)  # longest first, as zh_lengths
    assert sum(map(len, gaz.zh_first_lengths.values())) < 3 * len(gaz.zh_first_lengths)  # few per start


def test_boundaries_asked_position_by_position_are_the_whole_text_cut() -> None:
    """Every position of the corpora's Chinese lines, asked in a scrambled order of a fresh
    object each time: membership and word ends as cutting the whole text at once."""
    gaz, tok = load(), project_tokenizer()
    # 山西人 and 太原人 are one jieba word each, cut after the name (a word of three)
    texts = [*_chinese_texts(), " 山西 太原市\u3000\r\n陕西省西安市 ", "a", " ", "。山西", "山西人和太原人"]
    for z in texts:
        bounds, word_end = _eager(z, gaz, tok)
        lazy = WordBoundaries(z, gaz, tok)
        order = sorted(range(-1, len(z) + 2), key=lambda k: (k * 7919) % (len(z) + 5))
        assert [i in lazy for i in order] == [i in bounds for i in order], z
        lazy = WordBoundaries(z, gaz, tok)
        assert [lazy.word_end(i) for i in order] == [word_end.get(i, 0) for i in order], z


def test_what_a_word_is_is_remembered_per_gazetteer() -> None:
    """The remembered kind of a capitalised word (name, demonym, nothing) is worked out
    again for another gazetteer: Shanxi is no name in a gazetteer of Beijing alone."""
    gaz = load()
    beijing_only = Gazetteer(list(gaz.by_zh["北京"]), gaz.readings)
    text = "Beijing and Shanxi, Taiwanese"
    assert [m.text for m in scan_en(text, gaz)] == ["Beijing", "Shanxi", "Taiwanese"]
    assert [m.text for m in scan_en(text, beijing_only)] == ["Beijing"]
    assert [m.text for m in scan_en(text, gaz)] == ["Beijing", "Shanxi", "Taiwanese"]
