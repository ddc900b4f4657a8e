"""A translator's working day (issue 15): the correction in view after a fix, the pair view
reachable by tab and scrollable, the MQM note kept after a severity key, severities that
differ by letter as well as colour."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from tests.helpers.tui import pair_with
from transreview.model import Severity
from transreview.review import ReviewSession
from transreview.tui.app import ReviewApp
from transreview.tui.palette import LETTER, PALETTES
from transreview.tui.screens.dialogs import FindingDialog
from transreview.tui.screens.review import ReviewScreen


def screen(app: ReviewApp) -> ReviewScreen:
    s = app.screen_stack[1]
    assert isinstance(s, ReviewScreen)
    return s


def _visible_in(scroll: VerticalScroll, widget: Static) -> bool:
    """The widget's first line is inside the scroll view's visible area."""
    top = widget.region.y
    return scroll.content_region.y <= top < scroll.content_region.bottom


@pytest.mark.parametrize("size", [(80, 24), (120, 35)])
def test_the_correction_is_in_view_after_applying_a_fix(shanxi_db: Path, size: tuple[int, int]) -> None:
    async def run() -> None:
        with ReviewSession.open(shanxi_db, "alice") as s:
            app = ReviewApp(s)
            async with app.run_test(size=size) as pilot:
                rs = screen(app)
                for _ in range(3):
                    await pilot.press("j")
                assert "陕西" in rs.view.pair.target
                scroll = rs.query_one("#pair-scroll", VerticalScroll)
                box = rs.query_one("#pair-correction", Static)
                assert not box.display  # nothing corrected yet
                await pilot.press("s")
                await pilot.pause()
                assert box.display and scroll.max_scroll_y > 0  # long pair: the diff is below the rows
                assert scroll.scroll_y > 0 and _visible_in(scroll, box)
                # the one-line summary of the change holds both the removed and the added character
                first_line = str(box.render()).splitlines()[0]
                assert "陕" in first_line and "山" in first_line
    asyncio.run(run())


def test_tab_focuses_the_pair_view_and_keys_scroll_it(shanxi_db: Path) -> None:
    async def run() -> None:
        with ReviewSession.open(shanxi_db, "alice") as s:
            app = ReviewApp(s)
            async with app.run_test(size=(80, 24)) as pilot:
                rs = screen(app)
                for _ in range(3):
                    await pilot.press("j")
                scroll = rs.query_one("#pair-scroll", VerticalScroll)
                assert app.focused is rs.queue
                await pilot.press("tab")
                assert app.focused is scroll
                await pilot.press("pagedown")
                await pilot.pause()
                assert scroll.scroll_y > 0
                cursor = rs.queue.cursor
                await pilot.press("down")  # scrolls the pair, does not move the queue
                assert rs.queue.cursor == cursor
                await pilot.press("tab")
                assert app.focused is rs.findings
    asyncio.run(run())


def test_a_note_typed_after_a_severity_key_is_kept(shanxi_db: Path) -> None:
    async def run() -> None:
        with ReviewSession.open(shanxi_db, "alice") as s:
            p4 = pair_with(s, "世博会")
            app = ReviewApp(s)
            async with app.run_test(size=(100, 30)) as pilot:
                rs = screen(app)
                for _ in range(3):
                    await pilot.press("j")
                await pilot.press("m", "enter")
                assert isinstance(app.screen, FindingDialog)
                await pilot.press("enter", "2")  # first category, then major
                assert app.focused is app.screen.query_one("#note", Input)
                await pilot.press("n", "o", "t", "e", "enter")
                await pilot.pause()
                assert isinstance(app.screen, ReviewScreen) and rs.view is not None
            mine = [f for f in s.pair(p4).findings if f.origin == "reviewer"]
            assert [(m.finding.severity, m.finding.message) for m in mine] == [(Severity.MAJOR, "note")]
    asyncio.run(run())


def test_severities_differ_by_colour_and_letter() -> None:
    for palette in PALETTES.values():
        assert len(set(palette.values())) == 4
        # minor is yellow-ish: the background's red and green high, blue lower
        background = palette[Severity.MINOR].split(" on #")[1]
        r, g, b = (int(background[i : i + 2], 16) for i in (0, 2, 4))
        assert r > 0xD0 and g > 0xD0 and b < 0x80
    assert len(set(LETTER.values())) == 4
