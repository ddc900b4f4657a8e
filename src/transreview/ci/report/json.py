"""The JSON report, exactly as the README documents it, plus a few keys of our own.

Contract keys: ``transreview`` (version), ``signature``, ``summary`` {pairs, findings,
by_severity, by_category}, ``pairs`` (every pair, in input order, with id, doc, index,
source, target, findings). Ours, added beside them: ``summary.baselined``/``failing``,
``notices``, ``gate`` {fail_on, passed, reasons}, ``errors`` (checks that failed), corpus
``scores`` with sacrebleu's signatures, and per pair ``line``, ``reference``, ``scores``,
``risk``; a finding a baseline accepted carries ``"baselined": true``; ``provisional``
{pairs, by_state} when some units are marked fuzzy/unfinished/needs_review by their file
(counted apart from the findings; absent when there are none).

Written as a stream: the head, then one pair per line, so memory stays flat and the
output diffs line by line (and :mod:`transreview.ci.merge` reads shard reports back the same
way). The result is one valid JSON document. A ``--shard`` run's report adds a ``shard``
key to the head and ``seq``/``doc_index`` to each pair; ``merge`` removes them.
"""

from __future__ import annotations

import json
from typing import IO, Any

from transreview.ci.report.model import Entry, Report, finding_line
from transreview.sanitize import json_safe


def pair_dict(entry: Entry, shard: bool = False) -> dict[str, Any]:
    """The contract's object for one pair (with ``seq``/``doc_index`` in a shard's report)."""
    r = entry.result
    p = r.pair
    findings = []
    for k, f in enumerate(r.findings):
        fd = f.to_dict()
        line = finding_line(p, f)
        if line != p.line:
            fd["line"] = line  # a page's Chinese paragraph is on a line of its own
        if entry.is_baselined(k):
            fd["baselined"] = True
        findings.append(fd)
    d: dict[str, Any] = {
        "id": p.id,
        "doc": p.doc,
        "index": p.index,
        "line": p.line,
        "source": p.source,
        "target": p.target,
    }
    meta = p.meta or {}
    if meta.get("src_lines") or meta.get("tgt_lines"):
        # a bilingual page: the file line of each side's paragraphs (what finding lines are
        # worked out from; `merge` reads them back)
        d["lines"] = {"source": list(meta.get("src_lines") or []), "target": list(meta.get("tgt_lines") or [])}
    if p.reference is not None:
        d["reference"] = p.reference
    d["findings"] = findings
    if r.scores:
        d["scores"] = dict(r.scores)
    d["risk"] = r.risk
    if shard:
        d["seq"] = entry.seq
        d["doc_index"] = entry.doc_index
    return d


def head_dict(report: Report) -> dict[str, Any]:
    """Everything but ``pairs``, in output order."""
    head: dict[str, Any] = {
        "transreview": report.version,
        "signature": report.signature,
        "summary": report.summary.to_dict(),
        "notices": list(report.notices),
        "gate": report.gate_dict(),
    }
    if report.summary.provisional:
        head["provisional"] = report.summary.provisional_dict()
    if report.errors:
        head["errors"] = list(report.errors)
    if report.corpus_scores:
        head["scores"] = {
            "pairs": report.scored_pairs,
            **dict(report.corpus_scores),
            "signatures": dict(report.metric_signatures),
        }
    if report.shard is not None:
        head["shard"] = report.shard
    return head


# What json.dumps(obj, ensure_ascii=False) builds at every call, built once (it is called
# for every pair of the report).
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def _dumps(obj: Any) -> str:
    return json_safe(_ENCODE(obj))


def write(report: Report, out: IO[str]) -> None:
    """Write the report as one JSON document, pairs streamed one per line."""
    head = head_dict(report)
    shard = report.shard is not None
    out.write("{\n")
    for key, value in head.items():
        out.write(f" {_dumps(key)}: {_dumps(value)},\n")
    out.write(' "pairs": [')
    if report.rendered is not None:  # made as the run went (ReportBuilder's render)
        wrote = _copy_lines(report.rendered, out)
    else:
        wrote = False
        for entry in report.entries:
            out.write(",\n  " if wrote else "\n  ")
            out.write(pair_line(entry, shard))
            wrote = True
    out.write("\n ]\n}\n" if wrote else "]\n}\n")


def pair_line(entry: Entry, shard: bool = False) -> str:
    """One pair of the report as the line ``write`` puts in ``pairs`` (no newline inside:
    JSON escapes line breaks, and :func:`json_safe` the other line and paragraph separators)."""
    return _dumps(pair_dict(entry, shard))


#: Characters read at a time when the pair lines made during the run are copied.
_BLOCK = 1 << 20


def _copy_lines(lines: IO[str], out: IO[str]) -> bool:
    """Copy the pair lines (one a line, each ending in a newline) into ``pairs``, in blocks:
    the same text as writing them one by one with ``",\\n  "`` between them, at a fraction of
    the cost for a large report. Whether there was any line."""
    lines.seek(0)
    wrote = False
    held = False  # the previous block ended a line: its separator waits for the next one
    while block := lines.read(_BLOCK):
        out.write(",\n  " if held else "" if wrote else "\n  ")
        wrote = True
        held = block.endswith("\n")
        out.write((block[:-1] if held else block).replace("\n", ",\n  "))
    return wrote


__all__ = ["head_dict", "pair_dict", "pair_line", "write"]
