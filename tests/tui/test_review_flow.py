"""The review app driven by the pilot over a real project (the Shanxi seed page), then the
project reopened by a fresh session to prove every decision reached the file."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Input, RadioSet, Select, TextArea

from tests.helpers.tui import finding_of, pair_with
from transreview.review import ReviewSession
from transreview.tui.app import ReviewApp
from transreview.tui.screens.dialogs import (
    CorrectionDialog,
    FilterDialog,
    FindingDialog,
    ScoreDialog,
)
from transreview.tui.screens.info import HistoryScreen
from transreview.tui.screens.review import ReviewScreen

SIZE = (100, 30)


def screen(app: ReviewApp) -> ReviewScreen:
    s = app.screen_stack[1]
    assert isinstance(s, ReviewScreen)
    return s


def test_a_whole_review_is_on_disk_after_quitting(shanxi_db: Path) -> None:
    p4, p5, places, commas, suggested, corrected = asyncio.run(_review(shanxi_db))
    # A fresh session on the file sees everything.
    with ReviewSession.open(shanxi_db, "bob") as fresh:
        v = fresh.pair(p4)
        assert v.status == "approved"
        assert v.current_target == suggested and "陕西" not in v.current_target
        assert [c.kind for c in fresh.history(p4)] == ["save", "save", "undo"]
        assert [c.text for c in fresh.history(p4)] == [suggested, corrected, suggested]
        by_id = {f.id: f for f in v.findings}
        assert by_id[places].status == "confirmed"
        assert by_id[commas[0]].status == "dismissed"
        assert by_id[commas[1]].status == "confirmed"
        mine = [f for f in v.findings if f.origin == "reviewer"]
        assert len(mine) == 1
        m = mine[0].finding
        assert (m.category, m.severity.label, m.side, m.start, m.end, m.text) == (
            "Accuracy/Untranslated", "major", "target", 2, 7, "JHCGA")
        assert m.message == "name left in Latin letters" and m.check == "alice"
        v5 = fresh.pair(p5)
        assert v5.quick_score == 70
        quick = [f for f in v5.findings if f.origin == "quick"]
        assert len(quick) == 1 and quick[0].finding.severity.label == "minor"
        assert fresh.progress() == (1, 13)


async def _review(shanxi_db: Path):
    with ReviewSession.open(shanxi_db, "alice") as s:
        p4 = pair_with(s, "陕西")
        original = s.pair(p4).pair.target
        places = finding_of(s, p4, "places", "陕西")
        commas = [f.id for f in s.pair(p4).findings if f.finding.check == "punctuation"]
        app = ReviewApp(s)
        async with app.run_test(size=SIZE) as pilot:
            rs = screen(app)
            assert rs.view is not None and rs.view.pair.index == 0
            # navigate: three pairs down is the paragraph with 陕西
            for _ in range(3):
                await pilot.press("j")
            assert rs.view.pair_id == p4
            assert rs.findings.current_id == places
            await pilot.press("k")
            assert rs.view.pair_id != p4
            await pilot.press("j")
            # apply the suggestion 山西 (saves a correction and confirms the finding)
            await pilot.press("s")
            assert rs.view.current_target == original[:81] + "山西" + original[83:]
            # next finding: dismiss the first comma, confirm the second
            await pilot.press("right_square_bracket")
            assert rs.findings.current_id == commas[0]
            await pilot.press("d")
            assert rs.findings.current_id == commas[1]  # moved on by itself
            await pilot.press("c")
            # mark "JHCGA" (target 2..7): word right, extend a word, enter
            await pilot.press("m", "w", "W")
            assert rs.pane.selection is not None and rs.pane.selection.span().of(original) == "JHCGA"
            await pilot.press("enter")
            dialog = app.screen
            assert isinstance(dialog, FindingDialog)
            dialog.query_one("#category-search", Input).value = "untrans"
            await pilot.pause()
            assert dialog.category == "Accuracy/Untranslated"
            await pilot.press("enter")  # on to the severity
            assert isinstance(app.focused, RadioSet)
            await pilot.press("right", "enter")  # minor → major
            dialog.query_one("#note", Input).value = "name left in Latin letters"
            await pilot.press("ctrl+s")
            assert app.screen is rs and not rs.pane.marking
            # type and save a correction (Chinese set directly: the pilot drops CJK punctuation)
            await pilot.press("e")
            editor = app.screen
            assert isinstance(editor, CorrectionDialog)
            suggested = rs.view.current_target
            corrected = suggested.replace(",", "，")
            editor.query_one("#correction", TextArea).text = corrected
            await pilot.press("ctrl+s")
            assert rs.view.current_target == corrected and rs.view.version == 2
            # undo goes back to the suggestion's text
            await pilot.press("u")
            assert rs.view.current_target == suggested
            # the history keeps every version: suggestion, correction, undo
            await pilot.press("h")
            assert isinstance(app.screen, HistoryScreen)
            assert [c.kind for c in app.screen.history] == ["save", "save", "undo"]
            await pilot.press("escape")
            assert app.screen is rs
            # approve: the pair is approved and the cursor moves on
            await pilot.press("a")
            assert rs.view.pair_id != p4
            # quick mode on the next pair: a minor span and a score of 70
            p5 = rs.view.pair_id
            await pilot.press("t", "m", "enter")
            await pilot.press("p")
            assert isinstance(app.screen, ScoreDialog)
            await pilot.press("7", "0", "enter")
            # filter: approved pairs only, then clear
            await pilot.press("f")
            assert isinstance(app.screen, FilterDialog)
            app.screen.query_one("#f-status", Select).value = "approved"
            await pilot.press("ctrl+s")
            assert rs.queue.count == 1 and rs.view.pair_id == p4
            await pilot.press("F")
            assert rs.queue.count == 13
            await pilot.press("q")
        assert app.return_code == 0 or app.return_code is None

    return p4, p5, places, commas, suggested, corrected
