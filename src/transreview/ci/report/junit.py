"""JUnit XML: one ``<testsuite>`` per input document, one ``<testcase>`` per pair.

GitLab, Jenkins, Azure Pipelines and CircleCI all read this shape. A pair fails with one
``<failure>`` per finding at or above ``--fail-on`` (not accepted by the baseline); its
other findings are listed in the case's ``<system-out>``, so a reader sees them without
failing the build. The file is written as a stream (suite counts come from the report's
per-document tallies), escaped by hand, with characters XML 1.0 forbids replaced. A
suite's ``failures`` counts failing test cases (pairs), as JUnit readers expect, not
``<failure>`` elements.
"""

from __future__ import annotations

import re
from typing import IO
from xml.sax.saxutils import escape, quoteattr

from transreview.ci.report.model import Entry, Report, fails, finding_line
from transreview.model import Finding, Pair
from transreview.sanitize import visible

# Characters outside XML 1.0's Char production (C0 controls but tab/LF/CR, surrogates, FFFE/FFFF).
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """``text`` with terminal and bidi controls shown visibly (the report is also read
    on a terminal) and any other character XML cannot hold replaced by U+FFFD."""
    return _BAD_XML.sub("\ufffd", visible(text, keep="\t\n\r"))


def _attr(value: object) -> str:
    return quoteattr(clean(str(value)), {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def _text(value: str) -> str:
    return escape(clean(value))


def _describe(pair: Pair, f: Finding) -> str:
    line = finding_line(pair, f)
    where = f"{pair.doc}:{line}" if line is not None else pair.doc
    lines = [f"{where} [{f.check}] {f.severity.label} {f.category}", f.message]
    if f.text is not None:
        lines.append(f"{f.side}[{f.start}:{f.end}]: {f.text}")
    if f.suggestion:
        lines.append(f"suggestion: {f.suggestion}")
    return "\n".join(lines)


def _case(entry: Entry, report: Report, classname: str) -> str:
    pair = entry.result.pair
    doc = report.doc(entry)
    parts = [
        f"    <testcase name={_attr(pair.id)} classname={_attr(classname)} "
        f"file={_attr(doc.path if doc else pair.doc)}"
    ]
    if pair.line is not None:
        parts[0] += f" line={_attr(pair.line)}"
    body: list[str] = []
    other: list[str] = []
    for k, f in enumerate(entry.result.findings):
        if not entry.is_baselined(k) and fails(f, report.fail_on):
            msg = f"{f.severity.label}: {f.message}"
            body.append(
                f"      <failure message={_attr(msg)} type={_attr(f.category)}>"
                f"{_text(_describe(pair, f))}</failure>"
            )
        else:
            note = " (baselined)" if entry.is_baselined(k) else ""
            other.append(_describe(pair, f) + note)
    if other:
        body.append(f"      <system-out>{_text(chr(10).join(other))}</system-out>")
    if not body:
        return parts[0] + "/>\n"
    return parts[0] + ">\n" + "\n".join(body) + "\n    </testcase>\n"


def write(report: Report, out: IO[str]) -> None:
    """Write the report as a JUnit ``<testsuites>`` document."""
    s = report.summary
    failures = sum(d.failing_pairs for d in report.docs)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(
        f"<testsuites name={_attr('transreview')} tests={_attr(s.pairs)} "
        f"failures={_attr(failures)} errors={_attr(len(report.errors))}>\n"
    )
    current = -1
    for entry in report.entries:
        if entry.doc_index != current:
            if current != -1:
                out.write("  </testsuite>\n")
            current = entry.doc_index
            doc = report.doc(entry)
            name = doc.name if doc else entry.result.pair.doc
            tests = doc.pairs if doc else 0
            fails_n = doc.failing_pairs if doc else 0
            out.write(
                f"  <testsuite name={_attr(name)} tests={_attr(tests)} failures={_attr(fails_n)} "
                f"errors={_attr(0)} skipped={_attr(0)}>\n"
            )
            out.write("    <properties>\n")
            out.write(f"      <property name={_attr('signature')} value={_attr(report.signature)}/>\n")
            out.write(f"      <property name={_attr('fail_on')} value={_attr(report.fail_on_label)}/>\n")
            out.write("    </properties>\n")
        doc = report.doc(entry)
        out.write(_case(entry, report, doc.name if doc else entry.result.pair.doc))
    if current != -1:
        out.write("  </testsuite>\n")
    out.write("</testsuites>\n")


__all__ = ["clean", "write"]
