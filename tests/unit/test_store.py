"""The project store: schema and migrations, WAL, transactions, findings, risk and the queue.

Tests taking ``new_db`` run on SQLite and (marked ``postgres``) on PostgreSQL; see conftest.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from transreview.errors import StoreError
from transreview.model import Bead, Finding, Pair, SentenceAlignment, Severity, Span
from transreview.records import QueueFilter, VersionMismatch
from transreview.store import SCHEMA_VERSION, DuplicatePairError, Store, backend, schema

CRIT, MAJ, MIN = Severity.CRITICAL, Severity.MAJOR, Severity.MINOR


def _doc(store: Store, name: str = "hand.tsv") -> int:
    return store.add_document(
        name=name, format="tsv", path=name, sha256=name, content=b"raw", src_lang="en", tgt_lang="zh"
    )


# Hand-made queue: key, source, target, findings (check, category, severity)
ROWS = [
    ("a", "Jincheng is a city in Shanxi.", "晋城是陕西的一个城市。", [("places", "Terminology", CRIT)]),
    ("b", "Hello, world", "你好,世界", [("punctuation", "Fluency/Punctuation", MIN)]),
    ("c", "Taiyuan is the capital of Shanxi.", "太原是山西的省会。", []),
    ("d", "Three hundred people came.", "", [("omission", "Accuracy/Omission", MAJ)]),
    (
        "e",
        "Wutai Shan, Shanxi, China",
        "五台山,陕西,中国",
        [
            ("places", "Terminology", CRIT),
            ("punctuation", "Fluency/Punctuation", MIN),
            ("punctuation", "Fluency/Punctuation", MIN),
        ],
    ),
    ("f", "100% sure_thing", "百分之百", [("untranslated", "Accuracy/Untranslated", MAJ)]),
]


def _fill(store: Store) -> dict[str, int]:
    """Store ROWS; pair ids by key."""
    with store.atomic():
        doc = _doc(store)
        ids = store.add_pairs(doc, (Pair(k, s, t) for k, s, t, _ in ROWS))
        for pid, (_, _, _, fs) in zip(ids, ROWS, strict=True):
            for check, cat, sev in fs:
                store.add_finding(pid, Finding(check, cat, sev, "m"), refresh=False)
        store.refresh_risk(document_id=doc)
    return {k: pid for (k, *_), pid in zip(ROWS, ids, strict=True)}


@pytest.fixture()
def hand(new_db) -> tuple[Store, dict[str, int]]:
    """A store holding ROWS (on each backend); returns it and pair ids by key."""
    store = Store.open(new_db())
    yield store, _fill(store)
    store.close()


@pytest.fixture()
def hand_sqlite(tmp_path: Path) -> tuple[Store, dict[str, int]]:
    """ROWS in a SQLite project, for SQLite's own query plans."""
    store = Store.open(tmp_path / "p.db")
    yield store, _fill(store)
    store.close()


# --- schema, pragmas, migrations -----------------------------------------------------------


def test_new_project_has_every_table_and_column(new_db) -> None:
    with Store.open(new_db()) as s:
        assert s.schema_version == SCHEMA_VERSION == 5
        for table in ("documents", "pairs", "sentences", "beads", "findings", "corrections", "pair_state", "qe_cache", "qe_scores"):
            assert s._one(f"SELECT COUNT(*) FROM {table}")[0] == 0
        # meta holds one row: the rule the (not yet any) risks follow
        assert s._all("SELECT key FROM meta") == [("risk_rule",)]
        assert s._one("SELECT COUNT(imported_by) FROM documents")[0] == 0  # migration 2
        assert s.integrity_problems() == []


def test_new_sqlite_project_has_wal_and_pragmas(tmp_path: Path) -> None:
    with Store.open(tmp_path / "new.db") as s:
        assert s.backend == "sqlite" and s.schema_version == SCHEMA_VERSION
        assert s.journal_mode() == "wal"
        assert s._one("PRAGMA foreign_keys")[0] == 1
        assert s._one("PRAGMA synchronous")[0] == 2  # FULL
        assert s._one("PRAGMA busy_timeout")[0] == 5000
        tables = {r[0] for r in s._all("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables >= {"meta", "documents", "pairs", "sentences", "beads", "findings", "corrections", "pair_state"}


def test_reopen_keeps_data_and_does_not_remigrate(new_db) -> None:
    with Store.open(new_db()) as s:
        s.set_meta("owner", "alice")
    with Store.open(new_db()) as s:
        assert s.get_meta("owner") == "alice"
        assert s.schema_version == SCHEMA_VERSION


def test_new_migration_runs_once_on_an_old_project(new_db, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store.open(new_db()) as s:
        s.set_meta("k", "v")
    extra = (*schema.MIGRATIONS, ("ALTER TABLE documents ADD COLUMN note TEXT",))
    monkeypatch.setattr(schema, "MIGRATIONS", extra)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", len(extra))
    with Store.open(new_db()) as s:
        assert s.schema_version == len(extra)
        assert s._one("SELECT COUNT(note) FROM documents")[0] == 0  # the column exists
        assert s.get_meta("k") == "v"
    with Store.open(new_db()) as s:  # a second open must not re-run ALTER (it would fail)
        assert s.schema_version == len(extra)


def test_version_one_project_is_migrated_to_record_the_importer(tmp_path: Path) -> None:
    """A project made before migration 2: its documents survive, imported_by is added empty."""
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    for statement in schema.MIGRATIONS[0]:
        conn.execute(schema.render(statement, backend.SQLITE))
    conn.execute(
        "INSERT INTO documents (name, format, path, sha256, src_lang, tgt_lang, imported_at)"
        " VALUES ('a.tsv', 'tsv', 'a.tsv', 'h', 'en', 'zh', 't')"
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with Store.open(db) as s:
        assert s.schema_version == SCHEMA_VERSION
        (doc,) = s.documents()
        assert (doc.name, doc.imported_by) == ("a.tsv", None)


def test_version_two_project_keeps_its_original_bytes_in_their_own_table(tmp_path: Path) -> None:
    """Migration 3 moves the blobs out of ``documents`` (reading a pair's languages must not
    walk the whole file); the bytes of an existing project survive the move."""
    db = tmp_path / "old2.db"
    conn = sqlite3.connect(db)
    for statement in (*schema.MIGRATIONS[0], *schema.MIGRATIONS[1]):
        conn.execute(schema.render(statement, backend.SQLITE))
    conn.execute(
        "INSERT INTO documents (name, format, path, sha256, content, target_content, src_lang,"
        " tgt_lang, imported_at) VALUES ('a.en', 'moses', 'a.en', 'h', ?, ?, 'en', 'zh', 't')",
        (b"Shanxi\n", "山西\n".encode()),
    )
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    with Store.open(db) as s:
        assert s.schema_version == SCHEMA_VERSION
        (doc,) = s.documents()
        assert s.document_content(doc.id) == (b"Shanxi\n", "山西\n".encode())
        columns = {r[1] for r in s._all("PRAGMA table_info(documents)")}
        assert "content" not in columns and "target_content" not in columns


def test_failing_migration_leaves_the_project_at_its_old_version(
    new_db, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store.open(new_db()).close()
    bad = ("CREATE TABLE added (x INTEGER)", "THIS IS NOT SQL")
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, bad))
    monkeypatch.setattr(schema, "SCHEMA_VERSION", len(schema.MIGRATIONS))
    with pytest.raises(StoreError):
        Store.open(new_db())
    monkeypatch.undo()
    with Store.open(new_db()) as s:
        assert s.schema_version == SCHEMA_VERSION
        with pytest.raises(Exception, match="added"):  # the table of the failed migration is gone
            s._one("SELECT COUNT(*) FROM added")


def test_project_from_a_newer_version_is_refused(new_db) -> None:
    with Store.open(new_db()) as s, s.atomic():
        s._set_schema_version(99)
    with pytest.raises(StoreError, match=r"newer transreview \(schema 99"):
        Store.open(new_db())


def test_sqlite_project_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    Store.open(tmp_path / "p.db").close()
    conn = sqlite3.connect(tmp_path / "p.db")
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(StoreError, match="newer transreview"):
        Store.open(tmp_path / "p.db")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_bytes(b"id\tsource\ttarget\n" * 200), "not a transreview project"),
        (lambda p: p.mkdir(), "is a directory"),
    ],
)
def test_unusable_project_paths_raise_store_error(tmp_path: Path, make, message: str) -> None:
    p = tmp_path / "x.db"
    make(p)
    with pytest.raises(StoreError, match=message):
        Store.open(p)


def test_missing_project_without_create(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such project"):
        Store.open(tmp_path / "absent.db", create=False)
    assert not (tmp_path / "absent.db").exists()


def test_missing_project_without_create_on_any_backend(new_db) -> None:
    with pytest.raises(StoreError, match="no such project"):
        Store.open(new_db("absent.db"), create=False)
    with Store.open(new_db("absent.db")) as s:  # and nothing was created by trying
        assert s.documents() == []


# --- transactions --------------------------------------------------------------------------


def test_nested_atomic_rolls_back_only_the_inner_block(new_db) -> None:
    with Store.open(new_db()) as s:
        with s.atomic():
            s.set_meta("outer", "1")
            with pytest.raises(ZeroDivisionError), s.atomic():
                s.set_meta("inner", "1")
                1 / 0  # noqa: B018
            s.set_meta("after", "1")
        assert (s.get_meta("outer"), s.get_meta("inner"), s.get_meta("after")) == ("1", None, "1")


def test_failure_in_outer_block_rolls_back_committed_inner_blocks(new_db) -> None:
    with Store.open(new_db()) as s:
        with pytest.raises(RuntimeError), s.atomic():
            with s.atomic():
                s.set_meta("inner", "1")
            raise RuntimeError("boom")
        assert s.get_meta("inner") is None


def test_writes_outside_atomic_are_refused(new_db) -> None:
    with Store.open(new_db()) as s, pytest.raises(RuntimeError, match="atomic"):
        s._write("INSERT INTO meta (key, value) VALUES ('a', 'b')")


def test_other_connection_sees_only_committed_data(new_db) -> None:
    a, b = Store.open(new_db()), Store.open(new_db())
    try:
        with a.atomic():
            a.set_meta("k", "v")
            assert b.get_meta("k") is None  # WAL: the reader sees the last commit
        assert b.get_meta("k") == "v"
    finally:
        a.close()
        b.close()


# --- documents, pairs, alignment ----------------------------------------------------------


def test_pair_round_trip_keeps_every_field(new_db) -> None:
    pair = Pair(
        "u7", "Jincheng, Shanxi", "晋城，山西", doc="x", index=99, line=12,
        reference="山西晋城", meta={"note": "第一", "props": [1, 2]},
    )
    with Store.open(new_db()) as s:
        with s.atomic():
            doc = _doc(s, "pages.tmx")
            (pid,) = s.add_pairs(doc, [pair])
        got = s.get_pair(pid)
    assert (got.id, got.source, got.target, got.line, got.reference) == (
        "u7", "Jincheng, Shanxi", "晋城，山西", 12, "山西晋城"
    )
    assert got.doc == "pages.tmx" and got.index == 0  # position is the order of arrival
    assert dict(got.meta) == {"note": "第一", "props": [1, 2]}


def test_duplicate_pair_key_in_one_document_is_refused(new_db) -> None:
    with Store.open(new_db()) as s:
        with pytest.raises(DuplicatePairError, match="'a'"), s.atomic():
            doc = _doc(s)
            s.add_pairs(doc, [Pair("a", "x", "y"), Pair("a", "z", "w")])
        assert s.count_pairs() == 0 and s.documents() == []


def test_same_pair_key_in_two_documents_is_fine(new_db) -> None:
    with Store.open(new_db()) as s:
        with s.atomic():
            s.add_pairs(_doc(s, "one"), [Pair("a", "x", "y")])
            s.add_pairs(_doc(s, "two"), [Pair("a", "x", "y")])
        assert s.count_pairs() == 2


def test_alignment_round_trip(new_db) -> None:
    al = SentenceAlignment(
        src_spans=(Span(0, 10), Span(11, 20), Span(21, 30)),
        tgt_spans=(Span(0, 8), Span(8, 15)),
        beads=(Bead((0, 1), (0,)), Bead((2,), (1,)), Bead((), ())),
    )
    with Store.open(new_db()) as s:
        with s.atomic():
            (pid, other) = s.add_pairs(_doc(s), [Pair("a", "x", "y"), Pair("b", "x", "y")])
            s.set_alignment(pid, al)
        assert s.alignment(pid) == al
        assert s.alignment(other) is None


# --- findings and risk ---------------------------------------------------------------------


def test_finding_round_trip_with_span(hand) -> None:
    store, ids = hand
    f = Finding.at(
        "places", "Terminology", CRIT, "陕西 is Shaanxi", side="target",
        text_of_side="晋城是陕西的一个城市。", start=3, end=5, suggestion="山西",
    )
    with store.atomic():
        fid = store.add_finding(ids["c"], f)
    got = store.finding(fid)
    assert got.finding == f and got.finding.text == "陕西"
    assert (got.origin, got.status, got.pair_id) == ("check", "open", ids["c"])


@pytest.mark.parametrize(
    ("key", "risk", "worst", "live"),
    # worst finding's points (weight x 4 while a check's finding is open) + 1 per further
    # finding (at most 3); d has an empty target: the untranslated tier, 1
    [("a", 100, CRIT, 1), ("b", 4, MIN, 1), ("c", 0, None, 0), ("d", 1, MAJ, 1), ("e", 102, CRIT, 3)],
)
def test_risk_weighs_the_worst_finding_not_the_count(hand, key: str, risk: int, worst, live: int) -> None:
    store, ids = hand
    st = store.state(ids[key])
    assert (st.risk, st.max_severity, st.live_findings) == (risk, worst, live)


def test_dismiss_lowers_risk_in_the_same_transaction_and_reopen_restores_it(hand) -> None:
    store, ids = hand
    crit = next(f for f in store.findings(ids["e"]) if f.finding.severity is CRIT)
    store.set_finding_status(crit.id, "dismissed", "alice")
    st = store.state(ids["e"])
    assert (st.risk, st.max_severity, st.live_findings) == (5, MIN, 2)
    store.set_finding_status(crit.id, "confirmed", "alice")  # confirmed counts, fully (x 5)
    assert store.state(ids["e"]).risk == 127
    assert store.finding(crit.id).actor == "alice"


def test_unknown_finding_status_is_refused(hand) -> None:
    store, ids = hand
    fid = store.findings(ids["a"])[0].id
    with pytest.raises(ValueError):
        store.set_finding_status(fid, "maybe", "x")  # type: ignore[arg-type]


# --- corrections and versions -----------------------------------------------------------


def test_record_text_is_conditional_on_the_version(hand) -> None:
    store, ids = hand
    pid = ids["a"]
    v1 = store.record_text(pid, "晋城是山西的一个城市。", kind="save", actor="a", expected_version=0, status="corrected")
    assert v1 == 1
    with pytest.raises(VersionMismatch) as e:
        store.record_text(pid, "别的", kind="save", actor="b", expected_version=0, status="corrected")
    assert e.value.state.version == 1 and e.value.state.current_text == "晋城是山西的一个城市。"
    assert [c.text for c in store.corrections(pid)] == ["晋城是山西的一个城市。"]


# --- the queue -----------------------------------------------------------------------------


def _keys(store: Store, flt: QueueFilter, order: str = "position", offset: int = 0, limit: int = 50) -> list[str]:
    return [r.pair_key for r in store.queue(flt, order, offset, limit)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (QueueFilter(), ["a", "b", "c", "d", "e", "f"]),
        (QueueFilter(min_severity=MIN), ["a", "b", "d", "e", "f"]),
        (QueueFilter(min_severity=MAJ), ["a", "d", "e", "f"]),
        (QueueFilter(min_severity=CRIT), ["a", "e"]),
        (QueueFilter(category="Terminology"), ["a", "e"]),
        (QueueFilter(category="Accuracy"), ["d", "f"]),  # a parent path matches its children
        (QueueFilter(category="Accuracy/Omission"), ["d"]),
        (QueueFilter(category="Accur"), []),  # not a bare prefix of a word
        (QueueFilter(check="punctuation"), ["b", "e"]),
        (QueueFilter(check="numbers"), []),
        (QueueFilter(text="shanxi"), ["a", "c", "e"]),  # case-insensitive, source side
        (QueueFilter(text="陕西"), ["a", "e"]),  # target side
        (QueueFilter(text="100%"), ["f"]),
        (QueueFilter(text="i%y"), []),  # % is literal: as a wildcard it would match "is a city"
        (QueueFilter(text="t_e"), []),  # _ is literal: as a wildcard it would match "the"
        (QueueFilter(text="_thing"), ["f"]),
        (QueueFilter(text="陕%"), []),  # literal in a needle without cased letters too (instr on SQLite)
        (QueueFilter(text="陕_"), []),
        (QueueFilter(text="五台山,陕西"), ["e"]),
        (QueueFilter(statuses=("unreviewed",)), ["a", "b", "c", "d", "e", "f"]),
        (QueueFilter(statuses=("approved",)), []),
        (QueueFilter(min_severity=CRIT, text="wutai"), ["e"]),
    ],
)
def test_queue_filters(hand, flt: QueueFilter, expected: list[str]) -> None:
    store, _ = hand
    assert _keys(store, flt) == expected
    assert store.queue_count(flt) == len(expected)


def test_queue_filters_follow_decisions(hand) -> None:
    store, ids = hand
    crit = next(f for f in store.findings(ids["a"]))
    store.set_finding_status(crit.id, "dismissed", "x")
    store.set_status(ids["b"], "approved", "x")
    assert _keys(store, QueueFilter(min_severity=CRIT)) == ["e"]
    assert _keys(store, QueueFilter(check="places")) == ["e"]  # dismissed findings do not match
    assert _keys(store, QueueFilter(statuses=("approved",))) == ["b"]
    assert _keys(store, QueueFilter(statuses=("unreviewed", "approved")), limit=3) == ["a", "b", "c"]


def test_text_filter_searches_the_corrected_target(hand) -> None:
    store, ids = hand
    store.record_text(ids["a"], "晋城是山西的一个城市。", kind="save", actor="x", expected_version=0, status="corrected")
    assert _keys(store, QueueFilter(text="陕西")) == ["e"]
    assert _keys(store, QueueFilter(text="晋城是山西")) == ["a"]


def test_text_filter_finds_chinese_on_either_side_and_folds_only_cased_letters(new_db) -> None:
    """A Chinese needle is tried on the target first and then on the source (an ordering of
    the OR, the same rows); one with a cased letter keeps the case-insensitive match."""
    with Store.open(new_db()) as store:
        with store.atomic():
            doc = _doc(store)
            store.add_pairs(doc, [
                Pair("both", "See 陕西 on the map", "见地图上的陕西"),
                Pair("source", "陕西省 (Shaanxi)", "Shaanxi Province"),
                Pair("target", "Shaanxi", "陕西省"),
                Pair("none", "Shanxi", "山西"),
            ])
        assert _keys(store, QueueFilter(text="陕西")) == ["both", "source", "target"]
        assert store.queue_count(QueueFilter(text="陕西省")) == 2
        assert _keys(store, QueueFilter(text="陕西省 (shaanxi")) == ["source"]  # cased: folded
        assert _keys(store, QueueFilter(text="SHAANXI")) == ["source", "target"]


def test_risk_order_worst_first_then_reading_order(hand) -> None:
    store, _ = hand
    # risks: a 100, b 4, c 0, d 1 (empty target), e 102, f 20
    assert _keys(store, QueueFilter(), "risk") == ["e", "a", "f", "b", "d", "c"]


@pytest.mark.parametrize(("offset", "limit", "expected"), [(0, 2, ["a", "b"]), (2, 3, ["c", "d", "e"]), (5, 10, ["f"]), (6, 5, [])])
def test_paging(hand, offset: int, limit: int, expected: list[str]) -> None:
    store, _ = hand
    assert _keys(store, QueueFilter(), offset=offset, limit=limit) == expected


def test_unknown_order_or_status_is_refused(hand) -> None:
    store, _ = hand
    with pytest.raises(ValueError):
        store.queue(QueueFilter(), "alphabetical")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        store.queue(QueueFilter(statuses=("done",)))


@pytest.mark.parametrize(
    ("flt", "order", "index"),
    [
        (QueueFilter(), "risk", "pair_state_risk"),
        (QueueFilter(statuses=("unreviewed",)), "risk", "pair_state_status_risk"),
        (QueueFilter(statuses=("flagged",)), "position", "pair_state_status"),
    ],
)
def test_queue_orders_come_from_indexes_not_a_sort(hand_sqlite, flt: QueueFilter, order: str, index: str) -> None:
    store, _ = hand_sqlite
    plan = " ".join(store.explain(*store.queue_sql(flt, order, 0, 50)))  # type: ignore[arg-type]
    assert index in plan
    assert "TEMP B-TREE" not in plan


def test_100k_pairs_pages_come_from_indexes(new_db) -> None:
    """The scale the review UI must handle: every page, even the last, is read through an index.

    How fast a page is belongs to ``benchmarks/bench_review.py`` (first screen, next pair and
    the last page of a 100,000-pair project), not to a unit test: a wall-clock bound here
    failed under CI load (269 ms against 250 on PostgreSQL) while the plan was unchanged. What
    a test can check without a clock is that no page sorts the table.
    """
    s = Store.open(new_db("big.db"))
    n = 100_000
    with s.atomic():
        doc = _doc(s)
        ids = s.add_pairs(doc, (Pair(f"p{i}", f"Sentence {i} about Shanxi.", f"第{i}句。") for i in range(n)))
        for k in range(0, n, 1000):
            s.add_finding(ids[k], Finding("places", "Terminology", CRIT, "m"), refresh=False)
        s.refresh_risk(document_id=doc)
    if s.dialect.name == "postgresql":
        s._execute("ANALYZE")  # what autovacuum does within a minute of a bulk import
    for order in ("position", "risk"):
        for flt in (QueueFilter(), QueueFilter(statuses=("unreviewed",))):
            for offset in (0, n // 2, n - 50):
                rows = s.queue(flt, order, offset, 50)  # type: ignore[arg-type]
                assert len(rows) == 50
                if order == "position":
                    assert rows[0].pair_key == f"p{offset}"
                if s.dialect.name == "postgresql" and offset > 0:
                    # PostgreSQL's planner rightly prefers one sort of the table to 50,000
                    # random index reads for a deep page; the first page must not sort.
                    continue
                plan = " ".join(s.explain(*s.queue_sql(flt, order, offset, 50)))  # type: ignore[arg-type]
                assert "TEMP B-TREE" not in plan and not re.search(r"\bSort\b", plan), plan
    risky = s.queue(QueueFilter(), "risk", 0, 100)
    assert [r.pair_key for r in risky] == [f"p{k}" for k in range(0, n, 1000)]
    assert s.queue(QueueFilter(), "position", n - 50, 50)[-1].pair_key == f"p{n - 1}"
    assert s.queue_count(QueueFilter(min_severity=CRIT)) == 100
    s.close()


def test_document_bytes_from_a_file_are_copied_whole(tmp_path) -> None:
    """A document's original bytes given as a file are copied into the project in 1 MB
    pieces: what comes back is the file, byte for byte, past several pieces."""
    import random

    data = random.Random(3).randbytes((5 << 20) // 2 + 7)  # 2.5 MB and a bit: three pieces
    src, tgt = tmp_path / "a.en", tmp_path / "a.zh"
    src.write_bytes(data)
    tgt.write_bytes(b"\xe4\xb8\x80\n")
    with Store.open(tmp_path / "p.db") as s:
        doc = s.add_document(name="a", format="moses", path="a", sha256="0", content=src,
                             target_content=tgt, src_lang="en", tgt_lang="zh")
        assert s.document_content(doc) == (data, b"\xe4\xb8\x80\n")


def test_a_file_that_grows_while_copied_is_refused(tmp_path, monkeypatch) -> None:
    from transreview.errors import StoreError
    from transreview.store import db as store_db

    src = tmp_path / "a.tsv"
    src.write_bytes(b"x" * 100)
    monkeypatch.setattr(store_db, "_file_size", lambda path: 60)  # sized before it grew
    with Store.open(tmp_path / "p.db") as s:
        with pytest.raises(StoreError, match="changed while it was being imported"):
            s.add_document(name="a", format="tsv", path="a", sha256="0", content=src,
                           src_lang="en", tgt_lang="zh")
        assert s.documents() == []  # nothing of it stored
