"""Messages widgets post upward; the screen answers them by calling the ReviewSession.

Widgets render and report what the reviewer did; they never decide what it means for the
project (messages up, data down).
"""

from __future__ import annotations

from textual.message import Message

from transreview.model import Side, Span
from transreview.records import QueueRow


class QueueHighlighted(Message):
    """The queue cursor moved to ``index`` (row ``row``, None while the queue is empty)."""

    def __init__(self, index: int, row: QueueRow | None) -> None:
        self.index = index
        self.row = row
        super().__init__()


class SpanChosen(Message):
    """The reviewer finished selecting ``span`` on ``side``; ``quick`` is a quick-mode
    severity ("minor"/"major") or None for a full MQM finding."""

    def __init__(self, side: Side, span: Span, quick: str | None) -> None:
        self.side = side
        self.span = span
        self.quick = quick
        super().__init__()


class MarkingDone(Message):
    """The reviewer left marking mode without marking anything."""
