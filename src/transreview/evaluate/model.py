"""What an evaluation compares: segments that people annotated, and what the tool found in them.

Every reader (Google MQM TSV, WMT ESA CSV or JSONL, a transreview project) turns its rows into
:class:`AnnotatedSegment` values, so the metrics know nothing of where an annotation came
from. Offsets are Python ``str`` offsets, end exclusive, into the segment's own text, as in
:class:`transreview.model.Finding`, so a finding and a human span compare character by
character.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from transreview.model import Finding, Pair, Side


@dataclass(frozen=True, slots=True)
class HumanSpan:
    """One error a person marked: where (or nowhere, for ESA's "missing"), how bad, what kind.

    ``severity`` is ``"major"`` or ``"minor"`` (critical counts as major, neutral as minor);
    ``category`` is the MQM path the annotator chose, or ``"ESA/major"``/``"ESA/minor"`` for
    ESA marks, which carry no category.
    """

    side: Side
    start: int | None
    end: int | None
    severity: str
    category: str

    @property
    def spanned(self) -> bool:
        return self.start is not None and self.end is not None and self.end > self.start


@dataclass(frozen=True, slots=True)
class AnnotatedSegment:
    """One translation as a person judged it.

    ``quality`` is the human score, higher is better (ESA's 0-100, the negated MQM penalty),
    or None when the source gives none. ``has_error``/``has_major`` say whether the person
    marked any error (a "missing" mark included) and any major one. ``system`` groups the
    segments of one MT system, so that checks that compare pairs within a run (consistency)
    see one system's output at a time, as a team checking that output would.
    ``decisions``: for a project, the reviewer's verdict on each check finding
    (``(finding, "confirmed"|"dismissed")``).
    """

    key: str
    pair: Pair
    spans: tuple[HumanSpan, ...]
    quality: float | None
    has_error: bool
    has_major: bool
    system: str = ""
    findings: tuple[Finding, ...] | None = None  # stored findings (a project); None: run the checks
    decisions: tuple[tuple[Finding, str], ...] = field(default=())
