"""Who did it: every write of a review session and of an import records its reviewer.

Runs on SQLite and (marked ``postgres``) on PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path

from transreview import project as project_mod
from transreview.model import Finding, Pair, Severity
from transreview.project import import_inputs
from transreview.review import ReviewSession
from transreview.store import Store


def _project(db: Path | str) -> list[int]:
    with Store.open(db) as s, s.atomic():
        doc = s.add_document(
            name="r.tsv", format="tsv", path="r.tsv", sha256="h", content=b"", src_lang="en", tgt_lang="zh"
        )
        ids = s.add_pairs(doc, [Pair("a", "Jincheng is in Shanxi.", "晋城在陕西。"), Pair("b", "Taiyuan.", "太原。")])
        s.add_finding(
            ids[0],
            Finding.at("places", "Terminology", Severity.CRITICAL, "陕西 is Shaanxi", side="target",
                       text_of_side="晋城在陕西。", start=3, end=5, suggestion="山西"),
        )
        s.add_finding(ids[1], Finding("omission", "Accuracy/Omission", Severity.MINOR, "m"))
    return ids


def test_every_decision_of_a_session_carries_its_reviewer(new_db) -> None:
    db = new_db()
    a, b = _project(db)
    with ReviewSession.open(db, "carol") as s:
        places = s.pair(a).findings[0].id
        omission = s.pair(b).findings[0].id
        s.apply_suggestion(places)  # a correction and a confirm
        s.dismiss(omission)
        s.add_finding(b, "target", 0, 2, "Terminology", "major", "note")
        s.add_quick_span(b, "source", 0, 7, "minor")
        s.set_quick_score(b, 80)
        s.flag(b)
        s.save_correction(b, "太原市。", s.pair(b).version)
        s.undo_correction(b)
        s.approve(a)
    with Store.open(db) as st:
        corrections = [c.reviewer for pid in (a, b) for c in st.corrections(pid)]
        assert corrections == ["carol"] * 3  # a: suggestion; b: save, undo
        findings = [(f.origin, f.actor) for pid in (a, b) for f in st.findings(pid)]
        assert findings == [("check", "carol"), ("check", "carol"), ("reviewer", "carol"), ("quick", "carol")]
        assert [st.state(pid).actor for pid in (a, b)] == ["carol", "carol"]
        # nothing anywhere was written without a name
        nameless = st._one(
            "SELECT (SELECT COUNT(*) FROM corrections WHERE reviewer IS NULL)"
            " + (SELECT COUNT(*) FROM findings WHERE status <> 'open' AND actor IS NULL)"
            " + (SELECT COUNT(*) FROM pair_state WHERE updated_at IS NOT NULL AND actor IS NULL)"
        )[0]
        assert nameless == 0


def test_two_reviewers_are_told_apart(new_db) -> None:
    db = new_db()
    a, b = _project(db)
    with ReviewSession.open(db, "dan") as dan, ReviewSession.open(db, "eve") as eve:
        dan.approve(a)
        eve.save_correction(b, "太原市。", 0)
        dan.save_correction(b, "山西太原。", 1)
    with Store.open(db) as st:
        assert (st.state(a).actor, st.state(b).actor) == ("dan", "dan")
        assert [(c.reviewer, c.text) for c in st.corrections(b)] == [("eve", "太原市。"), ("dan", "山西太原。")]


def test_session_without_a_name_is_the_system_user(new_db, monkeypatch) -> None:
    monkeypatch.setattr(project_mod, "default_reviewer", lambda: "sysuser")
    db = new_db()
    a, _ = _project(db)
    with ReviewSession.open(db) as s:
        assert s.reviewer == "sysuser"
        s.approve(a)
    with Store.open(db) as st:
        assert st.state(a).actor == "sysuser"


def test_remembered_dismissals_of_a_reimport_are_the_importers(tmp_path: Path, new_db) -> None:
    db = new_db()
    src = tmp_path / "a.tsv"
    src.write_text("id\tsource\ttarget\nx\tJincheng is a city in Shanxi.\t晋城是陕西的一个城市。\n", encoding="utf-8")
    import_inputs(inputs=[src], db=db, reviewer="fay", check_names=["places"])
    with ReviewSession.open(db, "gus") as s:
        (doc,) = s.documents()
        assert doc.imported_by == "fay"
        pid = next(pid for pid, _ in s.store.iter_pairs(doc.id))
        s.dismiss(s.pair(pid).findings[0].id)
    src.write_text(src.read_text(encoding="utf-8") + "y\tTaiyuan.\t太原。\n", encoding="utf-8")
    import_inputs(inputs=[src], db=db, reviewer="hal", check_names=["places"])
    with Store.open(db) as st:
        new = st.documents()[-1]
        assert new.imported_by == "hal"
        (pid, _), *_ = st.iter_pairs(new.id)
        assert [(f.status, f.actor) for f in st.findings(pid)] == [("dismissed", "hal")]
