"""A real project, imported once from the Shanxi seed page, copied fresh for each test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers.tui import SHANXI
from transreview.project import import_inputs
from transreview.review import ReviewSession


@pytest.fixture(scope="session")
def shanxi_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("shanxi")
    page = folder / SHANXI.name
    shutil.copy(SHANXI, page)
    db = folder / "shanxi.transreview.db"
    import_inputs(inputs=[page], db=db, reviewer="importer")
    return db


@pytest.fixture()
def shanxi_db(shanxi_template: Path, tmp_path: Path) -> Path:
    db = tmp_path / "shanxi.transreview.db"
    shutil.copy(shanxi_template, db)
    return db


@pytest.fixture()
def session(shanxi_db: Path):
    with ReviewSession.open(shanxi_db, "alice") as s:
        yield s

