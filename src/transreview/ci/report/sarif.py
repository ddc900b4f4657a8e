"""SARIF 2.1.0: the Static Analysis Results Interchange Format (OASIS), for GitHub code
scanning, Azure DevOps and the IDEs that read it.

One run, tool ``transreview``; one rule per check that found something (``id`` = the
check's name, its MQM category and what it catches beside it); one result per finding:

- ``level``: critical and major → ``error``, minor → ``warning``, neutral → ``note`` (as the
  GitHub writer).
- ``locations``: the input file (``artifactLocation.uri``, relative to the working
  directory when it is inside it, so code scanning can map it to the repository) and the
  pair's first line (``region.startLine``) with the spanned text as ``snippet``; no
  columns, because a finding's offsets count characters in one side of the pair, not in
  the file's line (a TSV line holds both sides).
- ``partialFingerprints["transreview/v1"]``: a hash of what identifies the finding by
  content (check, side, spanned text, the pair's source and target, the span's offset
  in that side), so a viewer tracks a finding across edits elsewhere in the file.
- A finding a baseline accepted carries ``suppressions: [{"kind": "external"}]`` (SARIF's
  way to say "accepted outside the source"), so code scanning shows it as dismissed.
- ``properties`` keep what SARIF has no field for: pair id, MQM category and severity,
  side, suggestion. Document notices and failed checks are
  ``invocations[0].toolExecutionNotifications``.

The results are streamed one per line; the rules, which need every check name first,
are gathered by a first pass over the entries (a report's entries can be iterated twice).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from transreview import __version__
from transreview.ci.report.model import Report, finding_line, finding_message
from transreview.model import Finding, Pair

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"critical": "error", "major": "error", "minor": "warning", "neutral": "note"}


def content_fingerprint(pair: Pair, finding: Finding) -> str:
    """What identifies a finding by content, not by position in the file: a pair moved
    down by an inserted line keeps it."""
    parts = (finding.check, finding.side, finding.text or "", str(finding.start),
             pair.source, pair.target)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def artifact_uri(path: str) -> str:
    """``path`` as a URI reference: relative (POSIX slashes) when it lies under the working
    directory, so that a CI viewer can join it to the repository root."""
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            return p.as_uri()
    return quote(p.as_posix(), safe="/")


def _catches(check: str) -> str:
    """One line of what the check catches: its ``catches`` attribute when it has one."""
    try:
        from transreview.checks import check_class

        return str(getattr(check_class(check), "catches", "") or "")
    except (KeyError, ImportError):  # a merged report may name a check this version lacks
        return ""


def _rule(check: str, category: str) -> dict[str, Any]:
    text = _catches(check) or f"transreview check '{check}'"
    return {"id": check, "name": check, "shortDescription": {"text": text},
            "properties": {"category": category}}


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


def write(report: Report, out: IO[str]) -> None:
    """Write the report as one SARIF 2.1.0 log, results streamed one per line."""
    rules: dict[str, str] = {}
    for entry in report.entries:
        for f in entry.result.findings:
            rules.setdefault(f.check, f.category)
    order = sorted(rules)
    index = {name: i for i, name in enumerate(order)}
    driver = {
        "name": "transreview",
        "version": report.version,
        "semanticVersion": __version__,
        "rules": [_rule(name, rules[name]) for name in order],
    }
    notes = [{"level": "note", "message": {"text": n}} for n in report.notices]
    notes += [{"level": "error", "message": {"text": e}} for e in report.errors]
    invocation: dict[str, Any] = {"executionSuccessful": not report.errors}
    if notes:
        invocation["toolExecutionNotifications"] = notes
    run_head = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        "properties": {"signature": report.signature, "summary": report.summary.to_dict(),
                       "gate": report.gate_dict()},
    }
    out.write("{\n")
    out.write(f' "$schema": {_dumps(SCHEMA_URI)},\n "version": "2.1.0",\n "runs": [{{\n')
    for key, value in run_head.items():
        out.write(f"  {_dumps(key)}: {_dumps(value)},\n")
    out.write('  "results": [')
    first = True
    for entry in report.entries:
        pair = entry.result.pair
        doc = report.doc(entry)
        uri = artifact_uri(doc.path if doc else pair.doc)
        for k, f in enumerate(entry.result.findings):
            region: dict[str, Any] = {"startLine": max(finding_line(pair, f) or 1, 1)}
            if f.text:
                region["snippet"] = {"text": f.text}
            result: dict[str, Any] = {
                "ruleId": f.check,
                "ruleIndex": index[f.check],
                "level": LEVEL[f.severity.label],
                "message": {"text": finding_message(pair, f)},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
                "partialFingerprints": {"transreview/v1": content_fingerprint(pair, f)},
                "properties": {"pair": pair.id, "category": f.category, "severity": f.severity.label,
                               "side": f.side, **({"suggestion": f.suggestion} if f.suggestion else {})},
            }
            if entry.is_baselined(k):
                result["suppressions"] = [{"kind": "external", "justification": "accepted in the baseline"}]
            out.write(("\n   " if first else ",\n   ") + _dumps(result))
            first = False
    out.write("\n  ]\n }]\n}\n" if not first else "]\n }]\n}\n")


__all__ = ["LEVEL", "SCHEMA_URI", "artifact_uri", "content_fingerprint", "write"]
