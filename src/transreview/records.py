"""What the project store hands out: the stored documents, findings, corrections, review
states and queue rows, and the vocabularies of their fields.

These are plain values, apart from the storage that produces them, so the review UI, the
export and the MQM report can read a project's records without importing the store (and
with it ``sqlite3`` and psycopg): they receive an open store from
:func:`transreview.project.open_project` and only ever hold what it returned.

Findings are *live* while their status is ``open`` or ``confirmed``; a ``dismissed`` finding
stays stored (it is remembered) but no longer counts towards risk or scores.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple, Protocol

from transreview.errors import StoreError
from transreview.model import Finding, Pair, SentenceAlignment, Severity

Origin = Literal["check", "reviewer", "quick"]
FindingStatus = Literal["open", "confirmed", "dismissed"]
PairStatus = Literal["unreviewed", "flagged", "corrected", "approved"]
CorrectionKind = Literal["save", "undo"]

ORIGINS: tuple[str, ...] = ("check", "reviewer", "quick")
FINDING_STATUSES: tuple[str, ...] = ("open", "confirmed", "dismissed")
PAIR_STATUSES: tuple[str, ...] = ("unreviewed", "flagged", "corrected", "approved")
LIVE_STATUSES: tuple[str, ...] = ("open", "confirmed")


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """One imported input. Its original bytes (and, for a Moses pair, the .zh half's), kept
    for the round-trip export, are not part of it: ``Store.document_content`` reads them
    only when an export needs them."""

    id: int
    name: str
    format: str
    path: str
    sha256: str
    src_lang: str
    tgt_lang: str
    imported_at: str
    imported_by: str | None = None


@dataclass(frozen=True, slots=True)
class StoredFinding:
    """A finding as stored: the model finding plus its id, origin, review status and author."""

    id: int
    pair_id: int
    origin: str
    status: str
    finding: Finding
    created_at: str
    updated_at: str
    actor: str | None

    @property
    def live(self) -> bool:
        """Open or confirmed: it counts towards risk and the MQM score."""
        return self.status in LIVE_STATUSES


class CheckedRows(NamedTuple):
    """One checked pair as the rows an import writes (``Store.add_rows``), without the ids
    and times the store gives them: what :class:`CheckedPair` becomes, and what the import
    builds straight from a worker's packed result (no model objects on the way).

    ``sentences``: ``(side, index, start, end)``; ``beads``: ``(n, source indices, target
    indices)``, indices comma-separated; ``findings``: ``(check, category, severity,
    neutral, side, start, end, text, message, suggestion, status, actor)``, severity as
    stored (at least minor; ``neutral`` 1 for a neutral finding).
    """

    key: str
    doc: str
    source: str
    target: str
    reference: str | None
    line: int | None
    meta: str  # JSON
    sentences: tuple[tuple[str, int, int, int], ...]
    beads: tuple[tuple[int, str, str], ...]
    findings: tuple[tuple[Any, ...], ...]


def _stored_severity(severity: int) -> tuple[int, int]:
    """(severity, neutral) as a finding row holds them: a neutral finding is stored as minor
    with the neutral flag (the column's range is minor to critical)."""
    return max(severity, int(Severity.MINOR)), int(severity == Severity.NEUTRAL)


def checked_rows(
    pair: tuple, findings: Iterable[tuple[tuple, str, str | None]], alignment: tuple | None
) -> CheckedRows:
    """The rows of one checked pair, from its packed forms (:mod:`transreview.results`:
    ``pack_pair``, ``pack_finding`` with each finding's status and actor, ``pack_alignment``).

    The one place that lays a checked pair out as rows: the import calls it on the packed
    results it spooled, :meth:`CheckedPair.rows` on a pair's objects packed."""
    sentences: tuple[tuple[str, int, int, int], ...] = ()
    beads: tuple[tuple[int, str, str], ...] = ()
    if alignment is not None:
        src_spans, tgt_spans, packed_beads = alignment
        sentences = tuple(
            (side, i, start, end)
            for side, spans in (("source", src_spans), ("target", tgt_spans))
            for i, (start, end) in enumerate(spans)
        )
        beads = tuple((n, ",".join(map(str, src)), ",".join(map(str, tgt))) for n, (src, tgt) in enumerate(packed_beads))
    # pack_pair: id, source, target, doc, index, line, reference, src_lang, tgt_lang, meta
    # pack_finding: check, category, severity, message, side, start, end, text, suggestion
    return CheckedRows(
        pair[0], pair[3], pair[1], pair[2], pair[6], pair[5],
        json.dumps(pair[9], ensure_ascii=False, default=str) if pair[9] else "{}", sentences, beads,
        tuple(
            (f[0], f[1], *_stored_severity(f[2]), f[4], f[5], f[6], f[7], f[3], f[8], status, actor)
            for f, status, actor in findings
        ),
    )


@dataclass(frozen=True, slots=True)
class CheckedPair:
    """One pair on its way into a project (``Store.add_checked``): the pair, its sentence
    alignment (None: stored unaligned) and its check findings, each with the status and
    actor it is stored with (a decision remembered from the previous import, or open)."""

    pair: Pair
    alignment: SentenceAlignment | None
    findings: tuple[tuple[Finding, FindingStatus, str | None], ...]

    def rows(self) -> CheckedRows:
        from transreview.results import pack_alignment, pack_finding, pack_pair

        return checked_rows(
            pack_pair(self.pair),
            ((pack_finding(f), status, actor) for f, status, actor in self.findings),
            pack_alignment(self.alignment),
        )


@dataclass(frozen=True, slots=True)
class Correction:
    """One entry of a pair's append-only correction history."""

    id: int
    pair_id: int
    text: str
    reviewer: str | None
    created_at: str
    kind: str


@dataclass(frozen=True, slots=True)
class ReviewerTally:
    """What one reviewer did in one document (``Store.reviewer_tallies``).

    ``reviewer`` is None for decisions stored without a name. ``added_points`` are the MQM
    weights of the reviewer's own findings that still count (open or confirmed).
    """

    reviewer: str | None
    corrected: int = 0  # pairs whose current text this reviewer's last correction entry set
    approved: int = 0  # pairs now approved, by this reviewer
    added: int = 0  # reviewer and quick findings this reviewer wrote
    added_points: int = 0
    confirmed: int = 0  # check findings this reviewer confirmed (and nobody changed since)
    dismissed: int = 0  # check findings this reviewer dismissed


@dataclass(frozen=True, slots=True)
class PairState:
    """A pair's review state. ``current_text`` is None while the original target stands."""

    pair_id: int
    status: str
    quick_score: int | None
    version: int
    current_text: str | None
    risk: int
    max_severity: Severity | None
    live_findings: int
    updated_at: str | None
    actor: str | None


@dataclass(frozen=True, slots=True)
class QueueRow:
    """One line of the review queue: enough to draw a table row without loading the pair."""

    pair_id: int
    document_id: int
    pair_key: str
    position: int
    source: str
    target: str  # the current target: the last correction, or the original
    status: str
    risk: int
    max_severity: Severity | None
    live_findings: int
    quick_score: int | None


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """What the queue shows. Empty fields do not filter.

    ``statuses``: pair statuses to keep. ``min_severity``: keep pairs with a live finding at
    or above it. ``category``: an MQM path, matching itself and its children ("Accuracy"
    keeps "Accuracy/Omission"). ``check``: keep pairs with a live finding of that check.
    ``text``: a substring of the source or the current target (ASCII case-insensitive).
    """

    statuses: tuple[str, ...] = ()
    min_severity: Severity | None = None
    category: str | None = None
    check: str | None = None
    text: str | None = None
    document_id: int | None = None


QueueOrder = Literal["position", "risk"]


class VersionMismatch(StoreError):
    """A conditional write found another version than expected; carries the stored state.

    Raised by the store's ``record_text``, caught by the review session, which turns it
    into a conflict for the reviewer: it lives with the records so the catcher needs
    nothing from the store.
    """

    def __init__(self, state: PairState) -> None:
        self.state = state
        super().__init__(f"pair {state.pair_id} is at version {state.version}")


class ProjectReader(Protocol):
    """The reading side of an open project, as the export uses it.

    ``transreview.store.Store`` has these methods; naming them here lets a reader of
    records take an open project (from :func:`transreview.project.open_project`) without
    importing the store.
    """

    def documents(self) -> list[StoredDocument]: ...

    def document_content(self, document_id: int) -> tuple[bytes | None, bytes | None]: ...

    def iter_pairs(self, document_id: int, batch: int = ...) -> Iterator[tuple[int, Pair]]: ...

    def state(self, pair_id: int) -> PairState: ...

    def findings(self, pair_id: int) -> list[StoredFinding]: ...

    def qe_scores(self, document_id: int | None = None) -> dict[int, float | None]: ...
