"""Count the major and critical findings of a ``compare_findings.py save`` snapshot, per file
and per check, and optionally list them for reading by hand.

Precision on real files is judged by reading every finding that fails the gate. Usage::

    .venv/bin/python benchmarks/compare_findings.py save /tmp/snap --pairs 0 --jobs 1
    .venv/bin/python benchmarks/majors_by_check.py /tmp/snap            # the table
    .venv/bin/python benchmarks/majors_by_check.py /tmp/snap --list     # every finding, with both sides
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

GATE = ("major", "critical")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("snapshot", type=Path, help="a directory written by compare_findings.py save")
    parser.add_argument("--list", action="store_true", help="print each major/critical finding and its pair")
    args = parser.parse_args()
    total: Counter[str] = Counter()
    for path in sorted(args.snapshot.glob("*.json")):
        report = json.loads(path.read_text(encoding="utf-8")).get("report")
        if not isinstance(report, dict):
            continue
        by_check: Counter[str] = Counter()
        for pair in report["pairs"]:
            for f in pair["findings"]:
                if f["severity"] not in GATE:
                    continue
                by_check[f["check"]] += 1
                if args.list:
                    print(f"  {pair['id']}  {f['check']} {f['severity']} {f.get('text')!r}: {f['message']}")
                    print(f"      S: {pair['source'][:160]!r}")
                    print(f"      T: {pair['target'][:160]!r}")
        total.update(by_check)
        name = path.stem.replace("__", "/")
        detail = ", ".join(f"{k} {v}" for k, v in sorted(by_check.items())) or "-"
        print(f"{name}: {sum(by_check.values())} ({detail})")
    print(f"total: {sum(total.values())} ({', '.join(f'{k} {v}' for k, v in sorted(total.items()))})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
