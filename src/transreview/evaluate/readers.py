"""Readers of human annotations in their published formats, into :class:`AnnotatedSegment`.

* **Google MQM TSV** (``github.com/google/wmt-mqm-human-evaluation``): tab-separated, one
  header line, no quoting; one line per marked error, the error wrapped in ``<v>…</v>`` in
  the target (or, for omissions and source errors, in the source); a pair with no error has
  one ``No-error`` line. Lines are grouped into one segment per (system, doc, seg_id, rater);
  the segment's quality is minus its MQM penalty with Google's weights (major 5, minor 1,
  minor punctuation 0.1, non-translation 25, source error 0).
* **WMT ESA, Appraise CSV** (``humeval/esa_*.csv`` of ``wmt24-news-systems``): twelve
  columns, no header; spans are ``start_i``/``end_i``, *inclusive* and in *UTF-16 code
  units*, into the target with its surrounding whitespace stripped; ``"missing"`` marks
  an omission without a position. The texts are looked up by line in the ``txt/`` folder
  beside ``humeval/`` (or the one given): ``sources/en-zh.txt``,
  ``system-outputs/en-zh/SYSTEM.txt``, ``references/en-zh.SYSTEM.txt``.
* **WMT ESA, merged JSONL** (``merge_to_jsonl.py``'s layout: ``src``, ``tgt``,
  ``esa_spans``, ``esa_score``, ``system``, ``annotator``, ``line_id``, ``langs``).
* **A transreview project**: see :func:`read_project`.

Every problem is an :class:`~transreview.errors.InputError` naming the file and line.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

from transreview.errors import InputError, UsageError
from transreview.evaluate.model import AnnotatedSegment, HumanSpan
from transreview.model import Finding, Pair, Severity

MQM_COLUMNS = ("system", "doc", "doc_id", "seg_id", "rater", "source", "target", "category", "severity")
_MARK = re.compile(r"<v>(.*?)</v>", re.DOTALL)
_HAN = re.compile(r"[\u3400-\u9fff]")
ESA_COLUMNS = 12
_LANG = {"eng": "en", "zho": "zh", "en": "en", "zh": "zh"}


def mqm_weight(severity: str, category: str) -> float:
    """Google's MQM weight of one error (Freitag et al. 2021); source errors weigh nothing."""
    sev = severity.strip().lower()
    cat = category.strip().lower()
    if sev in ("no-error", "neutral") or cat.startswith("source") or cat == "no-error":
        return 0.0
    if "non-translation" in cat:
        return 25.0
    if sev in ("major", "critical"):
        return 5.0
    if cat == "fluency/punctuation":
        return 0.1
    return 1.0


def _unmark(text: str) -> tuple[str, tuple[int, int] | None]:
    """``text`` without its ``<v>``/``</v>`` markers, and the marked span (code points)."""
    m = _MARK.search(text)
    span = None
    if m:
        start = len(text[: m.start()].replace("<v>", "").replace("</v>", ""))
        span = (start, start + len(m.group(1).replace("<v>", "").replace("</v>", "")))
    return text.replace("<v>", "").replace("</v>", ""), span


def _langs_of(source: str, target: str) -> tuple[str, str]:
    """(source, target) language of a Chinese<->English pair, by where the Han characters are."""
    src_han = len(_HAN.findall(source)) / max(1, len(source))
    tgt_han = len(_HAN.findall(target)) / max(1, len(target))
    return ("zh", "en") if src_han >= tgt_han else ("en", "zh")


def read_mqm_tsv(path: Path) -> list[AnnotatedSegment]:
    """The segments of a Google MQM TSV (see the module docstring)."""
    groups: dict[tuple[str, str, str, str], list[tuple[int, list[str]]]] = {}
    with open(path, encoding="utf-8", newline="") as f:
        rows = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(rows, None)
        if header is None:
            raise InputError(path, None, "empty file: expected a Google MQM TSV header")
        header = [h.strip() for h in header]
        missing = [c for c in MQM_COLUMNS if c not in header]
        if missing:
            raise InputError(path, 1, f"not a Google MQM TSV: no column {', '.join(missing)} in the header")
        col = {c: header.index(c) for c in MQM_COLUMNS}
        for lineno, row in enumerate(rows, start=2):
            if not row:
                continue
            if len(row) < len(header):
                raise InputError(path, lineno, f"{len(row)} fields, the header has {len(header)}")
            key = (row[col["system"]], row[col["doc"]], row[col["seg_id"]], row[col["rater"]])
            groups.setdefault(key, []).append((lineno, [row[col[c]] for c in MQM_COLUMNS]))
    out: list[AnnotatedSegment] = []
    for n, ((system, doc, seg_id, rater), lines) in enumerate(groups.items()):
        _, first = lines[0]
        source, _ = _unmark(first[5])
        target, _ = _unmark(first[6])
        src_lang, tgt_lang = _langs_of(source, target)
        spans: list[HumanSpan] = []
        penalty = 0.0
        for _lineno, (*_, src_m, tgt_m, category, severity) in lines:
            sev = severity.strip().lower()
            if sev == "no-error" or category.strip().lower().startswith("source"):
                continue  # a source error describes the source, not the translation
            _, t_span = _unmark(tgt_m)
            _, s_span = _unmark(src_m)
            side, span = ("target", t_span) if t_span is not None else ("source", s_span)
            label = "major" if sev in ("major", "critical") else "minor"
            start, end = span if span is not None and span[1] > span[0] else (None, None)
            spans.append(HumanSpan(side, start, end, label, category.strip()))  # type: ignore[arg-type]
            penalty += mqm_weight(severity, category)
        pair = Pair(f"{system}/{doc}/{seg_id}/{rater}", source, target, doc=f"{system}/{doc}", index=n,
                    src_lang=src_lang, tgt_lang=tgt_lang)
        out.append(AnnotatedSegment(
            key=pair.id, pair=pair, spans=tuple(spans), quality=-penalty, has_error=bool(spans),
            has_major=any(s.severity == "major" for s in spans), system=system,
        ))
    return out


def utf16_to_index(text: str, unit: int) -> int:
    """The code-point index of UTF-16 unit ``unit`` of ``text`` (they differ after astral characters)."""
    units = 0
    for i, ch in enumerate(text):
        if units >= unit:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text)


def esa_spans(marks: Any, target: str, where: tuple[Path, int]) -> list[HumanSpan]:
    """ESA marks (``start_i``/``end_i`` inclusive UTF-16 units, or ``"missing"``) as spans of ``target``."""
    if not isinstance(marks, list):
        raise InputError(where[0], where[1], "esa_spans is not a JSON list")
    spans: list[HumanSpan] = []
    for mark in marks:
        if not isinstance(mark, dict) or "start_i" not in mark or "end_i" not in mark:
            raise InputError(where[0], where[1], f"an ESA mark without start_i/end_i: {str(mark)[:80]}")
        sev = str(mark.get("severity") or "minor").lower()
        label = "major" if sev in ("major", "critical") else "minor"
        a, b = mark["start_i"], mark["end_i"]
        if a == "missing" or b == "missing":
            spans.append(HumanSpan("target", None, None, label, "ESA/missing"))
            continue
        try:
            start, end = utf16_to_index(target, int(a)), utf16_to_index(target, int(b) + 1)
        except (TypeError, ValueError):
            raise InputError(where[0], where[1], f"ESA span {a!r}-{b!r} is not a pair of numbers") from None
        end = min(end, len(target))
        if not 0 <= start < end:
            spans.append(HumanSpan("target", None, None, label, f"ESA/{label}"))  # out of the text: unplaced
            continue
        spans.append(HumanSpan("target", start, end, label, f"ESA/{label}"))
    return spans


def _esa_segment(n: int, key: str, source: str, target: str, src_lang: str, tgt_lang: str, system: str,
                 marks: Any, score: Any, where: tuple[Path, int]) -> AnnotatedSegment:
    source, target = source.strip(), target.strip()
    spans = esa_spans(marks, target, where)
    try:
        quality = float(score) if score not in (None, "") else None
    except (TypeError, ValueError):
        raise InputError(where[0], where[1], f"esa_score {score!r} is not a number") from None
    pair = Pair(key, source, target, doc=system, index=n, src_lang=src_lang, tgt_lang=tgt_lang)
    return AnnotatedSegment(key=key, pair=pair, spans=tuple(spans), quality=quality, has_error=bool(spans),
                            has_major=any(s.severity == "major" for s in spans), system=system)


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").replace("\r\n", "\n").split("\n")
    except FileNotFoundError:
        raise InputError(path, None, "text file of the ESA annotations not found (give the txt/ folder with --texts)") from None


def read_esa_csv(path: Path, texts: Path | None = None) -> list[AnnotatedSegment]:
    """The segments of a WMT ESA CSV from Appraise; texts from ``texts`` (default ``../txt``)."""
    root = texts if texts is not None else path.resolve().parent.parent / "txt"
    if not root.is_dir():
        raise InputError(path, None, f"no txt/ folder of texts at {root} (give it with --texts)")
    cache: dict[Path, list[str]] = {}

    def line_of(p: Path, i: int, lineno: int) -> str:
        if p not in cache:
            cache[p] = _lines(p)
        if not 0 <= i < len(cache[p]):
            raise InputError(path, lineno, f"line_id {i} is past the end of {p.name} ({len(cache[p])} lines)")
        return cache[p][i]

    out: list[AnnotatedSegment] = []
    with open(path, encoding="utf-8", newline="") as f:
        for lineno, row in enumerate(csv.reader(f), start=1):
            if not row:
                continue
            if len(row) != ESA_COLUMNS:
                raise InputError(path, lineno, f"{len(row)} fields, an ESA CSV row has {ESA_COLUMNS}")
            user, system, line_id, tgt_type, l1, l2, score, _doc, _u, marks, _t0, _t1 = row
            if tgt_type != "TGT":
                continue  # BAD: an attention check with a corrupted target
            try:
                i = int(line_id)
                parsed = json.loads(marks) if marks.strip() else []
            except ValueError as e:
                raise InputError(path, lineno, f"unreadable line_id or esa_spans: {e}") from None
            src_lang, tgt_lang = _LANG.get(l1, l1), _LANG.get(l2, l2)
            lp = f"{src_lang}-{tgt_lang}"
            source = line_of(root / "sources" / f"{lp}.txt", i, lineno)
            ref = root / "references" / f"{lp}.{system}.txt"
            tgt_file = ref if ref.is_file() else root / "system-outputs" / lp / f"{system}.txt"
            target = line_of(tgt_file, i, lineno)
            key = f"{system}/{i}/{user}/{lineno}"
            out.append(_esa_segment(len(out), key, source, target, src_lang, tgt_lang, system, parsed, score,
                                    (path, lineno)))
    return out


def read_esa_jsonl(path: Path) -> list[AnnotatedSegment]:
    """The segments of a merged WMT ESA JSONL (``merge_to_jsonl.py``'s records)."""
    out: list[AnnotatedSegment] = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError as e:
                raise InputError(path, lineno, f"not JSON: {e}") from None
            if not isinstance(rec, dict) or not {"src", "tgt", "esa_spans"} <= rec.keys():
                raise InputError(path, lineno, "an ESA record needs src, tgt and esa_spans")
            langs = str(rec.get("langs") or "en-zh").split("-")
            src_lang, tgt_lang = (langs + ["zh"])[:2]
            marks = rec["esa_spans"]
            if isinstance(marks, str):
                marks = json.loads(marks) if marks.strip() else []
            system = str(rec.get("system") or "")
            key = f"{system}/{rec.get('line_id', lineno)}/{rec.get('annotator', '')}/{lineno}"
            out.append(_esa_segment(len(out), key, str(rec["src"]), str(rec["tgt"]), src_lang, tgt_lang,
                                    system, marks, rec.get("esa_score"), (path, lineno)))
    return out


def read_project(db: str | Path) -> list[AnnotatedSegment]:
    """The reviewed pairs of a transreview project, with the reviewers' judgements.

    A pair counts as reviewed when its status is no longer ``unreviewed`` or a reviewer
    decided on or added a finding. The human spans are the reviewers' own marks (MQM marks
    and quick spans that still count) and the check findings they confirmed; the check
    findings as stored (whatever their status) are what is evaluated, and each confirmed or
    dismissed one is a decision. Quality is minus the MQM penalty of the human spans.
    """
    from transreview.project import open_project

    out: list[AnnotatedSegment] = []
    with open_project(db, for_reading=True) as store:
        for document in store.documents():
            for pair_id, pair in store.iter_pairs(document.id):
                stored = store.findings(pair_id)
                state = store.state(pair_id)
                human = [s for s in stored if s.origin != "check" and s.live]
                decided = [s for s in stored if s.origin == "check" and s.status in ("confirmed", "dismissed")]
                if state.status == "unreviewed" and not human and not decided:
                    continue
                marks = human + [s for s in decided if s.status == "confirmed"]
                spans = tuple(_human_of(s.finding) for s in marks)
                penalty = sum(mqm_weight(s.finding.severity.label, s.finding.category) for s in marks)
                checks = tuple(s.finding for s in stored if s.origin == "check")
                out.append(AnnotatedSegment(
                    key=f"{document.name}/{pair.id}", pair=pair, spans=spans, quality=-penalty,
                    has_error=bool(spans), has_major=any(s.severity == "major" for s in spans),
                    system=document.name, findings=checks,
                    decisions=tuple((s.finding, s.status) for s in decided),
                ))
    return out


def _human_of(f: Finding) -> HumanSpan:
    label = "major" if f.severity >= Severity.MAJOR else "minor"
    return HumanSpan(f.side, f.start, f.end, label, f.category)


#: What ``read_annotations`` calls a kind of input (``--annotations``).
KINDS = ("auto", "mqm-tsv", "esa-csv", "esa-jsonl", "project")


def detect_kind(path: str | Path) -> str:
    """The kind of an annotation input, by its ending (a SQLite file or a URL is a project)."""
    text = str(path)
    if text.startswith(("postgresql://", "postgres://")):
        return "project"
    p = Path(text)
    suffix = p.suffix.lower()
    if suffix == ".tsv":
        return "mqm-tsv"
    if suffix == ".csv":
        return "esa-csv"
    if suffix in (".jsonl", ".ndjson"):
        return "esa-jsonl"
    try:
        with open(p, "rb") as f:
            if f.read(16) == b"SQLite format 3\x00":
                return "project"
    except OSError:
        pass
    raise UsageError(f"{text}: cannot tell what annotations these are (.tsv Google MQM, .csv WMT ESA, "
                     ".jsonl merged ESA, or a transreview project); say it with --kind")


def read_annotations(path: str | Path, kind: str = "auto", texts: Path | None = None) -> list[AnnotatedSegment]:
    """The annotated segments of one input of ``kind`` (see :data:`KINDS`)."""
    kind = detect_kind(path) if kind == "auto" else kind
    if kind == "project":
        return read_project(path)
    p = Path(path)
    if not p.is_file():
        raise InputError(p, None, "no such file" if not p.exists() else "not a file")
    try:
        if kind == "mqm-tsv":
            return read_mqm_tsv(p)
        if kind == "esa-csv":
            return read_esa_csv(p, texts)
        return read_esa_jsonl(p)
    except UnicodeDecodeError as e:
        raise InputError(p, None, f"not UTF-8 ({e.reason} at byte {e.start})") from None
