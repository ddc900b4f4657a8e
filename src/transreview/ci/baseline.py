"""Baselines: findings accepted once, so that they stop failing the gate.

Users of QA tools ask most for a way to silence a false alarm for good. A
finding is identified by a *fingerprint* of what stays put when the check's wording
changes: check name, document, pair id, side and the spanned text — not the message,
the severity or the offsets (an edit elsewhere in the segment moves those). Several
findings can share a fingerprint (three half-width commas in one pair), so the baseline
stores a count: if the pair later holds a fourth, that one is new and fails again.

The file is JSON, sorted, one entry per fingerprint, with the readable parts beside the
hash so that a reviewer can read a baseline diff; it is written atomically.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from transreview import strictjson
from transreview.errors import InputError
from transreview.model import Finding, Pair
from transreview.sanitize import json_safe

FORMAT_KEY = "transreview_baseline"
FORMAT_VERSION = 1


def fingerprint(pair: Pair, finding: Finding) -> str:
    """Stable id of a finding: check, doc, pair id, side, spanned text (message-independent)."""
    parts = (finding.check, pair.doc, pair.id, finding.side, finding.text or "")
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


class Baseline:
    """Accepted findings: fingerprint → how many of them were accepted."""

    def __init__(self, counts: Counter[str] | None = None) -> None:
        self.counts: Counter[str] = counts or Counter()

    def __len__(self) -> int:
        return sum(self.counts.values())

    @classmethod
    def load(cls, path: str | Path) -> Baseline:
        """Read a baseline file; :class:`InputError` if it is missing or not one."""
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError(path, None, "baseline file not found (write one with --write-baseline)") from None
        except (OSError, UnicodeDecodeError) as e:
            raise InputError(path, None, f"cannot read baseline: {getattr(e, 'strerror', None) or e}") from None
        try:
            data = strictjson.loads(text)
        except json.JSONDecodeError as e:
            raise InputError(path, e.lineno, f"baseline is not valid JSON: {e.msg}") from None
        except strictjson.StrictJSONError as e:
            raise InputError(path, None, f"baseline is not valid JSON: {e.msg}") from None
        if not isinstance(data, dict) or FORMAT_KEY not in data or not isinstance(data.get("findings"), list):
            raise InputError(path, None, "not a transreview baseline (written by --write-baseline)")
        if data[FORMAT_KEY] != FORMAT_VERSION:
            raise InputError(path, None, f"baseline format {data[FORMAT_KEY]!r} is not supported (expected {FORMAT_VERSION})")
        counts: Counter[str] = Counter()
        for k, item in enumerate(data["findings"]):
            fp = item.get("fingerprint") if isinstance(item, dict) else None
            count = item.get("count", 1) if isinstance(item, dict) else None
            if not isinstance(fp, str) or not isinstance(count, int) or count < 1:
                raise InputError(path, None, f"baseline entry {k + 1} has no valid fingerprint/count")
            counts[fp] += count
        return cls(counts)

    def matcher(self) -> BaselineMatcher:
        """A fresh matcher for one run (it consumes counts as findings are matched)."""
        return BaselineMatcher(Counter(self.counts))


class BaselineMatcher:
    """Marks the findings of a run that the baseline accepts, consuming its counts."""

    def __init__(self, remaining: Counter[str]) -> None:
        self.remaining = remaining

    def accepted(self, pair: Pair, findings: Iterable[Finding]) -> frozenset[int]:
        """Indices of ``findings`` (of ``pair``) the baseline accepts."""
        out = []
        for k, f in enumerate(findings):
            fp = fingerprint(pair, f)
            if self.remaining[fp] > 0:
                self.remaining[fp] -= 1
                out.append(k)
        return frozenset(out)


class BaselineWriter:
    """Collects a run's findings into baseline entries (small: one per distinct fingerprint)."""

    def __init__(self) -> None:
        self.entries: dict[str, dict[str, Any]] = {}

    def add(self, pair: Pair, findings: Iterable[Finding]) -> None:
        for f in findings:
            fp = fingerprint(pair, f)
            e = self.entries.get(fp)
            if e is None:
                self.entries[fp] = {
                    "fingerprint": fp,
                    "check": f.check,
                    "doc": pair.doc,
                    "id": pair.id,
                    "side": f.side,
                    "text": f.text,
                    "count": 1,
                }
            else:
                e["count"] += 1

    def to_json(self) -> str:
        items = sorted(self.entries.values(), key=lambda e: (e["doc"], e["id"], e["check"], e["fingerprint"]))
        data = {FORMAT_KEY: FORMAT_VERSION, "findings": items}
        return json_safe(json.dumps(data, ensure_ascii=False, indent=1)) + "\n"

    def write(self, path: str | Path) -> None:
        from transreview.atomic import atomic_write

        with atomic_write(path, "w") as fh:
            fh.write(self.to_json())


__all__ = ["Baseline", "BaselineMatcher", "BaselineWriter", "fingerprint"]
