"""The ``llm`` backend: MQM error annotation by any OpenAI-compatible chat endpoint.

Ollama, vLLM, llama.cpp's server and hosted APIs all answer ``POST /v1/chat/completions``.
The prompt follows GEMBA-MQM (Kocmi & Federmann, 2023): the model is told the MQM error
categories and the three severities and asked to list the errors of one translation; here
it answers in JSON, each error with the exact text of its span, since models cannot count
characters (the span is located in the text afterwards, :func:`transreview.qe.findings.locate`).
The segment score is GEMBA-MQM's: −(25 × critical + 5 × major + 1 × minor), floored at −25.

Run-time rules: temperature 0; at most ``concurrency`` requests in flight; each with a
``timeout``; 429 and 5xx answers, timeouts and dropped connections retried ``retries`` times
with exponential backoff (a ``Retry-After`` header is honoured, capped); token usage summed.
A malformed or refused answer is kept as a notice, never a crash; a request that still
fails after its retries is a ``failed`` answer (not cached, asked again next run). An
endpoint that refuses the key or does not exist (401, 403, 404) stops the run with a clear
error rather than failing every segment the same way. Only the standard library is used;
the API key is read from an environment variable and never printed.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from transreview.errors import TransreviewError
from transreview.model import is_chinese
from transreview.qe.base import QEAnswer, QEBackend, QESegment, QESpan, clamp01

PROMPT_VERSION = "gemba-mqm-json-1"
DEFAULT_KEY_ENV = "TRANSREVIEW_QE_API_KEY"
MAX_RETRY_AFTER = 60.0  # seconds: a longer Retry-After is not waited for in full
MAX_RESPONSE = 8_000_000  # bytes: a chat answer is kilobytes; more is not read into memory
WEIGHTS = {"critical": 25, "major": 5, "minor": 1}

SYSTEM = (
    "You are an annotator of translation quality. You find the errors of a translation and "
    "classify them with the MQM framework. You answer with JSON only."
)

INSTRUCTIONS = """Based on the source segment and its translation, each between triple backticks, identify the errors in the translation and classify them.
Error categories: accuracy (addition, mistranslation, omission, untranslated text), fluency (character encoding, grammar, inconsistency, punctuation, register, spelling), style (awkward), terminology (inappropriate for context, inconsistent use), non-translation, other.
Severities: critical errors inhibit comprehension of the text; major errors disrupt the flow, but what the text is trying to say is still understandable; minor errors are technically errors but do not disrupt the flow or hinder comprehension.
Answer with one JSON object and nothing else:
{"errors": [{"span": "<the erroneous words, copied exactly from the translation; for an omission, from the source>", "category": "<category/subcategory>", "severity": "critical|major|minor", "explanation": "<one short sentence>"}]}
A translation without errors is {"errors": []}."""

EXAMPLE_USER = """English source:
```I do apologise about this, we must gain permission from the account holder to discuss an order with another person, I apologise if this was done previously, however, I would not be able to discuss this with yourself without the account holders permission.```
Chinese translation:
```对此我深表歉意，我们必须获得帐户持有人的许可才能与他人讨论订单，如果之前已经这样做了，我很抱歉，但是，如果没有帐户持有人的许可，我将无法与您讨论此事。```"""
EXAMPLE_ANSWER = '{"errors": []}'

EXAMPLE2_USER = """English source:
```Take the bus to the conference center; the speakers will be introduced at nine.```
Chinese translation:
```乘公共汽车去会议中心；音箱将在九点介绍。```"""
EXAMPLE2_ANSWER = (
    '{"errors": [{"span": "音箱", "category": "accuracy/mistranslation", "severity": "major", '
    '"explanation": "speakers are people giving talks, not loudspeakers"}]}'
)


class EndpointError(TransreviewError):
    """The endpoint cannot be used at all (wrong URL, key refused): the run stops."""


def language_name(lang: str) -> str:
    """The name the prompt uses for a language code."""
    if is_chinese(lang):
        return "Chinese"
    base = lang.replace("_", "-").split("-")[0].lower()
    return {"en": "English", "ja": "Japanese", "ko": "Korean", "fr": "French", "de": "German"}.get(base, lang)


def build_messages(segment: QESegment) -> list[dict[str, str]]:
    """The chat messages for one segment: the instructions once (in the system message, where
    GEMBA-MQM repeats them in every turn: the same answers for a third of the input tokens),
    two worked examples, the segment."""
    src_name, tgt_name = language_name(segment.src_lang), language_name(segment.tgt_lang)
    return [
        {"role": "system", "content": SYSTEM + "\n\n" + INSTRUCTIONS},
        {"role": "user", "content": EXAMPLE_USER},
        {"role": "assistant", "content": EXAMPLE_ANSWER},
        {"role": "user", "content": EXAMPLE2_USER},
        {"role": "assistant", "content": EXAMPLE2_ANSWER},
        {
            "role": "user",
            "content": f"{src_name} source:\n```{segment.source}```\n{tgt_name} translation:\n```{segment.target}```",
        },
    ]


def endpoint_url(endpoint: str) -> str:
    """The chat-completions URL for ``endpoint``: a full ``…/chat/completions`` URL as given,
    a base such as ``http://localhost:11434/v1`` or ``http://localhost:11434`` completed."""
    parsed = urllib.parse.urlsplit(endpoint)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise EndpointError(f"--endpoint {endpoint!r}: expected an http:// or https:// URL")
    path = parsed.path.rstrip("/")
    if not path.endswith("/chat/completions"):
        path = path + ("/chat/completions" if path.endswith("/v1") else "/v1/chat/completions")
    return urllib.parse.urlunsplit((parsed.scheme, parsed.netloc, path, parsed.query, ""))


_FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.DOTALL)


def _json_in(content: str) -> Any:
    """The JSON value in a model's answer: the whole text, a fenced block, or the outermost
    ``{…}``. Raises ValueError when there is none."""
    candidates = [content.strip()]
    candidates += [m.group(1).strip() for m in _FENCE.finditer(content)]
    first, last = content.find("{"), content.rfind("}")
    if 0 <= first < last:
        candidates.append(content[first : last + 1])
    for text in candidates:
        try:
            return json.loads(text)
        except ValueError:
            continue
    raise ValueError("no JSON object in the answer")


def gemba_score(spans: Sequence[QESpan]) -> float:
    """GEMBA-MQM's segment score: minus the MQM weights of the errors, floored at −25."""
    return -min(25.0, float(sum(WEIGHTS.get(s.severity.strip().lower(), 0) for s in spans)))


def parse_answer(content: str) -> tuple[list[QESpan] | None, str | None]:
    """The spans of a model's answer and a notice. ``None`` spans: the answer is unusable
    (no JSON, wrong shape, a refusal), and the notice says why; an entry without a span
    text or with category "no-error" is skipped."""
    try:
        value = _json_in(content)
    except ValueError:
        snippet = " ".join(content.split())[:120]
        return None, f"answer is not JSON: {snippet!r}"
    errors = value.get("errors") if isinstance(value, dict) else value
    if not isinstance(errors, list):
        return None, "answer has no list of errors"
    spans: list[QESpan] = []
    skipped = 0
    for item in errors:
        if not isinstance(item, dict):
            skipped += 1
            continue
        category = str(item.get("category") or "")
        if category.strip().lower() in ("no-error", "no error", "none"):
            continue
        text = item.get("span")
        if not isinstance(text, str) or not text.strip():
            skipped += 1
            continue
        spans.append(
            QESpan(
                text=text,
                category=category,
                severity=str(item.get("severity") or "minor").strip().lower(),
                side="target",
                explanation=str(item.get("explanation") or ""),
            )
        )
    notice = f"{skipped} malformed error entr{'y' if skipped == 1 else 'ies'} skipped" if skipped else None
    return spans, notice


class _Retryable(Exception):
    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait = wait


class LLMBackend(QEBackend):
    """MQM annotation by an OpenAI-compatible chat endpoint (see the module's rules)."""

    name = "llm"
    version = PROMPT_VERSION

    def __init__(
        self,
        model: str,
        *,
        endpoint: str,
        api_key_env: str = DEFAULT_KEY_ENV,
        concurrency: int = 4,
        timeout: float = 60.0,
        retries: int = 3,
        backoff: float = 1.0,
        max_tokens: int = 1024,
        json_mode: bool = False,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        super().__init__(model)
        if concurrency < 1:
            raise EndpointError("--concurrency must be at least 1")
        self.url = endpoint_url(endpoint)
        self.api_key_env = api_key_env
        self._key = os.environ.get(api_key_env) or None
        self.concurrency = concurrency
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_tokens = max_tokens
        self.json_mode = json_mode
        self._sleep = sleep
        self._lock = threading.Lock()
        self._usage = {"prompt_tokens": 0, "completion_tokens": 0, "requests": 0, "retries": 0}

    @property
    def usage(self) -> dict[str, int]:
        with self._lock:
            return dict(self._usage)

    def _count(self, **amounts: int) -> None:
        with self._lock:
            for k, v in amounts.items():
                self._usage[k] = self._usage.get(k, 0) + int(v)

    def estimate(self, segments: Sequence[QESegment]) -> list[QEAnswer]:
        if not segments:
            return []
        with ThreadPoolExecutor(max_workers=min(self.concurrency, len(segments))) as pool:
            return list(pool.map(self._one, segments))

    # --- one segment -------------------------------------------------------------------

    def _body(self, segment: QESegment) -> bytes:
        body: dict[str, Any] = {
            "model": self.model,
            "messages": build_messages(segment),
            "temperature": 0,
            "max_tokens": self.max_tokens,
            "stream": False,
        }
        if self.json_mode:
            body["response_format"] = {"type": "json_object"}
        return json.dumps(body, ensure_ascii=False).encode("utf-8")

    def _post(self, body: bytes) -> dict[str, Any]:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self._key:
            headers["Authorization"] = f"Bearer {self._key}"
        request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
        self._count(requests=1)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 (http/https checked)
                raw = response.read(MAX_RESPONSE + 1)
        except urllib.error.HTTPError as e:
            code = e.code
            if code == 429 or code >= 500:
                raise _Retryable(f"HTTP {code}", _retry_after(e.headers.get("Retry-After"))) from None
            if code in (401, 403):
                raise EndpointError(
                    f"{self.url}: HTTP {code}: the endpoint refused the request"
                    f" (is the API key in ${self.api_key_env} right?)"
                ) from None
            if code == 404:
                raise EndpointError(f"{self.url}: HTTP 404: no such endpoint or model {self.model!r}") from None
            raise _Fatal(f"HTTP {code}: {_error_text(e)}") from None
        except TimeoutError:
            raise _Retryable(f"no answer within {self.timeout:g} s") from None
        except urllib.error.URLError as e:
            if isinstance(e.reason, TimeoutError):
                raise _Retryable(f"no answer within {self.timeout:g} s") from None
            raise _Retryable(f"connection failed: {e.reason}") from None
        except (http.client.HTTPException, ConnectionError) as e:
            raise _Retryable(f"connection failed: {type(e).__name__}") from None
        if len(raw) > MAX_RESPONSE:
            raise _Fatal(f"the endpoint's response is larger than {MAX_RESPONSE // 1_000_000} MB")
        try:
            value = json.loads(raw)
        except ValueError:
            raise _Fatal("the endpoint's response is not JSON") from None
        if not isinstance(value, dict):
            raise _Fatal("the endpoint's response is not a JSON object")
        return value

    def _one(self, segment: QESegment) -> QEAnswer:
        body = self._body(segment)
        last = ""
        for attempt in range(self.retries + 1):
            try:
                response = self._post(body)
            except _Retryable as e:
                last = e.reason
                if attempt == self.retries:
                    break
                self._count(retries=1)
                wait = e.wait if e.wait is not None else self.backoff * (2**attempt)
                self._sleep(min(wait, MAX_RETRY_AFTER))
                continue
            except _Fatal as e:
                return QEAnswer(score=None, notice=self._redact(str(e)), failed=True)
            return self._answer(response)
        tries = self.retries + 1
        return QEAnswer(score=None, notice=f"{last} ({tries} attempt{'s' if tries != 1 else ''})", failed=True)

    def _redact(self, text: str) -> str:
        """``text`` without the API key (an error body may echo the request)."""
        return text.replace(self._key, "***") if self._key else text

    def _answer(self, response: dict[str, Any]) -> QEAnswer:
        raw_usage = response.get("usage")
        usage_in: dict[str, Any] = raw_usage if isinstance(raw_usage, dict) else {}
        usage = {
            k: int(usage_in[k])
            for k in ("prompt_tokens", "completion_tokens")
            if isinstance(usage_in.get(k), int)
        }
        self._count(**usage)
        try:
            message = response["choices"][0]["message"]
        except (KeyError, IndexError, TypeError):
            return QEAnswer(score=None, notice="response has no choices[0].message", usage=usage)
        refusal = message.get("refusal") if isinstance(message, dict) else None
        if refusal:
            return QEAnswer(score=None, notice=f"refused: {' '.join(str(refusal).split())[:120]!r}", usage=usage)
        content = message.get("content") if isinstance(message, dict) else None
        if not isinstance(content, str) or not content.strip():
            return QEAnswer(score=None, notice="empty answer", usage=usage)
        spans, notice = parse_answer(content)
        if spans is None:
            return QEAnswer(score=None, notice=notice, usage=usage)
        native = gemba_score(spans)
        return QEAnswer(
            score=clamp01(1.0 + native / 25.0), native=native, spans=tuple(spans), notice=notice, usage=usage
        )


class _Fatal(Exception):
    """This request cannot succeed by asking again (a 400, a non-JSON response)."""


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # an HTTP date: use the backoff


def _error_text(e: urllib.error.HTTPError) -> str:
    try:
        text = e.read(300).decode("utf-8", "replace")
    except Exception:  # noqa: BLE001 (a body that cannot be read says nothing more)
        return ""
    return " ".join(text.split())[:200]


def make(model: str, **options: Any) -> LLMBackend:
    """The registry's constructor (``transreview.qe.make_backend("llm", …)``)."""
    if not options.get("endpoint"):
        raise EndpointError("the llm backend needs --endpoint URL (e.g. http://localhost:11434/v1)")
    return LLMBackend(model, **options)
