"""The review UI on one real file of each localization format (issue 12): the reviewer opens
the project at a unit, presses ``e``, types at the end of the target and saves with
``ctrl+s``; the export then differs from the input in that unit's text only (byte for byte
elsewhere). The library round trip of the same units is tests/unit/test_export_realfile_corrections.py;
this is the same through the keys a reviewer presses.
"""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest

from tests.helpers.realfile_cases import CASES, L10N, REVIEW_MARK
from transreview.export import export_project
from transreview.project import import_inputs
from transreview.review import ReviewSession
from transreview.tui.app import ReviewApp
from transreview.tui.screens.dialogs import CorrectionDialog
from transreview.tui.widgets.editor import SafeTextArea

TYPED = "已改"  # typed key by key (the pilot sends each character as a key press)


def _project(tmp_path: Path, fmt: str) -> Path:
    inp = L10N / CASES[fmt][0]
    copy = tmp_path / "in" / inp.name
    if inp.is_dir():
        shutil.copytree(inp, copy)
    else:
        copy.parent.mkdir()
        shutil.copy(inp, copy)
    db = tmp_path / "p.db"
    import_inputs(inputs=[copy], db=db, check_names=[])
    return db


async def _correct_by_keys(db: Path, key: str) -> str:
    """Open the review at the unit ``key`` (as a reviewer who left off there), type the
    correction in the editor, save; the target the session stored."""
    with ReviewSession.open(db, "alice") as s:
        rows = [r for r in s.queue_page(0, 5000) if r.pair_key == key or r.pair_key.endswith(f"::{key}")]
        assert len(rows) == 1
        pid = rows[0].pair_id
        s.remember_place("position", pid)
        app = ReviewApp(s)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert app.screen_stack[1].view.pair.id == rows[0].pair_key  # type: ignore[attr-defined]
            await pilot.press("e")
            await pilot.pause()
            assert isinstance(app.screen, CorrectionDialog)
            area = app.screen.query_one("#correction", SafeTextArea)
            area.move_cursor(area.document.end)
            for ch in TYPED:
                await pilot.press(ch)
            await pilot.press("ctrl+s")
            await pilot.pause()
        return s.pair(pid).current_target


@pytest.mark.parametrize("fmt", sorted(CASES))
def test_a_correction_typed_in_the_review_ui_changes_only_that_unit(tmp_path: Path, fmt: str) -> None:
    _, patched, key, old = CASES[fmt]
    db = _project(tmp_path, fmt)
    assert asyncio.run(_correct_by_keys(db, key)) == old + TYPED
    out = tmp_path / f"out{Path(patched).suffix}"
    export_project(db, fmt=fmt, output=out)
    original = (L10N / patched).read_bytes()
    mark_from, mark_to = REVIEW_MARK.get(fmt, ("", ""))
    after = out.read_bytes()
    assert after.count((old + TYPED).encode()) == 1
    # put the old text back (and the review state mark): byte for byte the input
    assert after.replace((old + TYPED).encode(), old.encode()).replace(mark_to.encode(), mark_from.encode()) == original
