"""Import a file into a fresh project, correct some pairs, export it back: the round trip the
format tests compare byte for byte with the input."""

from __future__ import annotations

from pathlib import Path

from transreview.export import export_project
from transreview.project import import_inputs
from transreview.review import ReviewSession


def import_then_export(
    tmp_path: Path, source: Path, fmt: str, out_name: str, correct: dict[str, str] | None = None
) -> bytes:
    """The bytes ``export --format fmt`` writes after importing ``source`` (no checks run) and
    saving ``correct`` (pair id -> new target) as corrections."""
    db = tmp_path / "p.db"
    import_inputs(inputs=[source], db=db, check_names=[])
    if correct:
        with ReviewSession.open(db, "t") as s:
            for row in s.queue_page(0, 10_000):
                pair = s.pair(row.pair_id)
                if pair.pair.id in correct:
                    s.save_correction(row.pair_id, correct[pair.pair.id], pair.version)
    out = tmp_path / out_name
    export_project(db, fmt=fmt, output=out)
    return out.read_bytes()
