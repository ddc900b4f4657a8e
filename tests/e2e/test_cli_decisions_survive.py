"""A reviewer's decisions survive re-import of a changed file, keyed on content.

"Accepted" (the issue's word for a finding a team has looked at and lets pass) is the store's
``dismissed`` status: the finding stays stored but no longer counts. ``confirmed`` is the
other decision (a real error). Both come back on the new document when the same pair text
brings the same finding back, whatever line or id the pair now has; a pair whose text
changed is looked at again (its finding is open)."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.cli import run_cli
from transreview.project import open_project
from transreview.review import ReviewSession

HEADER = "source\ttarget\n"  # no id column: a pair's id is its line, which moves
ROWS = [
    "Hello, world\t你好,世界\n",  # punctuation (half-width comma): to be dismissed
    "the park of the city\t城市的的公园\n",  # repetition 的的: to be confirmed
    "the river of the town\t城镇的的河流\n",  # repetition 的的: left open
]


def statuses(db: Path) -> dict[tuple[str, str], str]:
    """(source, check) -> status, on the latest document."""
    with open_project(db) as s:
        doc = s.documents()[-1]
        return {(p.source, f.finding.check): f.status
                for pid, p in s.iter_pairs(doc.id) for f in s.findings(pid)}


def test_dismissed_and_confirmed_survive_a_line_inserted_at_the_top(tmp_path: Path) -> None:
    src, db = tmp_path / "a.tsv", tmp_path / "a.db"
    src.write_text(HEADER + "".join(ROWS), encoding="utf-8")
    assert run_cli("import", src, "--db", db, "--reviewer", "ann").returncode == 0
    with ReviewSession.open(db, "ann") as session:
        (doc,) = session.documents()
        for pid, pair in session.store.iter_pairs(doc.id):
            for f in session.store.findings(pid):
                if pair.source == "Hello, world":
                    session.dismiss(f.id)
                elif pair.source == "the park of the city":
                    session.confirm(f.id)

    # a new first row moves every pair one line down (new ids); the third pair's text changes
    src.write_text(HEADER + "A new line, first\t新的一行,第一\n" + ROWS[0] + ROWS[1]
                   + "the river of the town\t城镇的的小河\n", encoding="utf-8")
    run = run_cli("import", src, "--db", db, "--reviewer", "bob")
    assert run.returncode == 0, run.stderr
    assert "1 dismissed earlier, still dismissed; 1 confirmed earlier, still confirmed" in run.stdout
    assert statuses(db) == {
        ("A new line, first", "punctuation"): "open",  # a new pair
        ("Hello, world", "punctuation"): "dismissed",  # accepted: stays accepted
        ("the park of the city", "repetition"): "confirmed",
        ("the river of the town", "repetition"): "open",  # its text changed: looked at again
    }


def test_one_dismissal_is_handed_out_once(tmp_path: Path) -> None:
    """The same pair twice with one copy dismissed: one dismissal comes back, not two."""
    src, db = tmp_path / "a.tsv", tmp_path / "a.db"
    src.write_text(HEADER + ROWS[0] + ROWS[0], encoding="utf-8")
    assert run_cli("import", src, "--db", db).returncode == 0
    with ReviewSession.open(db, "ann") as session:
        (doc,) = session.documents()
        (pid, _), *_ = session.store.iter_pairs(doc.id)
        (f,) = session.store.findings(pid)
        session.dismiss(f.id)
    src.write_text(HEADER + "A new line\t新的一行\n" + ROWS[0] + ROWS[0], encoding="utf-8")
    assert run_cli("import", src, "--db", db).returncode == 0
    with open_project(db) as s:
        doc = s.documents()[-1]
        found = sorted(f.status for pid, _ in s.iter_pairs(doc.id) for f in s.findings(pid))
    assert found == ["dismissed", "open"]
