"""A translator's working day (issue 15): the correction in view after a fix, the pair view
reachable by tab and scrollable, the MQM note kept after a severity key, severities that
differ by letter as well as colour."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from tests.helpers.tui import pair_with
from transreview.model import Severity
from transreview.review import ReviewSession
from transreview.tui.app import ReviewApp
from transreview.tui.palette import LETTER, PALETTES
from transreview.tui.screens.dialogs import FindingDialog, FixAllDialog
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


def test_marking_by_search_takes_a_few_presses(shanxi_db: Path) -> None:
    """m / 世博会 enter: the selection is on 世博会; while marking the target, the aligned
    source sentence is underlined; enter opens the dialog for exactly that span."""

    async def run() -> None:
        with ReviewSession.open(shanxi_db, "alice") as s:
            p4 = pair_with(s, "世博会")
            target = s.pair(p4).pair.target
            app = ReviewApp(s)
            async with app.run_test(size=(80, 24)) as pilot:
                rs = screen(app)
                for _ in range(3):
                    await pilot.press("j")
                await pilot.press("m", "slash", "世", "博", "会", "enter")
                await pilot.pause()
                sel = rs.pane.selection
                assert sel is not None
                span = sel.span()
                assert span is not None and target[span.start : span.end] == "世博会"
                rendered = rs.pane.render()
                # the aligned source row holds "Expo" and is underlined
                src_cells = [c for c in rendered.columns[1].cells]  # type: ignore[union-attr]
                underlined = [c.plain for c in src_cells if any("underline" in str(sp.style) for sp in c.spans)]
                assert any("Expo" in u for u in underlined)
                await pilot.press("enter")
                assert isinstance(app.screen, FindingDialog)
                assert app.screen.span_text == "世博会"
    asyncio.run(run())


def test_reopening_comes_back_to_the_same_order_and_pair(shanxi_db: Path) -> None:
    async def first() -> int:
        with ReviewSession.open(shanxi_db, "alice") as s:
            app = ReviewApp(s)
            async with app.run_test(size=(80, 24)) as pilot:
                rs = screen(app)
                await pilot.press("o", "j", "j")
                assert rs.order == "risk"
                pid = rs.view.pair_id
                await pilot.press("q")
            return pid

    async def again(reviewer: str) -> tuple[str, int]:
        with ReviewSession.open(shanxi_db, reviewer) as s:
            app = ReviewApp(s)
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                rs = screen(app)
                return rs.order, rs.view.pair_id

    pid = asyncio.run(first())
    assert asyncio.run(again("alice")) == ("risk", pid)
    # bob has his own place: the top of the reading order
    with ReviewSession.open(shanxi_db, "bob") as s:
        top = s.queue_page(0, 1)[0].pair_id
    assert asyncio.run(again("bob")) == ("position", top)


def test_next_unreviewed_at_risk_at_least_x_is_kept_per_reviewer(shanxi_db: Path) -> None:
    async def run(reviewer: str, keys: list[str]) -> tuple[int, int]:
        with ReviewSession.open(shanxi_db, reviewer) as s:
            app = ReviewApp(s)
            async with app.run_test(size=(80, 24)) as pilot:
                rs = screen(app)
                await pilot.press("R")
                await pilot.press(*keys)
                await pilot.pause()
                return rs.view.pair_id, s.risk_threshold()

    with ReviewSession.open(shanxi_db, "alice") as s:
        p4, p5 = pair_with(s, "陕西"), pair_with(s, "金城")
    # from pair 1 in reading order: the first unreviewed pair at risk >= 20 is 陕西's (100)
    assert asyncio.run(run("alice", ["ctrl+u", "2", "0", "enter"])) == (p4, 20)
    # alice comes back at 陕西's paragraph (her place); the next at risk >= 21 is 金城's (23)
    assert asyncio.run(run("alice", ["ctrl+u", "2", "1", "enter"])) == (p5, 21)
    # from 金城's, R enter (X kept: 21) wraps round to 陕西's
    assert asyncio.run(run("alice", ["enter"])) == (p4, 21)
    with ReviewSession.open(shanxi_db, "bob") as s:
        assert s.risk_threshold() == 20  # bob's own, the default


def test_the_colour_blind_palette_changes_the_span_colours() -> None:
    from transreview.tui.palette import severity_style, use_palette

    try:
        use_palette("colour-blind")
        assert severity_style(Severity.CRITICAL) == PALETTES["colour-blind"][Severity.CRITICAL]
        with pytest.raises(ValueError, match="unknown palette"):
            use_palette("sepia")
    finally:
        use_palette("default")
    assert severity_style(Severity.CRITICAL) == PALETTES["default"][Severity.CRITICAL]


def test_quitting_says_what_the_session_did(shanxi_db: Path) -> None:
    async def run() -> str:
        with ReviewSession.open(shanxi_db, "alice") as s:
            app = ReviewApp(s)
            async with app.run_test(size=(80, 24)) as pilot:
                rs = screen(app)
                await pilot.press("j", "j", "j", "s", "a", "a")
                return rs.summary()

    line = asyncio.run(run())
    assert re.match(r"this session: 2 pairs reviewed, 1 corrected, \d+ min \d\d s; ", line)
    assert line.endswith("the project: 2 of 13 reviewed")


def test_fix_all_previews_applies_and_undoes_as_a_whole(shanxi_db: Path) -> None:
    async def run() -> None:
        with ReviewSession.open(shanxi_db, "alice") as s:
            before = {r.pair_id: s.pair(r.pair_id).current_target for r in s.queue_page(0, 20)}
            p4 = pair_with(s, "陕西")
            app = ReviewApp(s)
            async with app.run_test(size=(100, 30)) as pilot:
                rs = screen(app)
                for _ in range(3):
                    await pilot.press("j")
                await pilot.press("right_square_bracket", "S")
                dialog = app.screen
                assert isinstance(dialog, FixAllDialog)
                assert sum(len(p.finding_ids) for p in dialog.plans) == 26 and len(dialog.plans) == 5
                await pilot.press("escape")  # nothing written
                assert all(s.pair(pid).current_target == t for pid, t in before.items())
                await pilot.press("S", "ctrl+s")
                await pilot.pause()
                fixed = {pid for pid in before if s.pair(pid).current_target != before[pid]}
                assert len(fixed) == 5 and p4 in fixed
                assert "，" in rs.view.current_target
                await pilot.press("U")
                await pilot.pause()
                assert all(s.pair(pid).current_target == t for pid, t in before.items())
                commas = [f for f in s.pair(p4).findings if f.finding.suggestion == "，"]
                assert len(commas) == 12 and all(f.status == "open" for f in commas)
                assert [c.kind for c in s.history(p4)] == ["save", "undo"]
    asyncio.run(run())


def test_the_correction_is_in_view_after_saving_an_edit(shanxi_db: Path) -> None:
    async def run() -> None:
        with ReviewSession.open(shanxi_db, "alice") as s:
            app = ReviewApp(s)
            async with app.run_test(size=(120, 35)) as pilot:
                rs = screen(app)
                for _ in range(3):
                    await pilot.press("j")
                await pilot.press("e", "delete", "ctrl+s")  # delete the first character, save
                await pilot.pause()
                scroll = rs.query_one("#pair-scroll", VerticalScroll)
                box = rs.query_one("#pair-correction", Static)
                assert rs.view.corrected and rs.view.current_target == rs.view.pair.target[1:]
                assert box.display and scroll.scroll_y > 0 and _visible_in(scroll, box)
    asyncio.run(run())
