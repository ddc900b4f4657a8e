"""``transreview report``: the MQM report of a project as HTML, JSON or Markdown.

The door the CLI calls; the figures are built in :mod:`transreview.mqm.model` and
rendered by its writers. The exit code is the CI contract: 1 when a document's MQM score
is above ``--threshold``, else 0 (and 0 without a threshold).
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import IO

from transreview.atomic import atomic_write
from transreview.errors import TransreviewError, UsageError
from transreview.mqm import FORMATS, html, markdown
from transreview.mqm.model import ProjectReport, build_mqm_report
from transreview.outputs import refuse_clobbering
from transreview.sanitize import json_safe, visible


def render(report: ProjectReport, fmt: str) -> str:
    """The report as text in ``fmt`` (html, json or md); HTML as one page, everything inline."""
    buf = io.StringIO()
    write_report(report, fmt, buf)
    return buf.getvalue()


def write_report(report: ProjectReport, fmt: str, out: IO[str], pages: html.Pages | None = None) -> None:
    """Write the report in ``fmt`` to ``out``, piece by piece (see :func:`render`)."""
    if fmt == "html":
        html.write(report, out, pages)
    elif fmt == "json":
        write_json(report, out)
    elif fmt == "md":
        out.write(visible(markdown.render(report), keep="\t\n"))
    else:
        raise UsageError(f"unknown report format {fmt!r}; expected one of {', '.join(FORMATS)}")


_ITEMS_MARK = "\x00items\x00"


def write_json(report: ProjectReport, out: IO[str]) -> None:
    """The ``--format json`` report, streamed: the text of ``json.dumps(report.to_dict(),
    ensure_ascii=False, indent=2)`` with every document's items written one at a time."""
    data = report.to_dict_without_items()
    for d in data["documents"]:
        d["items"] = _ITEMS_MARK
    text = json.dumps(data, ensure_ascii=False, indent=2)
    pieces = text.split(json.dumps(_ITEMS_MARK))
    assert len(pieces) == len(report.documents) + 1
    out.write(json_safe(pieces[0]))
    for doc, rest in zip(report.documents, pieces[1:], strict=True):
        first = True
        for item in doc.items:
            body = json.dumps(asdict(item), ensure_ascii=False, indent=2).replace("\n", "\n        ")
            out.write(json_safe(("[\n        " if first else ",\n        ") + body))
            first = False
        out.write("[]" if first else "\n      ]")
        out.write(json_safe(rest))
    out.write("\n")


def pages_folder(output: Path) -> Path:
    """Where the HTML report ``NAME.html`` keeps its pages: ``NAME_files`` beside it."""
    return output.with_name(output.stem + "_files")


def _needs_pages(report: ProjectReport) -> bool:
    return any(len(d.items) > html.INLINE_PAIRS for d in report.documents)


def _is_page_name(name: str) -> bool:
    return re.fullmatch(r"doc\d+-page\d+\.html", name) is not None


def _write_html_with_pages(report: ProjectReport, output: Path) -> None:
    """The report and its pages folder, both complete or neither changed: the pages go to a
    hidden staging folder first and replace the old pages folder (only ever one this
    command wrote: a folder holding anything else is refused) when the report is written."""
    folder = pages_folder(output)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: exists and is not a folder (the report writes its pages there)")
    if folder.is_dir():
        foreign = [p.name for p in folder.iterdir() if not (p.is_file() and _is_page_name(p.name))]
        if foreign:
            raise UsageError(f"{folder}: holds files the report did not write ({foreign[0]}); "
                             "the report writes its pages there: move them or choose another -o")
    try:
        stage = Path(tempfile.mkdtemp(prefix=".transreview-report-", dir=output.parent))
    except OSError as e:
        raise TransreviewError(f"{output}: cannot write: {e.strerror or e}") from None
    old: Path | None = None
    try:
        pages = html.Pages(report, stage, folder.name, output.name)
        with atomic_write(output, "w", encoding="utf-8") as out:
            html.write(report, out, pages)
            if folder.is_dir():
                old = Path(tempfile.mkdtemp(prefix=".transreview-old-", dir=output.parent))
                os.replace(folder, old / "pages")
            os.replace(stage, folder)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def write_mqm_report(
    db: str | Path, *, output: str | Path | None = None, fmt: str = "html",
    threshold: float | None = None,
) -> int:
    """Write the report of project ``db`` to ``output`` (atomically) or stdout; the exit code.

    An HTML report to a file whose documents have more than :data:`html.INLINE_PAIRS` pairs
    to show keeps the summary, charts and worst pairs in ``output`` and every pair in linked
    pages in the folder :func:`pages_folder` names; to stdout it is one page.
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown report format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if threshold is not None and threshold < 0:
        raise UsageError(f"--threshold is a score per 1,000 words, not {threshold:g}")
    refuse_clobbering([("-o", output)], [("project", db)])
    report = build_mqm_report(db, threshold)
    if output is None:
        write_report(report, fmt, sys.stdout)
        sys.stdout.flush()
    elif fmt == "html" and _needs_pages(report) and not _is_special(Path(output)):
        _write_html_with_pages(report, Path(output))
    else:
        with atomic_write(Path(output), "w", encoding="utf-8") as out:
            write_report(report, fmt, out)
    sys.stderr.write(visible(summary_line(report)) + "\n")
    return 1 if report.failed else 0


def _is_special(path: Path) -> bool:
    """A device or pipe (``-o /dev/stdout``): written in place, with no folder beside it."""
    try:
        return path.exists() and not path.is_file() and not path.is_dir()
    except OSError:
        return False


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


__all__ = ["pages_folder", "render", "summary_line", "write_json", "write_mqm_report", "write_report"]
