"""The real ``transreview`` entry point of this environment, and the seed page, for e2e tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXE = Path(sys.executable).with_name("transreview")
ROOT = Path(__file__).resolve().parents[2]
SHANXI = ROOT / "corpora" / "jhcga-shanxi-2016.txt"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run ``transreview ARGS`` and capture its output (text)."""
    return subprocess.run([str(EXE), *map(str, args)], capture_output=True, text=True, timeout=120)
