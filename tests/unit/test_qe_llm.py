"""The llm backend against a scripted OpenAI-compatible server process (tests/helpers/fake_llm.py):
good JSON, fenced JSON, malformed answers, refusals, slow answers, 429s, 503s, a refused key."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.helpers.fake_llm import Running, running
from transreview.qe.base import QESegment
from transreview.qe.llm import (
    EndpointError,
    LLMBackend,
    build_messages,
    endpoint_url,
    gemba_score,
    parse_answer,
)

SRC = "Take the bus to the conference center; the speakers will be introduced at nine."


@pytest.fixture
def server() -> Iterator[Running]:
    with running() as srv:
        yield srv


def _backend(server: Running, **kw) -> tuple[LLMBackend, list[float]]:
    waits: list[float] = []
    options = {"endpoint": server.url + "/v1", "timeout": 1.0, "retries": 2, "backoff": 0.01, "sleep": waits.append}
    options.update(kw)
    return LLMBackend("fake-model", **options), waits


def _seg(target: str) -> QESegment:
    return QESegment(source=SRC, target=target)


def test_good_answer_spans_score_usage(server) -> None:
    backend, _ = _backend(server)
    (a,) = backend.estimate([_seg("乘公共汽车去会议中心，音箱将在九点介绍。")])
    assert not a.failed and a.notice is None
    assert [(s.text, s.severity, s.category) for s in a.spans] == [
        ("音箱", "major", "accuracy/mistranslation"),
        ("不在文中", "minor", "fluency/grammar"),
    ]
    assert a.native == -6.0 and a.score == pytest.approx(1 - 6 / 25)  # GEMBA-MQM: 5 + 1
    assert a.usage == {"prompt_tokens": 10, "completion_tokens": 5}
    assert backend.usage["prompt_tokens"] == 10 and backend.usage["requests"] == 1
    assert server.stats()["temperatures"] == [0]


def test_fenced_json_is_read(server) -> None:
    backend, _ = _backend(server)
    (a,) = backend.estimate([_seg("FENCED 音箱")])
    assert a.score is not None and len(a.spans) == 2


def test_malformed_answer_is_a_notice_not_a_crash(server) -> None:
    backend, _ = _backend(server)
    (a,) = backend.estimate([_seg("MALFORMED")])
    assert a.score is None and not a.failed and a.spans == ()
    assert a.notice is not None and a.notice.startswith("answer is not JSON")


def test_refusal_is_a_notice(server) -> None:
    backend, _ = _backend(server)
    (a,) = backend.estimate([_seg("REFUSE")])
    assert a.score is None and not a.failed and a.notice == "refused: \"I can't help with that.\""


def test_slow_answer_times_out_and_is_retried_then_failed(server) -> None:
    backend, waits = _backend(server, timeout=0.3, retries=1)
    (a,) = backend.estimate([_seg("SLOW")])
    assert a.failed and a.score is None and a.notice == "no answer within 0.3 s (2 attempts)"
    assert waits == [0.01]  # one backoff before the one retry
    assert server.stats()["hits"]["SLOW"] == 2


def test_429_then_success_honours_retry_after(server) -> None:
    backend, waits = _backend(server)
    (a,) = backend.estimate([_seg("BUSY")])
    assert not a.failed and a.score == 1.0 and a.spans == ()
    assert waits == [0.0, 0.0]  # Retry-After: 0, twice
    assert server.stats()["hits"]["BUSY"] == 3 and backend.usage["retries"] == 2


def test_503_every_time_fails_after_exponential_backoff(server) -> None:
    backend, waits = _backend(server, retries=3, backoff=0.5)
    (a,) = backend.estimate([_seg("DOWN")])
    assert a.failed and a.notice == "HTTP 503 (4 attempts)"
    assert waits == [0.5, 1.0, 2.0]


def test_refused_key_stops_the_run_and_never_shows_the_key(server, monkeypatch) -> None:
    monkeypatch.setenv("MY_QE_KEY", "wrong-key-123")
    backend, _ = _backend(server, api_key_env="MY_QE_KEY")
    with pytest.raises(EndpointError) as e:
        backend.estimate([_seg("KEYCHECK")])
    assert "HTTP 401" in str(e.value) and "$MY_QE_KEY" in str(e.value) and "wrong-key-123" not in str(e.value)
    monkeypatch.setenv("MY_QE_KEY", "sekret")
    backend, _ = _backend(server, api_key_env="MY_QE_KEY")
    (a,) = backend.estimate([_seg("KEYCHECK")])
    assert a.score == 1.0


def test_an_error_body_echoing_the_key_is_redacted(server, monkeypatch) -> None:
    monkeypatch.setenv("MY_QE_KEY", "sekret-456")
    backend, waits = _backend(server, api_key_env="MY_QE_KEY")
    (a,) = backend.estimate([_seg("ECHO400")])
    assert a.failed and waits == []  # a 400 is not retried
    assert a.notice is not None and "HTTP 400" in a.notice and "Bearer ***" in a.notice
    assert "sekret-456" not in a.notice


def test_many_segments_keep_their_order_under_concurrency(server) -> None:
    backend, _ = _backend(server, concurrency=3)
    targets = ["音箱", "MALFORMED", "plain", "BUSY", "REFUSE", "音箱 again"]
    answers = backend.estimate([_seg(t) for t in targets])
    assert [a.score is not None for a in answers] == [True, False, True, True, False, True]
    assert [len(a.spans) for a in answers] == [2, 0, 0, 0, 0, 2]


def test_wrong_path_is_an_endpoint_error(server) -> None:
    backend, _ = _backend(server, endpoint=server.url + "/other/chat/completions")
    with pytest.raises(EndpointError, match="HTTP 404"):
        backend.estimate([_seg("plain")])


def test_nothing_listening_fails_the_segment(tmp_path) -> None:
    import socket

    with socket.socket() as s:  # a port that was free a moment ago
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    waits: list[float] = []
    backend = LLMBackend("m", endpoint=f"http://127.0.0.1:{port}", retries=1, backoff=0.01, sleep=waits.append)
    (a,) = backend.estimate([_seg("plain")])
    assert a.failed and a.notice is not None and a.notice.startswith("connection failed")


@pytest.mark.parametrize(
    ("given", "url"),
    [
        ("http://localhost:11434/v1", "http://localhost:11434/v1/chat/completions"),
        ("http://localhost:11434/v1/", "http://localhost:11434/v1/chat/completions"),
        ("http://localhost:11434", "http://localhost:11434/v1/chat/completions"),
        ("https://api.example.org/v1/chat/completions", "https://api.example.org/v1/chat/completions"),
    ],
)
def test_endpoint_url(given, url) -> None:
    assert endpoint_url(given) == url


@pytest.mark.parametrize("bad", ["localhost:11434", "ftp://x/v1", "file:///etc/passwd"])
def test_endpoint_must_be_http(bad) -> None:
    with pytest.raises(EndpointError):
        endpoint_url(bad)


@pytest.mark.parametrize(
    ("content", "n_spans", "notice"),
    [
        ('{"errors": []}', 0, None),
        ('[{"span": "a", "category": "style", "severity": "minor"}]', 1, None),  # a bare list
        ('{"errors": [{"span": "a", "category": "no-error", "severity": "minor"}]}', 0, None),
        ('{"errors": [{"category": "style"}, "x", {"span": "b", "severity": "major"}]}', 1, "2 malformed error entries skipped"),
        ('{"errors": "none"}', None, "answer has no list of errors"),
        ("Sure! ```json\n{\"errors\": []}\n```", 0, None),
        ("no errors found", None, "answer is not JSON: 'no errors found'"),
    ],
)
def test_parse_answer(content, n_spans, notice) -> None:
    spans, got_notice = parse_answer(content)
    assert (None if spans is None else len(spans)) == n_spans
    assert got_notice == notice


def test_gemba_score_is_floored() -> None:
    spans, _ = parse_answer(json.dumps({"errors": [{"span": "x", "severity": "critical"}] * 2}))
    assert spans is not None and gemba_score(spans) == -25.0


def test_prompt_holds_the_segment_and_language_names() -> None:
    messages = build_messages(QESegment("Hello.", "你好。", "en", "zh-CN"))
    last = messages[-1]["content"]
    assert last == "English source:\n```Hello.```\nChinese translation:\n```你好。```"
    assert messages[0]["role"] == "system" and '"errors"' in messages[0]["content"]
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user", "assistant", "user"]
