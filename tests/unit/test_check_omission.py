"""The omission check: missing sides, lost sentences, length ratios judged against the run."""

from __future__ import annotations

import math
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers.pairmaker import en_zh, zh_en
from transreview.checks.omission import OmissionCheck
from transreview.model import Pair, Severity
from transreview.text.analysis import analyse

CHECK = OmissionCheck()




def run(pairs: list[Pair]) -> list[list]:
    return CHECK.judge_corpus(pairs, [CHECK.measure(p, analyse(p)) for p in pairs])


def run_one(pair: Pair) -> list:
    (found,) = run([pair])
    return found


LONG_EN = "He arrived in Taiyuan on Monday and met the governor of the province at noon."  # 63 non-space characters

# (pair, side, start, text, category, words in message); start None = whole pair
FIRES = [
    pytest.param(en_zh("Hello there.", ""), "target", None, None, "Accuracy/Omission", "no Chinese counterpart", id="empty-target"),
    pytest.param(en_zh("Hello there.", "  \n"), "target", None, None, "Accuracy/Omission", "no Chinese counterpart", id="blank-target"),
    pytest.param(en_zh("", "你好。"), "source", None, None, "Accuracy/Omission", "no English counterpart", id="empty-source"),
    pytest.param(zh_en("你好。", ""), "target", None, None, "Accuracy/Omission", "no English counterpart", id="zh-en-empty-target"),
    pytest.param(
        en_zh(LONG_EN, "是。"), "target", None, None, "Accuracy/Omission", "much shorter", id="ratio-prior-too-short"
    ),
    pytest.param(
        en_zh("Yes, we agree with all of it.", "是的，我们完全同意这项关于在怀俄明州和山西省之间开展风电合作的谅解备忘录的全部条款。"),
        "target", None, None, "Accuracy/Addition", "much longer",
        id="ratio-prior-too-long",
    ),
    pytest.param(
        zh_en("我們週一抵達太原並在中午會見了該省省長和三位副省長。", "Yes."),
        "target", None, None, "Accuracy/Omission", "much shorter",
        id="zh-en-traditional-too-short",
    ),
    pytest.param(
        en_zh(
            "He arrived in Taiyuan on Monday. He met the governor of the province at noon and they had "
            "a very long lunch together. They signed.",
            "他周一抵达太原。他们签署了。",
        ),
        "source", 33, "He met the governor of the province at noon and they had a very long lunch together.",
        "Accuracy/Omission", "no counterpart",
        id="lost-sentence-1-0",
    ),
    pytest.param(
        zh_en(
            "我们周一抵达太原。我们中午会见了省长和他的三位副省长。双方签署了风电协议。",
            "We arrived in Taiyuan on Monday. Both sides signed an agreement.",
        ),
        "source", 9, "我们中午会见了省长和他的三位副省长。", "Accuracy/Omission", "no counterpart",
        id="zh-en-lost-sentence-in-2-1-bead",
    ),
    pytest.param(
        en_zh(
            "He arrived in Taiyuan on Monday. He met the governor of the province at noon. "
            "They signed an agreement on wind power.",
            "他周一抵达太原。他们签署了风电协议。",
        ),
        "source", 33, "He met the governor of the province at noon. They signed an agreement on wind power.",
        "Accuracy/Omission", "cannot tell which",
        id="lost-sentence-ambiguous",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("pair", "side", "start", "text", "category", "words"), FIRES)
def test_fires(pair: Pair, side: str, start: int | None, text: str | None, category: str, words: str) -> None:
    (f,) = run_one(pair)
    assert (f.side, f.start, f.text, f.category) == (side, start, text, category)
    assert f.severity is Severity.MAJOR
    assert words in f.message
    if start is not None:
        assert pair.text(f.side)[f.start : f.end] == text


QUIET = [
    pytest.param(en_zh("", ""), id="both-empty"),
    pytest.param(en_zh("He arrived in Taiyuan on Monday.", "他周一抵达太原。"), id="normal"),
    pytest.param(en_zh("OK", "好的，没问题，我们完全同意。"), id="too-short-to-judge"),
    pytest.param(en_zh("Thank you very much.", "谢谢。"), id="short-source-terse-target"),
    pytest.param(
        en_zh("He arrived on Monday. He met the governor. They signed.", "他周一抵达。他会见了省长。他们签署了。"),
        id="three-sentences-each",
    ),
    pytest.param(
        zh_en("我們週一抵達太原。", "We arrived in Taiyuan on Monday."), id="zh-en-traditional-normal"
    ),
    pytest.param(Pair("t", "Hello world, again.", "Bonjour le monde.", src_lang="en", tgt_lang="fr"), id="not-en-zh"),
]


@pytest.mark.parametrize("pair", QUIET)
def test_quiet(pair: Pair) -> None:
    assert run_one(pair) == []


def _corpus_pair(i: int, zh_len: int) -> Pair:
    # 60 non-space English characters (12 words of 5 letters) against zh_len Han characters
    return en_zh(" ".join(["abcde"] * 12), "中" * zh_len, id=f"p{i}")


def test_ratio_judged_against_the_run() -> None:
    """In a run of 30 pairs at 2.6–3.5 English characters per Han character, a pair at 1.5
    (inside the wide prior band) is out of line, and one at 2.0 is not."""
    pairs = [_corpus_pair(i, 17 + i % 7) for i in range(30)]
    pairs.append(_corpus_pair(30, 40))  # 60/40 = 1.5
    pairs.append(_corpus_pair(31, 30))  # 60/30 = 2.0
    found = run(pairs)
    assert [len(f) for f in found[:30]] == [0] * 30
    (f,) = found[30]
    assert f.category == "Accuracy/Addition"
    assert "median" in f.message
    assert found[31] == []
    # the same pair on its own is judged by the prior band, where 1.5 is fine
    assert run_one(_corpus_pair(30, 40)) == []


def test_measure_is_small_and_picklable() -> None:
    m = CHECK.measure(pair := en_zh(LONG_EN, "他周一抵达太原并在中午会见了该省省长。"), analyse(pair))
    assert pickle.loads(pickle.dumps(m)) == m
    assert len(pickle.dumps(m)) < 200


def test_empty_target_not_also_a_ratio_finding() -> None:
    pairs = [_corpus_pair(i, 20) for i in range(25)] + [en_zh(LONG_EN, "")]
    found = run(pairs)
    assert [f.message for f in found[-1]] == ["no Chinese counterpart (the target is empty)"]


_ALPHABET = "aZ .!?。！？中文山西\u00a0\n"


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet=_ALPHABET, max_size=60), st.text(alphabet=_ALPHABET, max_size=30)), max_size=25))
def test_any_corpus_gives_one_list_per_pair_and_exact_spans(texts: list[tuple[str, str]]) -> None:
    pairs = [en_zh(s, t, id=f"p{i}") for i, (s, t) in enumerate(texts)]
    found = run(pairs)
    assert len(found) == len(pairs)
    for pair, fs in zip(pairs, found, strict=True):
        for f in fs:
            if f.start is not None:
                assert pair.text(f.side)[f.start : f.end] == f.text


# ------------------------------------------------------------------ parameters


def test_a_parameter_changes_the_judgement_not_the_measurement(monkeypatch: pytest.MonkeyPatch) -> None:
    """The length limits apply in judging: raw measurements are judged again, not re-taken."""
    pairs = [en_zh(LONG_EN, "是。"), en_zh("Hello there.", "你好。")]
    raws = [CHECK.measure(p, analyse(p)) for p in pairs]
    wide = OmissionCheck(prior_band=(0.5, 40.0))

    def no_measuring(self: OmissionCheck, pair: Pair) -> None:
        raise AssertionError("judging must not measure")

    monkeypatch.setattr(OmissionCheck, "measure", no_measuring)
    monkeypatch.setattr(OmissionCheck, "collect", no_measuring)
    assert [len(f) for f in CHECK.judge_corpus(pairs, raws)] == [1, 0]
    assert [len(f) for f in wide.judge_corpus(pairs, raws)] == [0, 0]
    # too short to judge once an English side needs 100 characters and a Chinese one 20
    short = OmissionCheck(min_en_chars=100, min_zh_chars=20)
    assert [len(f) for f in short.judge_corpus(pairs, raws)] == [0, 0]


def test_signature_shows_the_parameters_that_differ_from_the_defaults() -> None:
    assert CHECK.signature() == "omission@4"
    assert OmissionCheck(prior_band=(0.5, 40.0)).signature() == "omission@4[prior_band=0.5/40.0]"
    assert OmissionCheck(z_limit=4.0, min_pairs=50).signature() == "omission@4[z_limit=4.0,min_pairs=50]"
    assert OmissionCheck(z_limit=3.5).signature() == "omission@4"  # the default, said or not


# False alarms on professional files (autowp, Microsoft Dynamics 365, Firefox for iOS), verbatim.
RU_RULES = "Запрещен \"оффтопик\" в любом виде. Запрещены оскорбления. Запрещена реклама."
RU_ABOUT = (
    "Кто-то добавляет материалы, а кто-то помогает найти ошибки в уже имеющихся. "
    "Мы рады любой помощи.\n\n### Поддержать проект"
)
QUIET_REAL = [
    pytest.param(en_zh(RU_RULES, RU_RULES), id="autowp-copy-of-russian-source"),
    pytest.param(
        en_zh("* [English-language](https://t.me/joinchat/abc) chat. Ask anything there. We answer quickly.",
              "* [English-language](https://t.me/joinchat/abc) chat. Ask anything there. We answer quickly."),
        id="autowp-copy-of-english-source",
    ),
    pytest.param(en_zh(RU_ABOUT, "我们当中既有人添加图片，也有人帮助修改错误。\n\n### 支持我们"), id="autowp-russian-source"),
    pytest.param(en_zh("Period number (@FiscalPeriod)", "期间编号(@FiscalPeriod)"), id="d365-code-in-target"),
    pytest.param(
        en_zh("For example, enter the following heading text: Period @FiscalPeriod-@FiscalYear from @StartDate to @EndDate.",
              "例如，输入以下标题文本：Period @FiscalPeriod-@FiscalYear from @StartDate to @EndDate。"),
        id="d365-variables-in-target",
    ),
    pytest.param(en_zh("Reference=01:10", "Reference=01:10"), id="d365-identical-code"),
    pytest.param(
        en_zh("Thanks to all translators. Brazilian portuguese site translation: %pt-br-translator%",
              "感谢所有译者。Brazilian portuguese site translation: %pt-br-translator%"),
        id="autowp-line-copied-unchanged",
    ),
]  # fmt: skip


@pytest.mark.parametrize("pair", QUIET_REAL)
def test_real_false_alarms_are_quiet(pair: Pair) -> None:
    assert run_one(pair) == []


# Short UI strings and sources of few words: shown, but at most minor.
MINOR_REAL = [
    pytest.param(en_zh("Indie. Non-profit. For good.", "独立、非营利，只为更好。"), id="firefox-merged-short-sentences"),
    pytest.param(
        en_zh("Try connecting on a different device. Check your modem or router. Disconnect and reconnect to Wi-Fi.",
              "请尝试通过其他设备连接、检查调制解调器或路由器、断开 Wi-Fi 连接后重新连接。"),
        id="firefox-sentences-merged-with-list-commas",
    ),
    pytest.param(
        en_zh("Yes, we agree.", "是的，我们完全同意这项关于在怀俄明州和山西省之间开展风电合作的谅解备忘录的全部条款。"),
        id="three-words-long-target",
    ),
]  # fmt: skip


@pytest.mark.parametrize("pair", MINOR_REAL)
def test_short_sources_get_at_most_minor(pair: Pair) -> None:
    found = run_one(pair)
    assert found, "still shown"
    assert all(f.severity is Severity.MINOR for f in found)


AUTOWP_DONATE = en_zh(
    'The little that we can offer in return for financial assistance of the site - it is an opportunity '
    'to choose the next "vehicle of the day".\n\nFollow the instructions below.\n\nWe will be happy if '
    "you want to [perform selfless donation](/donate) to an arbitrary amount.",
    "我们可以做出一点微小的工作作为回报-您有机会钦定下一个“今日之车”，无论您做出任意数额的"
    "[无条件捐助](/donate) 我们都会很高兴。",
)


def test_a_real_lost_sentence_stays_major_and_points_where_it_can_be() -> None:
    """autowp 3163827133112578868 (verbatim): 'Follow the instructions below.' is dropped, and
    the one Chinese sentence merges the first and the third around it. The aligner's beads
    are contiguous, so it paired the first two with the target and flagged the third, which
    is translated (its link /donate is in the target). The pair is defective and stays major;
    the finding spans the two sentences one of which is lost, and says why."""
    found = run_one(AUTOWP_DONATE)
    assert [(f.side, f.severity) for f in found] == [("source", Severity.MAJOR)]
    (f,) = found
    assert f.text == (
        'The little that we can offer in return for financial assistance of the site - it is an opportunity '
        'to choose the next "vehicle of the day".\n\nFollow the instructions below.'
    )
    assert f.message == (
        "one of these 2 source sentences has no counterpart in the target "
        "(the next one is there, merged out of order: the target has its «/donate»)"
    )


def test_a_sentence_kept_verbatim_without_a_merged_bead_beside_it_stays_lost() -> None:
    """Judged from a measurement (so the aligner's choice is fixed): a 1-0 bead whose link is
    in the target, but no many-to-one bead beside it that could hold the lost sentence
    instead: the finding stays on the sentence, as it does without the link (a token can be
    in the target for another reason)."""
    from transreview.checks.omission import Measure

    source = "Open the settings page and choose your account. Then donate at /donate today if you can."
    start = source.index("Then")
    kept = en_zh(source, "打开设置页面，选择您的帐户，然后在 /donate 捐款。")
    lost = en_zh(source, "打开设置页面，选择您的帐户，然后捐款。")
    band = (math.log(1.2), math.log(6.0), "prior")
    found = []
    for pair in (kept, lost):
        m = Measure(len(source), len(pair.target), lost=((start, len(source)),))
        found.append([(f.start, f.end, f.severity, f.message) for f in CHECK._judge_one(pair, m, None, band)])
    # minor: the target merges clauses with commas, as many as the source's sentences
    assert found[0] == found[1] == [
        (start, len(source), Severity.MINOR, "this source sentence has no counterpart in the target")
    ]


def test_a_lost_sentence_whose_name_the_target_glosses_elsewhere_stays_major() -> None:
    """The translator glosses a name where the target first mentions it (何伟（Hessler）), in
    another sentence than the one that names it in English, which is lost: no many-to-one
    bead is beside it, so the name is no evidence, and the lost sentence is reported."""
    lost = "Hessler met the governor of the province at noon and they had a very long lunch together."
    pair = en_zh(f"He arrived in Taiyuan on Monday. {lost} They signed.", "何伟（Hessler）周一抵达太原。他们签署了。")
    assert [(f.text, f.severity) for f in run_one(pair)] == [(lost, Severity.MAJOR)]


def test_a_bead_a_kept_sentence_points_at_is_reported_once() -> None:
    """The sentence after a many-to-one bead is kept (its /donate is in the target): the
    bead's sentences are reported once, not also by the bead's own length judgement."""
    first = "We thank every reader who has supported the site over the years."
    second = (
        "Every month we pay for the servers, the domain, the mail service and the backups out of our own "
        "pockets, and with the traffic growing every single year it all adds up to a considerable sum."
    )
    pair = en_zh(f"{first} {second} Donate at /donate.", "我们感谢多年来支持本站的每一位读者，请在 /donate 捐款。")
    found = run_one(pair)
    assert [(f.start, f.end, f.severity) for f in found] == [(0, len(first) + 1 + len(second), Severity.MAJOR)]
    assert "the next one is there" in found[0].message


@pytest.mark.parametrize(
    ("source", "target", "kept"),
    [
        # the lost sentence is the last one: its token is in the target, nowhere else in the source
        ("One two three four five. Six seven eight nine. Go to /donate now please.", "一二三四五，去 /donate 吧。", "«/donate»"),
        ("One two three four five. Six seven eight nine. Restart Chrome after that.", "一二三四五，重启 Chrome。", "«Chrome»"),
        # the token is in another source sentence too: no evidence for this one
        ("Open Chrome now please. Six seven eight nine. Restart Chrome after that.", "打开 Chrome，重启。", None),
        # the token is not in the target, or only inside a longer word
        ("One two three four five. Six seven eight nine. Go to /donate now please.", "一二三四五。", None),
        ("One two three four five. Six seven eight nine. Restart Chrome after that.", "重启 Chromebook。", None),
        # tokens of fewer than three letters carry no evidence
        ("One two three four five. Six seven eight nine. It is on TV now.", "一二三四五，在 TV 上。", None),
    ],
)
def test_a_sentence_is_known_kept_by_a_latin_token_only_it_has(source: str, target: str, kept: str | None) -> None:
    from transreview.checks.omission import _kept_verbatim

    pair = en_zh(source, target)
    start = source.index(source.split(". ")[-1])
    assert _kept_verbatim(pair, start, len(source)) == kept


def test_latin_tokens_carry_no_evidence_between_two_latin_texts() -> None:
    from transreview.checks.omission import _kept_verbatim

    pair = Pair("p", "Six seven. Go to /donate now.", "Six seven. Go to /donate now.", src_lang="en", tgt_lang="fr")
    assert _kept_verbatim(pair, 11, len(pair.source)) is None


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        # each shared token counts as often as it is on both sides: {a} once (3), %s once (2)
        ("Pay {a} now %s %s", "现在支付 {a} {a} %s", 5),
        ("Open {file}", "打开{name}", 0),  # no token on both sides
        ("Open the file", "打开 {file}", 0),  # none on the English side
        ("Open the file", "打开文件", 0),  # no Latin on the Chinese side
        ("Use HTTP and HTTP/2", "使用 HTTP 和 HTTP/2", 4 + 6),
    ],
)
def test_shared_code_length(source: str, target: str, expected: int) -> None:
    from transreview.checks.omission import _shared_code_len

    assert _shared_code_len(Pair("1", source, target)) == (expected, expected)
