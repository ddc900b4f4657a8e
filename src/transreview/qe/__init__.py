"""Quality estimation: a small plugin interface (:mod:`transreview.qe.base`) and two
optional backends, ``llm`` (an OpenAI-compatible chat endpoint, standard library only) and
``comet`` (CometKiwi, xCOMET, MetricX; the ``qe-comet`` extra). Nothing here runs unless a
user asks for it (``transreview qe``, ``check --qe``); importing this package loads no
backend.
"""

from __future__ import annotations

import importlib
from typing import Any

from transreview.qe.base import QEAnswer, QEBackend, QESegment, QESpan, QEUnavailable

#: Backend name -> the module whose ``make(model, **options)`` builds it.
BACKENDS: dict[str, str] = {
    "llm": "transreview.qe.llm",
    "comet": "transreview.qe.comet",
}


def make_backend(name: str, model: str, **options: Any) -> QEBackend:
    """Build backend ``name`` for ``model`` with its own options (see each module's ``make``)."""
    if name not in BACKENDS:
        raise QEUnavailable(f"unknown QE backend {name!r} (known: {', '.join(BACKENDS)})")
    backend: QEBackend = importlib.import_module(BACKENDS[name]).make(model, **options)
    return backend


__all__ = ["BACKENDS", "QEAnswer", "QEBackend", "QESegment", "QESpan", "QEUnavailable", "make_backend"]
