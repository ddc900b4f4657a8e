"""The review app on both store backends: a PostgreSQL project reviewed exactly like a file."""

from __future__ import annotations

import asyncio

from tests.helpers.tui import SHANXI, finding_of, pair_with
from transreview.project import import_inputs
from transreview.review import ReviewSession
from transreview.tui.app import ReviewApp
from transreview.tui.screens.review import ReviewScreen


def test_fix_and_approve_reach_the_project_on_every_backend(new_db) -> None:
    db = new_db("shanxi.db")
    import_inputs(inputs=[SHANXI], db=db, reviewer="importer")
    with ReviewSession.open(db, "alice") as s:
        p4 = pair_with(s, "陕西")
        original = s.pair(p4).pair.target
        places = finding_of(s, p4, "places", "陕西")
        asyncio.run(_fix(s, p4))
    with ReviewSession.open(db, "bob") as fresh:
        v = fresh.pair(p4)
        # by hand: the page's only 陕西 is at 81..83 of that paragraph
        assert v.current_target == original[:81] + "山西" + original[83:]
        assert v.status == "approved"
        assert {f.id: f.status for f in v.findings}[places] == "confirmed"
        assert fresh.progress() == (1, 13)


async def _fix(session: ReviewSession, p4: int) -> None:
    app = ReviewApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        rs = app.screen_stack[1]
        assert isinstance(rs, ReviewScreen)
        await pilot.press("o")  # by risk: the critical 陕西 paragraph comes first
        assert rs.view is not None and rs.view.pair_id == p4
        await pilot.press("s", "a", "q")


def test_a_search_is_counted_in_a_worker_on_every_backend(new_db, monkeypatch) -> None:
    """The count thread reads through the store's reader (SQLite: a second connection;
    PostgreSQL: the session's one connection, shared under a lock): on either, the count
    comes and matches the store's own."""
    from transreview.records import QueueFilter
    from transreview.tui.screens import review as review_screen
    from transreview.tui.widgets import queue as queue_widget
    from transreview.tui.widgets.search import SearchBar

    monkeypatch.setattr(review_screen, "PAGE", 3)
    monkeypatch.setattr(queue_widget, "PAGE", 3)
    db = new_db("shanxi.db")
    import_inputs(inputs=[SHANXI], db=db, reviewer="importer")
    with ReviewSession.open(db, "alice") as s:
        hits = s.queue_count(QueueFilter(text="the"))
        assert hits > 4

        async def run() -> None:
            app = ReviewApp(s)
            async with app.run_test(size=(100, 30)) as pilot:
                rs = app.screen_stack[1]
                assert isinstance(rs, ReviewScreen)
                await pilot.press("slash")
                rs.query_one(SearchBar).input.value = "the"
                await pilot.press("enter")
                await app.workers.wait_for_complete()
                await pilot.pause()
                assert rs.queue.count == hits and not rs.queue.counting
                await pilot.press("q")

        asyncio.run(run())
