"""A search read ahead while it is typed: the search bar's live count, and what enter needs.

Why: a text search reads every pair's source and target, about 27 ms of SQLite at 100,000
pairs (``instr()`` over both sides of every row), and SQLite cannot do it faster there: a
narrower table, mmap, a bigger page cache and a covering index were each measured without
a real gain. Enter then cost the scan: a search with a full first page showed "≥101"
until a thread had counted it (enter to count shown 42-52 ms in tmux), one without a hit
scanned on the UI thread (~41 ms). Typing gives the time. Each change of the search bar's
text starts, in a thread, on the store's second connection, exactly what enter would read
for the filter it would apply (:func:`read_first_page`): the first page
(PAGE + 1 rows) and, when that page is full, the count. The bar shows the count; enter,
if the search is the same (same filter, same order, no write since, by this session or
another reviewer's: a correction changes the text a search reads), takes the page and the count from here, or
waits for them if they are being read (never a second scan of the same search).

Stale work stops: the next keystroke (or ``esc``, or leaving the screen) stops this one's
read through :class:`~transreview.review.AsideRead`, which interrupts SQLite's statement
only while it is this read's (never enter's count on the same connection). A read starts
only once the text has rested (``AHEAD_DELAY``, 20 ms, in ``tui/screens/review.py``): the
keys of one burst (a paste, an input method's word, a search pasted with its enter) start
no reads for the next key to stop and enter to wait for (measured: without the wait, a
search pasted with its enter was 10-17 ms slower than before in tmux); typed keys come
100-200 ms apart, so the count is there long before enter.

The thread is a plain daemon thread, as the count's is (``ReviewScreen._start_count``):
it starts at once, and never keeps the app from exiting. It never touches a widget: when
done it posts :class:`SearchAhead.Done` to the screen (``post_message`` is thread-safe).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Protocol

from textual.message import Message

from transreview.records import QueueFilter, QueueOrder, QueueRow
from transreview.review import ReviewSession

#: What enter shows: the queue's length (a lower bound unless exact), its first page (None
#: without a text filter: nothing is read but the count), and whether the length is exact.
FirstPage = tuple[int, list[QueueRow] | None, bool]


class QueueReads(Protocol):
    """Where the queue is read: the session itself (enter, on the UI thread) or an
    :class:`~transreview.review.AsideRead` (ahead, in a thread)."""

    def queue_page(self, offset: int, limit: int, *, order: QueueOrder, filters: QueueFilter) -> list[QueueRow]: ...

    def queue_count(self, filters: QueueFilter) -> int: ...


def read_first_page(reads: QueueReads, filters: QueueFilter, order: QueueOrder, page: int) -> FirstPage:
    """What enter shows for ``filters``: the queue's length (or a lower bound: False last)
    and its first page when that was read first.

    A text filter is a scan of every pair's source and target (about 30 ms at 100,000
    pairs), and so is reading a first page that the filter leaves short. So that page is
    read first (it stops at ``page`` + 1 hits): a search with few or no hits scans once and
    knows its length. A full page is shown at once, with ``page`` + 1 as the length (the top
    bar says "≥"), while the queue is counted in a thread; without a text filter the count
    is cheap and nothing else is read. Enter and the read ahead both read it here, so that
    what was read ahead is exactly what enter would have read."""
    if filters.text:
        rows = reads.queue_page(0, page + 1, order=order, filters=filters)
        if len(rows) <= page:
            return len(rows), rows, True
        return len(rows), rows[:page], False
    return reads.queue_count(filters), None, True


class SearchAhead:
    """What enter would read for ``filters`` in ``order``, being read in a thread started
    now on the session's second connection."""

    class Done(Message):
        """``ahead`` has read all it will (its count, or an error, or it was stopped)."""

        def __init__(self, ahead: SearchAhead) -> None:
            super().__init__()
            self.ahead = ahead

    def __init__(
        self,
        session: ReviewSession,
        filters: QueueFilter,
        order: QueueOrder,
        page: int,
        done: Callable[[SearchAhead], object],
    ) -> None:
        self.filters = filters
        self.order = order
        self.writes = session.writes  # before the reads: a write after them makes them stale
        self._read = session.aside_read()
        self.first: Future[FirstPage] = Future()
        self.count: Future[int | None] = Future()
        threading.Thread(
            target=self._run, args=(page, done), name="transreview-search-ahead", daemon=True
        ).start()

    def _run(self, page: int, done: Callable[[SearchAhead], object]) -> None:
        try:
            first = read_first_page(self._read, self.filters, self.order, page)
            self.first.set_result(first)
            count, _rows, exact = first
            self.count.set_result(count if exact else self._read.queue_count(self.filters))
        except BaseException as e:  # stopped (Interrupted) or failed: the futures say so
            for future in (self.first, self.count):
                if not future.done():
                    future.set_exception(e)
        try:
            done(self)
        except RuntimeError:  # the app's event loop has closed meanwhile: nobody to tell
            pass

    def is_for(self, filters: QueueFilter, order: QueueOrder, writes: tuple[int, int | None]) -> bool:
        return self.filters == filters and self.order == order and self.writes == writes

    def stop(self) -> None:
        """Not wanted any more: its read stops (interrupted if it is running)."""
        self._read.stop()

    def for_enter(self) -> tuple[int, list[QueueRow] | None, bool, Future[int | None] | None] | None:
        """What enter shows, as :func:`read_first_page` returns it, and
        the count still being read when the length is a lower bound (the screen shows
        "≥" until it comes, as after a search read at enter).

        Waits for the first page if it is being read: the same scan enter would make, begun
        earlier. None (stopped: enter reads the search itself, as before) if that read has
        not begun and would wait behind another read on the connection that is not being
        stopped (the count of the search before), or if it failed (enter's own read then
        reports the error as before)."""
        if not self.first.done() and self._read.stop_if_waiting():
            return None
        try:
            count, rows, exact = self.first.result()
        except Exception:  # noqa: BLE001 - stopped or failed: read again at enter
            return None
        if exact:
            return count, rows, True, None
        if self.count.done() and self.count.exception() is None:
            counted = self.count.result()
            if counted is not None:
                return counted, rows, True, None
        return count, rows, False, self.count
