"""The quality-estimation plugin interface: what a backend takes and what it answers.

Rules cannot see a wrong-sense word among valid dictionary translations (音箱 for conference
speakers); neural quality estimation (CometKiwi, xCOMET, MetricX) and MQM annotation by a
language model (GEMBA-MQM) can, at a cost. A *backend* takes a batch of segments and
returns, for each, a segment score and, when it has them, error spans with a category and
a severity. Everything after that (checking spans against the text, choosing conservative
severities, caching, storing) is the same for every backend and lives outside it
(:mod:`transreview.qe.findings`, :mod:`transreview.estimate`).

Backends are optional extras and off by default: this module imports nothing heavy, and a
backend's module imports its libraries only when it is built.
"""

from __future__ import annotations

import hashlib
import json
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from transreview.errors import TransreviewError

#: Severities a backend may say (MQM's, plus "neutral"); anything else is read as minor.
BACKEND_SEVERITIES = ("neutral", "minor", "major", "critical")


class QEUnavailable(TransreviewError):
    """A backend cannot run here: its optional extra is not installed, or its model is not
    on this machine and downloading was not asked for. The CLI prints it and exits 2."""


@dataclass(frozen=True, slots=True)
class QESegment:
    """One segment to estimate: the source and the target as stored, and their languages."""

    source: str
    target: str
    src_lang: str = "en"
    tgt_lang: str = "zh"


@dataclass(frozen=True, slots=True)
class QESpan:
    """An error span as the backend reported it, not yet checked against the text.

    ``text`` is what the backend says the span is; ``start``/``end`` its offsets when it gives
    any (xCOMET does, an LLM is asked for the text only, since models cannot count
    characters). ``side`` is ``target`` unless the backend located it in the source.
    """

    text: str
    category: str
    severity: str
    side: str = "target"
    start: int | None = None
    end: int | None = None
    explanation: str = ""
    confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "category": self.category,
            "severity": self.severity,
            "side": self.side,
            "start": self.start,
            "end": self.end,
            "explanation": self.explanation,
            "confidence": self.confidence,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> QESpan:
        return cls(
            text=str(d.get("text") or ""),
            category=str(d.get("category") or ""),
            severity=str(d.get("severity") or "minor"),
            side=str(d.get("side") or "target"),
            start=d.get("start"),
            end=d.get("end"),
            explanation=str(d.get("explanation") or ""),
            confidence=d.get("confidence"),
        )


@dataclass(frozen=True, slots=True)
class QEAnswer:
    """A backend's answer for one segment.

    ``score`` is normalised to [0, 1], higher is better (1 = no error found), so the review
    queue can use any backend's score the same way; ``native`` is the score on the model's
    own scale (CometKiwi/xCOMET 0–1, MetricX 0–25 lower better, GEMBA-MQM 0 to −25).
    ``notice`` says what went wrong with an answer that is still kept (a malformed JSON
    answer, a refusal); ``failed`` marks an answer that is not one (a timeout, an HTTP
    error after its retries): it has no score, and it is never cached, so a re-run asks
    again. ``usage`` counts tokens (``prompt_tokens``, ``completion_tokens``) where the
    backend reports them.
    """

    score: float | None
    native: float | None = None
    spans: tuple[QESpan, ...] = ()
    notice: str | None = None
    failed: bool = False
    usage: Mapping[str, int] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(
            {
                "score": self.score,
                "native": self.native,
                "spans": [s.to_dict() for s in self.spans],
                "notice": self.notice,
                "usage": dict(self.usage),
            },
            ensure_ascii=False,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> QEAnswer:
        d = json.loads(text)
        return cls(
            score=d.get("score"),
            native=d.get("native"),
            spans=tuple(QESpan.from_dict(s) for s in d.get("spans") or ()),
            notice=d.get("notice"),
            usage={k: int(v) for k, v in (d.get("usage") or {}).items()},
        )


class QEBackend(ABC):
    """A quality-estimation backend: a name, a model, a version of what it asks, and
    :meth:`estimate`, which answers a batch of segments in order.

    ``version`` names everything besides the model that changes an answer (the prompt's
    version for an LLM, the output mapping's for COMET); it enters the cache key and the
    report's signature, so changing the prompt re-asks and two reports say what they used.
    """

    name: str = ""
    version: str = "1"

    def __init__(self, model: str) -> None:
        self.model = model

    @abstractmethod
    def estimate(self, segments: Sequence[QESegment]) -> list[QEAnswer]:
        """One answer per segment, in order. Never raises for one bad answer: that answer
        carries a ``notice`` (kept) or ``failed`` (not cached)."""

    @property
    def signature(self) -> str:
        """``qe:BACKEND:MODEL@VERSION`` for the report's signature."""
        return f"qe:{self.name}:{self.model}@{self.version}"

    def cache_key(self, segment: QESegment) -> str:
        """The content hash an answer is cached under: backend, model, version, languages
        and both texts. The same pair in another document, or a re-run, costs nothing."""
        material = json.dumps(
            [self.name, self.model, self.version, segment.src_lang, segment.tgt_lang, segment.source, segment.target],
            ensure_ascii=False,
        )
        return hashlib.sha256(material.encode("utf-8")).hexdigest()

    @property
    def usage(self) -> Mapping[str, int]:
        """Tokens used so far by this backend object (empty for a backend without tokens)."""
        return {}


def clamp01(value: float) -> float:
    """``value`` within [0, 1]."""
    return min(1.0, max(0.0, float(value)))
