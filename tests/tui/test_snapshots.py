"""SVG snapshots of the review UI over the Shanxi page (Chinese text, fixed sizes).

Reviewed by eye when accepted (``pytest --snapshot-update``): queue on top, the pair side by
side with the 陕西 span in the critical colour, findings below, bindings in the footer.

Deterministic by construction: an SVG depends on whether a blinking text cursor happened to be
drawn when it was taken, and on ``NO_COLOR``. Blinking is switched off on every input before
the capture (the cursor is then always drawn where an input has focus) and ``NO_COLOR`` is
removed from the environment for these tests.
"""

from __future__ import annotations

from collections.abc import Iterable

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from transreview.tui.app import ReviewApp


def _steps(keys: Iterable[str], search: str | None = None):
    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        await pilot.press(*keys)
        if search is not None:
            pilot.app.screen.query_one("#category-search", Input).value = search
        await pilot.app.workers.wait_for_complete()
        for box in pilot.app.screen.query(Input):
            box.cursor_blink = False
        await pilot.pause()

    return run_before


@pytest.fixture(autouse=True)
def _colour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)


def test_pair_with_the_shaanxi_error(snap_compare, session) -> None:
    assert snap_compare(ReviewApp(session), terminal_size=(100, 30), run_before=_steps(["j", "j", "j"]))


def test_marking_a_span_at_80x24(snap_compare, session) -> None:
    assert snap_compare(
        ReviewApp(session), terminal_size=(80, 24), run_before=_steps(["j", "j", "j", "m", "w", "W"])
    )


def test_category_picker(snap_compare, session) -> None:
    assert snap_compare(
        ReviewApp(session), terminal_size=(100, 30),
        run_before=_steps(["j", "j", "j", "m", "w", "W", "enter"], search="acc"),
    )


def test_correction_with_diff_after_applying_the_suggestion(snap_compare, session) -> None:
    assert snap_compare(
        ReviewApp(session), terminal_size=(100, 30), run_before=_steps(["j", "j", "j", "s", "e"])
    )


def test_the_correction_in_view_after_a_fix_at_80x24(snap_compare, session) -> None:
    assert snap_compare(ReviewApp(session), terminal_size=(80, 24), run_before=_steps(["j", "j", "j", "s"]))
