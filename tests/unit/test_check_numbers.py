"""The numbers check: changed, missing and extra numbers spanned; approximations quiet."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.pairmaker import en_zh, zh_en
from transreview.checks.numbers import NumbersCheck
from transreview.model import Pair, Severity

ROOT = Path(__file__).resolve().parents[2]
CHECK = NumbersCheck()




# (pair, [(side, start, text, suggestion)])
FIRES = [
    pytest.param(en_zh("The budget is 500 yuan.", "预算是5000元。"), [("target", 3, "5000", "500")], id="500-to-5000"),
    pytest.param(en_zh("He has 3 cats.", "他有13只猫。"), [("target", 2, "13", "3")], id="3-to-13"),
    pytest.param(
        en_zh("The city has 3.5 million people.", "该市有35万人。"), [("target", 3, "35万", "350万")], id="million-as-wan"
    ),
    pytest.param(en_zh("Revenue was 1.2 billion yuan.", "收入为1.2亿元。"), [("target", 3, "1.2亿", "12亿")], id="billion-as-yi"),
    pytest.param(en_zh("In 2015, he visited Taiyuan.", "他访问了太原。"), [("source", 3, "2015", None)], id="missing-year"),
    pytest.param(en_zh("He visited Taiyuan.", "他于2015年访问了太原。"), [("target", 2, "2015", None)], id="extra-year"),
    pytest.param(en_zh("from September 3 to 11", "从9月4日至11日"), [("target", 3, "4", "3")], id="day-changed"),
    pytest.param(en_zh("in September 2016", "2016年10月"), [("target", 5, "10", "9")], id="month-changed"),
    pytest.param(en_zh("There are 300 members.", "共有二百名成员。"), [("target", 2, "二百", "三百")], id="zh-numeral-changed"),
    pytest.param(en_zh("six domestic speakers", "七位国内演讲者"), [("target", 0, "七", "六")], id="word-changed"),
    pytest.param(en_zh("Sales rose 5%.", "销售额增长了百分之六。"), [("target", 6, "百分之六", "百分之五")], id="percent"),
    pytest.param(en_zh("the 2016-2017 agenda", "2016-2018年议程"), [("target", 5, "2018", "2017")], id="range-end"),
    pytest.param(en_zh("in 2016", "二〇一七年"), [("target", 0, "二〇一七", "二〇一六")], id="positional-year"),
    pytest.param(en_zh("twenty countries", "三十个国家"), [("target", 0, "三十", "二十")], id="twenty"),
    pytest.param(
        en_zh("He bought 2 cars in 2016.", "他於2016年買了3輛車。"), [("target", 9, "3", "2")], id="traditional"
    ),
    pytest.param(en_zh("3.5 million people", "350萬人和4人"), [("target", 6, "4", None)], id="traditional-extra"),
    pytest.param(zh_en("他有三百本书。", "He has 200 books."), [("target", 7, "200", "300")], id="zh-en-changed"),
    pytest.param(zh_en("2016年他去了山西。", "He went to Shanxi."), [("source", 0, "2016", None)], id="zh-en-missing"),
    pytest.param(zh_en("有六位演讲者。", "There were seven speakers."), [("target", 11, "seven", "six")], id="zh-en-words"),
    pytest.param(zh_en("三百五十万人", "3.4 million people"), [("target", 0, "3.4 million", "3.5 million")], id="zh-en-wan"),
]


@pytest.mark.parametrize(("pair", "expected"), FIRES)
def test_fires(pair: Pair, expected: list[tuple]) -> None:
    found = CHECK.run(pair)
    assert [(f.side, f.start, f.text, f.suggestion) for f in found] == expected
    for f in found:
        assert f.severity is Severity.MAJOR
        assert f.category == "Accuracy/Mistranslation"
        assert pair.text(f.side)[f.start : f.end] == f.text


def test_messages_name_both_numbers() -> None:
    (f,) = CHECK.run(en_zh("The city has 3.5 million people.", "该市有35万人。"))
    assert "'3.5 million' (3500000)" in f.message and "'35万' (350000)" in f.message
    (f,) = CHECK.run(en_zh("In 2015, he left.", "他走了。"))
    assert "'2015'" in f.message and "missing" in f.message


QUIET = [
    pytest.param(
        en_zh(
            "JHCGA traveled to Taiyuan from September 3 – 11 to build the Wyoming-Shanxi 2016-2017 agenda. "
            "JHCGA's goal was to set the 2016-2017 agenda.",
            "JHCGA从9月3日至11日前往太原,建立了怀俄明州-山西2016-2017年议程。JHCGA的目标是设置二〇一六年至2017年议程。",
        ),
        id="seed-paragraph-1",
    ),
    pytest.param(en_zh("3.5 million people", "350万人"), id="million-wan"),
    pytest.param(en_zh("1.2 billion yuan", "12亿元"), id="billion-yi"),
    pytest.param(en_zh("1,000 people", "1000人"), id="separator"),
    pytest.param(en_zh("1 000 people", "一千人"), id="space-separator"),
    pytest.param(en_zh("up 5%", "增长百分之五"), id="percent-words"),
    pytest.param(en_zh("up 5 percent", "增长5%"), id="percent-sign"),
    pytest.param(en_zh("in 2016", "二〇一六年"), id="year-zh"),
    pytest.param(en_zh("2,000 workers", "两千名工人"), id="liang-qian"),
    pytest.param(en_zh("eleven", "十一"), id="eleven"),
    pytest.param(en_zh("the 2016-17 season", "2016-2017赛季"), id="short-range"),
    pytest.param(en_zh("from 2016 to 2017", "2016至2017年"), id="zhi-range"),
    pytest.param(en_zh("several hundred participants", "几百名与会者"), id="several-hundred"),
    pytest.param(en_zh("dozens of people", "几十人"), id="dozens"),
    pytest.param(en_zh("a few books", "几本书"), id="a-few"),
    pytest.param(en_zh("hundreds of cars", "数百辆汽车"), id="hundreds-of"),
    pytest.param(en_zh("thousands of workers", "成千上万的工人"), id="thousands-of"),
    pytest.param(en_zh("the first time", "首次"), id="first-as-shou"),
    pytest.param(en_zh("the first meeting", "第一次会议"), id="first-as-di-yi"),
    pytest.param(en_zh("one of the largest", "最大的之一"), id="one-of"),
    pytest.param(
        en_zh("one of four international (3 U.S.) and six domestic speakers", "四个国际(3 US)和六个国内演讲者之一"),
        id="three-us",
    ),
    pytest.param(en_zh("We met one another.", "我们见了面。"), id="one-pronoun"),
    pytest.param(en_zh("Wutai Shan in Sichuan", "四川五台山"), id="numerals-in-place-names"),
    pytest.param(en_zh("They fully agree on unified parts.", "他们十分同意统一零件。"), id="numerals-in-words"),
    pytest.param(en_zh("the G20 summit on CO2", "二十国集团关于二氧化碳的峰会"), id="codes"),
    pytest.param(en_zh("the 1980s", "80年代"), id="decade"),
    pytest.param(en_zh("5 km", "5千米"), id="kilometre"),
    pytest.param(en_zh("at 15:00", "15:00"), id="time"),
    pytest.param(en_zh("May I help?", "我可以帮忙吗?"), id="may-modal"),
    pytest.param(en_zh("the 12th Five-Year Plan", "十二五规划"), id="five-year-plan"),
    pytest.param(en_zh("several hundred participants", "音箱1几百与会者"), id="stray-left-to-repetition"),
    pytest.param(en_zh("In 2015, he left.", ""), id="empty-target"),
    pytest.param(en_zh("see http://example.com/2016/a", "见 http://example.com/2017/a"), id="urls-are-not-numbers"),
    pytest.param(en_zh("3.5 million people", "350萬人"), id="traditional-wan"),
    pytest.param(en_zh("two thousand", "兩千"), id="traditional-liang"),
    pytest.param(zh_en("二〇一六年九月", "September 2016"), id="zh-en-date"),
    pytest.param(zh_en("三百五十万人", "3.5 million people"), id="zh-en-million"),
    pytest.param(zh_en("几百人", "several hundred people"), id="zh-en-approx"),
    pytest.param(zh_en("他是第一个到的。", "He was the first to arrive."), id="zh-en-ordinal"),
]


@pytest.mark.parametrize("pair", QUIET)
def test_quiet(pair: Pair) -> None:
    assert CHECK.run(pair) == []


def test_seed_page_has_no_number_findings() -> None:
    """The Shanxi page: dates and ranges match; the stray 1 belongs to repetition."""
    from transreview.formats import read_inputs

    pairs = list(read_inputs([ROOT / "corpora" / "jhcga-shanxi-2016.txt"]))
    assert any("9月3日至11日" in p.target for p in pairs)
    assert [f for p in pairs for f in CHECK.run(p)] == []


# False alarms on professional files (autowp, Microsoft Dynamics 365, Firefox for iOS), verbatim.
QUIET_REAL = [
    pytest.param("US standard 1971-72. Transmission is not considered.", "美国标准1971-72，\n传送不被考虑。",
                 id="autowp-year-range"),
    pytest.param("1920-29th", "1920-29年", id="autowp-decade-label"),
    pytest.param("2000-09th", "2000-09年", id="autowp-decade-label-09"),
    pytest.param("Euro 5", "欧V", id="autowp-roman-5"),
    pytest.param("Euro 6d", "欧VId", id="autowp-roman-6d"),
    pytest.param("Euro 4", "欧IV", id="autowp-roman-4"),
    pytest.param("2-door hardtop", "双门硬顶轿车", id="autowp-2-door"),
    pytest.param("2-floor bus", "双层客车", id="autowp-2-floor"),
    pytest.param("hour", "1小时", id="autowp-implicit-hour"),
    pytest.param("day", "1天", id="autowp-implicit-day"),
    pytest.param("Produced in a single copy", "总产量1辆", id="autowp-single-copy"),
    pytest.param("For example, both of the following dimension filters are handled in the same way",
                 "例如，将以相同方式处理以下两个维度筛选器：", id="d365-both"),
]


@pytest.mark.parametrize(("src", "tgt"), QUIET_REAL)
def test_real_false_alarms_are_quiet(src: str, tgt: str) -> None:
    assert CHECK.run(en_zh(src, tgt)) == []


# Read with little confidence: still shown, but minor (and without a suggestion).
MINOR_REAL = [
    pytest.param("Today and Yesterday", "昨今两天", ("target", 2, "两", None), id="firefox-two-days"),
    pytest.param("the next day", "第二天", ("target", 1, "二", None), id="ordinal-inside-word"),
    pytest.param("Half a million people came.", "50万人来了。", ("target", 0, "50万", None), id="half-a-million"),
]


@pytest.mark.parametrize(("src", "tgt", "expected"), MINOR_REAL)
def test_unconfident_readings_are_minor_without_suggestion(src: str, tgt: str, expected: tuple) -> None:
    (f,) = CHECK.run(en_zh(src, tgt))
    assert (f.side, f.start, f.text, f.suggestion) == expected
    assert f.severity is Severity.MINOR


# Real errors stay major.
MAJOR_REAL = [
    pytest.param("Voting during  to ", "在  到  期间投票format@@1", ("target", 18, "1"), id="autowp-junk-1"),
    pytest.param("Euro 5", "欧VI", ("source", 5, "5"), id="wrong-roman"),
    pytest.param("US standard 1971-72.", "美国标准1971-73，", ("target", 9, "73"), id="range-end-changed"),
    pytest.param("on the longitudinal ¼-elliptic leaf springs", "在纵向1张4椭圆叶泉上", ("target", 3, "1"),
                 id="autowp-mangled-quarter"),
    pytest.param("It lasted an hour and 20 minutes.", "持续了1小时。", ("source", 22, "20"), id="one-dropped-other-missing"),
]


@pytest.mark.parametrize(("src", "tgt", "expected"), MAJOR_REAL)
def test_real_errors_stay_major(src: str, tgt: str, expected: tuple) -> None:
    found = CHECK.run(en_zh(src, tgt))
    assert [(f.side, f.start, f.text) for f in found] == [expected]
    assert found[0].severity is Severity.MAJOR


def test_a_century_for_a_decade_is_quiet_but_a_wrong_one_is_not() -> None:
    """autowp 3777836615233603027, verbatim: 2000's became 21世纪初."""
    assert CHECK.run(en_zh("Most dynamic universals in 2000's", "21世纪初最快的旅行轿车")) == []
    found = CHECK.run(en_zh("Most dynamic universals in 2000's", "19世纪初最快的旅行轿车"))
    assert [(f.side, f.text) for f in found] == [("target", "19")]
