"""Report writers: one :class:`Report` model, one module per output format.

Each writer module exposes ``write(report, out)`` writing text to ``out``; the gate picks
one by name. Writers stream the report's entries, so none of them holds the run in memory.
"""

from __future__ import annotations

from importlib import import_module
from typing import IO

from transreview.report.model import DocInfo, Entry, Report, ReportBuilder, Summary

WRITERS: dict[str, str] = {
    "text": "transreview.report.text",
    "json": "transreview.report.json",
    "junit": "transreview.report.junit",
    "github": "transreview.report.github",
}


def write_report(report: Report, fmt: str, out: IO[str], **options: object) -> None:
    """Write ``report`` in format ``fmt`` (a key of :data:`WRITERS`) to ``out``."""
    import_module(WRITERS[fmt]).write(report, out, **options)


__all__ = ["WRITERS", "DocInfo", "Entry", "Report", "ReportBuilder", "Summary", "write_report"]
