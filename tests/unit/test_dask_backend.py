"""``check --dask-scheduler`` / ``--dask local``: the same report as one process (issue 6).

Dask and distributed are in the ``dev`` extra, so these run in the normal suite (marked
``dask`` to be selectable: ``pytest -m dask``); together they take well under 30 s.
"""

from __future__ import annotations

import io
import json
import logging
import sys
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from benchmarks.gen_pairs import write_tsv
from tests.helpers.clirunner import CliRunner
from transreview.ci.gate import GateOptions, build_ci_report
from transreview.ci.report import write_ci_report
from transreview.cli import cli
from transreview.dask_backend import DaskExecutor
from transreview.errors import UsageError

ROOT = Path(__file__).resolve().parents[2]

SHANXI_PAGE = ROOT / "corpora" / "jhcga-shanxi-2016.txt"
pytestmark = pytest.mark.dask


def _json(opts: GateOptions) -> str:
    report, _ = build_ci_report(opts)
    out = io.StringIO()
    write_ci_report(report, "json", out)
    report.entries.close()  # type: ignore[attr-defined]
    return out.getvalue()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ...]:
    return (write_tsv(tmp_path_factory.mktemp("dask") / "g.tsv", 300, seed=11), SHANXI_PAGE)


def test_a_scheduler_address_gives_the_single_process_report(inputs: tuple[Path, ...]) -> None:
    base = GateOptions(inputs=inputs, chunk_size=32, progress=False)
    single = _json(base)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster:
        on_dask = _json(GateOptions(inputs=inputs, chunk_size=32, progress=False, dask=cluster.scheduler_address))
        with Client(cluster) as client:
            # the chunks really ran as Dask tasks
            assert any("process_chunk_with" in str(k) for k in client.run_on_scheduler(
                lambda dask_scheduler: list(dask_scheduler.task_prefixes)))
    assert on_dask == single
    data = json.loads(single)
    assert data["summary"]["pairs"] > 300 and data["summary"]["findings"] > 0


def test_dask_local_from_the_command_line(inputs: tuple[Path, ...], tmp_path: Path) -> None:
    out_one, out_dask = tmp_path / "one.json", tmp_path / "dask.json"
    args = ["check", "--no-progress", "--format", "json", "--checks", "places,omission,consistency", *map(str, inputs)]
    one = CliRunner().invoke(cli, [*args, "-o", str(out_one)])
    dask = CliRunner().invoke(cli, [*args, "-o", str(out_dask), "--dask", "local", "--jobs", "1"])
    assert one.exit_code == dask.exit_code == 1, dask.output
    assert out_dask.read_bytes() == out_one.read_bytes()


def test_executor_slots_follow_the_cluster_threads() -> None:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        assert DaskExecutor(client).slots == 5  # 2 × 2 threads + 1, like a local pool


def test_without_the_extra_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails as if not installed
    with pytest.raises(UsageError, match=r"pip install 'transreview\[dask\]'"):
        DaskExecutor.connect("local")


def test_both_dask_options_at_once_is_a_usage_error(inputs: tuple[Path, ...]) -> None:
    res = CliRunner().invoke(cli, ["check", "--dask", "local", "--dask-scheduler", "tcp://x:1", str(inputs[1])])
    assert res.exit_code == 2 and "not both" in res.stderr
