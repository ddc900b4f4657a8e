"""The import contracts of the architecture hold (``[tool.importlinter]`` in pyproject.toml).

The contracts: the core imports neither textual nor click, and no front end (so only
``transreview.cli`` and ``transreview.tui`` reach the UI libraries); the TUI does not import
the store; a check imports no other check, no format and no store. Each contract is run on
its own, so a failure names the contract and import-linter's report lists the imports that
break it.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import pytest

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
CONFIG = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
CONTRACTS: list[dict] = CONFIG["contracts"]

_MODULE_KEYS = ("source_modules", "forbidden_modules", "protected_modules", "allowed_importers")


def _lint_imports() -> str:
    """The ``lint-imports`` script of this interpreter's environment."""
    script = Path(sys.executable).with_name("lint-imports")
    assert script.exists(), f"import-linter is not installed beside {sys.executable} (dev extra)"
    return str(script)


@pytest.mark.parametrize("contract_id", [c["id"] for c in CONTRACTS])
def test_contract_is_kept(contract_id: str) -> None:
    result = subprocess.run(
        [_lint_imports(), str(PYPROJECT), "--contract", contract_id,
         "--no-cache", "--no-logo"],
        cwd=PYPROJECT.parent, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_contracts_name_modules_that_exist() -> None:
    """Guards the contracts against passing vacuously: every module they name is in the import
    graph (not a renamed package or a typo; textual and click appear in it only because the
    front ends import them and ``include_external_packages`` is on)."""
    graph = grimp.build_graph(
        CONFIG["root_package"], include_external_packages=CONFIG["include_external_packages"],
        cache_dir=None,
    )
    named = {
        name
        for contract in CONTRACTS
        for key in _MODULE_KEYS
        for name in contract.get(key, [])
        if "*" not in name
    }
    assert {"textual", "click", "transreview.store", "transreview.checks"} <= named
    assert sorted(named - graph.modules) == []

