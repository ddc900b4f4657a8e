"""From a QE answer to findings: spans located in the text, conservative severities, MQM paths."""

from __future__ import annotations

import pytest

from transreview.model import Pair, Severity
from transreview.qe.base import QEAnswer, QESegment, QESpan
from transreview.qe.findings import answer_findings, locate, mqm_category, qe_risk
from transreview.qe.llm import LLMBackend

PAIR = Pair(
    id="1",
    source="Take the bus to the conference center; the speakers will be introduced at nine.",
    target="乘公共汽车去会议中心，音箱将在九点介绍。",
)


@pytest.mark.parametrize(
    ("text", "span", "start", "end", "expected"),
    [
        ("The speakers will", "speakers", 4, 12, (4, 12)),  # offsets that hold are kept
        ("The speakers will", "speakers", 3, 12, (4, 12)),  # xCOMET's leading space (COMET#179)
        ("The speakers will", " speakers", 3, 12, (4, 12)),  # a span given with its space
        ("音箱和音箱", "音箱", 3, 5, (3, 5)),  # the second occurrence, as the offsets say
        ("音箱和音箱", "音箱", 2, 4, (3, 5)),  # off by one: the nearest occurrence
        ("音箱和音箱", "音箱", None, None, (0, 2)),  # no offsets: the first occurrence
        ("音箱和音箱", "喇叭", 0, 2, None),  # not in the text
        ("音箱", "   ", None, None, None),  # an empty span is no span
        ("音箱", "音箱", 5, 9, (0, 2)),  # offsets beyond the text
    ],
)
def test_locate(text, span, start, end, expected) -> None:
    assert locate(text, span, start, end) == expected
    if expected is not None:
        assert text[expected[0] : expected[1]] == span.strip()


@pytest.mark.parametrize(
    ("word", "path"),
    [
        ("accuracy/mistranslation", "Accuracy/Mistranslation"),
        ("Accuracy/Omission", "Accuracy/Omission"),
        ("fluency/grammar", "Fluency/Grammar"),
        ("Fluency - Punctuation", "Fluency/Punctuation"),
        ("terminology (inappropriate for context)", "Terminology"),
        ("style/awkward", "Style"),
        ("non-translation", "Accuracy/Untranslated"),
        ("accuracy/untranslated text", "Accuracy/Untranslated"),
        ("fluency/register", "Fluency"),  # a subcategory we do not have: its parent
        ("other", "Accuracy/Mistranslation"),
        ("", "Accuracy/Mistranslation"),
    ],
)
def test_mqm_category(word, path) -> None:
    assert mqm_category(word) == path


def _one(span: QESpan):
    (f,) = answer_findings(PAIR, QEAnswer(score=0.5, spans=(span,)), backend="llm", model="m")
    return f


def test_major_with_a_located_span_is_major() -> None:
    f = _one(QESpan(text="音箱", category="accuracy/mistranslation", severity="major", explanation="people, not loudspeakers"))
    assert (f.check, f.severity, f.category, f.side) == ("qe", Severity.MAJOR, "Accuracy/Mistranslation", "target")
    assert (f.start, f.end, f.text) == (11, 13, "音箱")
    assert f.message == "llm:m says major: people, not loudspeakers"


def test_critical_is_capped_at_major() -> None:
    assert _one(QESpan(text="音箱", category="", severity="critical")).severity is Severity.MAJOR


def test_minor_stays_minor_with_a_span() -> None:
    assert _one(QESpan(text="介绍", category="style", severity="minor")).severity is Severity.MINOR


def test_a_span_not_in_the_text_is_a_neutral_whole_pair_finding() -> None:
    f = _one(QESpan(text="扬声器", category="accuracy/mistranslation", severity="major"))
    assert f.severity is Severity.NEUTRAL and f.start is None and f.end is None
    assert "not found in the text" in f.message


def test_an_omitted_source_span_is_placed_in_the_source() -> None:
    f = _one(QESpan(text="conference center", category="accuracy/omission", severity="major"))
    assert f.side == "source" and PAIR.source[f.start : f.end] == "conference center"
    assert f.severity is Severity.MAJOR


def test_unknown_severity_is_neutral() -> None:
    assert _one(QESpan(text="音箱", category="", severity="catastrophic")).severity is Severity.NEUTRAL


def test_duplicate_spans_merge_and_long_explanations_are_cut() -> None:
    spans = (
        QESpan(text="音箱", category="accuracy/mistranslation", severity="major", explanation="x" * 1000),
        QESpan(text="音箱", category="accuracy/mistranslation", severity="minor"),
    )
    (f,) = answer_findings(PAIR, QEAnswer(score=0.5, spans=spans), backend="llm", model="m")
    assert f.severity is Severity.MAJOR and len(f.message) < 340 and f.message.endswith("…")


def test_qe_risk_direction() -> None:
    assert (qe_risk(None), qe_risk(1.0), qe_risk(0.25), qe_risk(-3), qe_risk(7)) == (0.0, 0.0, 0.75, 1.0, 0.0)


def test_answer_round_trips_through_the_cache_text() -> None:
    answer = QEAnswer(
        score=0.8, native=-5.0, spans=(QESpan(text="音箱", category="c", severity="major", start=1, end=3),),
        notice="n", usage={"prompt_tokens": 3},
    )
    back = QEAnswer.from_json(answer.to_json())
    assert back == answer


def test_cache_key_depends_on_model_prompt_and_text() -> None:
    a = LLMBackend("m1", endpoint="http://127.0.0.1:9/v1")
    b = LLMBackend("m2", endpoint="http://127.0.0.1:9/v1")
    seg = QESegment("a", "b")
    assert a.cache_key(seg) == a.cache_key(QESegment("a", "b"))
    assert a.cache_key(seg) != b.cache_key(seg)
    assert a.cache_key(seg) != a.cache_key(QESegment("a", "c"))
    assert a.signature == "qe:llm:m1@gemba-mqm-json-1"
