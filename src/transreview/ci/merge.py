"""``transreview merge``: the shard reports of ``check --shard I/N`` → the report of one run.

Why the merge can be exact: every shard computes the corpus-level statistics from the
whole input (pass one of :mod:`transreview.pipeline`), so each pair's findings are the
ones a single run gives it; a shard reports its pairs with their position in the input
(``seq``) and its document (``doc_index``), plus a ``shard`` head holding what cannot be
rebuilt from the pairs: the documents, the gate options, the sums behind the corpus
BLEU/chrF/TER, and its check failures with their positions. The merge puts the pairs back
in input order (a streaming k-way merge by ``seq``), feeds them to the same
:class:`~transreview.ci.report.model.ReportBuilder` a single run uses (summary, per-document
counts, notices) and writes with the same writers: the JSON equals a single run's, and
so do the other formats.

Shard reports are read back as the JSON writer streams them (head lines, then one pair per
line), so merging a million pairs holds a chunk of lines per shard, not the reports. A
report in any other JSON layout (reformatted by a tool) is loaded whole instead.
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

from transreview import strictjson
from transreview.ci.report import write_ci_report
from transreview.ci.report.model import DocInfo, Entry, Report, ReportBuilder, parse_fail_on
from transreview.ci.shard import SAME_RUN_KEYS, ShardHeader, add_metric_totals
from transreview.errors import InputError, UsageError
from transreview.model import Finding, Pair, PairResult
from transreview.results import RunStats

_PAIRS_LINE = ' "pairs": ['


@dataclass
class ShardReport:
    """One shard report: its head and a way to stream its pairs."""

    path: Path
    head: dict[str, Any]
    pairs: Iterator[dict[str, Any]]

    @property
    def shard(self) -> ShardHeader:
        # open_shard_report checked that it is a dict; its fields are checked where read.
        return cast(ShardHeader, self.head["shard"])


def _bad(path: Path, line: int | None, message: str) -> InputError:
    return InputError(path, line, message)


def open_shard_report(path: Path, stack: ExitStack) -> ShardReport:
    """Read the head of a shard report; its pairs are read on demand."""
    if not path.exists():
        raise _bad(path, None, "file not found")
    if path.is_dir():
        raise _bad(path, None, "is a directory, not a report")
    fh: IO[str] = stack.enter_context(open(path, encoding="utf-8"))
    try:
        first = fh.readline()
        head_lines: list[str] = []
        streamed = first == "{\n"
        if streamed:
            for line in fh:
                if line.startswith(_PAIRS_LINE):
                    break
                head_lines.append(line)
            else:
                streamed = False
        if streamed:
            head = strictjson.loads("{" + "".join(head_lines).rstrip().rstrip(",") + "}")
            start = len(head_lines) + 3  # line number of the first pair
            pairs: Iterator[dict[str, Any]] = _stream_pairs(path, fh, start, line.rstrip("\n"))
        else:
            fh.seek(0)
            doc = strictjson.loads(fh.read())
            if not isinstance(doc, dict) or not isinstance(doc.get("pairs"), list):
                raise _bad(path, None, "not a transreview JSON report")
            head = {k: v for k, v in doc.items() if k != "pairs"}
            pairs = iter(doc["pairs"])
    except json.JSONDecodeError as e:
        raise _bad(path, e.lineno, f"not valid JSON ({e.msg})") from None
    except strictjson.StrictJSONError as e:
        raise _bad(path, None, f"not valid JSON ({e.msg})") from None
    except UnicodeDecodeError:
        raise _bad(path, None, "not UTF-8 text") from None
    if not isinstance(head.get("shard"), dict):
        raise _bad(path, None, "not a shard report (run 'transreview check --shard I/N --format json')")
    return ShardReport(path, head, pairs)


def _stream_pairs(path: Path, fh: IO[str], lineno: int, opening: str) -> Iterator[dict[str, Any]]:
    rest = opening[len(_PAIRS_LINE):].strip()
    if rest == "]":  # an empty shard
        return
    for line in fh:
        text = line.strip()
        if text in ("]", "]}"):
            return
        try:
            yield strictjson.loads(text.rstrip(","))
        except (json.JSONDecodeError, strictjson.StrictJSONError) as e:
            raise _bad(path, lineno, f"not valid JSON ({e.msg})") from None
        lineno += 1
    raise _bad(path, lineno, "the report ends in the middle of its pairs (truncated?)")


def _check_set(reports: Sequence[ShardReport]) -> None:
    """The reports are the N shards of one run: same options, each shard once."""
    base = reports[0]
    count = base.shard.get("count")

    def docs(r: ShardReport) -> list[tuple[Any, ...]]:
        return [(d.get("name"), d.get("path"), d.get("format")) for d in r.shard.get("docs", [])]

    for r in reports[1:]:
        if docs(r) != docs(base):
            raise UsageError(f"{r.path} and {base.path} are not shards of the same run (their inputs differ)")
        if r.head.get("signature") != base.head.get("signature"):
            raise UsageError(
                f"{r.path} was made by other checks or versions than {base.path} "
                f"({r.head.get('signature')} vs {base.head.get('signature')})"
            )
        for key in SAME_RUN_KEYS:
            if r.shard.get(key) != base.shard.get(key):
                raise UsageError(f"{r.path} and {base.path} are not shards of the same run (their {key} differ)")
    seen = [r.shard.get("index") for r in reports]
    twice = sorted({i for i in seen if i is not None and seen.count(i) > 1})
    if twice:
        raise UsageError(f"shard {twice[0]}/{count} is given twice")
    missing = sorted(set(range(1, (count or 0) + 1)) - set(seen))
    if missing:
        raise UsageError(f"shard{'s' if len(missing) > 1 else ''} {', '.join(f'{m}/{count}' for m in missing)} missing")
    if len(seen) != count:
        raise UsageError(f"the reports are not the {count} shards of one run")


def _page_lines(lines: Any) -> dict[str, Any]:
    """A page pair's paragraph lines as the reader recorded them (``pairs[].lines``)."""
    if not isinstance(lines, dict):
        return {}
    return {"src_lines": list(lines.get("source") or []), "tgt_lines": list(lines.get("target") or [])}


def _entry(path: Path, d: dict[str, Any], langs: list[tuple[str, str]]) -> Entry:
    try:
        doc_index = d["doc_index"]
        src_lang, tgt_lang = langs[doc_index] if 0 <= doc_index < len(langs) else ("en", "zh")
        pair = Pair(
            id=d["id"], source=d["source"], target=d["target"], doc=d.get("doc", ""),
            index=d.get("index", 0), line=d.get("line"), reference=d.get("reference"),
            src_lang=src_lang, tgt_lang=tgt_lang, meta=_page_lines(d.get("lines")),
        )
        findings = tuple(Finding.from_dict(f) for f in d["findings"])
        baselined = frozenset(k for k, f in enumerate(d["findings"]) if f.get("baselined"))
        return Entry(PairResult(pair, findings, d.get("scores") or {}), baselined, doc_index, d["seq"])
    except (KeyError, TypeError, ValueError) as e:
        raise _bad(path, None, f"a pair is missing or has a bad field ({e})") from None


def _ordered(reports: Sequence[ShardReport], total: int) -> Iterator[tuple[ShardReport, dict[str, Any]]]:
    """Every pair of every shard, by position, checking that none is missing or repeated."""
    def keyed(k: int, r: ShardReport) -> Iterator[tuple[int, int, ShardReport, dict[str, Any]]]:
        for d in r.pairs:
            yield d.get("seq", -1), k, r, d

    streams = [keyed(k, r) for k, r in enumerate(reports)]
    expected = 0
    for seq, _, r, d in heapq.merge(*streams, key=lambda t: (t[0], t[1])):
        if seq != expected:
            raise _bad(r.path, None, f"pair position {seq} where {expected} was expected (a shard report is incomplete)")
        expected += 1
        yield r, d
    if expected != total:
        raise UsageError(f"the shard reports hold {expected} pairs; the input had {total}")


def merge_reports(paths: Sequence[Path]) -> Report:
    """The report of one run, from the shard reports at ``paths`` (entries spooled)."""
    with ExitStack() as stack:
        reports = [open_shard_report(Path(p), stack) for p in paths]
        _check_set(reports)
        base = reports[0]
        info = base.shard
        fail_on = parse_fail_on(info["fail_on"])
        builder = ReportBuilder(base.head["signature"], fail_on)
        langs: list[tuple[str, str]] = []
        for k, doc in enumerate(info["docs"]):
            builder.add_doc(DocInfo(name=doc["name"], path=doc["path"], format=doc.get("format", "")))
            # The languages the reader gave this document's pairs, from a shard that had one.
            seen = [(sd["src_lang"], sd["tgt_lang"]) for r in reports if (sd := r.shard["docs"][k]).get("src_lang")]
            langs.append((seen[0][0] or "en", seen[0][1] or "zh") if seen else ("en", "zh"))
        try:
            for r, d in _ordered(reports, info["pairs_total"]):
                builder.add(_entry(r.path, d, langs))
        except BaseException:
            builder.close()
            raise

    stats = RunStats()
    for r in reports:
        add_metric_totals(stats, r.shard.get("metric_totals", []))
    # Corpus-wide failures (every shard has them) come first, as in one run; then by pair.
    corpus_wide = [f["error"] for f in info.get("failures", []) if f["seq"] is None]
    per_pair = sorted(
        ((f["seq"], f["error"]) for r in reports for f in r.shard.get("failures", []) if f["seq"] is not None),
        key=lambda t: t[0],
    )
    errors = corpus_wide + [e for _, e in per_pair]

    from transreview.ci.gate import gate_reasons

    try:
        reasons = gate_reasons(builder.summary.failing, fail_on, len(errors), stats, info.get("min_chrf"))
    except BaseException:
        builder.close()
        raise
    return builder.finish(
        passed=fail_on is None or not reasons,
        reasons=reasons if fail_on is not None else [],
        corpus_scores=stats.corpus_scores(),
        metric_signatures=stats.metric_signatures(),
        scored_pairs=stats.scored_pairs,
        errors=errors,
    )


def run_merge(paths: Sequence[Path], fmt: str = "json", output: Path | None = None) -> int:
    """``transreview merge``: write the merged report; exit code as ``check`` would give."""
    import sys

    from transreview.atomic import atomic_write
    from transreview.outputs import refuse_clobbering

    refuse_clobbering([("-o", output)], [("report", p) for p in paths])
    report = merge_reports(paths)
    try:
        if output is None:
            write_ci_report(report, fmt, sys.stdout)
            sys.stdout.flush()
        else:
            with atomic_write(output, "w") as out:
                write_ci_report(report, fmt, out, **({"color": False} if fmt == "text" else {}))
    finally:
        report.close()
    return 0 if report.passed else 1


__all__ = ["merge_reports", "open_shard_report", "run_merge"]
