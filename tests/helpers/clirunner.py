"""click's ``CliRunner`` with standard output and standard error kept apart, on every click
the project supports (``click>=8.1``).

click 8.2 keeps them apart by default (and has no ``mix_stderr``); click 8.1 mixes stderr
into ``result.stdout`` unless ``mix_stderr=False``, so a test that parses the JSON on
stdout would read a warning line first. Tests import ``CliRunner`` from here, and
``bash scripts/ci-lowest.sh`` runs them on click 8.1.
"""

from __future__ import annotations

import inspect
from typing import Any

from click.testing import CliRunner as _ClickRunner


def CliRunner(**kwargs: Any) -> _ClickRunner:  # noqa: N802 - stands in for the class
    if "mix_stderr" in inspect.signature(_ClickRunner.__init__).parameters:
        kwargs.setdefault("mix_stderr", False)
    return _ClickRunner(**kwargs)
