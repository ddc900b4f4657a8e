"""Fix-all (issue 15): a glossary term with a suggestion fixed across a document in one step,
spans found on the imported text still landing after an earlier correction moved the text,
ordinary corrections, undone as a whole; on both backends."""

from __future__ import annotations

import pytest

from transreview.errors import ConflictError
from transreview.model import Finding, Pair, Severity
from transreview.review import ReviewError, ReviewSession
from transreview.store import Store

# Hand-made sentences: the glossary says "Expo" is 博览会, the translation wrote 世博会.
A_TGT = "参加中国国际能源产业世博会，并在世博会上发言。"
B_TGT = "太原的世博会很大。"
C_TGT = "世博会结束了。"
OTHER = "山西省。"


def _glossary(text: str, start: int) -> Finding:
    return Finding.at("glossary", "Terminology", Severity.MAJOR, "glossary: Expo is 博览会", side="target",
                      text_of_side=text, start=start, end=start + 3, suggestion="博览会")


@pytest.fixture()
def project(new_db):
    db = new_db()
    with Store.open(db) as s, s.atomic():
        doc = s.add_document(name="a.tsv", format="tsv", path="a.tsv", sha256="a", content=b"",
                             src_lang="en", tgt_lang="zh")
        a, b, c, o = s.add_pairs(doc, [Pair("a", "the Expo, at the Expo", A_TGT), Pair("b", "the Expo", B_TGT),
                                       Pair("c", "the Expo ended", C_TGT), Pair("o", "Shanxi", OTHER)])
        s.add_finding(a, _glossary(A_TGT, 10))
        s.add_finding(a, _glossary(A_TGT, 16))
        s.add_finding(b, _glossary(B_TGT, 3))
        s.add_finding(c, _glossary(C_TGT, 0))
        # another document's finding is not part of this document's fix-all
        doc2 = s.add_document(name="b.tsv", format="tsv", path="b.tsv", sha256="b", content=b"",
                              src_lang="en", tgt_lang="zh")
        (d,) = s.add_pairs(doc2, [Pair("d", "the Expo", B_TGT)])
        s.add_finding(d, _glossary(B_TGT, 3))
    return db, {"a": a, "b": b, "c": c, "d": d}


def _first(s: ReviewSession, pid: int) -> int:
    return s.pair(pid).findings[0].id


def test_fix_all_plans_every_like_finding_of_the_document_and_applies_them(project) -> None:
    db, ids = project
    with ReviewSession.open(db, "alice") as s:
        # an earlier correction in front of the spans shifts them by two characters
        s.save_correction(ids["a"], "我们" + A_TGT, 0)
        # and pair c was edited so that its 世博会 is gone: nothing to fix there
        s.save_correction(ids["c"], "展会结束了。", 0)
        plans = s.plan_fix_all(_first(s, ids["a"]))
        assert [(p.pair_id, p.after) for p in plans] == [
            (ids["a"], "我们参加中国国际能源产业博览会，并在博览会上发言。"),
            (ids["b"], "太原的博览会很大。"),
        ]
        assert s.pair(ids["b"]).current_target == B_TGT  # a plan writes nothing
        assert s.fix_all(plans) == 3
        assert s.pair(ids["b"]).current_target == "太原的博览会很大。"
        assert {f.status for pid in ("a", "b") for f in s.pair(ids[pid]).findings} == {"confirmed"}
        assert s.pair(ids["d"]).current_target == B_TGT  # the other document is untouched
        assert [c.kind for c in s.history(ids["b"])] == ["save"]
        assert s.undo_fix_all(plans) == 2
        assert s.pair(ids["a"]).current_target == "我们" + A_TGT and s.pair(ids["b"]).current_target == B_TGT
        assert {f.status for pid in ("a", "b") for f in s.pair(ids[pid]).findings} == {"open"}


def test_a_stale_plan_writes_nothing(project) -> None:
    db, ids = project
    with ReviewSession.open(db, "alice") as s, ReviewSession.open(db, "bob") as bob:
        plans = s.plan_fix_all(_first(s, ids["b"]))
        bob.save_correction(ids["c"], "展会结束了。", 0)  # bob changes one of the pairs meanwhile
        with pytest.raises(ConflictError):
            s.fix_all(plans)
        assert s.pair(ids["a"]).current_target == A_TGT and s.pair(ids["b"]).current_target == B_TGT


def test_fix_all_needs_a_suggested_span(project) -> None:
    db, ids = project
    with ReviewSession.open(db, "alice") as s:
        mine = s.add_finding(ids["b"], "target", 0, 2, "Style", "minor", "no suggestion")
        with pytest.raises(ReviewError, match="suggestion"):
            s.plan_fix_all(mine.id)
