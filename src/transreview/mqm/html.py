"""The report as one self-contained HTML file: inline CSS, inline SVG charts, no script.

Self-contained because the file is mailed, attached to CI runs and opened offline: it
loads nothing (no fonts, images, stylesheets or scripts from anywhere), so it also opens
under a strict Content-Security-Policy, which the page declares for itself. Every text
from the project (sources, targets, messages, document names) goes through
:func:`html.escape`: a translation memory is untrusted input, and a ``<script>`` in a
segment must show as text.

Spans are highlighted with ``<mark>``: overlapping findings are split at every span edge
so each piece carries the worst severity covering it and the numbers of its findings.

Who did what: a small table per document, and one for the whole project under the
heading when there are several documents, splits the decisions by reviewer (see :mod:`transreview.mqm.model`).
"""

from __future__ import annotations

import html as _html
import io
from difflib import SequenceMatcher
from itertools import islice
from pathlib import Path
from typing import IO
from urllib.parse import quote

from transreview.mqm.model import (
    DocumentReport,
    FindingItem,
    PairItem,
    ProjectReport,
    ReviewerTally,
)
from transreview.sanitize import visible


def escape(text: str, quote: bool = True) -> str:
    """``text`` as HTML text, its control and bidi characters shown visibly (``⟨RLO⟩``):
    a U+202E-reversed "21" must not read as the source's "12" beside a finding that
    says they differ."""
    return _html.escape(visible(text, keep="\t\n\r"), quote)


#: A document with at most this many pairs to show has them all inline (no pages).
INLINE_PAIRS = 250
#: Pairs per linked page.
PAGE_PAIRS = 250

SEVERITY_COLOURS = {"critical": "#b3261e", "major": "#c26100", "minor": "#2f6fb0", "neutral": "#5f6b73"}
_RANK = {"neutral": 0, "minor": 1, "major": 2, "critical": 3}

CSS = """
:root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #f6f8fa; --ok: #1a7f37;
  --bad: #b3261e; --critical: #b3261e; --major: #c26100; --minor: #2f6fb0; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 48px; color: var(--ink); background: #fff;
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC",
  "PingFang SC", "Microsoft YaHei", sans-serif; }
header.top { border-bottom: 1px solid var(--line); padding-bottom: 12px; margin-bottom: 20px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 0; }
h3 { font-size: 15px; margin: 20px 0 8px; }
.meta, .muted { color: var(--muted); font-size: 12px; }
section.doc { border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px;
  margin-bottom: 24px; }
.doc-head { display: flex; align-items: center; gap: 12px; flex-wrap: wrap; }
.badge { display: inline-block; padding: 2px 10px; border-radius: 12px; font-weight: 600;
  font-size: 12px; color: #fff; }
.badge.pass { background: var(--ok); } .badge.fail { background: var(--bad); }
.badge.none { background: var(--muted); }
.kpis { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 12px;
  margin: 14px 0; }
.kpi { background: var(--bg); border-radius: 6px; padding: 10px 12px; }
.kpi .label { color: var(--muted); font-size: 12px; }
.kpi .value { font-size: 22px; font-weight: 600; }
.kpi .value.fail { color: var(--bad); } .kpi .value.pass { color: var(--ok); }
.charts { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 2fr); gap: 16px;
  align-items: start; }
.chart { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; }
.chart h4 { margin: 0 0 6px; font-size: 13px; }
svg text { font-size: 12px; fill: var(--ink); }
.chart svg { max-width: 100%; height: auto; }
.pair { border-top: 1px solid var(--line); padding: 10px 0; }
.pair-head { font-weight: 600; margin-bottom: 4px; }
.pair-head .muted { font-weight: normal; }
.side { display: grid; grid-template-columns: 88px minmax(0, 1fr); gap: 8px; margin: 3px 0; }
.side .who { color: var(--muted); font-size: 12px; padding-top: 2px; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.text.empty { color: var(--muted); font-style: italic; }
mark { border-radius: 2px; padding: 0 1px; background: #dbe9f8; color: inherit; }
mark.major { background: #fde3c3; } mark.critical { background: #f8d0cd; }
mark.neutral { background: #e4e7ea; }
mark sup { font-size: 9px; color: var(--muted); margin-left: 1px; }
ins.fix { background: #c6ebd0; text-decoration: none; border-radius: 2px; }
del.fix { background: #f8d0cd; color: #8c1d18; }
table.findings { border-collapse: collapse; width: 100%; margin-top: 6px; font-size: 13px; }
table.findings th, table.findings td { border-bottom: 1px solid var(--line); padding: 4px 6px;
  text-align: left; vertical-align: top; }
table.findings th { color: var(--muted); font-weight: 600; font-size: 12px; }
table.reviewers { width: auto; min-width: 60%; }
table.reviewers th.n, table.reviewers td.n { text-align: right; }
tr.dismissed td { color: var(--muted); text-decoration: line-through; }
.sev { font-weight: 600; } .sev.critical { color: var(--critical); }
.sev.major { color: var(--major); } .sev.minor { color: var(--minor); } .sev.neutral { color: #5f6b73; }
footer { margin-top: 28px; color: var(--muted); font-size: 12px; }
code { font-size: 12px; overflow-wrap: anywhere; }
@media print { section.doc { break-inside: avoid-page; } }
"""


def _fmt(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


# --- charts --------------------------------------------------------------------------------------


def bar_chart(
    rows: list[tuple[str, int, str]], *, title: str, width: int = 420, label_width: int = 170
) -> str:
    """A horizontal bar chart as inline SVG; ``rows`` are (label, value, colour)."""
    row_h, top = 22, 4
    height = top + row_h * max(len(rows), 1) + 4
    biggest = max((v for _, v, _ in rows), default=0) or 1
    bar_space = width - label_width - 44
    parts = [
        f'<svg class="bars" role="img" aria-label="{escape(title)}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    if not rows:
        parts.append(f'<text x="0" y="{top + 15}">no findings</text>')
    for i, (label, value, colour) in enumerate(rows):
        y = top + i * row_h
        w = round(bar_space * value / biggest) if value else 0
        shown = label if len(label) <= 26 else label[:25] + "…"
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end">'
            f"<title>{escape(label)}</title>{escape(shown)}</text>"
            f'<rect x="{label_width}" y="{y + 3}" width="{w}" height="16" rx="2" fill="{colour}"/>'
            f'<text x="{label_width + w + 6}" y="{y + 15}">{value}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def progress_bar(done: int, total: int, width: int = 220) -> str:
    """Reviewed/total as a thin inline SVG bar."""
    w = round(width * done / total) if total else 0
    return (
        f'<svg role="img" aria-label="{done} of {total} reviewed" width="100%" '
        f'viewBox="0 0 {width} 8" preserveAspectRatio="none" height="8" '
        'xmlns="http://www.w3.org/2000/svg">'
        f'<rect x="0" y="0" width="{width}" height="8" rx="4" fill="#d1d9e0"/>'
        f'<rect x="0" y="0" width="{w}" height="8" rx="4" fill="#1a7f37"/></svg>'
    )


# --- highlighted text ----------------------------------------------------------------------------


def highlight(text: str, findings: list[FindingItem]) -> str:
    """``text`` escaped, with each finding span wrapped in ``<mark>`` (see the module doc)."""
    spans = [
        (f.start, f.end, f) for f in findings
        if f.start is not None and f.end is not None and 0 <= f.start < f.end <= len(text)
    ]
    if not spans:
        return escape(text)
    edges = sorted({0, len(text), *(start for start, _, _ in spans), *(end for _, end, _ in spans)})
    out: list[str] = []
    for a, b in zip(edges, edges[1:], strict=False):
        piece = escape(text[a:b])
        covering = [f for start, end, f in spans if start <= a and b <= end]
        if not covering:
            out.append(piece)
            continue
        worst = max(covering, key=lambda f: _RANK.get(f.severity, 0)).severity
        numbers = ",".join(str(f.number) for f in covering)
        ends_here = [str(f.number) for f in covering if f.end == b]
        sup = f"<sup>{','.join(ends_here)}</sup>" if ends_here else ""
        tip = "; ".join(f"{f.number}: {f.severity} {f.category}" for f in covering)
        out.append(
            f'<mark class="{worst}" data-findings="{numbers}" title="{escape(tip)}">{piece}{sup}</mark>'
        )
    return "".join(out)


def diff_html(old: str, new: str) -> str:
    """``new`` escaped, its inserted or replaced characters in ``<ins>`` and the removed
    ones of ``old`` in ``<del>``: the reviewer's edit at a glance (character level, so it
    works for Chinese, which has no spaces to split words on)."""
    out: list[str] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape(new[b1:b2]))
            continue
        if a2 > a1:
            out.append(f'<del class="fix">{escape(old[a1:a2])}</del>')
        if b2 > b1:
            out.append(f'<ins class="fix">{escape(new[b1:b2])}</ins>')
    return "".join(out)


def _text_block(who: str, text: str, findings: list[FindingItem]) -> str:
    if not text:
        return f'<div class="side"><div class="who">{who}</div><div class="text empty">(empty)</div></div>'
    return (
        f'<div class="side"><div class="who">{who}</div>'
        f'<div class="text">{highlight(text, findings)}</div></div>'
    )


def _pair(item: PairItem, tgt_label: str, page: str | None = None) -> str:
    """One pair; ``page`` (a relative URL) links it to its place in the report's pages."""
    live = [f for f in item.findings if f.live]
    n = len(item.findings)
    where = f' · <a href="{escape(page)}#pair-{quote(item.key, safe="")}">in its page</a>' if page else ""
    head = (
        f'<div class="pair-head">{escape(item.key)} '
        f'<span class="muted">· pair {item.position + 1} · {escape(item.status)}'
        f"{f' · {n} finding' + ('s' if n != 1 else '') if n else ''}{where}</span></div>"
    )
    parts = [f'<div class="pair" id="pair-{escape(item.key, quote=True)}">', head]
    parts.append(_text_block("source", item.source, [f for f in live if f.side == "source"]))
    parts.append(_text_block(tgt_label, item.target, [f for f in live if f.side == "target"]))
    if item.corrected is not None:
        effort = f"chrF {_fmt(item.chrf)} · TER {_fmt(item.ter)}"
        parts.append(
            f'<div class="side"><div class="who">corrected</div><div class="text">'
            f"{diff_html(item.target, item.corrected)} "
            f'<span class="muted">({effort})</span></div></div>'
        )
    if item.findings:
        parts.append(
            '<table class="findings"><thead><tr><th>#</th><th>severity</th><th>category</th>'
            "<th>text</th><th>message</th><th>suggestion</th><th>by</th><th>status</th>"
            "</tr></thead><tbody>"
        )
        for f in item.findings:
            cls = "" if f.live else ' class="dismissed"'
            who = f.check if f.origin == "check" else (f.actor or f.check)
            parts.append(
                f"<tr{cls}><td>{f.number}</td>"
                f'<td class="sev {f.severity}">{f.severity}</td>'
                f"<td>{escape(f.category)}</td>"
                f"<td>{escape(f.text or '(whole pair)')}"
                f'{"" if f.side == "target" else " <span class=muted>(source)</span>"}</td>'
                f"<td>{escape(f.message)}</td><td>{escape(f.suggestion or '')}</td>"
                f"<td>{escape(who)}</td><td>{escape(f.status)}</td></tr>"
            )
        parts.append("</tbody></table>")
    parts.append("</div>")
    return "".join(parts)


# --- who did what --------------------------------------------------------------------------------

REVIEWER_COLUMNS: tuple[str, ...] = (
    "reviewer", "pairs corrected", "pairs approved", "findings added", "their penalty points",
    "check findings confirmed", "check findings dismissed",
)
UNNAMED = "(not recorded)"


def reviewer_table(tallies: tuple[ReviewerTally, ...]) -> str:
    """The decisions split by reviewer, one row each; a note when nobody decided anything."""
    if not tallies:
        return '<p class="muted">No review decisions yet.</p>'
    head = "".join(
        f"<th>{c}</th>" if i == 0 else f'<th class="n">{c}</th>'
        for i, c in enumerate(REVIEWER_COLUMNS)
    )
    rows = "".join(
        f"<tr><td>{escape(t.reviewer if t.reviewer is not None else UNNAMED)}</td>"
        + "".join(
            f'<td class="n">{n}</td>'
            for n in (t.corrected, t.approved, t.added, t.added_points, t.confirmed, t.dismissed)
        )
        + "</tr>"
        for t in tallies
    )
    return (
        f'<table class="findings reviewers"><thead><tr>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


# --- documents -----------------------------------------------------------------------------------


def _badge(doc: DocumentReport) -> str:
    if doc.passed is None:
        return '<span class="badge none">no threshold</span>'
    if doc.passed:
        return f'<span class="badge pass">PASS ≤ {doc.threshold:g}</span>'
    return f'<span class="badge fail">FAIL &gt; {doc.threshold:g}</span>'


def _document_head(doc: DocumentReport, index: int) -> str:
    score_cls = "" if doc.passed is None else ("pass" if doc.passed else "fail")
    # neutral (0 points) gets a bar only when the document has some
    sev_rows = [(s, doc.by_severity.get(s, 0), SEVERITY_COLOURS[s]) for s in SEVERITY_COLOURS
                if s != "neutral" or doc.by_severity.get(s, 0)]
    cat_rows = [(c, n, "#57606a") for c, n in doc.by_category.items()]
    effort = (
        f"chrF {_fmt(doc.effort.get('chrf'))} · TER {_fmt(doc.effort.get('ter'))}"
        if doc.effort else "–"
    )
    pct = 100 * doc.reviewed / doc.pairs if doc.pairs else 0.0
    parts = [
        f'<section class="doc" id="doc-{index}">',
        f'<div class="doc-head"><h2>{escape(doc.name)}</h2>{_badge(doc)}'
        f'<span class="muted">{escape(doc.format)} · {escape(doc.src_lang)} → '
        f"{escape(doc.tgt_lang)} · {doc.pairs} pairs · {doc.words} source words</span></div>",
        '<div class="kpis">',
        f'<div class="kpi"><div class="label">MQM score (per 1,000 source words)</div>'
        f'<div class="value {score_cls}">{doc.score:.1f}</div>'
        f'<div class="muted">{doc.penalty} penalty points / {doc.words} words</div></div>',
        f'<div class="kpi"><div class="label">Findings counted</div>'
        f'<div class="value">{doc.findings}</div>'
        f'<div class="muted">{doc.dismissed} dismissed, not counted</div></div>',
        f'<div class="kpi"><div class="label">Progress (reviewed / total)</div>'
        f'<div class="value">{doc.reviewed} / {doc.pairs}</div>'
        f"{progress_bar(doc.reviewed, doc.pairs)}"
        f'<div class="muted">{pct:.0f}% · {doc.corrected} corrected</div></div>',
        f'<div class="kpi"><div class="label">Post-edit effort (reviewed pairs)</div>'
        f'<div class="value">{effort}</div>'
        f'<div class="muted">original target vs reviewed target</div></div>',
        *(
            [f'<div class="kpi"><div class="label">Quality estimation (mean, 0–1)</div>'
             f'<div class="value">{doc.qe_mean:.2f}</div>'
             f'<div class="muted">{doc.qe_scored} of {doc.pairs} pairs scored</div></div>']
            if doc.qe_mean is not None else []
        ),
        "</div>",
        '<div class="charts">',
        f'<div class="chart"><h4>Errors by severity</h4>'
        f"{bar_chart(sev_rows, title='Errors by severity', width=300, label_width=70)}</div>",
        f'<div class="chart"><h4>Errors by category</h4>'
        f"{bar_chart(cat_rows, title='Errors by category', width=560, label_width=190)}</div>",
        "</div>",
        "<h3>By reviewer</h3>",
        reviewer_table(doc.reviewers),
    ]
    return "".join(parts)


def _write_document(doc: DocumentReport, index: int, out: IO[str], pages: Pages | None) -> None:
    """One document's section: everything inline, or (``pages`` given and more than
    :data:`INLINE_PAIRS` pairs to show) the worst pairs inline and the rest in pages."""
    out.write(_document_head(doc, index))
    total = len(doc.items)
    if pages is None or total <= INLINE_PAIRS:
        out.write(f"<h3>Findings and corrections ({total} pairs)</h3>")
        if not total:
            out.write('<p class="muted">No findings and no corrections.</p>')
        for item in doc.items:
            out.write(_pair(item, "target"))
        out.write("</section>")
        return
    count = -(-total // PAGE_PAIRS)
    out.write(
        f"<h3>The {len(doc.worst)} worst pairs (most penalty points) of {total} with findings "
        "or corrections</h3>"
    )
    for k, item in doc.worst:
        out.write(_pair(item, "target", pages.href(index, k // PAGE_PAIRS + 1)))
    ranges = pages.write_document(doc, index, count)
    out.write(f"<h3>Every pair with findings or corrections, in document order ({total} pairs, "
              f"{count} pages)</h3><ol class=\"pages\">")
    for page, (first, last, n) in enumerate(ranges, 1):
        out.write(
            f'<li><a href="{escape(pages.href(index, page))}">page {page}</a> '
            f'<span class="muted">· pairs {first + 1}–{last + 1} · {n} shown</span></li>'
        )
    out.write("</ol></section>")


def _verdict(report: ProjectReport) -> str:
    failed = report.failed
    if report.threshold is None:
        return "no threshold given"
    if failed:
        return f"{len(failed)} of {len(report.documents)} documents above the threshold {report.threshold:g}"
    return f"every document at or below the threshold {report.threshold:g}"


def _head(title: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title>"
        f"<style>{CSS}</style></head><body>"
    )


def _footer(report: ProjectReport) -> str:
    sigs = "".join(
        f"<div>{escape(name)}: <code>{escape(sig)}</code></div>"
        for name, sig in report.signatures.items()
    )
    return (
        f"<footer><div>Post-edit effort: sacrebleu chrF and TER of the original target "
        f"(hypothesis) against the reviewed target (reference).</div>{sigs}</footer>"
        "</body></html>\n"
    )


class Pages:
    """The report's linked pages: one folder beside the report (``NAME_files/`` for
    ``NAME.html``), each page a self-contained HTML file like the report itself.

    ``folder`` is where the pages are written (a staging folder the caller moves into
    place); ``href_base`` the folder's name as the report links to it.
    """

    def __init__(self, report: ProjectReport, folder: Path, href_base: str, main_name: str) -> None:
        self.report = report
        self.folder = folder
        self.href_base = href_base
        self.main_name = main_name

    @staticmethod
    def name(doc_index: int, page: int) -> str:
        return f"doc{doc_index}-page{page}.html"

    def href(self, doc_index: int, page: int) -> str:
        return f"{quote(self.href_base)}/{self.name(doc_index, page)}"

    def write_document(self, doc: DocumentReport, index: int, count: int) -> list[tuple[int, int, int]]:
        """Write the document's pages; per page (first position, last position, pairs)."""
        ranges: list[tuple[int, int, int]] = []
        it = iter(doc.items)
        for page in range(1, count + 1):
            chunk = list(islice(it, PAGE_PAIRS))
            ranges.append((chunk[0].position, chunk[-1].position, len(chunk)))
            with open(self.folder / self.name(index, page), "w", encoding="utf-8") as out:
                self._write_page(out, doc, index, page, count, chunk)
        return ranges

    def _nav(self, index: int, page: int, count: int) -> str:
        links = [f'<a href="../{escape(quote(self.main_name))}#doc-{index}">the report</a>']
        if page > 1:
            links.append(f'<a href="{self.name(index, page - 1)}">← page {page - 1}</a>')
        if page < count:
            links.append(f'<a href="{self.name(index, page + 1)}">page {page + 1} →</a>')
        return f'<nav class="meta">{" · ".join(links)}</nav>'

    def _write_page(
        self, out: IO[str], doc: DocumentReport, index: int, page: int, count: int, chunk: list[PairItem]
    ) -> None:
        report = self.report
        title = f"MQM report · {report.project} · {doc.name} · page {page} of {count}"
        out.write(_head(title))
        out.write(
            f'<header class="top"><h1>{escape(doc.name)} · page {page} of {count}</h1>'
            f'<div class="meta">MQM report · {escape(report.project)} · pairs {chunk[0].position + 1}–'
            f"{chunk[-1].position + 1} with findings or corrections · generated "
            f"{escape(report.generated)} by transreview {escape(report.version)}</div>"
            f"{self._nav(index, page, count)}</header>"
        )
        out.write(f'<section class="doc" id="doc-{index}">')
        for item in chunk:
            out.write(_pair(item, "target"))
        out.write("</section>")
        out.write(self._nav(index, page, count))
        out.write(_footer(report))


def write(report: ProjectReport, out: IO[str], pages: Pages | None = None) -> None:
    """Write the report to ``out``, piece by piece: with ``pages``, a document with more
    than :data:`INLINE_PAIRS` pairs to show gets its worst pairs inline and every pair in
    the linked pages; without, everything is inline (one file, however large)."""
    notes = "".join(
        f'<p class="muted">An older import of {escape(n)} is superseded and not reported.</p>'
        for n in report.superseded
    )
    team = (
        f'<section class="team"><h3>By reviewer, all documents</h3>{reviewer_table(report.reviewers)}</section>'
        if len(report.documents) > 1 else ""
    )
    out.write(_head(f"MQM report · {report.project}"))
    out.write(
        f'<header class="top"><h1>MQM report · {escape(report.project)}</h1>'
        f'<div class="meta">{escape(_verdict(report))} · weights neutral 0, minor 1, major 5, critical 25 per '
        f"1,000 source words · generated {escape(report.generated)} by transreview "
        f"{escape(report.version)}</div></header>"
        f"{notes}{team}"
    )
    for i, d in enumerate(report.documents, 1):
        _write_document(d, i, out, pages)
    if not report.documents:
        out.write('<p class="muted">The project has no documents.</p>')
    out.write(_footer(report))


def render(report: ProjectReport) -> str:
    """The whole report as one HTML document (a string, everything inline)."""
    buf = io.StringIO()
    write(report, buf)
    return buf.getvalue()


__all__ = [
    "CSS",
    "INLINE_PAIRS",
    "PAGE_PAIRS",
    "Pages",
    "REVIEWER_COLUMNS",
    "bar_chart",
    "diff_html",
    "highlight",
    "progress_bar",
    "render",
    "reviewer_table",
    "write",
]
