"""A save that fails (disk full, busy past the retry, read-only project, server error) keeps
the typed correction in the editor and says why; nothing is lost, nothing half-saved."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import TextArea

from tests.helpers.tui import pair_with
from transreview.errors import StoreError
from transreview.review import ReviewSession
from transreview.tui.app import ReviewApp
from transreview.tui.screens.dialogs import CorrectionDialog

REASON = "p.db: could not save (database or disk is full)"


async def _type_and_fail(db: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[object, str, list[str], int]:
    with ReviewSession.open(db, "alice") as s:
        pid = pair_with(s, "陕西")

        def full(*args: object, **kwargs: object) -> int:
            raise StoreError(REASON)

        monkeypatch.setattr(s, "save_correction", full)
        app = ReviewApp(s)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            screen = app.screen_stack[1]
            while screen.view.pair_id != pid:  # type: ignore[attr-defined]
                await pilot.press("j")
                await pilot.pause()
            await pilot.press("e")
            await pilot.pause()
            area = app.screen.query_one("#correction", TextArea)
            area.text = "我打的修改"
            await pilot.press("ctrl+s")
            await pilot.pause()
            top = app.screen
            typed = top.query_one("#correction", TextArea).text if isinstance(top, CorrectionDialog) else ""
            notes = [str(n.message) for n in app._notifications]
            version = s.pair(pid).version
        return top, typed, notes, version


def test_a_failed_save_keeps_the_editor_and_the_text(shanxi_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    top, typed, notes, version = asyncio.run(_type_and_fail(shanxi_db, monkeypatch))
    assert isinstance(top, CorrectionDialog)
    assert typed == "我打的修改"
    assert any(REASON in n for n in notes), notes
    assert version == 0
