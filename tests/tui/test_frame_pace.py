"""The two settings that keep a key press short in a real terminal (issue 16; measured by
benchmarks/bench_tui_tmux.py): Textual's frame cap raised to 240 unless the user set one,
and the start-up objects frozen out of the garbage collector's walk by the real command only."""

from __future__ import annotations

import asyncio
import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from transreview.review import ReviewSession
from transreview.tui.app import ReviewApp, run_review

MAX_FPS = "import transreview.tui.app, textual.constants as c; print(c.MAX_FPS)"


@pytest.mark.parametrize(("env_value", "expected"), [(None, "240"), ("30", "30")])
def test_textual_draws_up_to_240_frames_a_second_unless_the_user_says(
    env_value: str | None, expected: str
) -> None:
    # A fresh process: textual reads TEXTUAL_FPS once, when it is first imported.
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_FPS"}
    if env_value is not None:
        env["TEXTUAL_FPS"] = env_value
    out = subprocess.run([sys.executable, "-c", MAX_FPS], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == expected


@pytest.mark.parametrize("freeze", [True, False])
def test_an_app_asked_to_freeze_freezes_start_up_and_then_the_dialog_warm_up(
    shanxi_db: Path, monkeypatch: pytest.MonkeyPatch, freeze: bool
) -> None:
    """Once after the first screen, once more when the filter dialog has been laid out and
    rendered unseen (what that made lives as long as the app too); never when not asked."""
    calls: list[int] = []
    monkeypatch.setattr(gc, "freeze", lambda: calls.append(1))

    async def run() -> None:
        with ReviewSession.open(shanxi_db, "alice") as s:
            app = ReviewApp(s, freeze_gc=freeze)
            async with app.run_test(size=(120, 35)) as pilot:
                await pilot.pause()
                assert app.screen.view is not None  # type: ignore[attr-defined]  # the first screen is up
                await app.workers.wait_for_complete()  # the dialog's warm-up
                await pilot.press("j")
                await pilot.press("q")

    asyncio.run(run())
    assert calls == ([1, 1] if freeze else [])


def test_the_review_command_asks_for_the_freeze(shanxi_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    monkeypatch.setattr(ReviewApp, "run", lambda self: seen.append(self.freeze_gc))
    run_review(shanxi_db, reviewer="alice")
    assert seen == [True]
