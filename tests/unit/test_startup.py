"""Cyclic garbage collection paused while ``check`` starts (``transreview/startup.py``).

What must hold: collection is on again once the pairs start and after the command, whatever
happened (success, a findings exit, a usage error before any pair); what start-up made is
frozen then; and a pause the project did not make (a library caller's ``gc.disable()``) is
never undone.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.clirunner import CliRunner
from transreview import startup
from transreview.checks import build_checks
from transreview.cli import cli
from transreview.model import Pair
from transreview.pipeline import run_checks


@pytest.fixture(autouse=True)
def collection_on() -> Iterator[None]:
    assert gc.isenabled()
    yield
    startup._paused = False
    gc.enable()


def test_pause_then_resume_collects_again_with_start_up_frozen() -> None:
    gc.unfreeze()
    startup.pause()
    assert not gc.isenabled()
    kept = [object() for _ in range(100)]
    startup.resume()
    assert gc.isenabled()
    assert gc.get_freeze_count() > len(kept)
    startup.resume()  # a second resume changes nothing
    assert gc.isenabled()
    gc.unfreeze()


def test_a_pause_made_elsewhere_is_left_alone() -> None:
    gc.disable()  # a library caller's own choice
    startup.pause()
    startup.resume()
    assert not gc.isenabled()
    gc.enable()


def test_resume_without_pause_changes_nothing() -> None:
    gc.unfreeze()
    startup.resume()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_the_run_resumes_collection_when_its_pairs_start() -> None:
    seen: list[bool] = []

    def pairs() -> Iterator[Pair]:
        for i in range(3):
            seen.append(gc.isenabled())
            yield Pair(id=str(i), source="Taiyuan is in Shanxi.", target="太原在山西。")

    startup.pause()
    results = list(run_checks(pairs(), build_checks({}, ["places"]), jobs=1, chunk_size=1))
    assert len(results) == 3
    assert gc.isenabled()
    # the first two chunks are read to decide how to run them, then collection resumes
    assert seen == [False, False, True]
    gc.unfreeze()


@pytest.mark.parametrize(
    ("rows", "args", "code"),
    [
        (["c1\tTaiyuan is the capital of Shanxi.\t太原是山西的省会。"], [], 0),
        (["x1\tJincheng is a city in Shanxi.\t晋城是陕西的一个城市。"], [], 1),
        (["c1\tTaiyuan is the capital of Shanxi.\t太原是山西的省会。"], ["--shard", "nonsense"], 2),
    ],
)
def test_check_leaves_collection_on(tmp_path: Path, rows: list[str], args: list[str], code: int) -> None:
    path = tmp_path / "pairs.tsv"
    path.write_text("id\tsource\ttarget\n" + "\n".join(rows) + "\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["check", "--checks", "places", "--no-progress", str(path), *args])
    assert res.exit_code == code, res.output
    assert gc.isenabled()
    assert not startup._paused
    gc.unfreeze()
