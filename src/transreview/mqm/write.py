"""``transreview report``: the MQM report of a project as HTML, JSON or Markdown.

The door the CLI calls; the figures are built in :mod:`transreview.mqm.model` and
rendered by its writers. The exit code is the CI contract: 1 when a document's MQM score
is above ``--threshold``, else 0 (and 0 without a threshold).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from transreview.atomic import atomic_write
from transreview.errors import UsageError
from transreview.mqm import FORMATS, html, markdown
from transreview.mqm.model import ProjectReport, build_mqm_report
from transreview.outputs import refuse_clobbering
from transreview.sanitize import json_safe, visible


def render(report: ProjectReport, fmt: str) -> str:
    """The report as text in ``fmt`` (html, json or md)."""
    if fmt == "html":
        return html.render(report)
    if fmt == "json":
        return json_safe(json.dumps(report.to_dict(), ensure_ascii=False, indent=2)) + "\n"
    if fmt == "md":
        return visible(markdown.render(report), keep="\t\n")
    raise UsageError(f"unknown report format {fmt!r}; expected one of {', '.join(FORMATS)}")


def write_mqm_report(
    db: str | Path, *, output: str | Path | None = None, fmt: str = "html",
    threshold: float | None = None,
) -> int:
    """Write the report of project ``db`` to ``output`` (atomically) or stdout; the exit code."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown report format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if threshold is not None and threshold < 0:
        raise UsageError(f"--threshold is a score per 1,000 words, not {threshold:g}")
    refuse_clobbering([("-o", output)], [("project", db)])
    report = build_mqm_report(db, threshold)
    text = render(report, fmt)
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        with atomic_write(Path(output), "w", encoding="utf-8") as out:
            out.write(text)
    sys.stderr.write(visible(summary_line(report)) + "\n")
    return 1 if report.failed else 0


def summary_line(report: ProjectReport) -> str:
    """One line for stderr: each document's score and, with a threshold, the verdict."""
    docs = "; ".join(
        f"{d.name}: MQM {d.score:.1f}"
        + ("" if d.passed is None else (" pass" if d.passed else " FAIL"))
        for d in report.documents
    ) or "no documents"
    if report.threshold is None:
        return f"report of {report.project}: {docs}"
    return (
        f"report of {report.project} (threshold {report.threshold:g} per 1,000 words): {docs}; "
        f"{len(report.failed)} of {len(report.documents)} above the threshold"
    )


__all__ = ["render", "summary_line", "write_mqm_report"]
