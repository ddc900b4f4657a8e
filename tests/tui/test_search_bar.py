"""The search bar (``/``), the queue counted in a worker after a search, the search read
ahead and counted while it is typed (``tui/ahead.py``), and the footer that is rebuilt only
when its keys change."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

import pytest
from textual.widgets import Input

from transreview.records import QueueFilter
from transreview.review import AsideRead, ReviewSession
from transreview.tui.app import ReviewApp
from transreview.tui.screens.review import ReviewScreen
from transreview.tui.widgets.footer import StableFooter
from transreview.tui.widgets.queue import PAGE
from transreview.tui.widgets.search import PROMPT, SearchBar

SIZE = (100, 30)


def _screen(app: ReviewApp) -> ReviewScreen:
    s = app.screen_stack[1]
    assert isinstance(s, ReviewScreen)
    return s


def _topbar(rs: ReviewScreen) -> str:
    return rs.query_one("#topbar").render().plain  # type: ignore[union-attr]


def test_slash_opens_the_bar_in_the_review_screen_and_esc_closes_it_unchanged(shanxi_db: Path) -> None:
    async def run() -> None:
        with ReviewSession.open(shanxi_db, "alice") as s:
            app = ReviewApp(s)
            async with app.run_test(size=SIZE) as pilot:
                rs = _screen(app)
                bar = rs.query_one(SearchBar)
                assert not bar.is_open
                await pilot.press("slash")
                assert app.screen is rs and bar.is_open  # no dialog: a line of the same screen
                assert app.focused is bar.input and bar.input.value == ""
                # the screen's keys are text in the bar: j and a neither move nor approve
                await pilot.press("j", "a")
                assert bar.input.value == "ja" and rs.queue.cursor == 0
                assert s.progress()[0] == 0
                await pilot.press("escape")
                assert not bar.is_open and rs.filters == QueueFilter() and rs.queue.count == 13
                assert app.focused is rs.queue
                await pilot.press("j")  # the keys are the screen's again
                assert rs.queue.cursor == 1
                await pilot.press("q")

    asyncio.run(run())


def test_the_bar_sets_only_the_text_and_starts_from_the_current_one(shanxi_db: Path) -> None:
    async def run() -> None:
        with ReviewSession.open(shanxi_db, "alice") as s:
            app = ReviewApp(s)
            async with app.run_test(size=SIZE) as pilot:
                rs = _screen(app)
                rs.filters = QueueFilter(statuses=("unreviewed",))
                rs._reload_queue()
                await pilot.pause()
                await pilot.press("slash")
                bar = rs.query_one(SearchBar)
                bar.input.value = "五台山"
                await pilot.press("enter")
                assert not bar.is_open and app.focused is rs.queue
                assert rs.filters == QueueFilter(statuses=("unreviewed",), text="五台山")
                assert rs.queue.count == 1 and rs.view is not None and "五台山" in rs.view.current_target
                assert "filter: unreviewed, “五台山”" in _topbar(rs)
                # the last search is in the bar again; emptied, it drops the text only
                await pilot.press("slash")
                assert bar.input.value == "五台山"
                bar.input.value = ""
                await pilot.press("ctrl+s")  # the dialogs' apply key searches too
                assert rs.filters == QueueFilter(statuses=("unreviewed",)) and rs.queue.count == 13
                await pilot.press("q")

    asyncio.run(run())


def test_the_bar_closes_when_the_focus_leaves_it(shanxi_db: Path) -> None:
    async def run() -> None:
        with ReviewSession.open(shanxi_db, "alice") as s:
            app = ReviewApp(s)
            async with app.run_test(size=SIZE) as pilot:
                rs = _screen(app)
                await pilot.press("slash", "x")
                rs.query_one("#findings").focus()
                await pilot.pause()
                assert not rs.query_one(SearchBar).is_open and rs.filters == QueueFilter()
                await pilot.press("q")

    asyncio.run(run())


def test_the_bar_is_drawn_over_the_footer(shanxi_db: Path) -> None:
    async def run() -> None:
        with ReviewSession.open(shanxi_db, "alice") as s:
            app = ReviewApp(s)
            async with app.run_test(size=SIZE) as pilot:
                rs = _screen(app)
                footer = rs.query_one(StableFooter)
                before = footer.region
                await pilot.press("slash")
                await pilot.pause()
                bar = rs.query_one(SearchBar)
                assert bar.region == before  # the footer's line, nothing else moved
                assert rs.get_widget_at(0, before.y)[0] in bar.query("*")
                assert PROMPT in str(bar.query_one("Label").render())
                await pilot.press("escape")
                await pilot.pause()
                assert rs.get_widget_at(before.x + 1, before.y)[0] in (footer, *footer.query("*"))
                await pilot.press("q")

    asyncio.run(run())


def test_the_footer_is_rebuilt_only_when_its_keys_change(shanxi_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    builds: list[int] = []
    real_compose = StableFooter.compose

    def compose(self: StableFooter):
        builds.append(1)
        return real_compose(self)

    monkeypatch.setattr(StableFooter, "compose", compose)

    async def run() -> None:
        with ReviewSession.open(shanxi_db, "alice") as s:
            app = ReviewApp(s)
            async with app.run_test(size=SIZE) as pilot:
                rs = _screen(app)
                await pilot.pause()
                builds.clear()
                # focus moves (tab), the search bar opens and closes: the same keys shown
                await pilot.press("tab")
                await pilot.pause()
                await pilot.press("slash", "x", "escape")
                await pilot.pause()
                assert builds == []
                # marking shows the marking keys: rebuilt
                await pilot.press("m")
                await pilot.pause()
                assert builds and rs.pane.marking
                assert any(k.description == "stop marking" for k in rs.query("FooterKey"))  # type: ignore[attr-defined]
                await pilot.press("q")

    asyncio.run(run())


# --- the count of a search, in a worker thread ------------------------------------------


@pytest.fixture()
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages of 3 rows, so the 13-pair page has searches whose first page is full."""
    from transreview.tui.screens import review as review_screen
    from transreview.tui.widgets import queue as queue_widget

    monkeypatch.setattr(review_screen, "PAGE", 3)
    monkeypatch.setattr(queue_widget, "PAGE", 3)


@pytest.fixture()
def held_count(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Counts made in a worker thread (enter's, and the count read ahead while the search
    is typed) wait for the returned event (the UI thread's do not), so a test sees the
    screen before the count comes, deterministically."""
    gate = threading.Event()
    real_count = ReviewSession.queue_count
    real_ahead = AsideRead.queue_count

    def queue_count(self: ReviewSession, filters: QueueFilter | None = None, **kw: bool) -> int:
        if threading.current_thread() is not threading.main_thread():
            assert gate.wait(timeout=30), "the test never let the count go"
        return real_count(self, filters, **kw)

    def ahead_count(self: AsideRead, filters: QueueFilter) -> int:
        assert gate.wait(timeout=30), "the test never let the count go"
        return real_ahead(self, filters)

    monkeypatch.setattr(ReviewSession, "queue_count", queue_count)
    monkeypatch.setattr(AsideRead, "queue_count", ahead_count)
    return gate


def _hit_ids(s: ReviewSession, text: str) -> list[int]:
    """The pairs a search for ``text`` finds, in reading order (up to 100), read directly."""
    return [r.pair_id for r in s.queue_page(0, 100, filters=QueueFilter(text=text))]


async def _search(pilot, rs: ReviewScreen, text: str) -> None:
    await pilot.press("slash")
    rs.query_one(SearchBar).query_one(Input).value = text
    await pilot.press("enter")


@pytest.mark.usefixtures("small_pages")
def test_a_full_first_page_is_shown_at_once_and_the_count_when_it_comes(
    shanxi_db: Path, held_count: threading.Event
) -> None:
    async def run() -> None:
        with ReviewSession.open(shanxi_db, "alice") as s:
            hits = _hit_ids(s, "the")
            assert len(hits) > 4  # more than a page of 3 and the one row read past it
            app = ReviewApp(s)
            async with app.run_test(size=SIZE) as pilot:
                rs = _screen(app)
                await _search(pilot, rs, "the")
                # the first hit is on screen; the length is a lower bound until counted
                assert rs.view is not None and rs.view.pair_id == hits[0]
                assert rs.queue.counting and rs.queue.count == 4
                assert "1 of ≥4 ·" in _topbar(rs)
                held_count.set()
                await app.workers.wait_for_complete()
                await pilot.pause()
                assert not rs.queue.counting and rs.queue.count == len(hits)
                assert f"1 of {len(hits)} ·" in _topbar(rs)
                shown = [row.pair_id for i in range(rs.queue.count) if (row := rs.queue.row(i))]
                assert shown == hits
                await pilot.press("q")

    asyncio.run(run())


@pytest.mark.usefixtures("small_pages")
def test_end_while_the_worker_counts_counts_at_once(shanxi_db: Path, held_count: threading.Event) -> None:
    async def run() -> None:
        with ReviewSession.open(shanxi_db, "alice") as s:
            hits = _hit_ids(s, "the")
            app = ReviewApp(s)
            async with app.run_test(size=SIZE) as pilot:
                rs = _screen(app)
                await _search(pilot, rs, "the")
                assert rs.queue.counting
                await pilot.press("end")
                assert not rs.queue.counting and rs.queue.count == len(hits)
                assert rs.view is not None and rs.view.pair_id == hits[-1]
                assert f"{len(hits)} of {len(hits)} ·" in _topbar(rs)
                held_count.set()  # the worker's answer comes late and changes nothing
                await app.workers.wait_for_complete()
                await pilot.pause()
                assert rs.queue.count == len(hits) and rs.queue.cursor == len(hits) - 1
                await pilot.press("q")

    asyncio.run(run())


@pytest.mark.usefixtures("small_pages")
def test_a_pair_past_the_first_page_keeps_its_place_while_the_worker_counts(
    shanxi_db: Path, held_count: threading.Event
) -> None:
    """The length is a lower bound (a page and one row) until counted: a pair kept or chosen
    beyond it is counted for at once, not cut to the bound (a reviewer on hit 6 of a search
    who adds a status filter stays on hit 6; a jump to hit 6 lands there)."""
    from dataclasses import replace

    async def run() -> None:
        with ReviewSession.open(shanxi_db, "alice") as s:
            hits = _hit_ids(s, "the")
            assert len(hits) > 5
            app = ReviewApp(s)
            async with app.run_test(size=SIZE) as pilot:
                rs = _screen(app)
                await _search(pilot, rs, "the")
                held_count.set()
                await app.workers.wait_for_complete()
                await pilot.pause()
                rs.queue.set_cursor(5)
                await pilot.pause()
                assert rs.view is not None and rs.view.pair_id == hits[5]
                held_count.clear()
                rs.filters = replace(rs.filters, statuses=("unreviewed",))  # the same hits
                rs._reload_queue()
                await pilot.pause()
                assert rs.queue.cursor == 5 and rs.view is not None and rs.view.pair_id == hits[5]
                rs._reload_queue(keep=False)  # counting again, the cursor at the top
                assert rs.queue.counting
                rs._go_to(hits[5])
                await pilot.pause()
                assert rs.view is not None and rs.view.pair_id == hits[5]
                held_count.set()
                await app.workers.wait_for_complete()
                await pilot.pause()
                assert rs.queue.count == len(hits) and rs.view.pair_id == hits[5]
                await pilot.press("q")

    asyncio.run(run())


@pytest.mark.usefixtures("small_pages")
def test_a_count_for_a_filter_no_longer_shown_is_dropped(shanxi_db: Path, held_count: threading.Event) -> None:
    async def run() -> None:
        with ReviewSession.open(shanxi_db, "alice") as s:
            app = ReviewApp(s)
            async with app.run_test(size=SIZE) as pilot:
                rs = _screen(app)
                await _search(pilot, rs, "the")
                assert rs.queue.counting
                await pilot.press("F")  # filters cleared before the count came
                assert rs.queue.count == 13 and not rs.queue.counting
                held_count.set()
                await app.workers.wait_for_complete()
                await pilot.pause()
                # the pair shown stays, in the whole queue of 13
                assert rs.queue.count == 13 and f"{rs.queue.cursor + 1} of 13 ·" in _topbar(rs)
                await pilot.press("q")

    asyncio.run(run())


@pytest.mark.usefixtures("small_pages")
def test_approve_while_the_worker_counts_moves_on(shanxi_db: Path, held_count: threading.Event) -> None:
    """Approve compares the queue's length before and after: with the length still a lower
    bound it counts first, so a pair that stays in the queue is left for the next one."""

    async def run() -> None:
        with ReviewSession.open(shanxi_db, "alice") as s:
            hits = _hit_ids(s, "the")
            app = ReviewApp(s)
            async with app.run_test(size=SIZE) as pilot:
                rs = _screen(app)
                await _search(pilot, rs, "the")
                assert rs.queue.counting
                await pilot.press("a")
                assert s.state(hits[0]).status == "approved"
                assert rs.queue.count == len(hits) and rs.view is not None and rs.view.pair_id == hits[1]
                held_count.set()
                await app.workers.wait_for_complete()
                await pilot.pause()
                assert rs.queue.count == len(hits) and rs.view.pair_id == hits[1]
                await pilot.press("q")

    asyncio.run(run())


# --- the filter dialog, built once ------------------------------------------------------


def test_the_filter_dialog_is_built_once_and_shows_the_current_filter_each_time(shanxi_db: Path) -> None:
    from textual.widgets import Select

    from transreview.tui.screens.dialogs import FilterDialog

    async def run() -> None:
        with ReviewSession.open(shanxi_db, "alice") as s:
            app = ReviewApp(s)
            async with app.run_test(size=SIZE) as pilot:
                rs = _screen(app)
                await pilot.pause()
                dialog = rs._filter_dialog  # mounted after the first screen, before any f
                assert isinstance(dialog, FilterDialog) and dialog.is_mounted
                await app.workers.wait_for_complete()
                # and laid out at the terminal's size while never shown (the first f only paints)
                assert not dialog.is_current and dialog.size == app.size
                assert dialog.query_one("#f-status", Select).size.width > 0
                await pilot.press("f")
                assert app.screen is dialog
                dialog.query_one("#f-status", Select).value = "unreviewed"
                dialog.query_one("#f-text", Input).value = "五台山"
                await pilot.press("ctrl+s")
                assert rs.filters == QueueFilter(statuses=("unreviewed",), text="五台山")
                # the search bar changes the text; the dialog shows it next time
                await pilot.press("slash")
                rs.query_one(SearchBar).input.value = "the"
                await pilot.press("enter")
                await app.workers.wait_for_complete()
                await pilot.press("f")
                assert app.screen is dialog  # the same dialog, shown again
                assert dialog.query_one("#f-status", Select).value == "unreviewed"
                assert dialog.query_one("#f-text", Input).value == "the"
                assert app.focused is dialog.query_one("#f-status", Select)
                await pilot.press("escape")  # cancelled: nothing changes
                assert app.screen is rs and rs.filters.text == "the"
                await pilot.press("F", "f")
                assert dialog.query_one("#f-status", Select).value is Select.NULL
                assert dialog.query_one("#f-text", Input).value == ""
                await pilot.press("escape")
                assert app.screen is rs
                await pilot.press("q")

    asyncio.run(run())


# --- the queue's length, known late ---------------------------------------------------------


def test_a_count_that_comes_late_moves_the_scroll_bar_and_the_end() -> None:
    """The queue widget alone, 500 rows of which 101 are known at first (a full first page):
    the count changes the bar's range without a layout, and end then reaches row 500."""
    from textual.app import App, ComposeResult

    from transreview.records import QueueRow
    from transreview.tui.widgets.queue import QueueView

    def row(i: int) -> QueueRow:
        return QueueRow(i + 1, 1, f"k{i}", i, f"source {i}", f"target {i}", "unreviewed", 0, None, 0, None)

    def loader(offset: int, limit: int) -> list[QueueRow]:
        return [row(i) for i in range(offset, min(500, offset + limit))]

    class One(App):
        def compose(self) -> ComposeResult:
            yield QueueView(loader, 500, id="queue")

    async def run() -> None:
        app = One()
        async with app.run_test(size=(80, 12)) as pilot:
            q = app.query_one(QueueView)
            q.reload(count=101, keep=False, counter=lambda: 500)
            await pilot.pause()
            assert q.counting and q.vertical_scrollbar.window_virtual_size == 101
            q.set_count(500)
            await pilot.pause()
            assert not q.counting and q.count == 500 and q.virtual_size.height == 500
            assert q.vertical_scrollbar.window_virtual_size == 500
            q.action_to(-1)
            await pilot.pause()
            assert q.cursor == 499 and q.current is not None and q.current.pair_key == "k499"
            assert int(q.scroll_y) == 500 - q.scrollable_content_region.height  # the last row in view
            # a count below what is on screen changes the layout (the bar goes): still right
            q.reload(count=101, keep=False, counter=lambda: 3)
            q.set_count(3)
            await pilot.pause()
            assert q.virtual_size.height == 3 and not q.show_vertical_scrollbar and q.cursor == 0

    asyncio.run(run())


@pytest.mark.usefixtures("small_pages")
def test_the_count_starts_at_once_on_the_second_connection_and_a_stale_one_is_not_run(
    shanxi_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The search's count thread is running before the screen returns to the event loop
    (a Textual worker's thread would start only after the screen is drawn), it counts on
    the store's reader (not the connection the UI thread reads through), and a count whose
    queue changed before its thread ran scans nothing."""
    calls: list[tuple[str, dict]] = []
    real_count = ReviewSession.queue_count

    def queue_count(self: ReviewSession, filters: QueueFilter | None = None, **kw: bool) -> int:
        calls.append((threading.current_thread().name, kw))
        return real_count(self, filters, **kw)

    monkeypatch.setattr(ReviewSession, "queue_count", queue_count)

    async def run() -> None:
        with ReviewSession.open(shanxi_db, "alice") as s:
            hits = s.queue_count(QueueFilter(text="the"))
            app = ReviewApp(s)
            async with app.run_test(size=SIZE) as pilot:
                rs = _screen(app)
                calls.clear()
                rs.filters = QueueFilter(text="the")
                rs._reload_queue(keep=False)
                # no await: the thread counts while the event loop is held here
                future = rs._start_count(rs._count_token, rs.filters)
                assert future.result(timeout=30) == hits
                assert s.store.reader() is not s.store
                stale = rs._start_count(rs._count_token - 1, rs.filters)
                assert stale.result(timeout=30) is None
                await pilot.pause()
                await app.workers.wait_for_complete()
                await pilot.pause()
                assert rs.queue.count == hits and not rs.queue.counting
                # the search's count and the one above, on the reader; not the stale one
                assert calls == [("transreview-count", {"aside": True})] * 2
                await pilot.press("q")

    asyncio.run(run())


# --- the search counted while it is typed ---------------------------------------------------

FIVE = [  # source, target: 西 in four targets, 陕西 in three, 山西 in one
    ("Xi'an is in Shaanxi.", "西安在陕西。"),
    ("Taiyuan is in Shanxi.", "太原在山西。"),
    ("Shaanxi noodles.", "陕西面条。"),
    ("Hello.", "你好。"),
    ("Yan'an, Shaanxi.", "延安，陕西。"),
]


@pytest.fixture()
def five_db(tmp_path: Path) -> Path:
    from transreview.project import import_inputs

    tsv = tmp_path / "five.tsv"
    tsv.write_text("source\ttarget\n" + "".join(f"{src}\t{tgt}\n" for src, tgt in FIVE), encoding="utf-8")
    db = tmp_path / "five.transreview.db"
    import_inputs(inputs=[tsv], db=db, reviewer="importer")
    return db


async def _count_shown(pilot, bar: SearchBar, timeout: float = 30) -> str:
    """What the bar says once it has stopped counting."""
    from transreview.tui.widgets.search import COUNTING

    deadline = time.monotonic() + timeout
    await pilot.pause()
    while bar.count_shown == COUNTING and time.monotonic() < deadline:
        await pilot.pause(0.01)
    return bar.count_shown


async def _rested(pilot, rs: ReviewScreen, timeout: float = 30) -> None:
    """Until the bar's text has rested and its read ahead has begun (AHEAD_DELAY)."""
    deadline = time.monotonic() + timeout
    await pilot.pause()
    while rs._ahead_timer is not None and time.monotonic() < deadline:
        await pilot.pause(0.01)
    assert rs._ahead_timer is None


def _main_thread_reads(monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    """The queue reads made on the UI thread from now on: ("page", offset, limit), ("count",)."""
    calls: list[tuple] = []
    real_page, real_count = ReviewSession.queue_page, ReviewSession.queue_count

    def queue_page(self: ReviewSession, offset: int, limit: int, **kw) -> list:
        if threading.current_thread() is threading.main_thread():
            calls.append(("page", offset, limit))
        return real_page(self, offset, limit, **kw)

    def queue_count(self: ReviewSession, filters: QueueFilter | None = None, **kw: bool) -> int:
        if threading.current_thread() is threading.main_thread():
            calls.append(("count",))
        return real_count(self, filters, **kw)

    monkeypatch.setattr(ReviewSession, "queue_page", queue_page)
    monkeypatch.setattr(ReviewSession, "queue_count", queue_count)
    return calls


def test_the_bar_counts_the_search_while_it_is_typed(five_db: Path) -> None:
    async def run() -> None:
        with ReviewSession.open(five_db, "alice") as s:
            app = ReviewApp(s)
            async with app.run_test(size=SIZE) as pilot:
                rs = _screen(app)
                bar = rs.query_one(SearchBar)
                await pilot.press("slash")
                assert bar.count_shown == "5 pairs"  # no text: the queue as it is, known
                await pilot.press("西")
                assert await _count_shown(pilot, bar) == "4 pairs"
                await pilot.press("home", "陕")
                assert bar.input.value == "陕西" and await _count_shown(pilot, bar) == "3 pairs"
                bar.input.value = "山西"
                assert await _count_shown(pilot, bar) == "1 pair"
                bar.input.value = "zzqx"
                assert await _count_shown(pilot, bar) == "no pairs"
                bar.input.value = "Shaanxi"  # either side
                assert await _count_shown(pilot, bar) == "3 pairs"
                # typing filters nothing; esc leaves the queue as it was
                assert rs.filters == QueueFilter() and rs.queue.count == 5
                await pilot.press("escape")
                assert rs.filters == QueueFilter() and rs.queue.count == 5 and rs._ahead is None
                await pilot.press("q")

    asyncio.run(run())


@pytest.mark.usefixtures("small_pages")
def test_enter_after_the_count_shows_it_at_once_without_reading_again(
    shanxi_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def run() -> None:
        with ReviewSession.open(shanxi_db, "alice") as s:
            hits = _hit_ids(s, "the")
            assert len(hits) > 4  # more than a page of 3 and the one row read past it
            app = ReviewApp(s)
            async with app.run_test(size=SIZE) as pilot:
                rs = _screen(app)
                bar = rs.query_one(SearchBar)
                await pilot.press("slash", "t", "h", "e")
                assert await _count_shown(pilot, bar) == f"{len(hits)} pairs"
                reads = _main_thread_reads(monkeypatch)
                await pilot.press("enter")
                # the count and the first page read ahead: no scan here, no "≥"
                assert not rs.queue.counting and rs.queue.count == len(hits)
                assert f"1 of {len(hits)} ·" in _topbar(rs) and rs.view is not None and rs.view.pair_id == hits[0]
                assert ("count",) not in reads and not [r for r in reads if r[:2] == ("page", 0)], reads
                shown = [row.pair_id for i in range(rs.queue.count) if (row := rs.queue.row(i))]
                assert shown == hits
                await pilot.press("q")

    asyncio.run(run())


@pytest.mark.usefixtures("small_pages")
def test_enter_while_the_count_read_ahead_runs_waits_for_that_count(
    shanxi_db: Path, held_count: threading.Event, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first page read ahead is shown and the count being read ahead is the one the top
    bar waits for: no second scan of the same search."""
    starts: list[int] = []
    real_start = ReviewScreen._start_count
    monkeypatch.setattr(ReviewScreen, "_start_count", lambda self, *a: (starts.append(1), real_start(self, *a))[1])

    async def run() -> None:
        with ReviewSession.open(shanxi_db, "alice") as s:
            hits = s.queue_count(QueueFilter(text="the"))
            app = ReviewApp(s)
            async with app.run_test(size=SIZE) as pilot:
                rs = _screen(app)
                await pilot.press("slash", "t", "h", "e")
                await _rested(pilot, rs)
                ahead = rs._ahead
                assert ahead is not None and ahead.first.result(timeout=30)[2] is False  # a full page
                assert rs.query_one(SearchBar).count_shown == "counting…"
                reads = _main_thread_reads(monkeypatch)
                await pilot.press("enter")
                assert rs.queue.counting and "1 of ≥4 ·" in _topbar(rs)
                assert not [r for r in reads if r[:2] == ("page", 0)] and starts == [], (reads, starts)
                held_count.set()
                await app.workers.wait_for_complete()
                await pilot.pause()
                assert not rs.queue.counting and rs.queue.count == hits and f"1 of {hits} ·" in _topbar(rs)
                assert ("count",) not in reads
                await pilot.press("q")

    asyncio.run(run())


@pytest.mark.usefixtures("small_pages")
def test_enter_while_the_first_page_is_read_ahead_waits_for_it(
    shanxi_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search pasted with its enter: the page read ahead has begun, so enter waits for
    it rather than scanning a second time."""
    gate, begun = threading.Event(), threading.Event()
    real_page = AsideRead.queue_page

    def queue_page(self: AsideRead, *a, **kw) -> list:
        begun.set()
        assert gate.wait(timeout=30)
        return real_page(self, *a, **kw)

    monkeypatch.setattr(AsideRead, "queue_page", queue_page)

    async def run() -> None:
        with ReviewSession.open(shanxi_db, "alice") as s:
            hits = _hit_ids(s, "the")
            app = ReviewApp(s)
            async with app.run_test(size=SIZE) as pilot:
                rs = _screen(app)
                await pilot.press("slash", "t", "h", "e")
                await _rested(pilot, rs)
                assert begun.wait(timeout=30)
                reads = _main_thread_reads(monkeypatch)
                threading.Timer(0.2, gate.set).start()  # the page comes while enter waits
                await pilot.press("enter")
                assert gate.is_set() and rs.view is not None and rs.view.pair_id == hits[0]
                assert not [r for r in reads if r[:2] == ("page", 0)], reads
                await app.workers.wait_for_complete()
                await pilot.pause()
                assert rs.queue.count == len(hits) and not rs.queue.counting
                await pilot.press("q")

    asyncio.run(run())


@pytest.mark.usefixtures("small_pages")
def test_enter_reads_the_search_itself_rather_than_wait_behind_the_last_count(
    shanxi_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The search before is still being counted on the second connection (enter's count is
    never stopped); a search typed right after has not begun to be read ahead: enter reads
    it on the UI thread's connection at once instead of waiting a whole count."""
    from transreview.store import Store

    gate, counting = threading.Event(), threading.Event()
    real_count = Store.queue_count

    async def run() -> None:
        with ReviewSession.open(shanxi_db, "alice") as s:
            reader = s.store.reader()

            def queue_count(self: Store, flt: QueueFilter) -> int:
                if self is reader and flt.text == "the":  # the connection held meanwhile
                    counting.set()
                    assert gate.wait(timeout=30)
                return real_count(self, flt)

            monkeypatch.setattr(Store, "queue_count", queue_count)
            hits = len(s.queue_page(0, 100, filters=QueueFilter(text="of")))
            app = ReviewApp(s)
            async with app.run_test(size=SIZE) as pilot:
                rs = _screen(app)
                await _search(pilot, rs, "the")
                assert counting.wait(timeout=30) and rs.queue.counting
                await pilot.press("slash", "o", "f")
                await _rested(pilot, rs)
                ahead = rs._ahead
                assert ahead is not None and not ahead.first.done()
                reads = _main_thread_reads(monkeypatch)
                await pilot.press("enter")
                assert rs.filters.text == "of" and ("page", 0, 4) in reads
                assert not gate.is_set() and (rs.queue.count == hits or rs.queue.counting)
                gate.set()
                await app.workers.wait_for_complete()
                await pilot.pause()
                assert rs.queue.count == hits and not rs.queue.counting
                await pilot.press("q")

    asyncio.run(run())


def test_a_write_between_typing_and_enter_reads_the_search_again(five_db: Path) -> None:
    """A correction changes the text a search reads: what was read ahead before it is not used."""

    async def run() -> None:
        with ReviewSession.open(five_db, "alice") as s:
            hello = next(r.pair_id for r in s.queue_page(0, 10) if r.target == "你好。")
            app = ReviewApp(s)
            async with app.run_test(size=SIZE) as pilot:
                rs = _screen(app)
                bar = rs.query_one(SearchBar)
                await pilot.press("slash")
                bar.input.value = "陕西"
                assert await _count_shown(pilot, bar) == "3 pairs"
                s.save_correction(hello, "陕西你好。", s.pair(hello).version)  # this session writes
                await pilot.press("enter")
                assert rs.queue.count == 4 and not rs.queue.counting
                assert "of 4 ·" in _topbar(rs)
                await pilot.press("q")

    asyncio.run(run())


@pytest.mark.usefixtures("small_pages")
def test_a_stale_count_read_ahead_is_stopped_and_esc_stops_the_last(
    shanxi_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each text typed stops the reading of the one before: the reader's statement is
    interrupted (here a count that would never end), quietly; esc stops the last one."""
    from transreview.errors import Interrupted
    from transreview.store import Store

    # A count that never ends, napping 1 ms a row (a busy one would keep Pilot waiting for the
    # process to go idle after each key); nap() says it is running, from inside the statement.
    forever = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c WHERE nap(x)"
    real_count = Store.queue_count
    notes: list[str] = []

    async def run() -> None:
        with ReviewSession.open(shanxi_db, "alice") as s:
            reader = s.store.reader()
            running = threading.Event()

            def nap(x: int) -> int:
                running.set()
                time.sleep(0.001)
                return 1

            reader._conn.create_function("nap", 1, nap)

            def queue_count(self: Store, flt: QueueFilter) -> int:
                if self is reader:
                    return int(self._scalar(forever))
                return real_count(self, flt)

            monkeypatch.setattr(Store, "queue_count", queue_count)
            app = ReviewApp(s)
            real_notify = app.notify
            monkeypatch.setattr(app, "notify", lambda message, **kw: (notes.append(str(message)), real_notify(message, **kw)))
            async with app.run_test(size=SIZE) as pilot:
                rs = _screen(app)
                bar = rs.query_one(SearchBar)
                await pilot.press("slash", "t")
                await _rested(pilot, rs)
                first = rs._ahead
                assert first is not None and running.wait(timeout=30)  # its count is scanning
                await pilot.press("h")
                await _rested(pilot, rs)
                with pytest.raises(Interrupted):
                    first.count.result(timeout=30)
                running.clear()  # only now: the first read's scan no longer sets it
                second = rs._ahead
                assert second is not None and second is not first and running.wait(timeout=30)
                await pilot.pause()
                assert bar.count_shown == "counting…"  # the stopped one said nothing
                await pilot.press("escape")
                assert rs._ahead is None
                with pytest.raises(Interrupted):
                    second.count.result(timeout=30)
                await pilot.pause()
                assert notes == [] and rs.filters == QueueFilter() and app.is_running
                await pilot.press("q")

    asyncio.run(run())


def test_without_a_second_connection_the_bar_counts_nothing_and_searches_as_before(
    five_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL (or a file no second connection opens): the store reads through its one
    connection, where a scan while typing would hold up the next key's reads."""
    from transreview.store import Store

    monkeypatch.setattr(Store, "reader", lambda self: self)
    asides: list[int] = []
    monkeypatch.setattr(ReviewSession, "aside_read", lambda self: asides.append(1))

    async def run() -> None:
        with ReviewSession.open(five_db, "alice") as s:
            assert not s.reads_aside
            app = ReviewApp(s)
            async with app.run_test(size=SIZE) as pilot:
                rs = _screen(app)
                bar = rs.query_one(SearchBar)
                await pilot.press("slash")
                bar.input.value = "陕西"
                await pilot.pause()
                assert bar.count_shown == "" and rs._ahead is None and asides == []
                # no empty place for a count: the field takes the width (the label is hidden)
                assert not bar.query_one("#search-count").display
                assert bar.input.region.right == bar.region.right
                await pilot.press("enter")
                await app.workers.wait_for_complete()
                await pilot.pause()
                assert rs.filters == QueueFilter(text="陕西") and rs.queue.count == 3
                await pilot.press("q")

    asyncio.run(run())


@pytest.mark.parametrize("error", ["store", "bug"])
def test_a_count_that_fails_while_typing_is_said_quietly_and_enter_searches_as_before(
    five_db: Path, monkeypatch: pytest.MonkeyPatch, error: str
) -> None:
    from transreview.errors import StoreError

    def fail(self: AsideRead, *a, **kw) -> list:
        raise StoreError("five.db: cannot read") if error == "store" else RuntimeError("boom")

    monkeypatch.setattr(AsideRead, "queue_page", fail)

    async def run() -> None:
        with ReviewSession.open(five_db, "alice") as s:
            app = ReviewApp(s)
            async with app.run_test(size=SIZE) as pilot:
                rs = _screen(app)
                bar = rs.query_one(SearchBar)
                await pilot.press("slash")
                bar.input.value = "陕西"
                assert await _count_shown(pilot, bar) == "not counted"
                assert app.is_running and not list(app._notifications)
                await pilot.press("enter")  # read again, on the UI thread's connection
                assert rs.filters == QueueFilter(text="陕西") and rs.queue.count == 3
                await pilot.press("q")
            assert app.return_code in (0, None) and app.crash is None

    asyncio.run(run())


def test_a_search_with_its_enter_in_one_burst_reads_nothing_ahead(
    five_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search pasted with its enter (the keys arrive together): the text never rests, so
    nothing is read ahead for enter to wait for or for the next key to stop; enter searches
    as before, on the UI thread."""
    from transreview.tui.screens import review

    monkeypatch.setattr(review, "AHEAD_DELAY", 60.0)  # the burst: enter comes before the text rests
    asides: list[int] = []
    real_aside = ReviewSession.aside_read
    monkeypatch.setattr(ReviewSession, "aside_read", lambda self: (asides.append(1), real_aside(self))[1])

    async def run() -> None:
        with ReviewSession.open(five_db, "alice") as s:
            app = ReviewApp(s)
            async with app.run_test(size=SIZE) as pilot:
                rs = _screen(app)
                bar = rs.query_one(SearchBar)
                await pilot.press("slash", "陕", "西")
                assert bar.count_shown == "counting…" and rs._ahead is None and rs._ahead_timer is not None
                reads = _main_thread_reads(monkeypatch)
                await pilot.press("enter")
                assert rs._ahead_timer is None and rs._ahead is None and asides == []
                assert rs.filters.text == "陕西" and ("page", 0, PAGE + 1) in reads
                assert rs.queue.count == 3 and not rs.queue.counting
                await pilot.press("q")

    asyncio.run(run())


def test_a_text_changed_and_changed_back_before_it_rests_shows_its_count_again(
    five_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key and its undo handled before the text rests (a typo and backspace, a busy UI
    thread): the bar does not stay on "counting…"."""
    from transreview.tui.screens import review

    async def run() -> None:
        with ReviewSession.open(five_db, "alice") as s:
            app = ReviewApp(s)
            async with app.run_test(size=SIZE) as pilot:
                rs = _screen(app)
                bar = rs.query_one(SearchBar)
                await pilot.press("slash")
                bar.input.value = "陕西"
                assert await _count_shown(pilot, bar) == "3 pairs"
                monkeypatch.setattr(review, "AHEAD_DELAY", 60.0)  # 陕西x never rests
                bar.input.value = "陕西x"
                await pilot.pause()
                assert bar.count_shown == "counting…" and rs._ahead_timer is not None
                monkeypatch.setattr(review, "AHEAD_DELAY", 0.02)
                bar.input.value = "陕西"
                assert await _count_shown(pilot, bar, timeout=5) == "3 pairs"
                await pilot.press("q")

    asyncio.run(run())


def test_the_count_of_the_text_before_is_never_shown_beside_another(
    five_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The read ahead of 陕西 ends while 西 (4 hits, 陕西 3) waits to rest: its count is not
    shown for 西."""
    from transreview.tui.screens import review

    gate = threading.Event()
    real_page = AsideRead.queue_page

    def slow_page(self: AsideRead, *a, **kw) -> list:
        assert gate.wait(timeout=30)  # a scan that takes a while
        return real_page(self, *a, **kw)

    monkeypatch.setattr(AsideRead, "queue_page", slow_page)

    async def run() -> None:
        with ReviewSession.open(five_db, "alice") as s:
            app = ReviewApp(s)
            async with app.run_test(size=SIZE) as pilot:
                rs = _screen(app)
                bar = rs.query_one(SearchBar)
                await pilot.press("slash")
                bar.input.value = "陕西"
                await _rested(pilot, rs)  # its read ahead runs, held at the gate
                monkeypatch.setattr(review, "AHEAD_DELAY", 60.0)  # 西 never rests here
                bar.input.value = "西"
                await pilot.pause()
                gate.set()  # the read for 陕西 ends now (stopped, or done: either way unseen)
                await pilot.pause(0.2)
                assert bar.input.value == "西" and bar.count_shown == "counting…"
                await pilot.press("q")

    asyncio.run(run())


def test_a_commit_by_another_reviewer_after_the_read_ahead_makes_enter_read_again(five_db: Path) -> None:
    """What was read ahead may be as old as the bar has been open: another reviewer's
    correction since (another connection's commit, SQLite's data_version) makes enter read
    the search again, as a write of this session does."""
    async def run() -> None:
        with ReviewSession.open(five_db, "alice") as s, ReviewSession.open(five_db, "bob") as bob:
            hello = next(r.pair_id for r in s.queue_page(0, 10) if r.target == "你好。")
            app = ReviewApp(s)
            async with app.run_test(size=SIZE) as pilot:
                rs = _screen(app)
                bar = rs.query_one(SearchBar)
                await pilot.press("slash")
                bar.input.value = "陕西"
                assert await _count_shown(pilot, bar) == "3 pairs"
                bob.save_correction(hello, "陕西你好。", bob.pair(hello).version)
                await pilot.press("enter")
                assert rs.filters.text == "陕西" and rs.queue.count == 4 and not rs.queue.counting
                await pilot.press("q")

    asyncio.run(run())
