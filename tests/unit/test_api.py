"""The library API: docs/api.md's examples run as doctests, and ``import transreview`` stays light."""

from __future__ import annotations

import doctest
import os
import subprocess
import sys

import pytest

import transreview
from tests.helpers.corpora import ROOT


def test_docs_api_examples_run(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)  # the examples name corpora/ relative to the repository
    result = doctest.testfile(str(ROOT / "docs" / "api.md"), module_relative=False, encoding="utf-8",
                              optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.attempted >= 20
    assert result.failed == 0


def test_every_public_name_resolves() -> None:
    for name in transreview.__all__:
        assert getattr(transreview, name) is not None, name
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        transreview.nope  # noqa: B018


def test_importing_the_package_loads_none_of_its_modules() -> None:
    """The names are lazy: ``import transreview`` imports no submodule and not typing."""
    code = ("import sys, transreview; "
            "print(sorted(m for m in sys.modules if m.startswith('transreview') or m in ('typing', 'jieba', 'click')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT / "src")}).stdout
    assert out.strip() == "['transreview']"
