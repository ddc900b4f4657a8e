"""``transreview import``: what is stored, idempotent re-import, changed files, rollback.

Tests taking ``new_db`` run on SQLite and (marked ``postgres``) on PostgreSQL; see conftest.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import click
import pytest

from tests.helpers.cli import run_cli
from tests.helpers.clirunner import CliRunner
from transreview import project as project_mod
from transreview.cli import cli
from transreview.errors import InputError, StoreError, UsageError
from transreview.model import Severity
from transreview.project import (
    import_inputs,
    open_project,
    prepare_review,
    project_for_input,
    resolve_db,
)
from transreview.records import QueueFilter
from transreview.store import Store

ROOT = Path(__file__).resolve().parents[2]
SHANXI = ROOT / "corpora" / "jhcga-shanxi-2016.txt"
NINGXIA = ROOT / "corpora" / "climate-group-ningxia-2012.txt"


def tsv(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    path.write_text("id\tsource\ttarget\n" + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    return path


ROWS = [
    ("x1", "Jincheng is a city in Shanxi.", "晋城是陕西的一个城市。"),
    ("c1", "Taiyuan is the capital of Shanxi.", "太原是山西的省会。"),
]


def counts(db: Path) -> tuple[int, int, int]:
    with Store.open(db) as s:
        return (
            len(s.documents()),
            s.count_pairs(),
            int(s._one("SELECT COUNT(*) FROM findings")[0]),
        )


# --- the seed page ---------------------------------------------------------------------------


def test_shanxi_page_is_stored_with_its_findings(new_db) -> None:
    db = new_db()
    summary = import_inputs(inputs=[SHANXI], db=db)
    (doc,) = summary.documents
    assert doc.outcome == "imported" and doc.name == "jhcga-shanxi-2016.txt"
    with Store.open(db) as s:
        (stored,) = s.documents()
        assert s.document_content(stored.id)[0] == SHANXI.read_bytes()  # for the round-trip export
        assert s.count_pairs() == doc.pairs
        pairs = {p.id: (pid, p) for pid, p in s.iter_pairs(stored.id)}
        # the canonical error: 陕西 for Shanxi, critical, spanned into the target
        hits = [
            (pid, f) for pid, _ in pairs.values() for f in s.findings(pid)
            if f.finding.check == "places" and f.finding.text == "陕西"
        ]
        assert hits, "the 陕西 finding was not stored"
        pid, f = hits[0]
        p = s.get_pair(pid)
        assert p.target[f.finding.start : f.finding.end] == "陕西"
        assert f.finding.severity is Severity.CRITICAL and f.finding.suggestion == "山西"
        # the pair with the critical finding heads the risk queue
        top = s.queue(QueueFilter(), "risk", 0, 1)[0]
        assert top.pair_id == pid and top.max_severity is Severity.CRITICAL
        # pairs with both sides got a sentence alignment; one-sided pairs did not
        for pid2, p2 in pairs.values():
            al = s.alignment(pid2)
            assert (al is not None) == bool(p2.source and p2.target)
            if al is not None:
                assert len(al.src_spans) >= 1 and len(al.tgt_spans) >= 1
        total = int(s._one("SELECT COUNT(*) FROM findings")[0])
        # a neutral finding is stored as severity 1 with neutral = 1 (schema migration 4)
        by_sev = dict(s._all(
            "SELECT CASE WHEN neutral = 1 THEN 0 ELSE severity END AS sev, COUNT(*) FROM findings GROUP BY sev"
        ))
    assert doc.findings == total
    expected = (
        f"jhcga-shanxi-2016.txt: {doc.pairs} pairs imported, {total} findings ("
        + ", ".join(f"{by_sev[k]} {Severity(k).label}" for k in (3, 2, 1, 0) if by_sev.get(k))
        + ")"
    )
    assert str(summary).splitlines()[0] == expected


def test_ningxia_page_has_no_chinese_and_still_imports(new_db) -> None:
    summary = import_inputs(inputs=[NINGXIA], db=new_db())
    (doc,) = summary.documents
    with Store.open(new_db()) as s:
        for pid, p in s.iter_pairs(doc.document_id):
            assert p.target == ""
            assert s.alignment(pid) is None
            # no place, punctuation or number finding can fire on an empty target
            assert {f.finding.category for f in s.findings(pid)} <= {"Accuracy/Omission"}


# --- re-import ---------------------------------------------------------------------------


def test_reimport_of_the_same_file_adds_nothing(tmp_path: Path, new_db) -> None:
    db, src = new_db(), tsv(tmp_path / "a.tsv", ROWS)
    import_inputs(inputs=[src], db=db)
    before = counts(db)
    again = import_inputs(inputs=[src], db=db)
    assert counts(db) == before
    assert str(again).splitlines()[0] == "a.tsv: already imported, unchanged"
    assert again.documents[0].outcome == "unchanged"


def test_changed_file_becomes_a_new_document_and_remembers_dismissals(tmp_path: Path, new_db) -> None:
    db, src = new_db(), tsv(tmp_path / "a.tsv", ROWS)
    first = import_inputs(inputs=[src], db=db, check_names=["places"])
    with Store.open(db) as s:
        (pid, _), *_ = s.iter_pairs(first.documents[0].document_id)
        (f,) = s.findings(pid)  # 陕西 in x1
        s.set_finding_status(f.id, "dismissed", "alice")
    tsv(src, [*ROWS, ("n1", "Xinzhou is in Shanxi.", "忻州在陕西。")])
    second = import_inputs(inputs=[src], db=db, check_names=["places"])
    (doc,) = second.documents
    assert doc.outcome == "changed" and doc.pairs == 3 and doc.remembered == 1
    line = str(second).splitlines()[0]
    assert line.startswith("a.tsv: changed since the last import, added as a new document: 3 pairs imported")
    assert "1 dismissed earlier, still dismissed" in line
    with Store.open(db) as s:
        assert len(s.documents()) == 2
        statuses = {
            p.id: [x.status for x in s.findings(pid2)] for pid2, p in s.iter_pairs(doc.document_id)
        }
    assert statuses["x1"] == ["dismissed"]  # same pair, same finding: remembered
    assert statuses["n1"] == ["open"]  # a new 陕西 elsewhere is still reported
    assert statuses["c1"] == []


def test_changed_file_keeps_a_confirmation_with_its_reviewer(tmp_path: Path, new_db) -> None:
    db, src = new_db(), tsv(tmp_path / "a.tsv", ROWS)
    first = import_inputs(inputs=[src], db=db, check_names=["places"])
    with Store.open(db) as s:
        (pid, _), *_ = s.iter_pairs(first.documents[0].document_id)
        (f,) = s.findings(pid)  # 陕西 in x1
        s.set_finding_status(f.id, "confirmed", "alice")
    tsv(src, [*ROWS, ("n1", "Xinzhou is in Shanxi.", "忻州在陕西。")])
    second = import_inputs(inputs=[src], db=db, reviewer="bob", check_names=["places"])
    (doc,) = second.documents
    assert doc.reconfirmed == 1 and doc.remembered == 0
    assert "1 confirmed earlier, still confirmed" in str(second).splitlines()[0]
    with Store.open(db) as s:
        found = {p.id: [(x.status, x.actor) for x in s.findings(pid2)] for pid2, p in s.iter_pairs(doc.document_id)}
    # the confirmation is carried by the import (its actor: who imported), and it counts
    assert found["x1"] == [("confirmed", "bob")] and found["n1"] == [("open", None)]
    assert sum(doc.by_severity.values()) == 2


# --- failures leave nothing half-imported ------------------------------------------------


def test_failure_while_storing_rolls_the_document_back(
    tmp_path: Path, new_db, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = new_db()
    good = tsv(tmp_path / "good.tsv", ROWS)
    import_inputs(inputs=[good], db=db)
    before = counts(db)
    calls = {"n": 0}
    real = Store.add_rows

    def flaky(self, *a, **kw):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        return real(self, *a, **kw)

    monkeypatch.setattr(project_mod, "STORE_BATCH", 2)  # batches of two pairs: two are stored first
    monkeypatch.setattr(Store, "add_rows", flaky)
    with pytest.raises(OSError):
        import_inputs(inputs=[SHANXI], db=db)
    assert calls["n"] == 3  # it failed after two batches were written...
    assert counts(db) == before  # ...and none of that document is there


def test_bad_second_input_keeps_the_first_and_stores_nothing_of_itself(tmp_path: Path, new_db) -> None:
    db = new_db()
    good = tsv(tmp_path / "good.tsv", ROWS)
    bad = tmp_path / "bad.tsv"
    bad.write_text("id\tsource\ttarget\na\tone\t一\na\ttwo\t二\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        import_inputs(inputs=[good, bad], db=db)
    assert str(e.value).startswith(f"{bad}:3:")
    with Store.open(db) as s:
        assert [d.name for d in s.documents()] == ["good.tsv"]
        assert s.count_pairs() == 2


def test_missing_input_is_refused_before_the_project_is_created(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        import_inputs(inputs=[tmp_path / "nope.tsv"], db=tmp_path / "p.db")
    assert not (tmp_path / "p.db").exists()


def test_missing_glossary_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="glossary"):
        import_inputs(inputs=[tsv(tmp_path / "a.tsv", ROWS)], db=tmp_path / "p.db", check_params={"glossary": {"glossaries": [tmp_path / "g.csv"]}})


# --- helpers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("corpora/jhcga-shanxi-2016.txt", "corpora/jhcga-shanxi-2016.transreview.db"),
        ("/data/tm/pages.tmx", "/data/tm/pages.transreview.db"),
        ("corpus.en", "corpus.transreview.db"),
        ("a.b.tsv", "a.b.transreview.db"),
    ],
)
def test_project_for_input(given: str, expected: str) -> None:
    assert project_for_input(given) == Path(expected)


def test_open_project_does_not_create_by_default(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        open_project(tmp_path / "none.db")
    assert not (tmp_path / "none.db").exists()


def test_prepare_review_creates_the_project_beside_the_input_once(tmp_path: Path) -> None:
    page = tmp_path / "jhcga-shanxi-2016.txt"
    shutil.copy(SHANXI, page)
    db = prepare_review(page, reviewer="alice")
    assert db == tmp_path / "jhcga-shanxi-2016.transreview.db"
    first = counts(db)
    assert prepare_review(page) == db and counts(db) == first
    assert prepare_review(db) == db
    with pytest.raises(StoreError):
        prepare_review(tmp_path / "other.db")


def test_cli_import_prints_the_summary(tmp_path: Path) -> None:
    src = tsv(tmp_path / "a.tsv", ROWS)
    db = tmp_path / "p.db"
    result = CliRunner().invoke(cli, ["import", str(src), "--db", str(db), "--reviewer", "alice"])
    assert result.exit_code == 0, result.output
    assert re.match(r"a\.tsv: 2 pairs imported, \d+ findings? \(1 critical", result.output)
    again = CliRunner().invoke(cli, ["import", str(src), "--db", str(db)])
    assert again.output.splitlines()[0] == "a.tsv: already imported, unchanged"


def test_summary_wording_is_singular_and_plural(monkeypatch: pytest.MonkeyPatch) -> None:
    d = project_mod.DocumentSummary("one.tsv", "imported", 1, 1, {Severity.MINOR: 1})
    assert str(d) == "one.tsv: 1 pair imported, 1 finding (1 minor)"
    d = project_mod.DocumentSummary("clean.tsv", "imported", 1, 3, {})
    assert str(d) == "clean.tsv: 3 pairs imported, 0 findings"


# --- where the project is: --db, TRANSREVIEW_DB, PostgreSQL URLs; who imported ------------


def test_the_importer_is_recorded_with_each_document(tmp_path: Path, new_db, monkeypatch) -> None:
    monkeypatch.setattr(project_mod, "default_reviewer", lambda: "sysuser")
    db = new_db()
    import_inputs(inputs=[tsv(tmp_path / "a.tsv", ROWS)], db=db, reviewer="alice")
    import_inputs(inputs=[tsv(tmp_path / "b.tsv", ROWS)], db=db)  # no --reviewer
    with Store.open(db) as s:
        assert [(d.name, d.imported_by) for d in s.documents()] == [("a.tsv", "alice"), ("b.tsv", "sysuser")]


def test_cli_import_takes_the_project_from_the_environment(tmp_path: Path, new_db) -> None:
    src = tsv(tmp_path / "a.tsv", ROWS)
    db = new_db()
    result = CliRunner().invoke(
        cli, ["import", str(src), "--reviewer", "bob"], env={project_mod.DB_ENV: str(db)}
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("a.tsv: 2 pairs imported")
    with Store.open(db) as s:
        assert [(d.name, d.imported_by) for d in s.documents()] == [("a.tsv", "bob")]
        assert s.count_pairs() == 2


def test_cli_db_option_wins_over_the_environment(tmp_path: Path, new_db) -> None:
    src = tsv(tmp_path / "a.tsv", ROWS)
    chosen, other = new_db("chosen.db"), new_db("other.db")
    Store.open(other).close()
    result = CliRunner().invoke(
        cli, ["import", str(src), "--db", str(chosen)], env={project_mod.DB_ENV: str(other)}
    )
    assert result.exit_code == 0, result.output
    with Store.open(chosen) as a, Store.open(other) as b:
        assert (a.count_pairs(), b.count_pairs()) == (2, 0)


def test_import_without_any_project_is_a_usage_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(project_mod.DB_ENV, raising=False)
    with pytest.raises(UsageError, match="--db"):
        import_inputs(inputs=[tsv(tmp_path / "a.tsv", ROWS)])


def test_cli_import_without_any_project_says_so_in_one_line(tmp_path: Path) -> None:
    src = tsv(tmp_path / "a.tsv", ROWS)
    proc = run_cli("import", str(src), env={project_mod.DB_ENV: None}, cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "--db" in proc.stderr and "TRANSREVIEW_DB" in proc.stderr
    assert list(tmp_path.iterdir()) == [src]  # no project file made


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql://bob@db.example/tm", "postgresql://bob@db.example/tm"),
        ("postgres:///tm?host=/run/pg", "postgres:///tm?host=/run/pg"),
        ("proj.db", Path("proj.db")),
        (Path("dir/proj.db"), Path("dir/proj.db")),
    ],
)
def test_resolve_db_keeps_urls_as_strings(given, expected) -> None:
    assert resolve_db(given) == expected


def test_a_url_folded_by_a_path_is_refused_not_made_a_file(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(StoreError, match="lost a '/'"):
        open_project(Path("postgresql://bob@db.example/tm"), create=True)
    assert list(tmp_path.iterdir()) == []


def test_cli_keeps_the_url_of_review_export_and_report(monkeypatch) -> None:
    """click.Path would turn postgresql://h/db into postgresql:/h/db; PROJECT keeps it."""
    from transreview.cli import PROJECT

    url = "postgresql://alice:secret@127.0.0.1:5432/tm"
    assert PROJECT.convert(url, None, None) == url
    assert PROJECT.convert("a/b.db", None, None) == Path("a/b.db")
    for name in ("review", "export", "report"):
        (arg,) = [p for p in cli.commands[name].params if isinstance(p, click.Argument)]
        assert arg.type is PROJECT, name


def test_password_never_appears_in_messages() -> None:
    url = "postgresql://alice:s3cret@127.0.0.1:1/tm"  # port 1: nothing listens there
    with pytest.raises(StoreError) as e:
        open_project(url)
    assert "s3cret" not in str(e.value) and "alice:***@127.0.0.1:1/tm" in str(e.value)
    assert "\n" not in str(e.value)


def test_prepare_review_of_a_database_project(tmp_path: Path, new_db) -> None:
    db = new_db()
    with pytest.raises(StoreError, match="no such project"):
        prepare_review(db if isinstance(db, str) else tmp_path / "none.db")
    import_inputs(inputs=[tsv(tmp_path / "a.tsv", ROWS)], db=db)
    assert prepare_review(db) == db


# --- sentence alignment: the checks' own, stored once ----------------------------------------


def _count_alignments(monkeypatch: pytest.MonkeyPatch, fail_on: str | None = None) -> tuple[list[str], object]:
    from transreview.text.align import sentences as sentences_mod

    calls: list[str] = []
    real = sentences_mod.align_sentences

    def counting(pair, *a, **kw):
        calls.append(pair.id)
        if pair.id == fail_on:
            raise IndexError("bug in the aligner")
        return real(pair, *a, **kw)

    monkeypatch.setattr(sentences_mod, "align_sentences", counting)
    return calls, real


def test_import_stores_the_alignment_of_the_checks_and_aligns_each_pair_once(new_db, monkeypatch) -> None:
    from transreview.model import Pair

    calls, real = _count_alignments(monkeypatch)
    db = new_db()
    import_inputs(inputs=[SHANXI], db=db)
    with Store.open(db) as s:
        (doc,) = s.documents()
        stored = list(s.iter_pairs(doc.id))
        two_sided = [(pid, p) for pid, p in stored if p.source and p.target]
        # omission aligned some of these pairs already: none of them was aligned twice
        assert sorted(calls) == sorted(p.id for _, p in two_sided)
        for pid, p in two_sided:
            assert s.alignment(pid) == real(Pair(p.id, p.source, p.target))  # type: ignore[operator]


def test_aligner_failure_stores_the_pair_unaligned_and_says_so(tmp_path: Path, new_db, monkeypatch) -> None:
    _count_alignments(monkeypatch, fail_on="x1")
    db = new_db()
    summary = import_inputs(inputs=[tsv(tmp_path / "a.tsv", ROWS)], db=db)
    assert "  warning: sentence alignment failed on 1 pair" in str(summary).splitlines()
    with Store.open(db) as s:
        (doc,) = s.documents()
        aligned = {p.id: s.alignment(pid) is not None for pid, p in s.iter_pairs(doc.id)}
    assert aligned == {"x1": False, "c1": True}


# --- batches and workers ---------------------------------------------------------------------


def _stored(db: Path) -> list[tuple]:
    """What a project holds per pair: key, position, alignment and findings (no timestamps)."""
    with Store.open(db) as s:
        (doc,) = s.documents()
        out = []
        for pid, pair in s.iter_pairs(doc.id):
            st = s.state(pid)
            out.append((pair.id, pair.index, s.alignment(pid), st.risk, st.live_findings,
                        [(f.finding, f.status) for f in s.findings(pid)]))
        return out


def test_batches_and_workers_store_what_one_process_stores(tmp_path: Path, monkeypatch) -> None:
    one = tmp_path / "one.db"
    import_inputs(inputs=[SHANXI], db=one)
    monkeypatch.setattr(project_mod, "STORE_BATCH", 3)
    monkeypatch.setattr(project_mod, "IMPORT_MEMORY_ITEMS", 2)  # the results spooled to disk
    many = tmp_path / "many.db"
    import_inputs(inputs=[SHANXI], db=many, jobs=2)
    expected = _stored(one)
    assert len(expected) > 3 * 3 and any(row[2] is not None for row in expected)
    assert _stored(many) == expected


def test_a_pair_id_repeated_in_a_later_batch_is_refused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(project_mod, "STORE_BATCH", 2)
    bad = tmp_path / "bad.tsv"
    bad.write_text("id\tsource\ttarget\na\tone\t一\nb\ttwo\t二\nc\tthree\t三\na\tfour\t四\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        import_inputs(inputs=[bad], db=tmp_path / "p.db")
    assert str(e.value).startswith(f"{bad}:5:") and "'a'" in str(e.value)
    assert not (tmp_path / "p.db").exists()


def test_store_refuses_a_pair_id_already_in_the_document(tmp_path: Path) -> None:
    from transreview.model import Pair
    from transreview.records import CheckedPair
    from transreview.store import DuplicatePairError

    with Store.open(tmp_path / "p.db") as s, s.atomic():
        doc = s.add_document(name="d", format="tsv", path="d", sha256="0", content=b"",
                             src_lang="en", tgt_lang="zh")
        first = [CheckedPair(Pair(k, "s", "t", "d", i, i + 2), None, ()) for i, k in enumerate("ab")]
        assert len(s.add_checked(doc, 0, first)) == 2
        again = [CheckedPair(Pair(k, "s", "t", "d", i, i + 4), None, ()) for i, k in enumerate("cb")]
        with pytest.raises(DuplicatePairError) as e:
            s.add_checked(doc, 2, again)
        assert e.value.pair.id == "b" and e.value.pair.line == 5
        assert s.count_pairs(doc) == 2  # the refused batch is undone, the earlier one kept


def test_a_checked_pair_as_rows() -> None:
    """The rows a checked pair is stored as (the import makes the same ones from packed
    results): a neutral finding stored as minor with its flag, alignment rows per side."""
    from transreview.model import Bead, Finding, Pair, SentenceAlignment, Severity, Span
    from transreview.records import CheckedPair

    pair = Pair("k1", "One. Two.", "一。二。", "d.tsv", 0, 7, meta={"note": "n"})
    al = SentenceAlignment((Span(0, 4), Span(5, 9)), (Span(0, 2), Span(2, 4)),
                           (Bead((0,), (0,)), Bead((1,), ()), Bead((), (1,))))
    neutral = Finding("places", "Accuracy", Severity.NEUTRAL, "m", side="target", start=0, end=1, text="一")
    major = Finding("numbers", "Accuracy", Severity.MAJOR, "n", suggestion="s")
    rows = CheckedPair(pair, al, ((neutral, "open", None), (major, "dismissed", "ann"))).rows()
    assert rows.key == "k1" and rows.doc == "d.tsv" and rows.line == 7 and rows.meta == '{"note": "n"}'
    assert rows.sentences == (("source", 0, 0, 4), ("source", 1, 5, 9), ("target", 0, 0, 2), ("target", 1, 2, 4))
    assert rows.beads == ((0, "0", "0"), (1, "1", ""), (2, "", "1"))
    assert rows.findings == (
        ("places", "Accuracy", 1, 1, "target", 0, 1, "一", "m", None, "open", None),
        ("numbers", "Accuracy", 2, 0, "target", None, None, None, "n", "s", "dismissed", "ann"),
    )
