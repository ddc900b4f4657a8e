"""Run ``transreview evaluate`` on every annotation file in ``../shared/eval`` (the team's
development annotations, which stay outside the repository) and print the report.

Usage::

    .venv/bin/python benchmarks/evaluate_shared.py                 # text, 1,000 resamples
    .venv/bin/python benchmarks/evaluate_shared.py --format md -o eval.md
    .venv/bin/python benchmarks/evaluate_shared.py --checks untranslated,repetition --resamples 200

The files: every Google MQM ``*.tsv``, every WMT ESA ``humeval/*.csv`` (texts from the ``txt/``
beside it) and every merged ESA ``*.jsonl`` under the folder, each reported on its own.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"


def annotation_files(folder: Path) -> list[Path]:
    """The annotation files under ``folder``, in a fixed order."""
    found = [p for p in folder.rglob("*.tsv")]
    found += [p for p in folder.rglob("*.csv") if p.parent.name == "humeval"]
    found += [p for p in folder.rglob("*.jsonl")]
    return sorted(found)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folder", type=Path, default=EVAL)
    ap.add_argument("--format", default="text", choices=["text", "md", "json"])
    ap.add_argument("-o", "--output", default=None)
    ap.add_argument("--checks", default=None)
    ap.add_argument("--resamples", type=int, default=1000)
    args = ap.parse_args()
    files = annotation_files(args.folder)
    if not files:
        print(f"no annotation files under {args.folder}", file=sys.stderr)
        return 2
    exe = Path(sys.executable).with_name("transreview")
    cmd = [str(exe), "evaluate", *map(str, files), "--format", args.format, "--resamples", str(args.resamples)]
    if args.checks:
        cmd += ["--checks", args.checks]
    if args.output:
        cmd += ["-o", args.output]
    return subprocess.run(cmd, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
