"""The bead aligner, its anchors, and sentence alignment of a pair."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transreview.formats.page import PAGE_PRIORS
from transreview.model import Bead, Pair
from transreview.text.align import anchors
from transreview.text.align.anchors import BUILTIN_NAMES, AnchorNames, anchor_terms
from transreview.text.align.beads import SENTENCE_PRIORS, align, unit_length
from transreview.text.align.sentences import align_sentences

ROOT = Path(__file__).resolve().parents[2]


def links(beads: list[Bead]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.src, b.tgt) for b in beads]


# --- lengths only ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("src", "tgt", "ratio", "priors", "expected"),
    [
        # EN paragraph lengths and their ZH translations at 0.35 ZH chars per EN char
        ([100, 200, 50, 300], [35, 70, 18, 105], 0.35, None,
         [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,))]),
        # two English units translated as one Chinese unit: 2-1 (100+100)*0.35 = 70
        ([100, 100, 300], [70, 105], 0.35, None, [((0, 1), (0,)), ((2,), (1,))]),
        # one English unit translated as two Chinese units: 1-2, 200*0.35 = 35+35
        ([200, 300], [35, 35, 105], 0.35, None, [((0,), (0, 1)), ((1,), (2,))]),
        # an untranslated unit in the middle of a page: 1-0 (page priors)
        ([100, 500, 200], [35, 70], 0.35, PAGE_PRIORS, [((0,), (0,)), ((1,), ()), ((2,), (1,))]),
        # ... and a Chinese unit with no English: 0-1
        ([100, 200], [35, 150, 70], 0.35, PAGE_PRIORS, [((0,), (0,)), ((), (1,)), ((1,), (2,))]),
        # ZH -> EN direction: about 3 EN chars per ZH char
        ([35, 70, 18], [100, 200, 50], 2.9, None, [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]),
    ],
)  # fmt: skip
def test_lengths(src, tgt, ratio, priors, expected) -> None:
    assert links(align(src, tgt, ratio=ratio, priors=priors)) == expected
    # the ratio is estimated well enough from the data when not given
    assert links(align(src, tgt, priors=priors)) == expected


def test_ratio_estimate_survives_untranslated_units() -> None:
    # Six translated units at 0.35, then four long untranslated ones: the plain total ratio
    # (0.35*600/2600 = 0.08) would make every 1-1 bead look wrong.
    src = [100, 120, 80, 110, 90, 100, 500, 500, 500, 500]
    tgt = [35, 42, 28, 38, 32, 35]
    beads = align(src, tgt, priors=PAGE_PRIORS)
    assert links(beads) == [((i,), (i,)) for i in range(6)] + [((i,), ()) for i in range(6, 10)]


@pytest.mark.parametrize(
    ("src", "tgt", "expected"),
    [
        ([], [], []),
        ([10, 20], [], [((0,), ()), ((1,), ())]),
        ([], [7], [((), (0,))]),
    ],
)
def test_empty_sides(src, tgt, expected) -> None:
    assert links(align(src, tgt)) == expected


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="one anchor set per unit"):
        align([10, 20], [5], src_anchors=[frozenset()])
    with pytest.raises(ValueError, match="1-0 and 0-1"):
        align([10], [5], priors={"1-1": 1.0})


# --- anchors decide what lengths cannot --------------------------------------------------

A = frozenset({"num:2016", "name:shanxi"})
B = frozenset({"lat:TZ", "name:taiyuan"})
E = frozenset()


@pytest.mark.parametrize(
    ("src_anchors", "tgt_anchors", "expected"),
    [
        # two equally long English paragraphs, one Chinese: the anchors pick the counterpart
        ([A, B], [A], [((0,), (0,)), ((1,), ())]),
        ([A, B], [B], [((0,), ()), ((1,), (0,))]),
        ([B, A], [A], [((0,), ()), ((1,), (0,))]),
    ],
)
def test_shared_anchors_pick_the_counterpart(src_anchors, tgt_anchors, expected) -> None:
    beads = align([100, 100], [35], src_anchors=src_anchors, tgt_anchors=tgt_anchors,
                  ratio=0.35, priors=PAGE_PRIORS)  # fmt: skip
    assert links(beads) == expected


def test_one_sided_anchor_blocks_a_merge() -> None:
    # lengths alone merge the short unit 1 into unit 0's bead (2-1 fits 0.35 well enough)
    src, tgt = [300, 40, 300], [119, 105]
    assert links(align(src, tgt, ratio=0.35, priors=PAGE_PRIORS))[0] == ((0, 1), (0,))
    # unit 1 quotes a number the Chinese does not have: it stays out, untranslated
    anchors = [E, frozenset({"num:1998"}), E]
    beads = align(src, tgt, src_anchors=anchors, tgt_anchors=[E, E], ratio=0.35,
                  priors=PAGE_PRIORS)  # fmt: skip
    assert links(beads) == [((0,), (0,)), ((1,), ()), ((2,), (1,))]


def test_anchors_found_on_one_side_only_are_ignored() -> None:
    # "MOU" written as 谅解备忘录 (not registered) would otherwise penalise every bead
    src, tgt = [100, 200, 150], [35, 70, 52]
    mou = frozenset({"lat:MOU"})
    plain = align(src, tgt, ratio=0.35)
    with_mou = align(src, tgt, src_anchors=[mou, mou, E], tgt_anchors=[E, E, E], ratio=0.35)
    assert links(with_mou) == links(plain) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 400), max_size=12),
    st.lists(st.integers(0, 400), max_size=12),
    st.sampled_from([SENTENCE_PRIORS, PAGE_PRIORS]),
)
def test_beads_cover_both_sides_in_order(src, tgt, priors) -> None:
    beads = align(src, tgt, priors=priors)
    assert [i for b in beads for i in b.src] == list(range(len(src)))
    assert [j for b in beads for j in b.tgt] == list(range(len(tgt)))
    assert {b.kind for b in beads} <= {"1-1", "1-0", "0-1", "2-1", "1-2"}


def test_long_lists_use_a_band_and_stay_fast() -> None:
    # 1,500 x 1,500 units: a full grid would be 2.25 million cells per pass
    src = [50 + (i * 37) % 150 for i in range(1500)]
    tgt = [round(n * 0.35) for n in src]
    t0 = time.process_time()  # CPU time: other load on the machine cannot fail the bound
    beads = align(src, tgt)
    elapsed = time.process_time() - t0
    assert links(beads) == [((i,), (i,)) for i in range(1500)]
    assert elapsed < 5.0


# --- anchor terms ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # the Shanxi seed, first paragraph pair: the same anchors on both sides
        ("JHCGA traveled to Taiyuan, Shanxi from September 3 \u2013 11", "en",
         {"lat:JHCGA", "name:taiyuan", "name:shanxi", "month:9", "num:3", "num:11"}),
        ("JHCGA前往山西太原,从9月3日至11日", "zh",
         {"lat:JHCGA", "name:shanxi", "name:taiyuan", "month:9", "num:3", "num:11"}),
        ("the 2016-2017 agenda", "en", {"num:2016", "num:2017"}),
        ("设置二〇一六年至2017年议程", "zh", {"num:2016", "num:2017"}),
        # scales fold: 3.5 million = 350万; thousands separators drop
        ("a budget of 3.5 million yuan", "en", {"num:3500000"}),
        ("预算为350万元", "zh", {"num:3500000"}),
        ("the 1,000 Villages Project", "en", {"num:1000"}),
        ("增长了3.5%", "zh", {"num:3.5"}),
        # acronyms: plural and dotted forms normalised; registered terms map both scripts
        ("several MOUs including:.", "en", {"name:mou", "punct:colon"}),
        ("此次访问在一些谅解备忘录,包括:。", "zh", {"name:mou", "punct:colon"}),
        ("China and U.S. national parks", "en", {"lat:US"}),
        ("他的四个国际(3 US)", "zh", {"lat:US", "num:3"}),  # 四 alone is a word, not a number
        ("JHCGA\u2019s goal", "en", {"lat:JHCGA"}),
        ("Molly Web's SMART2020 blog", "en", {"lat:SMART2020"}),  # no num:2020 inside a word
        # places: Shaanxi is not Shanxi; multi-word names across NBSP
        ("作为陕西省发展改革委客人", "zh", {"name:shaanxi"}),
        ("the leadership of Wutai\u00a0Shan", "en", {"name:wutai shan"}),
        ("会见了五台山的领导", "zh", {"name:wutai shan"}),
        ("Jackson-Xinzhou Municipal Partnership", "en", {"name:jackson", "name:xinzhou"}),
        ("杰克逊 - 忻州市可持续能源伙伴关系", "zh", {"name:jackson", "name:xinzhou"}),
        # months only next to a number; May the verb is no month
        ("In May 2016 we met.", "en", {"month:5", "num:2016"}),
        ("You may go.", "en", set()),
        ("2016年九月", "zh", {"num:2016", "month:9"}),
        # colons of times and URLs are not the colon anchor
        ("Doors open at 9:30, see https://example.org", "en", {"num:9", "num:30"}),
        ("一些人参加了一部分会议", "zh", set()),
        ("", "en", set()),
    ],
)  # fmt: skip
def test_anchor_terms(text: str, lang: str, expected: set[str]) -> None:
    assert anchor_terms(text, lang) == frozenset(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # IGNORECASE also matches ſ (long s) for s: the month table has no such key, and
        # looking it up used to raise KeyError, so the pair's alignment failed
        ("\u017feptember 3", {"num:3"}),
        ("3 thou\u017fand", {"num:3"}),
    ],
)
def test_anchor_terms_of_case_folded_letters(text: str, expected: set[str]) -> None:
    assert anchor_terms(text, "en") == frozenset(expected)


def test_anchor_names_extend_both_scripts() -> None:
    names = AnchorNames([*BUILTIN_NAMES, ("Changzhi", "长治"), ("Shangdang", "长治")])
    assert anchor_terms("Changzhi city", "en", names) == {"name:changzhi"}
    assert anchor_terms("长治市", "zh", names) == {"name:changzhi"}
    assert anchor_terms("old Shangdang", "en", names) == {"name:changzhi"}  # alias joins the key
    # the shipped names are untouched: another caller's names never leak into the default
    assert anchor_terms("Changzhi city", "en") == frozenset()
    assert anchor_terms("长治市", "zh") == frozenset()


def test_longest_chinese_name_wins() -> None:
    names = AnchorNames([*BUILTIN_NAMES, ("Taishan", "台山")])
    assert anchor_terms("五台山", "zh", names) == {"name:wutai shan"}
    assert anchor_terms("台山市", "zh", names) == {"name:taishan"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("JHCGA met TZ.", 11), ("\u2022 a\u00a0b  c", 4), ("山西 太原", 4), ("", 0)],
)
def test_unit_length_counts_non_space(text: str, expected: int) -> None:
    assert unit_length(text) == expected


# --- sentences of a pair ------------------------------------------------------------------


def seed_lines(*numbers: int) -> list[str]:
    lines = (ROOT / "corpora" / "jhcga-shanxi-2016.txt").read_text(encoding="utf-8").split("\n")
    return [lines[n - 1].strip() for n in numbers]


def test_align_sentences_shanxi_first_paragraph_pair() -> None:
    en, zh = seed_lines(8, 32)
    result = align_sentences(Pair("p4", en, zh))
    src = [s.of(en) for s in result.src_spans]
    tgt = [s.of(zh) for s in result.tgt_spans]
    assert [s[:24] for s in src] == [
        "As part of JHCGA\u2019s broad",
        "Beyond the Expo, JHCGA\u2019s",
    ]
    assert src[0].endswith("2016-2017 agenda for collaboration.")
    assert [s[:7] for s in tgt] == ["作为JHCGA", "除了世博会,J"]
    assert links(list(result.beads)) == [((0,), (0,)), ((1,), (1,))]


def test_align_sentences_wind_power_pair_is_one_to_one() -> None:
    (en, zh) = seed_lines(15, 38)
    result = align_sentences(Pair("p6", en, zh))
    assert len(result.src_spans) == len(result.tgt_spans) == 4
    assert links(list(result.beads)) == [((i,), (i,)) for i in range(4)]


def test_align_sentences_marks_an_untranslated_sentence() -> None:
    en, zh = seed_lines(20, 44)
    en = en.replace("A resulting MOU", "The talks lasted 2 days. A resulting MOU")
    result = align_sentences(Pair("p8", en, zh))
    assert [result.src_spans[i].of(en) for b in result.beads if not b.tgt for i in b.src] == [
        "The talks lasted 2 days."
    ]
    assert links(list(result.beads)) == [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,))]


def test_align_sentences_zh_source_and_empty_target() -> None:
    result = align_sentences(Pair("x", "山西很好。太原也好。", "", src_lang="zh", tgt_lang="en"))
    assert len(result.src_spans) == 2 and result.tgt_spans == ()
    assert links(list(result.beads)) == [((0,), ()), ((1,), ())]


def test_one_sentence_a_side_is_costed_as_the_full_dp_costs_it() -> None:
    """The shortcut for one unit a side returns what the DP returns: beads and cost, for
    lengths far apart and close, anchors shared, one-sided or none, and priors without
    the 2-1/1-2 moves (the DP's float arithmetic and tie order are kept, so equality is exact)."""
    import itertools

    from transreview.text.align import beads as b

    anchors = [frozenset(), frozenset({"num:7"}), frozenset({"num:7", "name:taiyuan"}), frozenset({"num:8"})]
    priors = [b.SENTENCE_PRIORS, {"1-1": 0.5, "1-0": 0.25, "0-1": 0.25}, {"1-0": 0.5, "0-1": 0.5}]
    checked = 0
    for sl, tl, sa, ta, pri, r in itertools.product(
        (0, 3, 40), (0, 5, 90), anchors, anchors, priors, (0.02, 0.6, 1.0, 3.0),
    ):
        weights = b._anchor_weights([sa], [ta])
        cost = b._priors_cost(pri)
        assert b._run_one_each(sl, tl, sa, ta, weights, r, cost) == b._run_dp([sl], [tl], [sa], [ta], weights, r, cost)
        checked += 1
    assert checked == 3 * 3 * 4 * 4 * 3 * 4
    # and both kinds of answer occur: a 1-1 bead, and a sentence with no counterpart
    cost = b._priors_cost(b.SENTENCE_PRIORS)
    assert b._run_one_each(40, 40, frozenset(), frozenset(), {}, 1.0, cost)[0] == [Bead((0,), (0,))]
    assert len(b._run_one_each(3, 90, frozenset(), frozenset(), {}, 0.02, cost)[0]) == 2


_UNIT = st.tuples(st.sampled_from([0, 1, 3, 12, 40, 90, 300]),
                  st.frozensets(st.sampled_from(["num:7", "num:8", "name:taiyuan", "name:jincheng"]), max_size=2))


@settings(max_examples=300)
@given(
    src=st.lists(_UNIT, min_size=1, max_size=6),
    tgt=st.lists(_UNIT, min_size=1, max_size=6),
    ratios=st.lists(st.sampled_from([0.02, 0.3, 0.6, 1.0, 1.7, 3.0, 50.0]), min_size=1, max_size=6, unique=True),
    priors=st.sampled_from([0, 1, 2]),
)
def test_the_full_grid_run_is_the_dp_run(src: list, tgt: list, ratios: list, priors: int) -> None:
    """The list-based run over the whole grid returns, for each of several ratios at once,
    exactly what the dict-based DP returns for that ratio alone (beads and cost, the same
    floats: same arithmetic, same order of moves and cells), with anchors shared, one-sided
    or none, ties between equal lengths, and priors without the 2-1/1-2 moves. The anchor
    costs each keeps between runs are the same too."""
    from transreview.text.align import beads as b

    pri = [b.SENTENCE_PRIORS, {"1-1": 0.5, "1-0": 0.25, "0-1": 0.25}, {"1-0": 0.5, "0-1": 0.5}][priors]
    sl, sa = [u[0] for u in src], [u[1] for u in src]
    tl, ta = [u[0] for u in tgt], [u[1] for u in tgt]
    weights = b._anchor_weights(sa, ta)
    cost = b._priors_cost(pri)
    memo_dp: dict = {}
    memo_full: dict = {}
    expected = [b._run_dp(sl, tl, sa, ta, weights, r, cost, memo_dp) for r in ratios]
    assert b._run_full_grid(sl, tl, sa, ta, weights, ratios, cost, memo_full) == expected
    assert memo_full == memo_dp


# --- anchors' fast paths against the plain scans ------------------------------------------

_PLAIN_EN_MONTH = anchors._EN_MONTH.pattern.replace("(?=[adfjmnos])", "")
_ANCHOR_TEXTS = [
    "On September 3 the MOU was signed.", "3 Sept. 2016", "sEPT 3", "ſeptember 3", "May 2016", "in may",
    "Mayday 5", "Jan.  12", "12 December", "12 decembers", "1 Jun", "Decade 3", "octopus 8", "Nov3",
    "no digit here: really?", "“quoted” text", "Ｍay ３", "2016年9月3日", "九月三日", "三四个", "十二月",
    "350万", "一些人", "第二〇一六年", "百分之五十", "没有数字", "¾ of 1,200", "٣ May",
]


def _corpus_sentences() -> list[str]:
    root = Path(__file__).resolve().parents[2] / "corpora"
    return [line for f in sorted(root.rglob("*.txt")) for line in f.read_text("utf-8").splitlines()]


def test_the_month_lookahead_changes_no_match() -> None:
    """The first-letter look-ahead of the month pattern is a filter only: the same matches,
    in the same places, as the pattern without it (a letter left out of it fails this)."""
    import re

    plain = re.compile(_PLAIN_EN_MONTH, anchors._EN_MONTH.flags)
    assert plain.pattern != anchors._EN_MONTH.pattern
    for text in _ANCHOR_TEXTS + _corpus_sentences():
        got = [(m.span(), m.groups()) for m in anchors._EN_MONTH.finditer(text)]
        assert got == [(m.span(), m.groups()) for m in plain.finditer(text)], text


def test_the_name_and_acronym_lookaheads_change_no_match() -> None:
    """The first-letter look-aheads of the English names and acronyms patterns are filters
    only (mutating either class fails this)."""
    import re

    names = AnchorNames(BUILTIN_NAMES + (("Changzhi", "长治"), ("old Shangdang", "长治")))
    en_re = names._en_re
    assert en_re is not None
    pairs = [
        (en_re, re.compile(re.sub(r"\(\?=\[[^]]*\]\)", "", en_re.pattern, count=1))),
        (anchors._ACRONYM, re.compile(anchors._ACRONYM.pattern.replace("(?=[A-Z])", ""))),
    ]
    texts = _ANCHOR_TEXTS + _corpus_sentences() + ["old Shangdang and Changzhi", "UNESCO, U.S. and MOUs",
                                                  "ASEAN, ZTE and A.B.C. met"]
    for fast, plain in pairs:
        assert fast.pattern != plain.pattern
        for text in texts:
            assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)], text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_anchor_prefilters_change_no_anchor(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Skipping the number and month scans of a text without a digit (or a Chinese numeral)
    gives the anchors the full scans give."""
    import re

    texts = _ANCHOR_TEXTS + _corpus_sentences()
    fast = [anchor_terms(t, lang) for t in texts]
    monkeypatch.setattr(anchors, "_EN_MAY_ANCHOR", re.compile(""))
    monkeypatch.setattr(anchors, "_ZH_MAY_ANCHOR", re.compile(""))
    assert [anchor_terms(t, lang) for t in texts] == fast
    assert any(f for f in fast)  # the texts do hold anchors
