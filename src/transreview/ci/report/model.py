"""One Report model for every writer (text, json, junit, github).

A report is built while the results stream in (:class:`ReportBuilder`): the summary, the
per-document counts and the notices are small and kept; the entries themselves go to a
:class:`transreview.spool.Spool`, so a 100,000-pair run does not hold 100,000 results
in memory, and every writer can still read them in order, after the summary it must print
first (JSON's ``summary`` precedes ``pairs``; JUnit's suite counts precede its cases;
the text report's notices come at the top).
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

from transreview import __version__, codes
from transreview.formats import FORMATS
from transreview.model import Finding, Pair, PairResult, Severity, is_chinese
from transreview.results import pack_result, unpack_result
from transreview.spool import Spool
from transreview.unitstate import provisional_state

if TYPE_CHECKING:  # the shard header module builds on this one
    from transreview.ci.shard import ShardHeader

SEVERITY_ORDER: tuple[str, ...] = ("critical", "major", "minor", "neutral")


def fails(finding: Finding, fail_on: Severity | None) -> bool:
    """Whether a finding is at or above the gate's threshold (never, when ``fail_on`` is None)."""
    return fail_on is not None and finding.severity >= fail_on


def finding_message(pair: Pair, f: Finding) -> str:
    """One line for a finding, as the GitHub, SARIF and GitLab writers show it: pair id,
    message, the spanned text and the suggestion."""
    msg = f"{pair.id}: {f.message}"
    if f.text:
        msg += f" ({f.side}: «{codes.show(f.text, codes.table_of(pair.meta))}»)"
    if f.suggestion:
        msg += f" → suggestion: {f.suggestion}"
    return msg


def finding_line(pair: Pair, f: Finding) -> int | None:
    """The file line a finding is on.

    A bilingual page (``.txt``) pairs paragraphs found anywhere in the file: the English one on
    line 8, its Chinese translation on line 32. A finding in the Chinese text is on line 32, and
    that is where an annotation or a reader must go. The page reader records each side's
    paragraph lines (``meta["src_lines"]``/``["tgt_lines"]``; a side is its paragraphs joined
    by a blank line): the line of the paragraph holding the span, plus the line breaks before
    the span inside it. Elsewhere, the pair's own line.
    """
    lines = (pair.meta or {}).get("tgt_lines" if f.side == "target" else "src_lines")
    if not isinstance(lines, list) or not lines:
        return pair.line
    if f.start is None:
        return int(lines[0])
    text = pair.text(f.side)
    k = min(text.count("\n\n", 0, f.start), len(lines) - 1)
    para_start = 0
    for _ in range(k):
        para_start = text.index("\n\n", para_start) + 2
    return int(lines[k]) + text.count("\n", para_start, f.start)


def parse_fail_on(value: str | Severity | None) -> Severity | None:
    """``minor``/``major``/``critical`` → Severity; ``never`` or None → None.

    ``neutral`` is refused: a neutral finding is worth a look but is often right, so it
    never fails a gate.
    """
    if value is None or (isinstance(value, str) and value.strip().lower() == "never"):
        return None
    severity = Severity.parse(value)
    if severity is Severity.NEUTRAL:
        raise ValueError("neutral findings never fail a gate (expected minor, major, critical or never)")
    return severity


@dataclass(frozen=True, slots=True)
class Entry:
    """One pair of the report: its result, which findings a baseline accepted, its document."""

    result: PairResult
    baselined: frozenset[int] = frozenset()
    doc_index: int = 0
    #: The pair's position in the whole input (what ``merge`` orders shard reports by).
    seq: int = -1

    def is_baselined(self, k: int) -> bool:
        return k in self.baselined

    def counted(self) -> list[Finding]:
        """Findings that still count for the gate (not accepted by the baseline)."""
        return [f for k, f in enumerate(self.result.findings) if k not in self.baselined]

    def failing(self, fail_on: Severity | None) -> list[Finding]:
        return [f for f in self.counted() if fails(f, fail_on)]


@dataclass
class DocInfo:
    """Per input document: where it is (for CI annotations) and what it holds."""

    name: str
    path: str
    format: str = ""
    pairs: int = 0
    empty_targets: int = 0
    empty_sources: int = 0
    findings: int = 0
    failures: int = 0
    failing_pairs: int = 0
    src_lang: str = "en"
    tgt_lang: str = "zh"

    @property
    def unit(self) -> str:
        """What a pair is called in messages: a page has paragraphs, other files segments."""
        spec = FORMATS.get(self.format)
        return spec.unit if spec is not None else "segment"


def lang_name(lang: str) -> str:
    if is_chinese(lang):
        return "Chinese"
    return "English" if lang.lower().startswith("en") else lang


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def doc_notices(doc: DocInfo) -> list[str]:
    """One-line notices about a whole document (shown at the top of the text report)."""
    out: list[str] = []
    if not doc.pairs:
        return [f"{doc.name}: no {doc.unit}s at all"]
    tgt, src = lang_name(doc.tgt_lang), lang_name(doc.src_lang)
    if doc.empty_targets == doc.pairs:
        out.append(
            f"{doc.name}: no {tgt} text at all — {_plural(doc.pairs, doc.unit)} "
            f"{'has' if doc.pairs == 1 else 'have'} no translation"
        )
        return out
    if doc.empty_targets:
        out.append(
            f"{doc.name}: {doc.empty_targets} of {_plural(doc.pairs, doc.unit)} "
            f"{'has' if doc.empty_targets == 1 else 'have'} no {tgt} counterpart"
        )
    if doc.empty_sources:
        out.append(
            f"{doc.name}: {doc.empty_sources} {tgt} {doc.unit}"
            f"{'' if doc.empty_sources == 1 else 's'} {'has' if doc.empty_sources == 1 else 'have'} "
            f"no {src} counterpart"
        )
    return out


@dataclass
class Summary:
    """Counts over every finding (baselined ones included, and counted apart)."""

    pairs: int = 0
    findings: int = 0
    by_severity: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SEVERITY_ORDER, 0))
    by_category: Counter = field(default_factory=Counter)
    baselined: int = 0
    failing: int = 0
    pairs_with_findings: int = 0
    #: Units the file marks provisional (fuzzy, unfinished, needs_review), by state: counted
    #: apart from the findings (:func:`transreview.unitstate.provisional_state`).
    provisional: Counter = field(default_factory=Counter)

    def add(self, entry: Entry, fail_on: Severity | None) -> None:
        self.pairs += 1
        state = provisional_state(entry.result.pair)
        if state is not None:
            self.provisional[state] += 1
        fs = entry.result.findings
        if fs:
            self.pairs_with_findings += 1
        for k, f in enumerate(fs):
            self.findings += 1
            self.by_severity[f.severity.label] += 1
            self.by_category[f.category] += 1
            if entry.is_baselined(k):
                self.baselined += 1
            elif fails(f, fail_on):
                self.failing += 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "pairs": self.pairs,
            "findings": self.findings,
            "by_severity": dict(self.by_severity),
            "by_category": dict(sorted(self.by_category.items(), key=lambda kv: (-kv[1], kv[0]))),
            "baselined": self.baselined,
            "failing": self.failing,
        }

    def provisional_dict(self) -> dict[str, Any]:
        """The JSON report's ``provisional`` key: units left fuzzy/unfinished/to review."""
        return {
            "pairs": sum(self.provisional.values()),
            "by_state": dict(sorted(self.provisional.items(), key=lambda kv: (-kv[1], kv[0]))),
        }


@dataclass
class Report:
    """Everything a writer needs. ``entries`` can be iterated more than once, in input order."""

    signature: str
    entries: Iterable[Entry]
    summary: Summary
    docs: list[DocInfo] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    fail_on: Severity | None = Severity.MAJOR
    passed: bool = True
    reasons: list[str] = field(default_factory=list)
    corpus_scores: Mapping[str, float] = field(default_factory=dict)
    metric_signatures: Mapping[str, str] = field(default_factory=dict)
    scored_pairs: int = 0
    errors: list[str] = field(default_factory=list)
    version: str = __version__
    #: For a ``--shard I/N`` run: what ``merge`` needs besides the pairs.
    shard: ShardHeader | None = None
    #: The JSON report's pair lines, written as the entries came (one JSON object a line),
    #: when the run writes JSON only; ``entries`` is then empty (see :class:`ReportBuilder`).
    rendered: IO[str] | None = None

    def close(self) -> None:
        """Drop the spooled entries and pair lines (their temporary files)."""
        close = getattr(self.entries, "close", None)
        if close is not None:
            close()
        if self.rendered is not None:
            self.rendered.close()

    @property
    def fail_on_label(self) -> str:
        return self.fail_on.label if self.fail_on is not None else "never"

    def doc(self, entry: Entry) -> DocInfo | None:
        return self.docs[entry.doc_index] if 0 <= entry.doc_index < len(self.docs) else None

    def gate_dict(self) -> dict[str, Any]:
        return {"fail_on": self.fail_on_label, "passed": self.passed, "reasons": list(self.reasons)}

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)


def _pack_entry(e: Entry) -> tuple:
    return pack_result(e.result), tuple(e.baselined), e.doc_index, e.seq


def _unpack_entry(t: tuple) -> Entry:
    return Entry(unpack_result(t[0]), frozenset(t[1]), t[2], t[3])


class ReportBuilder:
    """Collects entries as they stream in; :meth:`finish` gives the :class:`Report`.

    ``render``: when the run writes only the JSON report, each entry's pair line is made as
    the entry comes (``render(entry)``, one line of JSON) and written to a temporary file,
    instead of spooling the entry to render it after the run: the run's last step is then a
    copy, not the whole report, and no entry is pickled and read back. With workers, the
    lines are made while they still check.
    """

    def __init__(
        self, signature: str, fail_on: Severity | None, memory_items: int = 4096,
        *, render: Callable[[Entry], str] | None = None,
    ) -> None:
        self.signature = signature
        self.fail_on = fail_on
        self.summary = Summary()
        self.docs: list[DocInfo] = []
        self._render = render
        # Writers only iterate: no per-entry offsets, so a million-pair report costs no memory.
        self._spool: Spool[Entry] | None = None
        self._lines: IO[str] | None = None
        if render is None:
            self._spool = Spool(memory_items, _pack_entry, _unpack_entry, indexed=False)
        else:
            self._lines = tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n")

    def add_doc(self, doc: DocInfo) -> int:
        self.docs.append(doc)
        return len(self.docs) - 1

    def add(self, entry: Entry) -> None:
        if self._lines is not None:
            assert self._render is not None
            self._lines.write(self._render(entry))
            self._lines.write("\n")
        else:
            assert self._spool is not None
            self._spool.append(entry)
        self.summary.add(entry, self.fail_on)
        if 0 <= entry.doc_index < len(self.docs):
            d = self.docs[entry.doc_index]
            pair = entry.result.pair
            d.pairs += 1
            # (``not text.strip()`` without building the stripped copy of every text)
            d.empty_targets += not pair.target or pair.target.isspace()
            d.empty_sources += not pair.source or pair.source.isspace()
            d.findings += len(entry.result.findings)
            failing = len(entry.failing(self.fail_on))
            d.failures += failing
            d.failing_pairs += bool(failing)
            d.src_lang, d.tgt_lang = pair.src_lang, pair.tgt_lang

    def finish(self, **kwargs: Any) -> Report:
        notices = [n for d in self.docs for n in doc_notices(d)]
        if self._lines is not None:
            self._lines.flush()
        return Report(
            signature=self.signature,
            entries=self._spool if self._spool is not None else (),
            rendered=self._lines,
            summary=self.summary,
            docs=self.docs,
            notices=notices + list(kwargs.pop("notices", [])),
            fail_on=self.fail_on,
            **kwargs,
        )

    def close(self) -> None:
        if self._spool is not None:
            self._spool.close()
        if self._lines is not None:
            self._lines.close()


def report_from_results(
    results: Iterable[PairResult],
    signature: str = "checks:|sacrebleu:",
    fail_on: Severity | None = Severity.MAJOR,
    docs: list[DocInfo] | None = None,
) -> Report:
    """A report from plain results (tests, other front ends): one DocInfo per ``pair.doc``."""
    b = ReportBuilder(signature, fail_on)
    index: dict[str, int] = {}
    for d in docs or []:
        index[d.name] = b.add_doc(d)
    for r in results:
        doc = r.pair.doc
        if doc not in index:
            index[doc] = b.add_doc(DocInfo(name=doc, path=doc))
        b.add(Entry(r, doc_index=index[doc]))
    rep = b.finish()
    rep.passed = rep.summary.failing == 0
    return rep


__all__ = [
    "finding_message",
    "SEVERITY_ORDER",
    "DocInfo",
    "Entry",
    "Report",
    "ReportBuilder",
    "Summary",
    "doc_notices",
    "fails",
    "lang_name",
    "parse_fail_on",
    "report_from_results",
]
