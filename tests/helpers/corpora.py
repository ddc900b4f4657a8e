"""The repository root and the seed pages tests read."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHANXI = ROOT / "corpora" / "jhcga-shanxi-2016.txt"
