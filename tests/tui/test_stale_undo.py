"""Undo from a stale screen: reviewer B still shows version 0 of a pair that reviewer A has
corrected since; B's undo must be refused like a stale save, not revert A's correction."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.helpers.tui import pair_with
from transreview.errors import ConflictError
from transreview.review import ReviewSession
from transreview.tui.app import ReviewApp


def test_a_stale_undo_is_a_conflict(shanxi_db: Path) -> None:
    with ReviewSession.open(shanxi_db, "alice") as a, ReviewSession.open(shanxi_db, "bob") as b:
        pid = pair_with(a, "陕西")
        original = a.pair(pid).current_target
        fixed = original.replace("陕西", "山西")
        a.save_correction(pid, fixed, expected_version=0)
        with pytest.raises(ConflictError) as e:
            b.undo_correction(pid, expected_version=0)
        assert e.value.theirs == fixed and e.value.theirs_by == "alice" and e.value.version == 1
        after = a.pair(pid)
        assert after.current_target == fixed and after.version == 1
        # shown the current version, the undo goes through
        assert b.undo_correction(pid, expected_version=1) == original


async def _stale_undo(db: Path) -> tuple[str, int, list[str]]:
    with ReviewSession.open(db, "bob") as bob:
        pid = pair_with(bob, "陕西")
        original = bob.pair(pid).current_target
        app = ReviewApp(bob)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            screen = app.screen_stack[1]
            while screen.view.pair_id != pid:  # type: ignore[attr-defined]
                await pilot.press("j")
                await pilot.pause()
            with ReviewSession.open(db, "alice") as alice:
                alice.save_correction(pid, original.replace("陕西", "山西"), expected_version=0)
            await pilot.press("u")
            await pilot.pause()
            notes = [str(n.message) for n in app._notifications]
            shown = screen.view  # type: ignore[attr-defined]
            return shown.current_target, shown.version, notes


def test_the_review_screen_refuses_a_stale_undo(shanxi_db: Path) -> None:
    text, version, notes = asyncio.run(_stale_undo(shanxi_db))
    assert "山西" in text and "陕西" not in text and version == 1
    assert any("not undone" in n and "alice" in n for n in notes), notes
    with ReviewSession.open(shanxi_db, "carol") as c:
        pid = pair_with(c, "山西")
        assert [h.kind for h in c.history(pid)] == ["save"]
