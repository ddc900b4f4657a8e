"""The MQM report of a review project, as plain data every writer (HTML, JSON, Markdown) reads.

Figures and where they come from:

- *MQM score*: :meth:`ReviewSession.mqm_score`: the weights (minor 1, major 5, critical 25)
  of the open and confirmed findings, per 1,000 source words (:func:`count_source_words`).
  A document *fails* when its score is above ``--threshold``.
- *Errors by severity and category*: the same live findings, counted.
- *Post-edit effort*: chrF and TER of the original target (the hypothesis) against the
  reviewed target (the reference), sacrebleu with its signature, for each corrected pair
  and for the document over its reviewed pairs (corrected or approved: an approved pair is
  a post-edit with no edit). Unreviewed pairs are left out: nobody has edited them yet.
- *Progress*: reviewed (corrected or approved) over all pairs.
- *By reviewer*: per reviewer, the pairs they corrected and approved, the findings they
  added (with the penalty points of those still counted) and the check findings they
  confirmed or dismissed, from :meth:`Store.reviewer_tallies`: each decision belongs to
  whoever made the current state so, so the columns add up to the document's figures.
  The project's split is the sum over the reported documents.

Only the latest import of each document name is reported, as in the export.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from transreview import __version__
from transreview.metrics import SACREBLEU_VERSION, CorpusTotals, scorer_for
from transreview.model import Severity, is_chinese
from transreview.records import ReviewerTally, StoredDocument
from transreview.review import ReviewSession, count_source_words
from transreview.spool import Spool
from transreview.store import is_db_url, redact_url

SEVERITIES: tuple[str, ...] = ("critical", "major", "minor", "neutral")
#: Pairs the HTML report shows inline, worst first, before the pages that hold them all.
WORST_PAIRS = 50
#: Report items kept in memory per document before they move to a temporary file.
REPORT_MEMORY_ITEMS = 2048


@dataclass(frozen=True)
class FindingItem:
    """One finding as the report shows it."""

    number: int  # 1-based within the document, for the marks in the text
    check: str
    origin: str
    status: str
    category: str
    severity: str
    side: str
    start: int | None
    end: int | None
    text: str | None
    message: str
    suggestion: str | None
    actor: str | None

    @property
    def live(self) -> bool:
        return self.status in ("open", "confirmed")


@dataclass(frozen=True)
class PairItem:
    """A pair with findings or a correction: the texts and its findings."""

    key: str
    position: int
    status: str
    source: str
    target: str  # the original target
    corrected: str | None  # the reviewed target when it differs from the original
    findings: tuple[FindingItem, ...]
    chrf: float | None = None  # post-edit effort, for a corrected pair
    ter: float | None = None


@dataclass(frozen=True)
class DocumentReport:
    """Everything the report says about one document."""

    name: str
    format: str
    src_lang: str
    tgt_lang: str
    pairs: int
    reviewed: int
    corrected: int
    words: int
    penalty: int
    score: float
    threshold: float | None
    by_severity: dict[str, int]
    by_category: dict[str, int]
    dismissed: int
    effort: dict[str, float]  # {"chrf": .., "ter": ..} over reviewed pairs; {} when none
    #: every pair with findings or a correction, in document order; a :class:`Spool` (kept
    #: on disk past a few thousand pairs) when built from a project, so memory stays flat
    items: Sequence[PairItem] | Spool[PairItem]
    reviewers: tuple[ReviewerTally, ...] = ()
    #: the :data:`WORST_PAIRS` items with the most penalty points (worst first), each with
    #: its index in ``items``: what the HTML report shows inline before its pages
    worst: tuple[tuple[int, PairItem], ...] = ()
    #: quality estimation (``transreview qe``): the mean segment score (0-1, higher is
    #: better) over the pairs with a score, and how many have one; None and 0 without it
    qe_mean: float | None = None
    qe_scored: int = 0

    @property
    def passed(self) -> bool | None:
        """None without a threshold; else whether the score is at or below it."""
        return None if self.threshold is None else self.score <= self.threshold

    @property
    def findings(self) -> int:
        return sum(self.by_severity.values())


@dataclass(frozen=True)
class ProjectReport:
    """The whole report."""

    project: str
    generated: str
    version: str
    threshold: float | None
    signatures: dict[str, str]
    documents: tuple[DocumentReport, ...]
    superseded: tuple[str, ...] = field(default=())
    reviewers: tuple[ReviewerTally, ...] = field(default=())  # summed over the documents

    @property
    def failed(self) -> list[DocumentReport]:
        return [d for d in self.documents if d.passed is False]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the ``--format json`` output, which the writer streams
        instead: :func:`transreview.mqm.write.write_json`)."""
        out = self.to_dict_without_items()
        for doc, d in zip(self.documents, out["documents"], strict=True):
            d["items"] = [asdict(item) for item in doc.items]
        return out

    def to_dict_without_items(self) -> dict[str, Any]:
        """:meth:`to_dict` with every document's ``items`` an empty list (they are streamed)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "documents":
                value = [_document_dict(d) for d in self.documents]
            elif f.name == "reviewers":
                value = [asdict(t) for t in value]
            out[f.name] = value
        out["failed"] = [d.name for d in self.failed]
        return out


def _document_dict(doc: DocumentReport) -> dict[str, Any]:
    d: dict[str, Any] = {}
    for f in fields(doc):
        if f.name == "worst":
            continue
        value = getattr(doc, f.name)
        if f.name == "items":
            value = []
        elif f.name == "reviewers":
            value = [asdict(t) for t in value]
        elif isinstance(value, dict):
            value = dict(value)
        d[f.name] = value
    d["passed"] = doc.passed
    d["score"] = round(doc.score, 2)
    return d


def _effort_signatures(documents: list[StoredDocument]) -> dict[str, str]:
    chinese = any(is_chinese(d.tgt_lang) for d in documents)
    sigs = scorer_for("zh" if chinese else "en").signatures()
    return {"chrf": sigs["chrf"], "ter": sigs["ter"]}


def _document(session: ReviewSession, doc: StoredDocument, threshold: float | None) -> DocumentReport:
    store = session.store
    scorer = scorer_for(doc.tgt_lang)
    totals = CorpusTotals(is_chinese(doc.tgt_lang))
    by_sev: Counter[str] = Counter()
    by_cat: Counter[str] = Counter()
    dismissed = 0
    words = 0
    corrected = 0
    items: Spool[PairItem] = Spool(REPORT_MEMORY_ITEMS)
    worst: list[tuple[int, int, int, PairItem]] = []  # a heap: (points, -position, index, item)
    number = 0
    for pid, pair in store.iter_pairs(doc.id):
        words += count_source_words(pair.source, doc.src_lang)
        st = store.state(pid)
        current = pair.target if st.current_text is None else st.current_text
        changed = current != pair.target
        corrected += changed
        chrf = ter = None
        if st.status in ("corrected", "approved") and (current or pair.target):
            stats = scorer.stats(pair.target, current)
            totals.add(stats)
            if changed:
                scores = scorer.sentence_scores(stats)
                chrf, ter = scores["chrf"], scores["ter"]
        found: list[FindingItem] = []
        for sf in store.findings(pid):
            f = sf.finding
            number += 1
            found.append(
                FindingItem(
                    number, f.check, sf.origin, sf.status, f.category, f.severity.label, f.side,
                    f.start, f.end, f.text, f.message, f.suggestion, sf.actor,
                )
            )
            if sf.live:
                by_sev[f.severity.label] += 1
                by_cat[f.category] += 1
            else:
                dismissed += 1
        if found or changed:
            item = PairItem(
                pair.id, pair.index, st.status, pair.source, pair.target,
                current if changed else None, tuple(found), chrf, ter,
            )
            points = sum(Severity.parse(f.severity).weight for f in found if f.live)
            entry = (points, -pair.index, len(items), item)
            if len(worst) < WORST_PAIRS:
                heapq.heappush(worst, entry)
            elif entry[:3] > worst[0][:3]:
                heapq.heapreplace(worst, entry)
            items.append(item)
    reviewed, total = session.progress(doc.id)
    qe = [v for v in store.qe_scores(doc.id).values() if v is not None]
    return DocumentReport(
        name=doc.name,
        format=doc.format,
        src_lang=doc.src_lang,
        tgt_lang=doc.tgt_lang,
        pairs=total,
        reviewed=reviewed,
        corrected=corrected,
        words=words,
        penalty=store.penalty(doc.id),
        score=session.mqm_score(doc.id),
        threshold=threshold,
        by_severity={s: by_sev.get(s, 0) for s in SEVERITIES},
        by_category=dict(sorted(by_cat.items(), key=lambda kv: (-kv[1], kv[0]))),
        dismissed=dismissed,
        effort={k: v for k, v in totals.scores().items() if k in ("chrf", "ter")},
        items=items,
        reviewers=tuple(store.reviewer_tallies(doc.id)),
        worst=tuple((k, item) for _, _, k, item in sorted(worst, key=lambda e: e[:3], reverse=True)),
        qe_mean=round(sum(qe) / len(qe), 4) if qe else None,
        qe_scored=len(qe),
    )


def merge_tallies(parts: list[tuple[ReviewerTally, ...]]) -> tuple[ReviewerTally, ...]:
    """Per reviewer, the sum of their tallies over several documents (same order as the store's)."""
    counts = [f.name for f in fields(ReviewerTally) if f.name != "reviewer"]
    totals: dict[str | None, dict[str, int]] = {}
    for tallies in parts:
        for t in tallies:
            row = totals.setdefault(t.reviewer, dict.fromkeys(counts, 0))
            for name in counts:
                row[name] += getattr(t, name)
    order = sorted(totals, key=lambda w: (w is None, w or ""))
    return tuple(ReviewerTally(who, **totals[who]) for who in order)


def build_mqm_report(db: str | Path, threshold: float | None = None) -> ProjectReport:
    """Read project ``db`` (never written) and build its report."""
    from transreview.export import latest_documents
    from transreview.project import open_project

    with open_project(db, for_reading=True) as store:
        session = ReviewSession(store, "report")
        docs, superseded = latest_documents(store)
        documents = tuple(_document(session, d, threshold) for d in docs)
        sigs = _effort_signatures(docs) if docs else {}
    return ProjectReport(
        project=redact_url(str(db)) if is_db_url(str(db)) else Path(db).name,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        version=__version__,
        threshold=threshold,
        signatures={"sacrebleu": SACREBLEU_VERSION, **sigs},
        documents=documents,
        superseded=tuple(dict.fromkeys(superseded)),
        reviewers=merge_tallies([d.reviewers for d in documents]),
    )


__all__ = [
    "SEVERITIES",
    "WORST_PAIRS",
    "DocumentReport",
    "FindingItem",
    "PairItem",
    "ProjectReport",
    "ReviewerTally",
    "Severity",
    "build_mqm_report",
    "merge_tallies",
]
