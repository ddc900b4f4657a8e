"""Baselines: findings accepted once, so that they stop failing the gate.

Users of QA tools ask most for a way to silence a false alarm for good. A finding is
identified by a *fingerprint* of its content, not its position: check name, document,
side, the spanned text, and the pair's source and target, never the pair id, line, the
message, the severity or the offsets. So inserting a line at the top of a TSV (every pair
id and line moves) or editing other pairs keeps every accepted finding accepted, while a
pair whose text changed is looked at again. Several findings can share a fingerprint
(three half-width commas in one pair, or one pair present twice), so the baseline stores
a count: a fourth comma, or a third copy of the pair, is new and fails again.

The file is JSON, sorted, one entry per fingerprint, with the readable parts beside the
hash so that a reviewer can read a baseline diff; it is written atomically. Format 2 is
the content fingerprint; a format 1 file (keyed on the pair id) is still read and matched
the old way, until ``--write-baseline`` rewrites it.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from transreview import strictjson
from transreview.errors import InputError
from transreview.model import Finding, Pair
from transreview.sanitize import json_safe

FORMAT_KEY = "transreview_baseline"
FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)


def fingerprint(pair: Pair, finding: Finding) -> str:
    """Stable id of a finding by content: check, doc, side, spanned text, the pair's source
    and target (not its id, line, offsets or message)."""
    parts = (finding.check, pair.doc, finding.side, finding.text or "", pair.source, pair.target)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def fingerprint_v1(pair: Pair, finding: Finding) -> str:
    """Format 1's id of a finding: check, doc, pair id, side, spanned text."""
    parts = (finding.check, pair.doc, pair.id, finding.side, finding.text or "")
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


FINGERPRINTS = {1: fingerprint_v1, 2: fingerprint}


class Baseline:
    """Accepted findings: fingerprint → how many of them were accepted."""

    def __init__(self, counts: Counter[str] | None = None, version: int = FORMAT_VERSION) -> None:
        self.counts: Counter[str] = counts or Counter()
        self.version = version

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
        if data[FORMAT_KEY] not in READABLE_VERSIONS:
            raise InputError(path, None, f"baseline format {data[FORMAT_KEY]!r} is not supported (expected {FORMAT_VERSION})")
        counts: Counter[str] = Counter()
        for k, item in enumerate(data["findings"]):
            fp = item.get("fingerprint") if isinstance(item, dict) else None
            count = item.get("count", 1) if isinstance(item, dict) else None
            if not isinstance(fp, str) or not isinstance(count, int) or count < 1:
                raise InputError(path, None, f"baseline entry {k + 1} has no valid fingerprint/count")
            counts[fp] += count
        return cls(counts, data[FORMAT_KEY])

    def matcher(self) -> BaselineMatcher:
        """A fresh matcher for one run (it consumes counts as findings are matched)."""
        return BaselineMatcher(Counter(self.counts), FINGERPRINTS[self.version])


class BaselineMatcher:
    """Marks the findings of a run that the baseline accepts, consuming its counts."""

    def __init__(self, remaining: Counter[str], key: Callable[[Pair, Finding], str] = fingerprint) -> None:
        self.remaining = remaining
        self.key = key

    def accepted(self, pair: Pair, findings: Iterable[Finding]) -> frozenset[int]:
        """Indices of ``findings`` (of ``pair``) the baseline accepts."""
        out = []
        for k, f in enumerate(findings):
            fp = self.key(pair, f)
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


__all__ = ["Baseline", "BaselineMatcher", "BaselineWriter", "fingerprint", "fingerprint_v1"]
