"""The command palette (ctrl+p, issue 15): every key of the review screen by its name, so a
reviewer who forgot that `a` approves finds "approve" by typing it."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.app import SystemCommand
from textual.command import CommandList, CommandPalette

from transreview.review import ReviewSession
from transreview.tui.app import ReviewApp


def test_ctrl_p_finds_a_screen_key_by_name_and_runs_it(shanxi_db: Path) -> None:
    async def run() -> tuple[list[str], str, str]:
        with ReviewSession.open(shanxi_db, "alice") as s:
            app = ReviewApp(s)
            async with app.run_test(size=(120, 35)) as pilot:
                await pilot.pause()
                screen = app.screen_stack[1]
                commands = [c for c in app.get_system_commands(screen) if isinstance(c, SystemCommand)]
                first = screen.view.pair_id  # type: ignore[attr-defined]
                await pilot.press("ctrl+p")
                await pilot.pause()
                for ch in "approve":
                    await pilot.press(ch)
                # the palette searches in the background: wait for its hits, not for a time
                palette = app.screen
                assert isinstance(palette, CommandPalette)
                hits = palette.query_one(CommandList)
                for _ in range(200):
                    await pilot.pause(0.02)
                    if hits.option_count and hits.highlighted is not None:
                        break
                assert hits.option_count
                await pilot.press("enter")
                await pilot.pause()
                status = s.pair(first).status
                return [c.title for c in commands], next(c.help for c in commands if c.title == "approve"), status
    titles, key_help, status = asyncio.run(run())
    assert {"approve", "edit", "mark span", "Quit"} <= set(titles)
    assert key_help == "key: a"
    assert status == "approved"
