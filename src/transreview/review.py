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

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from transreview.errors import ConflictError, StoreError, TransreviewError
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
_TOP_CATEGORIES = frozenset(c.split("/")[0] for c in MQM_CATEGORIES)
_EN_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_HAS_WORD_CHAR = re.compile(r"[^\W_]")

Want = Literal["unreviewed", "flagged"]


class ReviewError(TransreviewError):
    """A review action that cannot be done as asked (bad span, nothing to undo...)."""


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


class ReviewSession:
    """One reviewer's session on one project. Thread-safe; close it when done."""

    def __init__(self, store: Store, reviewer: str) -> None:
        self.store = store
        self.reviewer = reviewer
        self._source_words: dict[int, int] = {}

    @classmethod
    def open(cls, db_path: str | Path, reviewer: str | None = None) -> ReviewSession:
        """Open an existing project for ``reviewer`` (default: the system user)."""
        from transreview.project import default_reviewer, open_project

        return cls(open_project(db_path), reviewer or default_reviewer())

    def close(self) -> None:
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

    def queue_count(self, filters: QueueFilter | None = None) -> int:
        return self.store.queue_count(filters or QueueFilter())

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

    def next_pair(self, after_pair_id: int | None, want: Want = "unreviewed") -> int | None:
        """The next pair in reading order with status ``want``, wrapping round; None if none."""
        if want not in ("unreviewed", "flagged"):
            raise ReviewError(f"next_pair wants 'unreviewed' or 'flagged', not {want!r}")
        return self.store.next_pair_id(after_pair_id, (want,))

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

    def _record(self, pair_id: int, text: str, expected_version: int, *, kind: str, status: str) -> int:
        try:
            return self.store.record_text(
                pair_id,
                text,
                kind=kind,  # type: ignore[arg-type]
                actor=self.reviewer,
                expected_version=expected_version,
                status=status,  # type: ignore[arg-type]
            )
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


__all__ = ["PairView", "QueueFilter", "QueueRow", "ReviewError", "ReviewSession", "count_source_words"]
