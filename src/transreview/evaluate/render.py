"""The evaluation report as text (a terminal), Markdown (an issue, a wiki) or JSON.

All three read the dict of :func:`transreview.evaluate.evaluation.evaluate`; every figure is
shown beside its chance level (random spans, or the share of annotated segments for the
segment figures), because a precision means little without it.
"""

from __future__ import annotations

import json
from typing import Any

from transreview.sanitize import json_safe, visible


def _pct(v: float | None) -> str:
    return "-" if v is None else f"{100 * v:.1f}%"


def _num(v: float | None) -> str:
    return "-" if v is None else f"{v:.3f}"


def _ci(d: dict[str, float | None]) -> str:
    if d["low"] is None or d["high"] is None:
        return _num(d["value"])
    return f"{_num(d['value'])} [{_num(d['low'])}, {_num(d['high'])}]"


CHECK_HEAD = ("check", "findings (neutral)", "spanned", "seg flagged", "seg prec (chance)", "major seg prec (chance)",
              "flags major-marked / error-free", "span prec (random)", "span rec (random)",
              "WMT23 F1 (random)", "reviewer prec")
CAT_HEAD = ("expert category", "marks", "major", "unplaced", "recall (random)", "touched by")


def _check_cells(r: dict[str, Any]) -> list[str]:
    s, z = r["span"], r["span_random"]
    rev = "-"
    if "reviewer_precision" in r:
        rev = f"{_pct(r['reviewer_precision'])} ({r['reviewer_confirmed']}/{r['reviewer_confirmed'] + r['reviewer_dismissed']})"
    return [
        r["check"], f"{r['findings']} ({r['neutral']})", str(r["spanned"]), str(r["segments_flagged"]),
        f"{_pct(r['segment_precision'])} ({_pct(r['segment_precision_random'])})",
        f"{_pct(r['major_segment_precision'])} ({_pct(r['major_segment_precision_random'])})",
        f"{_pct(r['flags_major_marked'])} / {_pct(r['flags_error_free'])}",
        f"{_pct(s['precision'])} ({_pct(z['precision'])})",
        f"{_pct(s['recall'])} ({_pct(z['recall'])})",
        f"{_pct(s['wmt23_f1'])} ({_pct(z['wmt23_f1'])})",
        rev,
    ]


def _cat_cells(r: dict[str, Any]) -> list[str]:
    by = ", ".join(f"{k} {v}" for k, v in list(r["by_check"].items())[:3]) or "-"
    return [r["category"], str(r["marks"]), str(r["major"]), str(r["unplaced"]),
            f"{_pct(r['recall'])} ({_pct(r['recall_random'])})", by]


def _head(report: dict[str, Any]) -> list[str]:
    risk = report["risk"]
    return [
        f"{report['input']} ({report['kind']}): {report['segments']} segments, {report['with_errors']} with an "
        f"error mark, {report['with_major']} with a major one; {report['human_spans']} marks",
        f"findings: {report['findings_from']}",
        f"queue risk against the human score ({risk['segments']} segments; 95% bootstrap interval, "
        f"{report['resamples']} resamples, seed {report['seed']}):",
        f"  Kendall tau-b {_ci(risk['risk']['kendall_tau_b'])}, pairwise accuracy {_ci(risk['risk']['pairwise_accuracy'])}",
        f"  baseline, target length: tau-b {_ci(risk['baseline_target_length']['kendall_tau_b'])}, "
        f"pairwise accuracy {_ci(risk['baseline_target_length']['pairwise_accuracy'])}",
        *(f"  segment score '{k}' ({v['segments']} segments): tau-b {_ci(v['kendall_tau_b'])}, "
          f"pairwise accuracy {_ci(v['pairwise_accuracy'])}" for k, v in risk.get("scores", {}).items()),
    ]


def _table(head: tuple[str, ...], rows: list[list[str]]) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(head)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return [fmt.format(*head), *(fmt.format(*r) for r in rows)]


def render_text(doc: dict[str, Any]) -> str:
    lines: list[str] = []
    for report in doc["reports"]:
        lines += _head(report) + [""]
        lines += _table(CHECK_HEAD, [_check_cells(r) for r in report["checks"]]) + [""]
        lines += _table(CAT_HEAD, [_cat_cells(r) for r in report["categories"]]) + [""]
    lines.append(f"signature: {doc['signature']}")
    return visible("\n".join(lines), keep="\n") + "\n"


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def render_markdown(doc: dict[str, Any]) -> str:
    lines: list[str] = ["# transreview evaluate", ""]
    for report in doc["reports"]:
        head = _head(report)
        lines += [f"## {head[0]}", "", *(f"- {h.strip()}" for h in head[1:]), ""]
        lines += [_md_row(list(CHECK_HEAD)), _md_row(["---"] * len(CHECK_HEAD))]
        lines += [_md_row(_check_cells(r)) for r in report["checks"]] + [""]
        lines += [_md_row(list(CAT_HEAD)), _md_row(["---"] * len(CAT_HEAD))]
        lines += [_md_row(_cat_cells(r)) for r in report["categories"]] + [""]
    lines.append(f"signature: `{doc['signature']}`")
    return visible("\n".join(lines), keep="\n") + "\n"


def render_json(doc: dict[str, Any]) -> str:
    return json_safe(json.dumps(doc, ensure_ascii=False, indent=2)) + "\n"


RENDERERS = {"text": render_text, "md": render_markdown, "json": render_json}
