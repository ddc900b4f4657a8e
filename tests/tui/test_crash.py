"""A review UI that stops on an error (a damaged project, a PostgreSQL server gone, a bug)
ends with one line and a non-zero exit, never Textual's traceback with local variables."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App

from transreview.errors import StoreError, TransreviewError
from transreview.review import ReviewSession
from transreview.tui import app as tui_app


@pytest.mark.parametrize("error, expected", [
    (StoreError("p.db: the project file is damaged (database disk image is malformed)"),
     "the review UI stopped: p.db: the project file is damaged (database disk image is malformed)"),
    (KeyError("secret-local"), "the review UI crashed (a bug, please report it): KeyError: 'secret-local'"),
])
def test_a_crash_is_one_line(shanxi_db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                             error: Exception, expected: str) -> None:
    monkeypatch.setattr(tui_app.ReviewApp, "run", lambda self: App.run(self, headless=True, size=(100, 30)))

    def boom(self: ReviewSession) -> tuple[int, int]:
        password_in_a_local = "hunter2pw"  # noqa: F841 - what a traceback with locals would show
        raise error

    monkeypatch.setattr(ReviewSession, "progress", boom)
    with pytest.raises(TransreviewError) as raised:
        tui_app.run_review(shanxi_db, reviewer="alice")
    assert str(raised.value) == expected
    out = capsys.readouterr()
    assert "Traceback" not in out.err + out.out
    assert "hunter2pw" not in out.err + out.out
