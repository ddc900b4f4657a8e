"""Number extraction and comparison (transreview.text.numbers): values worked out by hand."""

from __future__ import annotations

import pickle
from decimal import Decimal

import pytest

from transreview.model import Pair
from transreview.text.numbers.chinese import extract_zh, parse_zh_numeral, zh_to_arabic
from transreview.text.numbers.compare import compare, compare_pair
from transreview.text.numbers.english import extract_en
from transreview.text.numbers.writing import render_like, to_en_words, to_zh_numeral


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("三百", 300),
        ("二〇一六", 2016),
        ("二零一六", 2016),
        ("两千", 2000),
        ("兩千", 2000),
        ("十一", 11),
        ("十", 10),
        ("二十一", 21),
        ("一百零一", 101),
        ("一千零五", 1005),
        ("一千零一十", 1010),
        ("三百五", 350),
        ("一千二", 1200),
        ("两万五", 25000),
        ("三萬五千", 35000),
        ("三亿五千万", 350_000_000),
        ("一万亿", 10**12),
        ("叁佰", 300),
        ("万", 10_000),
        ("十二五", None),  # the 12th Five-Year Plan, not one number
        ("三十百", None),
        ("五五", 55),
    ],
)
def test_parse_zh_numeral(numeral: str, value: int | None) -> None:
    assert parse_zh_numeral(numeral) == value


def _values(qs) -> list[tuple[str, str, bool]]:
    return [(q.text, str(q.value.normalize()) if q.value != q.value.to_integral_value() else str(int(q.value)), q.required) for q in qs]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3.5 million people", [("3.5 million", "3500000", True)]),
        ("1.2 billion yuan", [("1.2 billion", "1200000000", True)]),
        ("$3.5bn and $5m", [("3.5bn", "3500000000", True), ("5m", "5000000", True)]),
        ("1,000 and 1 000 and 12345", [("1,000", "1000", True), ("1 000", "1000", True), ("12345", "12345", True)]),
        ("5% or 5 percent or 5 per cent", [("5%", "5", True), ("5 percent", "5", True), ("5 per cent", "5", True)]),
        ("September 3 – 11", [("September", "9", True), ("3", "3", True), ("11", "11", True)]),
        ("the 2016-2017 agenda", [("2016", "2016", True), ("2017", "2017", True)]),
        ("the 2016-17 season", [("2016", "2016", True), ("17", "2017", True)]),
        ("twenty-one, three hundred and fifty", [("twenty-one", "21", True), ("three hundred and fifty", "350", True)]),
        ("A million thanks", [("A million", "1000000", True)]),
        ("four and six", [("four", "4", False), ("six", "6", False)]),
        ("six domestic speakers", [("six", "6", True)]),
        ("two countries", [("two", "2", True)]),
        ("one of the four international (3 U.S.)", [("one", "1", False), ("four", "4", False), ("3", "3", True)]),
        ("the 12th Five-Year Plan", [("12th", "12", True), ("Five", "5", False)]),
        ("the first time, the 21st century", [("first", "1", False), ("21st", "21", True)]),
        ("the G20 on CO2", [("20", "20", False), ("2", "2", False)]),
        ("the 1980s", [("1980s", "1980", False)]),
        ("on 3 May, but May I ask", [("3", "3", True), ("May", "5", True)]),
        ("Sept. 11", [("Sept", "9", True), ("11", "11", True)]),
        ("see http://example.com/2016/report", []),
        # approximate amounts: nothing
        ("several hundred participants", []),
        ("hundreds of people, dozens of cars, tens of thousands", []),
        ("a few thousand, some hundred", []),
    ],
)
def test_extract_en(text: str, expected: list[tuple[str, str, bool]]) -> None:
    assert _values(extract_en(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("350万人", [("350万", "3500000", True)]),
        ("12亿", [("12亿", "1200000000", True)]),
        ("1.2亿", [("1.2亿", "120000000", True)]),
        ("350萬人", [("350萬", "3500000", True)]),
        ("百分之五和5%", [("百分之五", "5", True), ("5%", "5", True)]),
        ("百分之三十五点五", [("百分之三十五点五", "35.5", True)]),
        ("三点五", [("三点五", "3.5", True)]),
        ("从9月3日至11日", [("9", "9", True), ("3", "3", True), ("11", "11", True)]),
        ("二〇一六年至2017年", [("二〇一六", "2016", True), ("2017", "2017", True)]),
        ("２０１６年", [("２０１６", "2016", True)]),
        ("1,000人", [("1,000", "1000", True)]),
        ("四个国际", [("四", "4", True)]),
        ("六位", [("六", "6", True)]),
        ("一个", [("一", "1", False)]),
        ("5千米", [("5", "5", True)]),  # 千米 is a kilometre
        ("80年代", [("80", "80", False)]),
        # words that hold a numeral but no quantity worth a finding
        ("五台山", [("五", "5", False)]),
        ("四川", [("四", "4", False)]),
        ("十分重要", [("十", "10", False)]),
        ("万一", [("万一", "11000", False)]),
        ("三三两两", [("三三两两", "3322", False)]),  # a digit string, not a year: never fires
        ("十二五", [("十二", "12", False), ("五", "5", False)]),
        ("五四运动", [("五四", "54", False)]),
        # nothing at all
        ("几百名与会者", []),
        ("十几个", []),
        ("数百辆", []),
        ("上千人", []),
        ("三四个", []),
        ("七八十", []),
        ("零件和零售", []),
        ("星期三", []),
    ],
)
def test_extract_zh(text: str, expected: list[tuple[str, str, bool]]) -> None:
    assert _values(extract_zh(text)) == expected


def test_stray_digit_glued_to_a_chinese_numeral() -> None:
    qs = extract_zh("六个国内音箱1几百与会者")
    stray = [q for q in qs if q.stray]
    assert [(q.text, q.start) for q in stray] == [("1", 6)]
    assert not stray[0].required


@pytest.mark.parametrize(
    ("text", "stray"),
    [
        ("音箱1几百", True),
        ("我们2去了", True),
        ("共3人", False),  # a measure word follows
        ("第3章", False),
        ("2016年", False),
        ("G2几", False),  # a code
    ],
)
def test_stray_rule(text: str, stray: bool) -> None:
    assert any(q.stray for q in extract_zh(text)) is stray


def _pair(src: str, tgt: str, src_lang: str = "en", tgt_lang: str = "zh") -> Pair:
    return Pair("t", src, tgt, src_lang=src_lang, tgt_lang=tgt_lang)


@pytest.mark.parametrize(
    ("src", "tgt", "changed", "missing", "extra"),
    [
        ("500 yuan", "5000元", [("500", "5000")], [], []),
        ("3 cats", "13只猫", [("3", "13")], [], []),
        ("3.5 million", "35万", [("3.5 million", "35万")], [], []),
        ("3.5 million", "350万", [], [], []),
        ("In 2015 he left.", "他走了。", [], ["2015"], []),
        ("He left.", "他2015年走了。", [], [], ["2015"]),
        ("several hundred people", "1几百人", [], [], []),
        ("one of them", "其中一个", [], [], []),
    ],
)
def test_compare_pair(src: str, tgt: str, changed: list, missing: list, extra: list) -> None:
    c = compare_pair(_pair(src, tgt))
    assert [(s.text, t.text) for s, t in c.changed] == changed
    assert [q.text for q in c.missing] == missing
    assert [q.text for q in c.extra] == extra


def test_compare_matches_required_before_optional() -> None:
    # "one" (optional) and "1" (required) in the source, one 1 in the target: the digit pairs
    src = extract_en("one room on floor 1")
    tgt = extract_zh("1楼的房间")
    c = compare(src, tgt)
    assert [(s.text, t.text) for s, t in c.matched] == [("1", "1")]
    assert c.missing == () and c.extra == ()


def test_stray_is_matched_last_and_reported_apart() -> None:
    c = compare_pair(_pair("several hundred", "音箱1几百"))
    assert [q.text for q in c.stray] == ["1"]
    assert c.extra == ()


def test_empty_side_compares_to_nothing() -> None:
    c = compare_pair(_pair("In 2015.", ""))
    assert c.missing == () and c.source == ()


def test_comparison_pickles() -> None:
    c = compare_pair(_pair("500 yuan", "5000元"))
    assert pickle.loads(pickle.dumps(c)) == c


@pytest.mark.parametrize(
    ("n", "zh"),
    [
        (0, "零"),
        (6, "六"),
        (10, "十"),
        (12, "十二"),
        (110, "一百一十"),
        (300, "三百"),
        (1005, "一千零五"),
        (10005, "一万零五"),
        (11000, "一万一千"),
        (120000, "十二万"),
        (3_500_000, "三百五十万"),
        (100_000_005, "一亿零五"),
    ],
)
def test_to_zh_numeral(n: int, zh: str) -> None:
    assert to_zh_numeral(n) == zh
    assert parse_zh_numeral(zh) == n


@pytest.mark.parametrize(
    ("run", "arabic"),
    [("二〇一六", "2016"), ("十一", "11"), ("三点五", "3.5"), ("九", "9"), ("十二五", None)],
)
def test_zh_to_arabic(run: str, arabic: str | None) -> None:
    assert zh_to_arabic(run) == arabic


@pytest.mark.parametrize(("n", "words"), [(6, "six"), (21, "twenty-one"), (1000, "1,000")])
def test_to_en_words(n: int, words: str) -> None:
    assert to_en_words(n) == words


@pytest.mark.parametrize(
    ("value", "like", "expected"),
    [
        (Decimal(3_500_000), extract_zh("35万")[0], "350万"),
        (Decimal(1_200_000_000), extract_zh("1.2亿")[0], "12亿"),
        (Decimal(300), extract_zh("二百")[0], "三百"),
        (Decimal(2017), extract_zh("二〇一八")[0], "二〇一七"),
        (Decimal(6), extract_en("Seven people")[0], "Six people"[:3]),
        (Decimal(9), extract_en("October 3")[0], "September"),
        (Decimal(5), extract_zh("百分之六")[0], "百分之五"),
        (Decimal(1500), extract_en("1,400 people")[0], "1,500"),
        (Decimal(3_500_000), extract_en("3.4 million")[0], "3.5 million"),
    ],
)
def test_render_like(value: Decimal, like, expected: str) -> None:
    assert render_like(value, like) == expected
