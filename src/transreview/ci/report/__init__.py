"""CI report writers: one :class:`~.model.Report` model, one module per output format.

Each writer module exposes ``write(report, out)`` writing text to ``out``; the gate picks
one by name. Writers stream the report's entries, so none of them holds the run in memory.
This package's own module imports nothing heavy, so the CLI can list :data:`WRITERS` for
its ``--format`` choices without loading the checks.
"""

from __future__ import annotations

from importlib import import_module
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from transreview.ci.report.model import Report

#: report format -> its writer module
WRITERS: dict[str, str] = {
    "text": "transreview.ci.report.text",
    "json": "transreview.ci.report.json",
    "junit": "transreview.ci.report.junit",
    "github": "transreview.ci.report.github",
    "sarif": "transreview.ci.report.sarif",
    "gitlab": "transreview.ci.report.gitlab",
}


def write_ci_report(report: Report, fmt: str, out: IO[str], **options: object) -> None:
    """Write the CI report ``report`` in format ``fmt`` (a key of :data:`WRITERS`) to ``out``."""
    import_module(WRITERS[fmt]).write(report, out, **options)


__all__ = ["WRITERS", "write_ci_report"]
