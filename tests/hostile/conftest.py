"""Fixtures of the hostile-input corpus (helpers live in ``tests.helpers.cli``)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """An empty directory to run the CLI in (so relative names appear in messages)."""
    d = tmp_path / "work"
    d.mkdir()
    return d
