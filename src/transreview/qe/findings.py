"""From a backend's answer to findings: spans checked against the text, severities chosen
conservatively, categories read into MQM paths.

Precision is a feature: a major finding must be worth a reviewer's minute, and a QE model is
often wrong about *which* words are wrong even when it is right that something is. So:

- A span counts only when its text is found in the side it names (at the offsets given when
  they hold, else the occurrence nearest to them, else the first). A span that cannot be
  found becomes a whole-pair finding at ``neutral``: worth a look, never a gate failure.
- A backend's ``major`` or ``critical`` becomes ``major`` only with a span that was found;
  ``critical`` is never passed through (25 points on a model's say-so would bury the
  rules' criticals). ``minor`` stays minor with a span; anything unknown is ``neutral``.
"""

from __future__ import annotations

from transreview.model import MQM_CATEGORIES, Finding, Pair, Severity, Side
from transreview.qe.base import QEAnswer, QESpan

CHECK = "qe"
MESSAGE_LIMIT = 300  # characters of a backend's explanation kept in a message

# Backend category words (GEMBA-MQM's, xCOMET's none, MetricX's none) to MQM paths.
_CATEGORY_WORDS: dict[str, str] = {
    "mistranslation": "Accuracy/Mistranslation",
    "omission": "Accuracy/Omission",
    "addition": "Accuracy/Addition",
    "untranslated": "Accuracy/Untranslated",
    "untranslated text": "Accuracy/Untranslated",
    "non-translation": "Accuracy/Untranslated",
    "grammar": "Fluency/Grammar",
    "spelling": "Fluency/Spelling",
    "punctuation": "Fluency/Punctuation",
    "inconsistency": "Fluency/Inconsistency",
    "terminology": "Terminology",
    "style": "Style",
    "awkward": "Style",
    "locale convention": "Locale convention",
    "locale": "Locale convention",
    "accuracy": "Accuracy/Mistranslation",
    "fluency": "Fluency",
}
_BY_LOWER = {c.lower(): c for c in MQM_CATEGORIES}


def mqm_category(word: str) -> str:
    """An MQM path for a backend's category ("accuracy/mistranslation", "Fluency - Grammar",
    "terminology (inappropriate for context)"); ``Accuracy/Mistranslation`` when unknown or
    empty, since a meaning error is what a QE model is run for."""
    text = word.strip().lower().replace(" - ", "/").replace(":", "/")
    if text in _BY_LOWER:
        return _BY_LOWER[text]
    parts = [p.strip() for p in text.replace("(", "/").replace(")", "").split("/") if p.strip()]
    for part in reversed(parts):  # the most specific word first
        if part in _CATEGORY_WORDS:
            return _CATEGORY_WORDS[part]
    return "Accuracy/Mistranslation"


def locate(text: str, span: str, start: int | None = None, end: int | None = None) -> tuple[int, int] | None:
    """Where ``span`` is in ``text``: ``(start, end)`` with ``text[start:end] == span``, or None.

    Offsets that hold are kept. Offsets that are off (xCOMET's include the space before the
    span's first word: Unbabel/COMET issue 179) are corrected to the occurrence of the text
    nearest to them; without offsets, the first occurrence. Leading and trailing white
    space of the span is not part of it.
    """
    span = span.strip()
    if not span:
        return None
    if start is not None and end is not None and 0 <= start <= end <= len(text):
        if text[start:end] == span:
            return start, end
    hits: list[int] = []
    i = text.find(span)
    while i >= 0:
        hits.append(i)
        i = text.find(span, i + 1)
    if not hits:
        return None
    if start is None:
        return hits[0], hits[0] + len(span)
    best = min(hits, key=lambda h: (abs(h - start), h))
    return best, best + len(span)


def _severity(said: str, located: bool) -> Severity:
    said = said.strip().lower()
    if not located or said not in ("minor", "major", "critical"):
        return Severity.NEUTRAL
    return Severity.MAJOR if said in ("major", "critical") else Severity.MINOR


def _message(span: QESpan, backend: str, model: str) -> str:
    said = span.severity.strip().lower() or "unrated"
    why = " ".join(span.explanation.split())
    if len(why) > MESSAGE_LIMIT:
        why = why[: MESSAGE_LIMIT - 1] + "…"
    conf = f", confidence {span.confidence:.2f}" if isinstance(span.confidence, int | float) else ""
    head = f"{backend}:{model} says {said}{conf}"
    return f"{head}: {why}" if why else head


def span_finding(pair: Pair, span: QESpan, *, backend: str, model: str) -> Finding:
    """One finding for one reported span (see the module's rules)."""
    side: Side = "source" if span.side == "source" else "target"
    category = mqm_category(span.category)
    text = pair.text(side)
    where = locate(text, span.text, span.start, span.end)
    if where is None and side == "target":
        # An omission's span is in the source, whatever side the backend put it on.
        alt = locate(pair.source, span.text)
        if alt is not None:
            side, text, where = "source", pair.source, alt
    message = _message(span, backend, model)
    severity = _severity(span.severity, where is not None)
    if where is None:
        quoted = " ".join(span.text.split())[:80]
        note = f" (span {quoted!r} not found in the text)" if quoted else ""
        return Finding(check=CHECK, category=category, severity=severity, message=message + note, side=side)
    return Finding.at(CHECK, category, severity, message, side=side, text_of_side=text, start=where[0], end=where[1])


def answer_findings(pair: Pair, answer: QEAnswer, *, backend: str, model: str) -> list[Finding]:
    """The findings of one answer: one per span, duplicates (same side, offsets, category)
    merged to the first, since models repeat themselves."""
    out: list[Finding] = []
    seen: set[tuple] = set()
    for span in answer.spans:
        f = span_finding(pair, span, backend=backend, model=model)
        key = (f.side, f.start, f.end, f.category) if f.start is not None else (f.side, f.message)
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out


def qe_risk(score: float | None) -> float:
    """What a stored QE score adds to a pair's badness, in [0, 1]: ``1 - score`` (0 for a
    pair the backend found perfect, 1 for the worst), 0 when there is no score.

    The review queue's risk formula reads this (with ``Store.qe_scores``); keeping the
    direction here means a queue never has to know which backend's scale it was.
    """
    if score is None:
        return 0.0
    return 1.0 - min(1.0, max(0.0, float(score)))
