"""Helpers shared by the TUI tests."""

from __future__ import annotations

from tests.helpers.corpora import SHANXI
from transreview.review import ReviewSession

__all__ = ["SHANXI", "finding_of", "pair_with"]


def pair_with(session: ReviewSession, needle: str) -> int:
    """The id of the first pair whose target contains ``needle``."""
    return next(r.pair_id for r in session.queue_page(0, 100) if needle in r.target)


def finding_of(session: ReviewSession, pair_id: int, check: str, text: str | None = None) -> int:
    """The id of the pair's first finding by ``check`` (on ``text`` if given)."""
    return next(
        f.id for f in session.pair(pair_id).findings
        if f.finding.check == check and (text is None or f.finding.text == text)
    )
