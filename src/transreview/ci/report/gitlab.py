"""GitLab Code Quality: the JSON array GitLab reads from an ``artifacts:reports:codequality``
file and shows in merge requests (a subset of the Code Climate issue format).

One object per finding, with the fields GitLab requires: ``description``, ``check_name``,
``fingerprint`` (unique per issue: GitLab compares the fingerprints of the source and
target branches to tell new issues from fixed ones), ``severity`` (critical → ``critical``,
major → ``major``, minor → ``minor``) and ``location`` (``path`` relative to the repository,
``lines.begin`` the pair's first line). ``categories`` carries the MQM category.

The fingerprint is the SARIF writer's content fingerprint (check, side, spanned text,
offset, the pair's source and target) plus the path and an occurrence number for identical
pairs, so a finding keeps its fingerprint when a line is inserted above it: GitLab then
reports nothing new. Findings a baseline accepted are left out (GitLab has no "accepted"
state; listing them would show them as issues of the branch).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import IO, Any

from transreview.ci.report.model import Report, finding_line, finding_message
from transreview.ci.report.sarif import artifact_uri, content_fingerprint

#: GitLab Code Quality severities: info, minor, major, critical, blocker.
SEVERITY = {"critical": "critical", "major": "major", "minor": "minor", "neutral": "info"}


def write(report: Report, out: IO[str]) -> None:
    """Write the report as a Code Quality JSON array, one issue per line."""
    seen: Counter[str] = Counter()
    out.write("[")
    first = True
    for entry in report.entries:
        pair = entry.result.pair
        doc = report.doc(entry)
        path = artifact_uri(doc.path if doc else pair.doc)
        for k, f in enumerate(entry.result.findings):
            if entry.is_baselined(k):
                continue
            key = path + "\x1f" + content_fingerprint(pair, f)
            seen[key] += 1
            issue: dict[str, Any] = {
                "type": "issue",
                "check_name": f"transreview/{f.check}",
                "description": finding_message(pair, f),
                "categories": [f.category],
                "severity": SEVERITY[f.severity.label],
                "fingerprint": hashlib.sha256(f"{key}\x1f{seen[key]}".encode()).hexdigest(),
                "location": {"path": path, "lines": {"begin": max(finding_line(pair, f) or 1, 1)}},
            }
            out.write(("\n " if first else ",\n ") + json.dumps(issue, ensure_ascii=False))
            first = False
    out.write("\n]\n" if not first else "]\n")


__all__ = ["SEVERITY", "write"]
