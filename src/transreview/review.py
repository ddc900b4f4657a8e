"""``ReviewSession``: the review UI's only door to the core.

The Textual app holds one session and calls plain methods; it never sees SQL, a cursor or
a transaction. Every method that records a decision commits before it returns, so a
killed terminal loses nothing that the screen already showed as done.

Decisions worth knowing when building a UI on top:

- *Spans point into the original text.* Check findings were computed on the imported
  source and target, and the MQM score is a score of the translation as delivered, so the
  spans of reviewer findings and quick spans are also offsets into ``pair.source`` /
  ``pair.target`` (not into a corrected target). Annotate on the original; correct apart.
- *Versions move with the text only.* ``PairView.version`` increases with each saved or
  undone correction. :meth:`ReviewSession.save_correction` with an older
  ``expected_version`` raises :class:`ConflictError`; approving, flagging and finding
  decisions never conflict (none of them can lose another reviewer's words).
- *History is append-only.* Undo appends an ``undo`` entry that restores the previous
  text; nothing is ever rewritten or deleted.
- *Reviewed* means corrected or approved; a flagged pair still needs someone.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal, TypeVar

from transreview.errors import ConflictError, Interrupted, StoreError, TransreviewError
from transreview.model import (
    MQM_CATEGORIES,
    SIDES,
    Finding,
    Pair,
    SentenceAlignment,
    Severity,
    is_chinese,
)
from transreview.records import (
    Correction,
    PairState,
    QueueFilter,
    QueueOrder,
    QueueRow,
    StoredDocument,
    StoredFinding,
    VersionMismatch,
)
from transreview.store import Store
from transreview.unitnotes import FileNote, file_notes

QUICK_CATEGORY = "Unspecified"
# Meta key of a document's source word count; the suffix names the counting rule, so a
# change to count_source_words must change it (old counts are then recounted).
_WORDS_META = "source_words@1"
# Meta key prefix of a reviewer's place (queue order and pair) when they last quit.
_PLACE_META = "review_place@1"
_THRESHOLD_META = "review_risk_threshold@1"
_TOP_CATEGORIES = frozenset(c.split("/")[0] for c in MQM_CATEGORIES)
_EN_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_HAS_WORD_CHAR = re.compile(r"[^\W_]")

Want = Literal["unreviewed", "flagged"]
T = TypeVar("T")


class ReviewError(TransreviewError):
    """A review action that cannot be done as asked (bad span, nothing to undo...)."""


@dataclass(frozen=True, slots=True)
class FixPlan:
    """One pair's part of a fix-all: the findings it fixes and the text before and after."""

    pair_id: int
    version: int
    finding_ids: tuple[int, ...]
    before: str
    after: str


def _map_offset(original: str, current: str) -> dict[int, int]:
    """Offsets of ``original`` that survive unchanged into ``current`` (equal runs of a
    character diff), mapped to their place there: a span found on the imported text still
    lands right after an earlier correction (陕西 → 山西) moved or kept the text around it."""
    from difflib import SequenceMatcher

    out: dict[int, int] = {}
    for tag, i1, i2, j1, _ in SequenceMatcher(None, original, current, autojunk=False).get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1 + 1):
                out[i1 + k] = j1 + k
    return out


@dataclass(frozen=True, slots=True)
class PairView:
    """Everything the detail pane shows for one pair, read in one go."""

    pair_id: int
    document_id: int
    pair: Pair
    alignment: SentenceAlignment | None
    findings: tuple[StoredFinding, ...]
    current_target: str
    status: str
    version: int
    quick_score: int | None
    risk: int

    @property
    def corrected(self) -> bool:
        return self.current_target != self.pair.target

    @property
    def file_notes(self) -> tuple[FileNote, ...]:
        """The comments the pair's file holds about it (PO ``#.``/``#``, Android
        ``<!-- -->``, iOS ``/* */``, xcstrings ``comment``, ARB ``description``, Qt
        ``<comment>``/``<extracomment>``/``<translatorcomment>``, XLIFF/TMX ``<note>``),
        one shape whatever the format (:mod:`transreview.unitnotes`). File text: show it
        through ``sanitize``."""
        return file_notes(self.pair)


def count_source_words(text: str, lang: str) -> int:
    """Words for the MQM score's per-1,000-words normalisation.

    English (and other space-separated languages): letter/digit runs, with inner
    apostrophes and hyphens (``JHCGA's``, ``carbon-intensive``) as one word. Chinese:
    jieba words that hold at least one letter, digit or Han character (punctuation is not
    a word), because a character count would inflate the denominator about 1.5 times
    against the English convention the MQM thresholds were calibrated with.
    """
    if not text.strip():
        return 0
    if is_chinese(lang):
        from transreview.text.segment import project_tokenizer

        return sum(1 for s in project_tokenizer().words(text) if _HAS_WORD_CHAR.search(s.of(text)))
    return len(_EN_WORD.findall(text))


class AsideRead:
    """Reads of the queue on the store's second connection (:meth:`Store.reader`) that
    another thread may stop: the review UI's count of a search while it is typed, which
    the next keystroke makes stale (``tui/ahead.py``). Get one from
    :meth:`ReviewSession.aside_read`, use it in one thread, :meth:`stop` it from any.

    A stopped read raises :class:`~transreview.errors.Interrupted` where it runs: at once
    if it had not started, or from SQLite (``interrupt``) if its statement was running.
    Every read aside of the session (this one's and ``queue_count(aside=True)``) takes its
    turn on the connection, and the session knows whose turn it is: a stop interrupts the
    connection only while this read's statement is the one running, so it can never stop
    another read (a search's count that enter started). Where the reader is the store
    itself (PostgreSQL, or a file no second connection opens) nothing is interrupted: the
    read runs to its end and its answer is only not used."""

    def __init__(self, session: ReviewSession) -> None:
        self._session = session
        self.stopped = False
        self.started = False

    def queue_page(self, offset: int, limit: int, *, order: QueueOrder, filters: QueueFilter) -> list[QueueRow]:
        return self._session._aside(self, lambda store: store.queue(filters, order, offset, limit))

    def queue_count(self, filters: QueueFilter) -> int:
        return self._session._aside(self, lambda store: store.queue_count(filters))

    def stop(self) -> None:
        """No answer is wanted any more: stop the read running (or the next one)."""
        self._session._stop_aside(self)

    def stop_if_waiting(self) -> bool:
        """Stop this read if it has not started and must wait for another that is not being
        stopped (it would start only once that one ends); True if stopped. The review UI asks
        at enter, to read a search itself rather than wait behind a whole count."""
        return self._session._stop_aside(self, only_if_waiting=True)


class ReviewSession:
    """One reviewer's session on one project. Thread-safe; close it when done."""

    def __init__(self, store: Store, reviewer: str) -> None:
        self.store = store
        self.reviewer = reviewer
        self._source_words: dict[int, int] = {}
        self._checks: list | None = None  # pair-level checks for re-checking corrections, built once
        # Reads aside (on the store's reader) take turns, and whose turn it is is known, so
        # that stopping one never stops another (see AsideRead).
        self._aside_turn = threading.Lock()
        self._aside_state = threading.Lock()  # guards the two below and every interrupt
        self._aside_running: object | None = None  # the read whose statement may be running
        self._closing = False
        self._refresh_stale_risk()

    def _refresh_stale_risk(self) -> None:
        """Recompute every pair's risk once if the project's was computed by another rule
        (a project from before the severity-and-confidence rule held summed MQM weights:
        left as they were, the queue would order two scales against each other). About a
        second per 100,000 pairs, once; a project that cannot be written keeps its order."""
        from transreview.risk import RISK_META, RISK_RULE

        if self.store.get_meta(RISK_META) == RISK_RULE:
            return
        try:
            with self.store.atomic():
                self.store.refresh_risk(every=True)
                self.store.set_meta(RISK_META, RISK_RULE)
        except StoreError:
            pass

    @classmethod
    def open(cls, db_path: str | Path, reviewer: str | None = None) -> ReviewSession:
        """Open an existing project for ``reviewer`` (default: the system user)."""
        from transreview.project import default_reviewer, open_project

        return cls(open_project(db_path), reviewer or default_reviewer())

    def close(self) -> None:
        """Close the project; a read aside still running (a count nobody waits for any more)
        is stopped first, so closing does not wait for its scan."""
        with self._aside_state:
            self._closing = True
            if self._aside_running is not None:
                self._interrupt_aside()
        self.store.close()

    def __enter__(self) -> ReviewSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def db_path(self) -> Path:
        return self.store.path

    # --- reading -----------------------------------------------------------------------

    def documents(self) -> list[StoredDocument]:
        return self.store.documents()

    def queue_page(
        self,
        offset: int,
        limit: int,
        *,
        order: QueueOrder = "position",
        filters: QueueFilter | None = None,
    ) -> list[QueueRow]:
        """One page of the queue (``order``: "position" = reading order, "risk" = worst first)."""
        return self.store.queue(filters or QueueFilter(), order, offset, limit)

    def queue_count(self, filters: QueueFilter | None = None, *, aside: bool = False) -> int:
        """The queue's length. ``aside``: on the store's second connection
        (:meth:`Store.reader`), for a count in another thread that must not keep this
        session's other reads waiting while it scans (never stopped by an
        :class:`AsideRead`'s stop)."""
        flt = filters or QueueFilter()
        if aside:
            return self._aside(object(), lambda store: store.queue_count(flt))
        return self.store.queue_count(flt)

    @property
    def reads_aside(self) -> bool:
        """Whether reads aside have a connection of their own (SQLite: the store's reader),
        so that they neither wait for this session's other reads nor hold them up, and can
        be stopped. False on PostgreSQL, or a SQLite file no second connection opens."""
        return self.store.reader() is not self.store

    def aside_read(self) -> AsideRead:
        """Reads on the store's second connection that another thread may stop."""
        return AsideRead(self)

    @property
    def writes(self) -> tuple[int, int | None]:
        """Moves with every write transaction of this session and every commit of another
        connection to the project (another reviewer; SQLite's ``data_version``): a queue
        read before it last moved may miss a decision (a correction changes the text a
        search reads). A few microseconds: one pragma on this session's connection."""
        return self.store.write_generation, self.store.data_version()

    def _aside(self, job: object, read: Callable[[Store], T]) -> T:
        """``read`` on the store's reader, in turn with the session's other reads aside."""
        with self._aside_turn:
            with self._aside_state:
                if self._closing or (isinstance(job, AsideRead) and job.stopped):
                    raise Interrupted("read aside stopped before it started")
                if isinstance(job, AsideRead):
                    job.started = True
                self._aside_running = job
            try:
                answer = read(self.store.reader())
            finally:
                with self._aside_state:
                    self._aside_running = None
        if isinstance(job, AsideRead) and job.stopped:
            # stopped between its start and its statement's (a few microseconds): the
            # interrupt found nothing running and the read ran; its answer is not wanted
            raise Interrupted("read aside stopped")
        return answer

    def _stop_aside(self, job: AsideRead, *, only_if_waiting: bool = False) -> bool:
        """Mark ``job`` stopped and interrupt the reader if its statement may be running.

        The race: the reader runs one statement at a time, and an interrupt stops whichever
        runs. Under ``_aside_state`` the running read cannot change (it changes only under
        that lock, after its statement has ended), so the interrupt is sent only while
        ``job``'s own read holds the connection; if its statement has not begun or has
        just ended the interrupt does nothing, not even to the next statement (SQLite clears
        it once no statement runs). A stop in the few microseconds between the read's
        start and its statement's lets that one statement run to its end (a scan: 27 ms at
        100,000 pairs), its answer dropped (:meth:`_aside`)."""
        with self._aside_state:
            if only_if_waiting:
                other = self._aside_running
                if job.started or other is None or (isinstance(other, AsideRead) and other.stopped):
                    return False
            job.stopped = True
            if self._aside_running is job:
                self._interrupt_aside()
            return True

    def _interrupt_aside(self) -> None:
        reader = self.store.reader()
        if reader is not self.store:  # never the connection the UI thread reads through
            reader.interrupt()

    def queue_index(
        self, pair_id: int, *, order: QueueOrder = "position", filters: QueueFilter | None = None
    ) -> int | None:
        """Where ``pair_id`` sits in the queue (0-based), or None if the filters hide it."""
        return self.store.queue_index(filters or QueueFilter(), order, pair_id)

    def pair(self, pair_id: int) -> PairView:
        st = self.store.state(pair_id)
        pair = self.store.get_pair(pair_id)
        return PairView(
            pair_id=pair_id,
            document_id=self.store.pair_document(pair_id),
            pair=pair,
            alignment=self.store.alignment(pair_id),
            findings=tuple(self.store.findings(pair_id)),
            current_target=pair.target if st.current_text is None else st.current_text,
            status=st.status,
            version=st.version,
            quick_score=st.quick_score,
            risk=st.risk,
        )

    def history(self, pair_id: int) -> list[Correction]:
        """Every saved and undone correction of the pair, oldest first."""
        return self.store.corrections(pair_id)

    def next_pair(
        self, after_pair_id: int | None, want: Want = "unreviewed", *, min_risk: int | None = None
    ) -> int | None:
        """The next pair in reading order with status ``want`` (and risk ≥ ``min_risk``),
        wrapping round; None if none."""
        if want not in ("unreviewed", "flagged"):
            raise ReviewError(f"next_pair wants 'unreviewed' or 'flagged', not {want!r}")
        return self.store.next_pair_id(after_pair_id, (want,), min_risk)

    def risk_threshold(self) -> int:
        """This reviewer's "next unreviewed at risk ≥ X" threshold (default 20: an open
        major finding), kept in the project like their place."""
        raw = self.store.get_meta(f"{_THRESHOLD_META}:{self.reviewer}")
        return int(raw) if raw and raw.isdigit() else 20

    def set_risk_threshold(self, value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ReviewError(f"a risk threshold is a whole number from 0, not {value!r}")
        try:
            self.store.set_meta(f"{_THRESHOLD_META}:{self.reviewer}", str(value))
        except StoreError:
            pass

    def progress(self, document_id: int | None = None) -> tuple[int, int]:
        """``(reviewed, total)``: reviewed = corrected or approved."""
        reviewed = self.store.count_status(("corrected", "approved"), document_id)
        return reviewed, self.store.count_pairs(document_id)

    def mqm_score(self, document_id: int) -> float:
        """MQM penalty points per 1,000 source words: the MQM weights (critical 25, major 5,
        minor 1) of the document's open and confirmed findings, checks' and reviewers'
        alike, dismissed ones excluded. 0.0 for a document without source words."""
        words = self.source_words(document_id)
        if words == 0:
            return 0.0
        return self.store.penalty(document_id) * 1000.0 / words

    def source_words(self, document_id: int) -> int:
        """Source words of a document (the MQM denominator), counted once and kept in the
        project's meta table: a document's source text never changes after import, and
        counting 100,000 pairs takes about a second, too long to repeat at every start."""
        cached = self._source_words.get(document_id)
        if cached is not None:
            return cached
        key = f"{_WORDS_META}:{document_id}"
        stored = self.store.get_meta(key)
        if stored is not None:
            cached = int(stored)
        else:
            doc = self.store.document(document_id)
            cached = sum(count_source_words(t, doc.src_lang) for t in self.store.source_texts(document_id))
            try:
                self.store.set_meta(key, str(cached))
            except StoreError:
                pass  # a project that cannot be written (read-only medium): count again next time
        self._source_words[document_id] = cached
        return cached

    # --- where the reviewer was --------------------------------------------------------

    def remember_place(self, order: QueueOrder, pair_id: int | None) -> None:
        """Keep this reviewer's queue order and pair for the next session on the project.

        In the project's meta table (one key per reviewer, JSON), so two reviewers of one
        project each come back to their own place. Best effort: a project that cannot be
        written (read-only medium) just opens at the top next time."""
        value = json.dumps({"order": order, "pair_id": pair_id})
        try:
            self.store.set_meta(f"{_PLACE_META}:{self.reviewer}", value)
        except StoreError:
            pass

    def last_place(self) -> tuple[QueueOrder, int | None]:
        """``(order, pair_id)`` this reviewer left the project at; ("position", None) if never."""
        raw = self.store.get_meta(f"{_PLACE_META}:{self.reviewer}")
        try:
            data = json.loads(raw) if raw else {}
        except ValueError:
            data = {}
        order = data.get("order") if isinstance(data, dict) else None
        pair_id = data.get("pair_id") if isinstance(data, dict) else None
        return (order if order in ("position", "risk") else "position",
                pair_id if isinstance(pair_id, int) and not isinstance(pair_id, bool) else None)

    # --- finding decisions -------------------------------------------------------------

    def confirm(self, finding_id: int) -> StoredFinding:
        return self.store.set_finding_status(finding_id, "confirmed", self.reviewer)

    def dismiss(self, finding_id: int) -> StoredFinding:
        """A false alarm: kept (so re-imports remember it) but no longer counted."""
        return self.store.set_finding_status(finding_id, "dismissed", self.reviewer)

    def reopen(self, finding_id: int) -> StoredFinding:
        """Take back a confirm or a dismiss."""
        return self.store.set_finding_status(finding_id, "open", self.reviewer)

    def apply_suggestion(self, finding_id: int) -> str:
        """Put the finding's suggestion into the current target, save it, confirm the finding.

        The span is looked up in the current text: where it still holds the flagged text
        it is used; otherwise the flagged text must occur exactly once. Returns the new text.
        """
        with self.store.atomic():
            sf = self.store.finding(finding_id)
            f = sf.finding
            if f.suggestion is None:
                raise ReviewError(f"finding {finding_id} has no suggestion")
            if f.side != "target" or f.start is None or f.end is None or f.text is None:
                raise ReviewError(f"finding {finding_id} does not point at a span of the target")
            view = self.pair(sf.pair_id)
            text = view.current_target
            start = f.start
            if text[f.start : f.end] != f.text:
                hits = [m.start() for m in re.finditer(re.escape(f.text), text)] if f.text else []
                if len(hits) != 1:
                    raise ReviewError(
                        f"the target has changed and {f.text!r} is not found once in it: edit by hand"
                    )
                start = hits[0]
            new = text[:start] + f.suggestion + text[start + len(f.text) :]
            self._record(sf.pair_id, new, view.version, kind="save", status="corrected")
            self.store.set_finding_status(finding_id, "confirmed", self.reviewer)
        return new

    def plan_fix_all(self, finding_id: int) -> list[FixPlan]:
        """What fixing every open finding like this one in its document would change: same
        check, same flagged text, same suggestion (29 half-width commas → '，'). A span whose
        text was since edited away is left out. Nothing is written."""
        sf = self.store.finding(finding_id)
        f = sf.finding
        if f.suggestion is None or f.text is None or f.side != "target" or f.start is None:
            raise ReviewError("fix-all needs a finding on a span of the target with a suggestion")
        like = self.store.findings_like(self.store.pair_document(sf.pair_id), f.check, f.text, f.suggestion)
        by_pair: dict[int, list[StoredFinding]] = {}
        for other in like:
            by_pair.setdefault(other.pair_id, []).append(other)
        plans = []
        for pair_id, group in by_pair.items():
            view = self.pair(pair_id)
            mapping = _map_offset(view.pair.target, view.current_target)
            text, done = view.current_target, []
            for g in sorted(group, key=lambda x: x.finding.start or 0, reverse=True):
                gf = g.finding
                start, end = mapping.get(gf.start or 0), mapping.get(gf.end or 0)
                if start is None or end is None or text[start:end] != gf.text:
                    continue
                text = text[:start] + (gf.suggestion or "") + text[end:]
                done.append(g.id)
            if done and text != view.current_target:
                plans.append(FixPlan(pair_id, view.version, tuple(sorted(done)), view.current_target, text))
        return plans

    def fix_all(self, plans: list[FixPlan]) -> int:
        """Apply a :func:`plan_fix_all` plan in one transaction: one ordinary correction per
        pair (undone with :meth:`undo_correction`, pair by pair) and its findings confirmed.
        A pair another reviewer changed since the plan raises :class:`ConflictError` and
        nothing is written. Returns the number of findings fixed."""
        fixed = 0
        with self.store.atomic():
            for plan in plans:
                self._record(plan.pair_id, plan.after, plan.version, kind="save", status="corrected")
                for fid in plan.finding_ids:
                    self.store.set_finding_status(fid, "confirmed", self.reviewer)
                fixed += len(plan.finding_ids)
        return fixed

    def undo_fix_all(self, plans: list[FixPlan]) -> int:
        """Take a fix-all back in one transaction: each pair's fix-all correction undone (an
        ``undo`` entry, as :meth:`undo_correction`) and the findings it confirmed open again.
        A pair changed since (by anyone) raises :class:`ConflictError` and nothing is undone.
        Returns the number of pairs restored."""
        with self.store.atomic():
            for plan in plans:
                self.undo_correction(plan.pair_id, plan.version + 1)
                for fid in plan.finding_ids:
                    self.store.set_finding_status(fid, "open", self.reviewer)
        return len(plans)

    def add_finding(
        self,
        pair_id: int,
        side: str,
        start: int | None,
        end: int | None,
        category: str,
        severity: Severity | str,
        note: str = "",
    ) -> StoredFinding:
        """A reviewer's MQM finding (confirmed by its author). Offsets into the original side;
        ``None``/``None`` for the whole pair. An omission is marked on the source side,
        on the words the translation left out."""
        sev = self._severity(severity)
        top = category.split("/")[0]
        if top not in _TOP_CATEGORIES:
            raise ReviewError(f"unknown MQM category {category!r}; expected one of {', '.join(MQM_CATEGORIES)}")
        if category.startswith("Accuracy/Omission") and side != "source":
            raise ReviewError("mark an omission on the source side: the words the translation left out")
        return self._add(pair_id, side, start, end, category, sev, note or category, origin="reviewer")

    def add_quick_span(
        self, pair_id: int, side: str, start: int, end: int, severity: Severity | str
    ) -> StoredFinding:
        """An error span without a category (quick, ESA-style annotation)."""
        return self._add(
            pair_id, side, start, end, QUICK_CATEGORY, self._severity(severity), "quick span", origin="quick"
        )

    def set_quick_score(self, pair_id: int, score: int | None) -> None:
        """The reviewer's overall 0–100 score for the pair (None clears it)."""
        if score is not None and (isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 100):
            raise ReviewError(f"a quick score is a whole number from 0 to 100, not {score!r}")
        self.store.set_quick_score(pair_id, score, self.reviewer)

    # --- corrections and pair status ---------------------------------------------------

    def save_correction(self, pair_id: int, text: str, expected_version: int) -> int:
        """Save ``text`` as the pair's target; the new version.

        Raises :class:`ConflictError` (with ``mine``, ``theirs``, ``theirs_by`` and
        ``version`` attributes) when the pair's text changed since ``expected_version``.
        Saving the text that is already current writes nothing.
        """
        with self.store.atomic():
            view = self.pair(pair_id)
            if text == view.current_target:
                return view.version
            return self._record(pair_id, text, expected_version, kind="save", status="corrected")

    def undo_correction(self, pair_id: int, expected_version: int | None = None) -> str:
        """Restore the text before the last saved correction, by appending an ``undo`` entry.

        ``expected_version`` is the version the reviewer was shown: when another reviewer
        saved meanwhile, the undo would silently revert *their* correction, so it raises
        :class:`ConflictError` like a stale save (``None``: undo whatever is latest, for
        scripts that just read the pair).
        """
        with self.store.atomic():
            view = self.pair(pair_id)
            if expected_version is not None and expected_version != view.version:
                # a conditional write at the stale version: the store refuses it (nothing is
                # written) and _record raises the ConflictError a stale save gets
                self._record(pair_id, view.current_target, expected_version, kind="undo", status="corrected")
            stack = _replay(self.store.corrections(pair_id))
            if not stack:
                raise ReviewError("nothing to undo for this pair")
            stack.pop()
            restored = stack[-1] if stack else view.pair.target
            self._record(
                pair_id,
                restored,
                view.version,
                kind="undo",
                status="corrected" if stack else "unreviewed",
            )
        return restored

    def approve(self, pair_id: int) -> None:
        self.store.set_status(pair_id, "approved", self.reviewer)

    def flag(self, pair_id: int, on: bool = True) -> None:
        """Flag the pair for a second look (``on=False`` takes the flag back)."""
        if on:
            self.store.set_status(pair_id, "flagged", self.reviewer)
            return
        with self.store.atomic():
            st = self.store.state(pair_id)
            if st.status == "flagged":
                back = "corrected" if _replay(self.store.corrections(pair_id)) else "unreviewed"
                self.store.set_status(pair_id, back, self.reviewer)  # type: ignore[arg-type]

    def state(self, pair_id: int) -> PairState:
        return self.store.state(pair_id)

    # --- helpers -----------------------------------------------------------------------

    @staticmethod
    def _severity(value: Severity | str) -> Severity:
        try:
            return Severity.parse(value)
        except (ValueError, AttributeError) as e:
            raise ReviewError(str(e)) from None

    def _add(
        self,
        pair_id: int,
        side: str,
        start: int | None,
        end: int | None,
        category: str,
        severity: Severity,
        message: str,
        *,
        origin: Literal["reviewer", "quick"],
    ) -> StoredFinding:
        if side not in SIDES:
            raise ReviewError(f"side is 'source' or 'target', not {side!r}")
        pair = self.store.get_pair(pair_id)
        text = pair.text(side)  # type: ignore[arg-type]
        if (start is None) != (end is None):
            raise ReviewError("give both ends of the span, or neither for the whole pair")
        if start is not None and end is not None and not 0 <= start < end <= len(text):
            raise ReviewError(f"span {start}–{end} is outside the {side} text (0–{len(text)}) or empty")
        f = Finding(
            check=self.reviewer,
            category=category,
            severity=severity,
            message=message,
            side=side,  # type: ignore[arg-type]
            start=start,
            end=end,
            text=None if start is None else text[start:end],
        )
        with self.store.atomic():
            fid = self.store.add_finding(pair_id, f, origin=origin, status="confirmed", actor=self.reviewer)
            return self.store.finding(fid)

    def _close_fixed(self, pair_id: int, text: str) -> None:
        """A translation typed into an empty target: re-check the pair, and confirm each open
        check finding that no longer fires on the new text (same check, category, side and
        flagged text), as applying a suggestion would: the error (no translation) was real
        and the correction fixed it. So an untranslated paragraph's omission finding closes.

        Only for pairs imported with an empty target: on a translated pair the reviewer's
        own decisions stay theirs to make (they are counted per reviewer in reports and
        travel as notes), and export re-checks corrected text anyway. The pair-level checks
        of this build run, with the omission check, which judges an empty target on the
        pair alone; glossary findings are left alone (the project does not keep the
        import's glossaries)."""
        from transreview.checks import build_checks
        from transreview.pipeline import run_checks

        pair = self.store.get_pair(pair_id)
        if pair.target.strip():
            return
        open_findings = [
            sf for sf in self.store.findings(pair_id)
            if sf.status == "open" and sf.origin == "check" and sf.finding.check != "glossary"
        ]
        if not open_findings:
            return
        if self._checks is None:
            self._checks = [c for c in build_checks(None) if not c.corpus_level or c.name == "omission"]
        ran = {c.name for c in self._checks}
        (result,) = run_checks([replace(pair, target=text)], self._checks, scores=False,
                               on_error=lambda failure: None)
        fresh = {(f.check, f.category, f.side, f.text) for f in result.findings}
        for sf in open_findings:
            f = sf.finding
            if f.check in ran and (f.check, f.category, f.side, f.text) not in fresh:
                self.store.set_finding_status(sf.id, "confirmed", self.reviewer)

    def _record(self, pair_id: int, text: str, expected_version: int, *, kind: str, status: str) -> int:
        try:
            version = self.store.record_text(
                pair_id,
                text,
                kind=kind,  # type: ignore[arg-type]
                actor=self.reviewer,
                expected_version=expected_version,
                status=status,  # type: ignore[arg-type]
            )
            if kind == "save":
                self._close_fixed(pair_id, text)
            return version
        except VersionMismatch as e:
            st = e.state
            original = self.store.get_pair(pair_id).target
            theirs = original if st.current_text is None else st.current_text
            err = ConflictError(
                f"pair {pair_id} was changed by {st.actor or 'another reviewer'} since you opened it "
                f"(version {expected_version} → {st.version}); yours: {text!r}, theirs: {theirs!r}"
            )
            err.pair_id = pair_id  # type: ignore[attr-defined]
            err.mine = text  # type: ignore[attr-defined]
            err.theirs = theirs  # type: ignore[attr-defined]
            err.theirs_by = st.actor  # type: ignore[attr-defined]
            err.version = st.version  # type: ignore[attr-defined]
            raise err from None

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Several decisions as one transaction (e.g. "dismiss all of this check here")."""
        with self.store.atomic():
            yield


def _replay(history: list[Correction]) -> list[str]:
    """The stack of saved texts after replaying the history (saves push, undos pop)."""
    stack: list[str] = []
    for c in history:
        if c.kind == "save":
            stack.append(c.text)
        elif stack:
            stack.pop()
    return stack


__all__ = ["FixPlan", "PairView", "QueueFilter", "QueueRow", "ReviewError", "ReviewSession", "count_source_words"]
