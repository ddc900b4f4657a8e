"""docs/review.md documents every binding, with its default key name."""

from __future__ import annotations

from pathlib import Path

from transreview.tui.bindings import ALL_KEYS

DOC = Path(__file__).resolve().parents[2] / "docs" / "review.md"


def test_every_binding_is_in_the_docs_table() -> None:
    rows = {
        line.split("|")[1].strip(" `"): line.split("|")[3].strip(" `")
        for line in DOC.read_text(encoding="utf-8").splitlines()
        if line.startswith("| `")
    }
    assert rows == {spec.id: spec.keys for spec in ALL_KEYS}
