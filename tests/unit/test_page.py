"""Bilingual .txt pages: paragraphs, language, alignment into pairs, the format reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from transreview.errors import InputError
from transreview.formats import ReadOptions, read_inputs
from transreview.formats.page import page_pairs, read, split_paragraphs
from transreview.model import Pair

ROOT = Path(__file__).resolve().parents[2]
SHANXI = ROOT / "corpora" / "jhcga-shanxi-2016.txt"
NINGXIA = ROOT / "corpora" / "climate-group-ningxia-2012.txt"
NBSP = "\u00a0"


def shape(pairs: list[Pair]) -> list[tuple[list[int], list[int], str]]:
    """(source lines, target lines, bead kind) of each pair."""
    return [(p.meta["src_lines"], p.meta["tgt_lines"], p.meta["bead"]) for p in pairs]


# --- the seed pages ------------------------------------------------------------------------


def test_shanxi_seed_alignment() -> None:
    pairs = list(read(SHANXI, ReadOptions()))
    assert shape(pairs) == [
        ([1], [], "1-0"),  # "JHCGA's 2016 delegation to Shanxi ..." (title)
        ([3], [], "1-0"),  # "September 2016, Shanxi, China"
        ([6], [], "1-0"),  # "JHCGA September 2016 Shanxi Delegation:"
        ([8], [32], "1-1"),  # "As part of JHCGA's broader agenda" <-> 作为JHCGA更广泛议程
        ([10, 13], [35], "2-1"),  # Phil Cameron + "several MOUs including:." <-> 菲尔·卡梅伦
        ([15], [38], "1-1"),  # wind power MOU <-> 谅解备忘录风电设备制造签署
        ([17], [], "1-0"),  # Innovation City MOU: no Chinese
        ([20], [44], "1-1"),  # Wutai Shan MOU <-> 五台山
        ([22], [47], "1-1"),  # Jackson-Xinzhou <-> 杰克逊 - 忻州
        ([24], [], "1-0"),  # the four delegation names
        ([26], [], "1-0"),
        ([28], [], "1-0"),
        ([30], [], "1-0"),
    ]
    assert [p.id for p in pairs] == [f"p{n}" for n in range(1, 14)]
    assert [p.index for p in pairs] == list(range(13))
    assert {p.doc for p in pairs} == {"jhcga-shanxi-2016.txt"}
    assert [p.line for p in pairs][:5] == [1, 3, 6, 8, 10]
    assert {(p.src_lang, p.tgt_lang) for p in pairs} == {("en", "zh")}


def test_shanxi_seed_texts_are_kept_as_published() -> None:
    pairs = list(read(SHANXI, ReadOptions()))
    assert pairs[0].source.startswith(f"JHCGA's 2016 delegation to Shanxi to build a{NBSP}climate")
    assert pairs[1].source == f"September{NBSP}2016, Shanxi, China"
    assert pairs[2].source == "JHCGA September 2016 Shanxi Delegation:"  # trailing NBSP gone
    assert pairs[3].target.startswith("作为JHCGA更广泛议程的一部分 - ")
    assert "\u2019s broader agenda \u2013 to foster" in pairs[3].source  # curly quote, en dash
    # a 2-1 bead: both paragraphs, joined by a blank line, original text kept
    assert pairs[4].source.startswith("Phil Cameron, Executive Director")
    assert pairs[4].source.endswith(
        "Shanghai, Shenzhen, and Jincheng.\n\nThe visit resulted in several MOUs including:."
    )
    assert pairs[4].target.endswith("此次访问在一些谅解备忘录,包括:。")
    assert pairs[5].source.startswith("\u2022 MOU signed in wind power")  # bullet kept
    assert pairs[6].source.startswith("\u2022 MOU signed to explore JHCGA office")
    assert pairs[6].target == ""
    assert (
        pairs[12].source
        == "\u2022 Bill Youngs, Professor of History, Eastern Washington University"
    )


def test_shanxi_seed_chinese_source() -> None:
    pairs = list(read(SHANXI, ReadOptions(src_lang="zh", tgt_lang="en")))
    got = shape(pairs)
    assert got[3] == ([32], [8], "1-1")
    assert got[4] == ([35], [10, 13], "1-2")
    assert got[6] == ([], [17], "0-1")
    assert [g for g in got if g[0]] == [
        ([32], [8], "1-1"),
        ([35], [10, 13], "1-2"),
        ([38], [15], "1-1"),
        ([44], [20], "1-1"),
        ([47], [22], "1-1"),
    ]
    assert pairs[3].source.startswith("作为JHCGA") and pairs[3].line == 32
    assert pairs[6].source == "" and pairs[6].line == 17  # no source: the target's line
    assert {(p.src_lang, p.tgt_lang) for p in pairs} == {("zh", "en")}


def test_ningxia_seed_has_no_chinese() -> None:
    pairs = list(read(NINGXIA, ReadOptions()))
    assert len(pairs) == 28
    assert all(p.target == "" and p.meta["bead"] == "1-0" for p in pairs)
    assert pairs[0].source == "Skip to main Content" and pairs[0].line == 1
    # lines 5-6 have no blank line between them: one paragraph
    assert pairs[2].source == (
        "22 November 2012\nChanghua Wu meets with Ningxia CDM Service Center Director, Jisheng Zhang"
    )
    assert pairs[2].line == 5
    assert pairs[-1].source == "This blog has been archived." and pairs[-1].line == 57


# --- synthetic pages: the mechanism, not the seed ----------------------------------------

ZH_FIRST = """\
晋城是山西省东南部的一个地级市，2015年常住人口约为230万。

太原重型机械集团（TZ）成立于1950年，是中国最大的重型机械制造企业之一，总部位于太原。

Jincheng and Taiyuan: two cities of Shanxi

Jincheng is a prefecture-level city in the southeast of Shanxi province; in 2015 it had about 2.3 million residents.

Taiyuan Heavy Machinery Group (TZ), founded in 1950, is one of China's largest heavy machinery makers and is headquartered in Taiyuan.
"""

INTERLEAVED = """\
Wyoming and Shanxi signed a memorandum on wind power in 2016.
怀俄明州和山西省于2016年签署了风电谅解备忘录。

The delegation visited Wutai Shan, a UNESCO World Heritage site, on September 8.

代表团于9月8日参观了联合国教科文组织世界遗产五台山。

Photos: Olivia Meigs

Under the MOU, Xinzhou will send 12 engineers to Jackson for training in 2017.

根据谅解备忘录，忻州将于2017年派遣12名工程师赴杰克逊接受培训。

联系我们：info@example.org
"""

ONE_TWO = """\
In 2016 JHCGA met the Shanxi Provincial Development and Reform Commission (PDRC) in Taiyuan to plan the 2016-2017 agenda, and in 2017 it opened an office in Xinzhou with 3 staff to run the Jackson partnership.

Energy Conservation Works (ECW) presented its approach on September 5.

2016年，JHCGA在太原会见了山西省发展和改革委员会（PDRC），规划2016-2017年议程。

2017年，JHCGA在忻州设立了办事处，有3名员工负责杰克逊合作项目。

节能工程（ECW）于9月5日介绍了其做法。
"""


@pytest.mark.parametrize(
    ("text", "src_lang", "expected"),
    [
        # Chinese first; the English title has no counterpart
        (ZH_FIRST, "en", [([5], [], "1-0"), ([7], [1], "1-1"), ([9], [3], "1-1")]),
        (ZH_FIRST, "zh", [([], [5], "0-1"), ([1], [7], "1-1"), ([3], [9], "1-1")]),
        # interleaved; a line and its translation in one block are split; a caption and a
        # Chinese contact line have no counterpart
        (INTERLEAVED, "en", [([1], [2], "1-1"), ([4], [6], "1-1"), ([8], [], "1-0"),
                             ([10], [12], "1-1"), ([], [14], "0-1")]),
        # one English paragraph translated as two Chinese paragraphs
        (ONE_TWO, "en", [([1], [5, 7], "1-2"), ([3], [9], "1-1")]),
        (ONE_TWO, "zh", [([5, 7], [1], "2-1"), ([9], [3], "1-1")]),
    ],
)  # fmt: skip
def test_synthetic_pages(text: str, src_lang: str, expected) -> None:
    tgt_lang = "en" if src_lang == "zh" else "zh"
    pairs = list(page_pairs(text, doc="t.txt", src_lang=src_lang, tgt_lang=tgt_lang))
    assert shape(pairs) == expected


def test_one_two_bead_joins_both_targets() -> None:
    pairs = list(page_pairs(ONE_TWO))
    assert pairs[0].target == (
        "2016年，JHCGA在太原会见了山西省发展和改革委员会（PDRC），规划2016-2017年议程。\n\n"
        "2017年，JHCGA在忻州设立了办事处，有3名员工负责杰克逊合作项目。"
    )


# --- paragraphs ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a b\n\nc d\n", [("a b", 1, "en"), ("c d", 3, "en")]),
        # whitespace-only, NBSP-only and zero-width lines are blank; CRLF is a line break
        (f"one\r\n \t\r\n{NBSP}{NBSP}\r\ntwo\r\n\u200b\r\nthree", [("one", 1, "en"), ("two", 4, "en"), ("three", 6, "en")]),
        # inner line breaks kept; outer whitespace (NBSP too) stripped; bullets kept
        (f"\n\n  \u2022 Tian Xizhao,{NBSP}\n  JHCGA{NBSP} \n", [(f"\u2022 Tian Xizhao,{NBSP}\n  JHCGA", 3, "en")]),
        # an English line with its Chinese translation under it: two paragraphs
        ("The visit resulted in several MOUs.\n此次访问签署了几份谅解备忘录。", [("The visit resulted in several MOUs.", 1, "en"), ("此次访问签署了几份谅解备忘录。", 2, "zh")]),
        # a short Latin line inside a Chinese paragraph does not split it
        ("JHCGA\n会见了太原重型机械工业集团的领导。", [("JHCGA\n会见了太原重型机械工业集团的领导。", 1, "zh")]),
        ("2016-2017\n\n", [("2016-2017", 1, "other")]),
        ("", []),
        (f" \n{NBSP}\n", []),
    ],
)  # fmt: skip
def test_split_paragraphs(text: str, expected) -> None:
    assert [(p.text, p.line, p.lang) for p in split_paragraphs(text)] == expected


@pytest.mark.parametrize(
    ("src_lang", "tgt_lang", "expected"),
    [
        ("en", "zh", [("2016-2017", ""), ("Shanxi is a province.", "山西是一个省。")]),
        ("zh", "en", [("", "2016-2017"), ("山西是一个省。", "Shanxi is a province.")]),
    ],
)
def test_other_paragraphs_are_reviewed_with_the_english(src_lang, tgt_lang, expected) -> None:
    text = "2016-2017\n\nShanxi is a province.\n\n山西是一个省。"
    pairs = page_pairs(text, src_lang=src_lang, tgt_lang=tgt_lang)
    assert [(p.source, p.target) for p in pairs] == expected


# --- the reader ---------------------------------------------------------------------------


def test_reader_through_the_format_registry(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(ONE_TWO, encoding="utf-8")
    pairs = list(read_inputs([page]))
    assert [p.doc for p in pairs] == ["page.txt", "page.txt"]
    assert shape(pairs) == [([1], [5, 7], "1-2"), ([3], [9], "1-1")]


def test_reader_accepts_a_bom(tmp_path: Path) -> None:
    page = tmp_path / "bom.txt"
    page.write_bytes("\ufeffShanxi is a province.\n\n山西是一个省。\n".encode("utf-8"))
    pairs = list(read(page, ReadOptions()))
    assert [(p.source, p.target, p.line) for p in pairs] == [
        ("Shanxi is a province.", "山西是一个省。", 1)
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "bom.txt: no paragraphs: the page is empty"),
        (b" \n\xc2\xa0\n\n", "bom.txt: no paragraphs: the page is empty"),
        (b"Shanxi\n\nTaiyuan \xff\xfe here\n", "bom.txt:3: cannot decode as UTF-8 or GB18030 at byte 16 (0xff); save the file as UTF-8"),
    ],
)
def test_reader_errors_name_file_and_line(tmp_path: Path, content: bytes, message: str) -> None:
    page = tmp_path / "bom.txt"
    page.write_bytes(content)
    with pytest.raises(InputError) as err:
        read(page, ReadOptions())
    assert str(err.value) == f"{page.parent}/{message}"
