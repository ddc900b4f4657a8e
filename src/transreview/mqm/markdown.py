"""The report as GitHub-flavoured Markdown, short enough for a CI comment.

One summary table (a row per document), then per document the counts by category and
the findings still counted, worst first, capped at :data:`MAX_FINDINGS` rows so a long review does
not exceed a comment's size limit (65,536 characters on GitHub); the HTML report has
them all. A "By reviewer" table splits the decisions by reviewer, for each document and,
when there are several, for the project. Cells are escaped: a ``|`` in a segment would otherwise split the table.
"""

from __future__ import annotations

import heapq

from transreview.mqm.model import DocumentReport, ProjectReport, ReviewerTally

MAX_FINDINGS = 30
_RANK = {"critical": 3, "major": 2, "minor": 1, "neutral": 0}


def cell(text: object) -> str:
    """A table cell: pipes, backticks and line breaks made harmless, long text cut."""
    value = " ".join(str(text).split())
    if len(value) > 80:
        value = value[:79] + "…"
    for ch in ("\\", "|", "`", "*", "_", "<", ">", "[", "]"):
        value = value.replace(ch, "\\" + ch)
    return value


def _verdict(doc: DocumentReport) -> str:
    if doc.passed is None:
        return "–"
    return "✅ pass" if doc.passed else "❌ fail"


def _effort(doc: DocumentReport) -> str:
    if not doc.effort:
        return "–"
    return f"chrF {doc.effort['chrf']:.1f} / TER {doc.effort['ter']:.1f}"


def reviewer_lines(tallies: tuple[ReviewerTally, ...]) -> list[str]:
    """The decisions split by reviewer as a Markdown table (one line when there are none)."""
    if not tallies:
        return ["No review decisions yet."]
    lines = [
        "| reviewer | pairs corrected | pairs approved | findings added | their penalty points "
        "| check findings confirmed | check findings dismissed |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for t in tallies:
        who = cell(t.reviewer) if t.reviewer is not None else "(not recorded)"
        lines.append(
            f"| {who} | {t.corrected} | {t.approved} | {t.added} | {t.added_points} "
            f"| {t.confirmed} | {t.dismissed} |"
        )
    return lines


def render(report: ProjectReport) -> str:
    """The Markdown text."""
    lines = [f"## MQM report: {cell(report.project)}", ""]
    if report.threshold is not None:
        lines += [f"Threshold: {report.threshold:g} penalty points per 1,000 source words.", ""]
    lines += [
        "| document | MQM score | result | critical | major | minor | reviewed | post-edit effort |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for d in report.documents:
        s = d.by_severity
        lines.append(
            f"| {cell(d.name)} | {d.score:.1f} | {_verdict(d)} | {s['critical']} | {s['major']} "
            f"| {s['minor']} | {d.reviewed}/{d.pairs} | {_effort(d)} |"
        )
    if len(report.documents) > 1:
        lines += ["", "### By reviewer, all documents", "", *reviewer_lines(report.reviewers)]
    for d in report.documents:
        lines += ["", f"### {cell(d.name)}", ""]
        if d.qe_mean is not None:
            lines += [f"Quality estimation: mean {d.qe_mean:.2f} (0–1, higher is better) over "
                      f"{d.qe_scored} of {d.pairs} pairs.", ""]
        lines += ["By reviewer:", "", *reviewer_lines(d.reviewers), ""]
        if d.by_category:
            lines.append(
                "By category: " + ", ".join(f"{cell(c)} {n}" for c, n in d.by_category.items())
            )
            lines.append("")
        # The worst MAX_FINDINGS of a stream: nsmallest is sorted(...)[:n], in bounded memory.
        live = ((item, f) for item in d.items for f in item.findings if f.live)
        rows = heapq.nsmallest(MAX_FINDINGS + 1, live,
                               key=lambda r: (-_RANK[r[1].severity], r[0].position, r[1].number))
        if not rows:
            lines.append("No findings counted.")
            continue
        counted = sum(1 for item in d.items for f in item.findings if f.live)
        lines += ["| pair | severity | category | text | message | suggestion |",
                  "| --- | --- | --- | --- | --- | --- |"]
        for item, f in rows[:MAX_FINDINGS]:
            lines.append(
                f"| {cell(item.key)} | {f.severity} | {cell(f.category)} | "
                f"{cell(f.text or '(whole pair)')} | {cell(f.message)} | {cell(f.suggestion or '')} |"
            )
        if counted > MAX_FINDINGS:
            lines.append(f"\n…and {counted - MAX_FINDINGS} more in the HTML report.")
    lines += ["", "<sub>" + " · ".join(f"{k}: {v}" for k, v in report.signatures.items()) + "</sub>", ""]
    return "\n".join(lines)


__all__ = ["MAX_FINDINGS", "cell", "render", "reviewer_lines"]
