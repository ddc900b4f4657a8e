"""The readable report: notices first, then each document's flagged pairs, then the verdict.

Coloured with rich when writing to a terminal (severity colours, the spanned text
highlighted); plain when piped, written to a file or when ``NO_COLOR`` is set (rich reads
that itself). The spanned text is shown in its context and marked «like this» in both
modes, so a plain log still shows exactly which characters a finding means. User text
goes through ``rich.text.Text``, never markup, so brackets in a segment print as they are.
Findings of a pair that differ only in their span (29 half-width commas) are printed once,
with a count; the JSON report keeps every one.
"""

from __future__ import annotations

import os
from collections import Counter
from typing import IO

from rich.console import Console
from rich.text import Text

from transreview import codes
from transreview.ci.report.model import (
    SEVERITY_ORDER,
    DocInfo,
    Entry,
    Report,
    _plural,
    finding_line,
)
from transreview.metrics import format_scores
from transreview.model import Finding, Pair, Side
from transreview.sanitize import no_workflow_command, visible

CONTEXT = 24
STYLE = {"critical": "bold white on red", "major": "bold red", "minor": "yellow", "neutral": "cyan"}


def _flat(text: str, table: codes.CodeTable | None = None) -> str:
    """One line, every terminal and bidi control shown visibly (see :mod:`transreview.sanitize`),
    inline-code tokens as their chips (``⟦1⟧``: a private-use character shows as nothing)."""
    if table:
        text = codes.show(text, table)
    return visible(text.replace("\r", " ").replace("\n", " ").replace("\t", " "))


def excerpt(pair: Pair, f: Finding, context: int = CONTEXT) -> tuple[str, str, str]:
    """(before, spanned, after) around a finding's span, one line, with ellipses when cut."""
    text = pair.text(f.side)
    table = codes.table_of(pair.meta)
    if f.start is None or f.end is None:
        whole = _flat(text, table).strip()
        return ("", "", whole if len(whole) <= 2 * context + 10 else whole[: 2 * context + 9] + "…")
    lo, hi = max(0, f.start - context), min(len(text), f.end + context)
    before = ("…" if lo > 0 else "") + _flat(text[lo : f.start], table)
    after = _flat(text[f.end : hi], table) + ("…" if hi < len(text) else "")
    return before, _flat(text[f.start : f.end], table), after


def _finding_lines(entry: Entry, k: int, f: Finding) -> list[Text]:
    pair = entry.result.pair
    sev = f.severity.label
    head = Text("  ")
    head.append(sev.upper(), style=STYLE[sev])
    head.append(f" {f.category} ", style="bold")
    head.append(f"[{f.check}]", style="cyan")
    line = finding_line(pair, f)
    head.append(f" {f.side}" + (f" (line {line})" if line != pair.line and line is not None else "") + ": ")
    if f.start is None and not pair.text(f.side).strip():
        other: Side = "source" if f.side == "target" else "target"
        _, _, whole = excerpt(pair, Finding(f.check, f.category, f.severity, "", side=other))
        head.append("(empty)", style="dim")
        head.append(f" — {other}: {whole}")
        before = span = after = ""
    else:
        before, span, after = excerpt(pair, f)
    head.append(before)
    if f.start is not None:
        head.append("«" + span + "»", style="reverse")
    head.append(after)
    if entry.is_baselined(k):
        head.append("  (baselined)", style="dim")
    lines = [head, Text("      " + visible(f.message))]
    if f.suggestion:
        sug = Text("      suggestion: ")
        sug.append(visible(f.suggestion), style="green")
        lines.append(sug)
    return lines


def _repeat_key(entry: Entry, k: int, f: Finding) -> tuple:
    """Findings equal but for their span: one line with a count (29 half-width commas)."""
    return (f.check, f.severity, f.category, f.side, f.message, f.suggestion, entry.is_baselined(k))


def _repeats(entry: Entry) -> Counter[tuple]:
    return Counter(_repeat_key(entry, k, f) for k, f in enumerate(entry.result.findings))


def _pair_header(entry: Entry) -> Text:
    p = entry.result.pair
    t = Text(visible(p.id), style="bold")
    if p.line is not None:
        t.append(f" (line {p.line})")
    t.append(f"  risk {entry.result.risk:g}", style="dim")
    if entry.result.scores:
        t.append("  " + format_scores(entry.result.scores), style="dim")
    return t


def _safe_start(line: Text) -> Text:
    """``line`` with a visible ``›`` in front when its plain text would start a GitHub
    workflow command (a pair id or a message beginning with ``::``)."""
    if no_workflow_command(line.plain) == line.plain:
        return line
    return Text("›").append_text(line)


def _untranslated(doc: DocInfo) -> bool:
    """A document with no translation at all: its notice says it once, not per pair."""
    return doc.pairs > 0 and doc.empty_targets == doc.pairs


def write(report: Report, out: IO[str], color: bool | None = None) -> None:
    """Write the text report. ``color``: None = decide by terminal and NO_COLOR."""
    if color is None and os.environ.get("NO_COLOR"):
        color = False  # rich drops colours for NO_COLOR but keeps bold: the issue wants plain
    console = Console(
        file=out,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=True,
        force_terminal=True if color else None,
        no_color=True if color is False else None,
        color_system=None if color is False else "auto",
    )
    s = report.summary
    console.print(Text(
        f"transreview {report.version}: {_plural(len(report.docs), 'document')}, "
        f"{_plural(s.pairs, 'pair')}, {_plural(s.findings, 'finding')}",
        style="bold",
    ))
    for note in report.notices:
        console.print(Text("! " + visible(note), style="bold yellow"))
    for err in report.errors:
        console.print(Text("! " + visible(err), style="bold red"))

    current = -1
    for entry in report.entries:
        if not entry.result.findings:
            continue
        doc = report.doc(entry)
        if entry.doc_index != current:
            current = entry.doc_index
            if doc is not None:
                console.print()
                console.print(Text(
                    f"== {visible(doc.name)} ({_plural(doc.pairs, doc.unit)}, {_plural(doc.findings, 'finding')})", style="bold blue"
                ))
                if _untranslated(doc):
                    console.print(Text(
                        f"  nothing is translated (see the notice above): one omission finding per {doc.unit}, "
                        "listed in the JSON report",
                        style="dim",
                    ))
        if doc is not None and _untranslated(doc) and all(
            f.category == "Accuracy/Omission" for f in entry.result.findings
        ):
            continue
        console.print(_safe_start(_pair_header(entry)))
        repeats = _repeats(entry)
        shown: set[tuple] = set()
        for k, f in enumerate(entry.result.findings):
            key = _repeat_key(entry, k, f)
            if key in shown:
                continue
            lines = _finding_lines(entry, k, f)
            if repeats[key] > 1:
                shown.add(key)
                lines[1].append(f"  (×{repeats[key]} in this pair; every span is in the JSON report)", style="dim")
            for line in lines:
                console.print(_safe_start(line))

    console.print()
    # neutral (0 points) is named only when there is some: most runs have none
    counts = ", ".join(
        f"{s.by_severity[k]} {k}" for k in SEVERITY_ORDER if k != "neutral" or s.by_severity[k]
    )
    summary = f"Summary: {_plural(s.pairs, 'pair')}, {_plural(s.findings, 'finding')} ({counts})"
    if s.baselined:
        summary += f", {s.baselined} accepted by the baseline"
    console.print(Text(summary, style="bold"))
    if s.by_category:
        cats = ", ".join(f"{c} {n}" for c, n in sorted(s.by_category.items(), key=lambda kv: (-kv[1], kv[0])))
        console.print(Text(f"  by category: {cats}"))
    if s.provisional:
        states = ", ".join(f"{n} {st}" for st, n in sorted(s.provisional.items(), key=lambda kv: (-kv[1], kv[0])))
        n = sum(s.provisional.values())
        console.print(Text(
            f"Provisional: {_plural(n, 'pair')} marked by the file as not final ({states}); "
            "checked like the others, counted apart from the findings"
        ))
    if report.corpus_scores:
        console.print(Text(
            f"Corpus scores over {report.scored_pairs} pairs with a reference: {format_scores(report.corpus_scores)}"
        ))
        for name, sig in report.metric_signatures.items():
            console.print(Text(f"  {name}: {sig}", style="dim"))
    verdict = Text("Gate: ")
    if report.passed:
        verdict.append("passed", style="bold green")
    else:
        verdict.append("FAILED", style="bold red")
    verdict.append(f" (--fail-on {report.fail_on_label})")
    if report.reasons:
        verdict.append(": " + visible("; ".join(report.reasons)))
    console.print(verdict)
    console.print(Text(f"signature: {report.signature}", style="dim"))


__all__ = ["excerpt", "write"]
