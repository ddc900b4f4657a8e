"""Snapshot the findings of ``transreview check`` and compare two snapshots.

A renovation or an optimisation must not change what the tool finds. This script runs the real
command (``transreview check FILE --format json``, in a subprocess, so it works on any version)
on three sets of inputs and stores one normalised JSON file per input:

* every page in ``corpora/``;
* every file in ``../shared/realfiles/`` (where a file is refused, the exit code and the error
  line are the snapshot);
* a generated corpus of ``--pairs`` pairs (``gen_pairs.write_tsv``, seed 1; 20,000 by default).

Usage::

    .venv/bin/python benchmarks/compare_findings.py save /tmp/before
    # ... change the code ...
    .venv/bin/python benchmarks/compare_findings.py save /tmp/after
    .venv/bin/python benchmarks/compare_findings.py diff /tmp/before /tmp/after

``diff`` prints every pair whose findings differ (check, side, span, text, severity, message,
suggestion) and exits 1 when any does. The report's version field is left out of the snapshot;
the signature stays in, so a check whose version or parameters changed shows up.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from gen_pairs import write_tsv  # noqa: E402

REALFILES = ROOT.parent / "shared" / "realfiles"


def _inputs(workdir: Path, pairs: int) -> dict[str, list[str]]:
    inputs: dict[str, list[str]] = {}
    for page in sorted((ROOT / "corpora").glob("*.txt")):
        inputs[f"corpora/{page.name}"] = [str(page)]
    if REALFILES.is_dir():
        for real in sorted(REALFILES.iterdir()):
            if real.is_file() and real.name != "SOURCES.md":
                inputs[f"realfiles/{real.name}"] = [str(real)]
    if pairs:
        tsv = write_tsv(workdir / f"gen{pairs}.tsv", pairs, seed=1)
        inputs[f"generated/{pairs}.tsv"] = [str(tsv)]
    return inputs


def _run(files: list[str], jobs: int) -> dict[str, object]:
    exe = Path(sys.executable).with_name("transreview")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        proc = subprocess.run(
            [str(exe), "check", *files, "--format", "json", "-o", str(out), "--jobs", str(jobs),
             "--no-progress"],
            capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"}, check=False,
        )
        snap: dict[str, object] = {"exit": proc.returncode}
        if out.exists() and proc.returncode in (0, 1):
            report = json.loads(out.read_text(encoding="utf-8"))
            report.pop("transreview", None)
            snap["report"] = report
        else:
            # Paths differ between machines; keep the message from the file name on.
            snap["error"] = proc.stderr.strip().replace(str(Path(files[0]).parent) + os.sep, "")
        return snap


def save(target: Path, pairs: int, jobs: int) -> None:
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, files in _inputs(Path(tmp), pairs).items():
            snap = _run(files, jobs)
            out = target / (name.replace("/", "__") + ".json")
            out.write_text(json.dumps(snap, ensure_ascii=False, indent=1, sort_keys=True),
                           encoding="utf-8")
            report = snap.get("report")
            count = report["summary"]["findings"] if isinstance(report, dict) else "-"
            print(f"{name}: exit {snap['exit']}, findings {count}")


def _finding_key(f: dict[str, object]) -> tuple[object, ...]:
    return tuple(f.get(k) for k in ("check", "side", "start", "end", "text", "severity",
                                     "category", "message", "suggestion"))


def diff(before: Path, after: Path) -> int:
    changed = 0
    for old_file in sorted(before.glob("*.json")):
        new_file = after / old_file.name
        name = old_file.stem.replace("__", "/")
        if not new_file.exists():
            print(f"{name}: missing in {after}")
            changed += 1
            continue
        old = json.loads(old_file.read_text(encoding="utf-8"))
        new = json.loads(new_file.read_text(encoding="utf-8"))
        if old.get("exit") != new.get("exit") or old.get("error") != new.get("error"):
            print(f"{name}: exit {old.get('exit')} -> {new.get('exit')}; "
                  f"error {old.get('error')!r} -> {new.get('error')!r}")
            changed += 1
        old_report, new_report = old.get("report"), new.get("report")
        if not (isinstance(old_report, dict) and isinstance(new_report, dict)):
            continue
        if old_report.get("signature") != new_report.get("signature"):
            print(f"{name}: signature {old_report.get('signature')} -> "
                  f"{new_report.get('signature')}")
        old_pairs, new_pairs = old_report["pairs"], new_report["pairs"]
        if len(old_pairs) != len(new_pairs):
            print(f"{name}: {len(old_pairs)} pairs -> {len(new_pairs)}")
            changed += 1
            continue
        for a, b in zip(old_pairs, new_pairs, strict=True):
            fa = sorted(map(_finding_key, a["findings"]), key=repr)
            fb = sorted(map(_finding_key, b["findings"]), key=repr)
            if (a["source"], a["target"], a["id"]) != (b["source"], b["target"], b["id"]):
                print(f"{name} {a['id']}: pair text or id differs")
                changed += 1
            elif fa != fb:
                changed += 1
                print(f"{name} {a['id']}:")
                for f in fa:
                    if f not in fb:
                        print(f"   - {f}")
                for f in fb:
                    if f not in fa:
                        print(f"   + {f}")
    print(f"{changed} difference(s)")
    return 1 if changed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    p_save = sub.add_parser("save", help="run check on every input and store the findings")
    p_save.add_argument("target", type=Path)
    p_save.add_argument("--pairs", type=int, default=20000, help="generated pairs (0: none)")
    p_save.add_argument("--jobs", type=int, default=2)
    p_diff = sub.add_parser("diff", help="compare two snapshots")
    p_diff.add_argument("before", type=Path)
    p_diff.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.cmd == "save":
        save(args.target, args.pairs, args.jobs)
        return 0
    return diff(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
