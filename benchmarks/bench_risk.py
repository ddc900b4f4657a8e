"""Time the queue risk refresh of a whole document (run once per import) at scale.

Usage::

    .venv/bin/python benchmarks/bench_risk.py                 # 100,000 pairs
    .venv/bin/python benchmarks/bench_risk.py --pairs 20000

Builds a SQLite project of synthetic pairs (one pair in three with findings: minors, a
major, a critical, a neutral, some empty targets) through the Store, then times
``Store.refresh_risk(document_id=...)``, best of three, and one pair's refresh (what every
review decision pays), median of 200.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from transreview.model import Finding, Pair, Severity
from transreview.store import Store

SEVERITIES = (Severity.MINOR, Severity.MINOR, Severity.MAJOR, Severity.CRITICAL, Severity.NEUTRAL)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", type=int, default=100_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "risk.db") as store:
        with store.atomic():
            doc = store.add_document(name="b", format="tsv", path="b", sha256="b", content=b"",
                                     src_lang="en", tgt_lang="zh")
            ids = store.add_pairs(doc, (Pair(f"p{i}", f"Source {i}.", "" if i % 50 == 0 else f"目标{i}。")
                                        for i in range(args.pairs)))
            for n, pid in enumerate(ids):
                if n % 3 == 0:
                    for k in range(1 + n % 4):
                        sev = SEVERITIES[(n + k) % len(SEVERITIES)]
                        store.add_finding(pid, Finding("c", "Fluency", sev, "m"), refresh=False)
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            store.refresh_risk(document_id=doc)
            times.append(time.perf_counter() - t0)
        one = []
        for pid in ids[:200]:
            t0 = time.perf_counter()
            store.refresh_risk(pid)
            one.append(time.perf_counter() - t0)
        print(f"{args.pairs} pairs: document refresh {min(times):.2f} s (best of 3); "
              f"one pair {statistics.median(one) * 1000:.2f} ms (median of 200)")


if __name__ == "__main__":
    main()
