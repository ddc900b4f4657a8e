"""GitHub Actions output: workflow-command annotations plus a step summary.

GitHub shows at most 10 annotations per level (error, warning, notice) per step and 50 per
job (its documented limits for workflow commands), so the first :data:`PER_LEVEL` findings
of each level become annotations (``::error file=F,line=L,title=T::message``), the most
severe first, and the rest go to ``$GITHUB_STEP_SUMMARY``
as a Markdown table, when the runner provides that file; without it they are counted on
the last line. critical and major map to ``error``, minor to ``warning``, neutral to ``notice``; document notices
become ``notice`` lines. Findings a baseline accepted are not annotated.

Escaping follows the runner (actions/toolkit ``command.ts``): in the message ``%``, ``\\r``
and ``\\n`` become ``%25 %0D %0A``; in property values also ``:`` → ``%3A`` and ``,`` → ``%2C``.
"""

from __future__ import annotations

import heapq
import os
from typing import IO

from transreview.ci.report.model import SEVERITY_ORDER, Entry, Report, finding_line, finding_message
from transreview.model import Finding

PER_LEVEL = 10
SUMMARY_ROWS = 1000  # the step summary is capped at 1 MiB by GitHub
LEVEL = {"critical": "error", "major": "error", "minor": "warning", "neutral": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **props: object) -> str:
    """One workflow command line, e.g. ``::error file=a.tsv,line=3,title=x::msg``."""
    given = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{level}{' ' + given if given else ''}::{escape_data(message)}"


def _cell(text: object) -> str:
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def _summary_head(report: Report) -> str:
    s = report.summary
    verdict = "passed" if report.passed else "**FAILED**"
    lines = [
        "## transreview",
        "",
        f"Gate {verdict} (`--fail-on {report.fail_on_label}`)"
        + (": " + "; ".join(report.reasons) if report.reasons else ""),
        "",
        "| pairs | findings | " + " | ".join(SEVERITY_ORDER) + " | baselined |",
        "| ---: | ---: | " + " | ".join("---:" for _ in SEVERITY_ORDER) + " | ---: |",
        f"| {s.pairs} | {s.findings} | "
        + " | ".join(str(s.by_severity[k]) for k in SEVERITY_ORDER)
        + f" | {s.baselined} |",
        "",
    ]
    lines += [f"- {_cell(n)}" for n in [*report.notices, *report.errors]]
    return "\n".join(lines) + "\n"


def _bulk(report: Report, entry: Entry, f: Finding) -> bool:
    """An omission in a document with no translation at all: its notice already says it."""
    doc = report.doc(entry)
    return doc is not None and doc.pairs == doc.empty_targets and f.category == "Accuracy/Omission"


def choose_annotations(report: Report) -> set[tuple[int, int]]:
    """(entry number, finding number) of the findings shown as annotations.

    Per level, the :data:`PER_LEVEL` most severe, earlier first; omissions of a wholly
    untranslated document come last, so they cannot crowd out a critical name error.
    """
    best: dict[str, list[tuple[int, int, int, int]]] = {"error": [], "warning": [], "notice": []}
    for i, entry in enumerate(report.entries):
        for k, f in enumerate(entry.result.findings):
            if entry.is_baselined(k):
                continue
            heap = best[LEVEL[f.severity.label]]
            # max-heap on the sort key (negated), keeping the PER_LEVEL smallest keys
            key = (-int(f.severity), int(_bulk(report, entry, f)), i, k)
            item = (-key[0], -key[1], -key[2], -key[3])
            if len(heap) < PER_LEVEL:
                heapq.heappush(heap, item)
            elif item > heap[0]:
                heapq.heapreplace(heap, item)
    return {(-item[2], -item[3]) for heap in best.values() for item in heap}


def write(report: Report, out: IO[str], summary_path: str | None = None) -> None:
    """Write annotations to ``out``; the rest to ``summary_path`` (default: $GITHUB_STEP_SUMMARY)."""
    if summary_path is None:
        summary_path = os.environ.get("GITHUB_STEP_SUMMARY") or None
    chosen = choose_annotations(report)
    rest = 0
    rows = 0
    summary = open(summary_path, "a", encoding="utf-8") if summary_path else None  # noqa: SIM115
    try:
        if summary is not None:
            summary.write(_summary_head(report))
        for note in report.notices:
            out.write(command("notice", note, title="transreview") + "\n")
        for err in report.errors:
            out.write(command("error", err, title="transreview: check failed") + "\n")
        for i, entry in enumerate(report.entries):
            pair = entry.result.pair
            doc = report.doc(entry)
            path = doc.path if doc else pair.doc
            for k, f in enumerate(entry.result.findings):
                if entry.is_baselined(k):
                    continue
                level = LEVEL[f.severity.label]
                if (i, k) in chosen:
                    title = f"{f.severity.label} {f.category} [{f.check}]"
                    out.write(command(level, finding_message(pair, f), file=path, line=finding_line(pair, f) or 1, title=title) + "\n")
                    continue
                rest += 1
                if summary is None:
                    continue
                if rows == 0:
                    summary.write(
                        "\n### Findings not shown as annotations\n\n"
                        "| file | line | pair | severity | category | check | text | message | suggestion |\n"
                        "| --- | ---: | --- | --- | --- | --- | --- | --- | --- |\n"
                    )
                if rows < SUMMARY_ROWS:
                    summary.write(
                        f"| {_cell(path)} | {finding_line(pair, f) or ''} | {_cell(pair.id)} | {f.severity.label} | "
                        f"{_cell(f.category)} | {_cell(f.check)} | {_cell(f.text or '')} | "
                        f"{_cell(f.message)} | {_cell(f.suggestion or '')} |\n"
                    )
                rows += 1
        if summary is not None and rows > SUMMARY_ROWS:
            summary.write(f"\n… and {rows - SUMMARY_ROWS} more (see the JSON report).\n")
    finally:
        if summary is not None:
            summary.close()
    s = report.summary
    tail = (
        f"transreview: {s.pairs} pairs, {s.findings} findings; gate "
        f"{'passed' if report.passed else 'FAILED'} (--fail-on {report.fail_on_label})"
    )
    if rest:
        tail += f"; {rest} more findings " + ("in the step summary" if summary_path else "not annotated")
    out.write(tail + "\n")


__all__ = ["command", "escape_data", "escape_property", "write"]
