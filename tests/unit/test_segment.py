"""Sentence splitting (English and Chinese) and the jieba wrapper."""

from __future__ import annotations

import pytest

from transreview.text.segment import split_sentences

NBSP = "\u00a0"


def sentences(text: str, lang: str) -> list[str]:
    return [s.of(text) for s in split_sentences(text, lang)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the Shanxi seed: NBSP (and two of them) as sentence spacing
        (
            f"MOU signed to deepen Wutai Shan partnership. {NBSP}{NBSP}JHCGA met with the "
            f"leadership of Wutai Shan.{NBSP} A resulting MOU focuses on parks.",
            [
                "MOU signed to deepen Wutai Shan partnership.",
                "JHCGA met with the leadership of Wutai Shan.",
                "A resulting MOU focuses on parks.",
            ],
        ),
        # "U.S." inside a sentence, before a lowercase word and in brackets
        (
            "A resulting MOU focuses on how China and U.S. national parks can collaborate.",
            ["A resulting MOU focuses on how China and U.S. national parks can collaborate."],
        ),
        (
            "he was one of four international (3 U.S.) and six domestic speakers.",
            ["he was one of four international (3 U.S.) and six domestic speakers."],
        ),
        # the seed's "including:." is one sentence, ending the paragraph
        (
            f"in Shanghai, Shenzhen, and Jincheng.{NBSP} The visit resulted in several MOUs including:.",
            [
                "in Shanghai, Shenzhen, and Jincheng.",
                "The visit resulted in several MOUs including:.",
            ],
        ),
        # titles and other abbreviations before a capital never end a sentence
        (
            "Mr. Li met Dr. Wang and Prof. Zhang at St. Paul.",
            ["Mr. Li met Dr. Wang and Prof. Zhang at St. Paul."],
        ),
        ("See No. 5 and Fig. 3 for details.", ["See No. 5 and Fig. 3 for details."]),
        (
            "It opened on Sept. 3 in Taiyuan. It closed on Jan. 11.",
            ["It opened on Sept. 3 in Taiyuan.", "It closed on Jan. 11."],
        ),
        (
            "Several cities, e.g. Taiyuan and Jincheng, joined.",
            ["Several cities, e.g. Taiyuan and Jincheng, joined."],
        ),
        (
            "Wind, coal, etc. are covered. The rest is not.",
            ["Wind, coal, etc. are covered.", "The rest is not."],
        ),
        (
            "They make towers, blades, etc. The rest is imported.",
            ["They make towers, blades, etc.", "The rest is imported."],
        ),
        (
            "The expo opens at 9 a.m. Tickets are free.",
            ["The expo opens at 9 a.m. Tickets are free."],
        ),
        (
            "The expo opens at 9 a.m. The doors close at 5 p.m.",
            ["The expo opens at 9 a.m.", "The doors close at 5 p.m."],
        ),
        ("He works for TZ Co. Ltd. in Taiyuan.", ["He works for TZ Co. Ltd. in Taiyuan."]),
        (
            "She moved to the U.S. The move took a year.",
            ["She moved to the U.S.", "The move took a year."],
        ),
        ("She met U.S. Senate staff.", ["She met U.S. Senate staff."]),
        # decimals and initials
        (
            "Growth was 3.5 percent. Prices rose 2.1 percent.",
            ["Growth was 3.5 percent.", "Prices rose 2.1 percent."],
        ),
        (
            "It was written by J. R. R. Tolkien in 1937.",
            ["It was written by J. R. R. Tolkien in 1937."],
        ),
        # ellipses: inside a sentence, or ending one before a capital
        ("Wait... what happened? Nobody knew.", ["Wait... what happened?", "Nobody knew."]),
        ("We waited\u2026 Then the bus came.", ["We waited\u2026", "Then the bus came."]),
        # closing quotes and brackets stay with their sentence; digits and quotes start one
        ("He said \u201cgo.\u201d Then he left.", ["He said \u201cgo.\u201d", "Then he left."]),
        (
            "The session was on \u201cLow-Carbon Cities,\u201d he said.",
            ["The session was on \u201cLow-Carbon Cities,\u201d he said."],
        ),
        ("(It rained.) We stayed.", ["(It rained.)", "We stayed."]),
        ("It ended in 2016. 2017 was quieter.", ["It ended in 2016.", "2017 was quieter."]),
        ("Is it true? \u201cYes!\u201d she said.", ["Is it true?", "\u201cYes!\u201d she said."]),
        # no boundary without a following capital, digit or quote
        ("Version 2.0.1 shipped.Next week more.", ["Version 2.0.1 shipped.Next week more."]),
        # bullets are not part of a sentence; a blank line always splits
        (
            "  \u2022 MOU signed in wind power. TZ agreed.",
            ["MOU signed in wind power.", "TZ agreed."],
        ),
        (
            "JHCGA September 2016 Shanxi Delegation:\n\nAs part of the agenda, JHCGA traveled.",
            ["JHCGA September 2016 Shanxi Delegation:", "As part of the agenda, JHCGA traveled."],
        ),
        ("", []),
        (f"  {NBSP} \n ", []),
    ],
)
def test_split_english(text: str, expected: list[str]) -> None:
    assert sentences(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the Shanxi seed: 。 then a space before the next sentence
        (
            "谅解备忘录风电设备制造签署。为了应对怀俄明州的声明,JHCGA会见了太原重型机械工业集团(TZ)。 TZ表示兴趣。",
            [
                "谅解备忘录风电设备制造签署。",
                "为了应对怀俄明州的声明,JHCGA会见了太原重型机械工业集团(TZ)。",
                "TZ表示兴趣。",
            ],
        ),
        ("此次访问在一些谅解备忘录,包括:。", ["此次访问在一些谅解备忘录,包括:。"]),
        # closing quotes and brackets belong to the sentence they close
        ("他说:“我们明天出发。”大家都同意了。", ["他说:“我们明天出发。”", "大家都同意了。"]),
        ("「真的吗？」她问道。", ["「真的吗？」", "她问道。"]),
        ("会议结束了（见附件。）我们回家了。", ["会议结束了（见附件。）", "我们回家了。"]),
        ("《山西日报》报道了此事！读者很多。", ["《山西日报》报道了此事！", "读者很多。"]),
        # ！？ together, ；, …… and half-width ? ! in machine translation
        ("真的吗！？当然。", ["真的吗！？", "当然。"]),
        ("第一，节能；第二，风电。", ["第一，节能；", "第二，风电。"]),
        ("他想了很久……最后放弃了。", ["他想了很久……", "最后放弃了。"]),
        ("这是真的吗?是的!我们去了。", ["这是真的吗?", "是的!", "我们去了。"]),
        ("合作很成功.他们会再来。", ["合作很成功.", "他们会再来。"]),
        # not a boundary: a URL's query string, a decimal, 2016-2017
        ("请访问 example.com/a?id=3 了解详情。", ["请访问 example.com/a?id=3 了解详情。"]),
        ("增长了3.5%。", ["增长了3.5%。"]),
        # the second Chinese paragraph of the seed after a blank line
        ("包括:。\n\n谅解备忘录风电设备制造签署。", ["包括:。", "谅解备忘录风电设备制造签署。"]),
        ("\u3000\u3000山西\u3000", ["山西"]),
    ],
)
def test_split_chinese(text: str, expected: list[str]) -> None:
    assert sentences(text, "zh") == expected


@pytest.mark.parametrize("lang", ["zh", "zh-CN", "zh_Hans", "cmn"])
def test_any_chinese_code_selects_chinese_rules(lang: str) -> None:
    assert sentences("山西很好。太原也好。", lang) == ["山西很好。", "太原也好。"]


def test_english_rules_do_not_split_chinese() -> None:
    # with English rules 。 is no terminal: the language code matters
    assert sentences("山西很好。太原也好。", "en") == ["山西很好。太原也好。"]


def test_spans_point_into_original_text() -> None:
    text = f"{NBSP} \u2022 JHCGA met TZ.{NBSP}{NBSP}TZ agreed. "
    spans = split_sentences(text, "en")
    assert [(s.start, s.end) for s in spans] == [(4, 17), (19, 29)]
    assert text[4:17] == "JHCGA met TZ."


def test_zh_words_keeps_added_words_whole() -> None:
    from transreview.text.segment import Tokenizer

    text = "JHCGA帮助TZ评估怀俄明州的市场机会。"
    words = [s.of(text) for s in Tokenizer(["怀俄明州"]).words(text)]
    assert "怀俄明州" in words
    assert "".join(words) == text.replace(" ", "")



# Run in a fresh interpreter: in the test process another test may already have built the
# tokenizer or loaded the gazetteer, which would hide the order dependence this guards.
_BEFORE_AND_AFTER_CHECK = r"""
import sys
from pathlib import Path
from tests.helpers.clirunner import CliRunner
from transreview.cli import cli
from transreview.text.segment import project_tokenizer

names = sys.argv[2:]
sentences = [f"我们昨天在{name}开会" for name in names]

def words():
    tok = project_tokenizer()
    return [[w.of(s) for w in tok.words(s)] for s in sentences]

before = words()
tsv = Path(sys.argv[1])
rows = ["id\tsource\ttarget"] + [f"{i}\tWe met in {name} yesterday.\t{s}" for i, (name, s) in
                                   enumerate(zip(names, sentences))]
tsv.write_text("\n".join(rows) + "\n", encoding="utf-8")
result = CliRunner().invoke(cli, ["check", "--no-progress", "--format", "json", str(tsv)])
assert result.exception is None or isinstance(result.exception, SystemExit), result.output
after = words()
for s, a, b in zip(sentences, before, after):
    if a != b:
        print(s, "/".join(a), "->", "/".join(b))
"""


def test_words_do_not_depend_on_a_check_having_run(tmp_path) -> None:
    """A full ``check`` run (whose places check loads the gazetteer) changes no word of any
    sentence: the project's tokenizer has the place names from its first use on."""
    import subprocess
    import sys

    names = ["密云区", "延庆区", "静海区", "藁城区", "曹妃甸区", "滦州市"]
    out = subprocess.run(
        [sys.executable, "-c", _BEFORE_AND_AFTER_CHECK, str(tmp_path / "pairs.tsv"), *names],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    assert out.stdout == ""


def test_tokenizer_reads_its_extra_words_only_when_first_cutting() -> None:
    # the project's tokenizer takes the gazetteer's names as a function, so that a run whose
    # checks cut no word never reads the gazetteer; once built, it has them all
    from transreview.text.segment import Tokenizer

    calls: list[int] = []

    def names() -> list[str]:
        calls.append(1)
        return ["密云区"]

    tok = Tokenizer(names)
    assert calls == []
    spans = tok.words("我们昨天在密云区开会")
    assert calls == [1]
    assert "密云区" in ["我们昨天在密云区开会"[s.start : s.end] for s in spans]
    tok.words("密云区")
    assert calls == [1]  # built once


def test_dictionary_read_in_one_piece_is_jiebas_own() -> None:
    # The tokenizer reads jieba's cache with marshal.loads instead of jieba's slower
    # marshal.load on the file: the dictionary must be exactly the one jieba builds itself.
    import jieba  # type: ignore[import-untyped]

    from transreview.text.segment import _initialize

    own = jieba.Tokenizer()
    own.initialize()  # also writes the cache when there is none yet
    fast = jieba.Tokenizer()
    _initialize(fast)
    assert fast.initialized
    assert fast.total == own.total
    assert fast.FREQ == own.FREQ
    text = "我们昨天在密云区开会，讨论山西太原的煤炭产量。"
    assert list(fast.tokenize(text)) == list(own.tokenize(text))


def test_a_damaged_dictionary_cache_is_left_to_jieba(tmp_path, monkeypatch) -> None:
    import tempfile

    import jieba  # type: ignore[import-untyped]

    from transreview.text.segment import _initialize

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    (tmp_path / "jieba.cache").write_bytes(b"not marshal data")
    tok = jieba.Tokenizer()
    _initialize(tok)  # falls back to jieba, which rebuilds the cache
    assert tok.initialized and tok.total > 0
    assert [w for w, _, _ in tok.tokenize("山西")] == ["山西"]
