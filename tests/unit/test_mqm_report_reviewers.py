"""The MQM report split by reviewer: two reviewers (alice, bob) review the Shanxi page.

Every expected figure below is worked out by hand from the decisions :func:`team_review`
makes (see the comments there), not read back from the code. The scenario also runs
on PostgreSQL (``new_db``), since the split is one SQL query of the store.
"""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest

from transreview.model import Pair
from transreview.mqm.model import ReviewerTally, build_mqm_report, merge_tallies
from transreview.mqm.write import write_mqm_report
from transreview.project import import_inputs
from transreview.records import QueueFilter
from transreview.review import ReviewSession
from transreview.store import Store

ROOT = Path(__file__).resolve().parents[2]
SHANXI = ROOT / "corpora" / "jhcga-shanxi-2016.txt"

# The pairs of the page (p1..p13): p4, p5, p6, p8, p9 have a Chinese target, the others
# are English paragraphs without counterpart (empty target, one omission finding each).
ALICE = ReviewerTally("alice", corrected=1, approved=1, added=2, added_points=30, confirmed=4, dismissed=0)
BOB = ReviewerTally("bob", corrected=4, approved=2, added=1, added_points=0, confirmed=1, dismissed=1)


def team_review(db: Path | str) -> None:
    """Import the page as carol, then alice and bob take turns; the tallies are ALICE and BOB."""
    import_inputs(inputs=[SHANXI], db=db, reviewer="carol")  # an import decides nothing
    with ReviewSession.open(db, "alice") as alice, ReviewSession.open(db, "bob") as bob:
        rows = {r.pair_key: r.pair_id for r in alice.queue_page(0, 100)}

        def fid(key: str, check: str, text: str | None = None) -> int:
            return next(
                f.id for f in alice.pair(rows[key]).findings
                if f.finding.check == check and (text is None or f.finding.text == text)
            )

        # p4: alice fixes 陕西 (a correction + a confirmed check finding), bob then approves
        alice.apply_suggestion(fid("p4", "places", "陕西"))  # alice: corrected p4, confirmed 1
        bob.approve(rows["p4"])  # bob: approved p4 (the text stays alice's correction)
        # p5: bob dismisses the repetition false alarm and fixes 金城
        bob.dismiss(fid("p5", "repetition"))  # bob: dismissed 1
        bob.apply_suggestion(fid("p5", "places", "金城"))  # bob: corrected p5, confirmed 1
        # p6: alice approves and confirms a punctuation finding; bob marks a quick span
        # that alice dismisses (his finding, no longer counted: 0 points; not a check finding)
        alice.approve(rows["p6"])  # alice: approved p6
        alice.confirm(fid("p6", "punctuation"))  # alice: confirmed 2
        quick = bob.add_quick_span(rows["p6"], "target", 0, 2, "minor")  # bob: added 1
        alice.dismiss(quick.id)
        # p8: bob approves, confirms a finding that alice reopens (nobody's in the end)
        bob.approve(rows["p8"])  # bob: approved p8
        p8_punct = fid("p8", "punctuation")
        bob.confirm(p8_punct)
        alice.reopen(p8_punct)
        # p9: alice adds a major finding (5 points), bob writes the correction
        v = alice.pair(rows["p9"])
        i = v.pair.target.index("字母")
        alice.add_finding(rows["p9"], "target", i, i + 2, "Accuracy/Mistranslation", "major",
                          "letters of interest: 意向书")  # alice: added 1, 5 points
        bob.save_correction(rows["p9"], v.pair.target.replace("字母", "意向书"), v.version)  # bob: p9
        # p7: alice translates, bob rewrites her translation: the text is bob's
        alice.save_correction(rows["p7"], "这是爱丽丝的译文。", alice.pair(rows["p7"]).version)
        bob.save_correction(rows["p7"], "这是鲍勃的译文。", bob.pair(rows["p7"]).version)  # bob: p7
        # p10: alice translates and undoes it: back to the original, nobody's correction
        alice.save_correction(rows["p10"], "草稿。", alice.pair(rows["p10"]).version)
        alice.undo_correction(rows["p10"])
        # p11: alice saves, bob saves, bob undoes: alice's text again, but by bob's undo
        alice.save_correction(rows["p11"], "甲。", alice.pair(rows["p11"]).version)
        bob.save_correction(rows["p11"], "乙。", bob.pair(rows["p11"]).version)
        bob.undo_correction(rows["p11"])  # bob: p11 (the last correction entry is his)
        # p12: alice marks the whole untranslated paragraph as a critical omission (25 points)
        alice.add_finding(rows["p12"], "source", None, None, "Accuracy/Omission", "critical")
    # alice: corrected p4 = 1; approved p6 = 1; added 2 (5 + 25 = 30 points); confirmed 4:
    # p4's 陕西 and p6's comma, and the omission findings of p7 and p10, closed by her typing a
    # translation into those empty paragraphs (the re-check no longer finds them)
    # bob: corrected p5 p7 p9 p11 = 4; approved p4 p8 = 2; added 1 (0 points); confirmed 1,
    # dismissed 1


@pytest.fixture(scope="module")
def team(tmp_path_factory) -> Path:
    """The team review plus a second, small document: alice approves a pair, bob corrects one."""
    folder = tmp_path_factory.mktemp("team")
    db = folder / "team.db"
    team_review(db)
    tsv = folder / "small.tsv"
    tsv.write_text("source\ttarget\nGood morning.\t早上好。\nShanxi coal.\t陕西煤炭。\n", encoding="utf-8")
    import_inputs(inputs=[tsv], db=db, reviewer="carol")
    with ReviewSession.open(db, "alice") as alice, ReviewSession.open(db, "bob") as bob:
        doc = next(d.id for d in alice.documents() if d.name == "small.tsv")
        first, second = (r.pair_id for r in alice.queue_page(0, 10, filters=QueueFilter(document_id=doc)))
        alice.approve(first)
        bob.save_correction(second, "山西煤炭。", bob.pair(second).version)
    return db


# --- the store query, on both backends --------------------------------------------------------


def test_store_splits_the_decisions_by_reviewer(new_db) -> None:
    db = new_db()
    team_review(db)
    with Store.open(db) as st:
        (doc,) = st.documents()
        assert st.reviewer_tallies(doc.id) == [ALICE, BOB]  # carol, the importer, decided nothing


def test_store_tallies_of_unnamed_decisions_and_of_an_untouched_document(new_db) -> None:
    with Store.open(new_db()) as st:
        with st.atomic():
            doc = st.add_document(name="h.tsv", format="tsv", path="h.tsv", sha256="h", content=b"",
                                  src_lang="en", tgt_lang="zh")
            a, b, c = st.add_pairs(doc, [Pair("a", "A.", "甲。"), Pair("b", "B.", "乙。"), Pair("c", "C.", "丙。")])
            other = st.add_document(name="o.tsv", format="tsv", path="o.tsv", sha256="o", content=b"",
                                    src_lang="en", tgt_lang="zh")
            st.add_pairs(other, [Pair("a", "A.", "甲。")])
        assert st.reviewer_tallies(doc) == []
        st.set_status(a, "approved", None)  # an old project's decision without a name
        st.set_status(b, "approved", "zoe")
        st.record_text(c, "丙!", kind="save", actor="zoe", expected_version=None, status="corrected")
        st.record_text(c, "丙。", kind="save", actor="al", expected_version=None, status="corrected")
        # c is back to its original text: nobody's correction
        assert st.reviewer_tallies(doc) == [
            ReviewerTally("zoe", approved=1), ReviewerTally(None, approved=1)
        ]
        assert st.reviewer_tallies(other) == []


# --- the report figures -------------------------------------------------------------------------


def test_document_and_project_split(team) -> None:
    report = build_mqm_report(team)
    shanxi, small = report.documents
    assert shanxi.name == "jhcga-shanxi-2016.txt" and small.name == "small.tsv"
    assert shanxi.reviewers == (ALICE, BOB)
    assert small.reviewers == (ReviewerTally("alice", approved=1), ReviewerTally("bob", corrected=1))
    # the project: the two documents added up
    assert report.reviewers == (
        ReviewerTally("alice", corrected=1, approved=2, added=2, added_points=30, confirmed=4),
        ReviewerTally("bob", corrected=5, approved=2, added=1, added_points=0, confirmed=1, dismissed=1),
    )


def test_split_adds_up_to_the_document_figures(team) -> None:
    shanxi, _ = build_mqm_report(team).documents
    # corrected pairs p4 p5 p7 p9 p11; approved p4 p6 p8 (p4 is both: alice's text, bob's approval)
    assert shanxi.corrected == 5 == sum(t.corrected for t in shanxi.reviewers)
    approved = [i for i in shanxi.items if i.status == "approved"]
    assert sorted(i.key for i in approved) == ["p4", "p6", "p8"]
    # the penalty: import 1 critical, 9 major, 31 minor = 101; -1 repetition dismissed;
    # +5 (alice's major) + 25 (alice's critical); bob's quick span is dismissed: 130
    assert shanxi.penalty == 130 == 101 - 1 + sum(t.added_points for t in shanxi.reviewers)


def test_merge_tallies_sums_per_reviewer() -> None:
    merged = merge_tallies([
        (ReviewerTally("b", corrected=1), ReviewerTally(None, approved=2)),
        (ReviewerTally("a", added=1, added_points=5), ReviewerTally("b", dismissed=3)),
    ])
    assert merged == (
        ReviewerTally("a", added=1, added_points=5),
        ReviewerTally("b", corrected=1, dismissed=3),
        ReviewerTally(None, approved=2),
    )


# --- the three formats ------------------------------------------------------------------------


def _table(table: lxml.html.HtmlElement) -> list[list[str]]:
    return [[c.text_content() for c in tr] for tr in table.xpath(".//tr")]


def test_html_reviewer_tables(team, tmp_path) -> None:
    out = tmp_path / "r.html"
    write_mqm_report(team, output=out)
    page = lxml.html.fromstring(out.read_bytes())
    (project_table,) = page.xpath("//section[@class='team']//table")
    rows = _table(project_table)
    assert rows[0] == ["reviewer", "pairs corrected", "pairs approved", "findings added",
                       "their penalty points", "check findings confirmed", "check findings dismissed"]
    assert rows[1:] == [["alice", "1", "2", "2", "30", "4", "0"], ["bob", "5", "2", "1", "0", "1", "1"]]
    shanxi, small = page.xpath("//section[@class='doc']")
    (t1,) = shanxi.xpath(".//table[contains(@class,'reviewers')]")
    assert _table(t1)[1:] == [["alice", "1", "1", "2", "30", "4", "0"], ["bob", "4", "2", "1", "0", "1", "1"]]
    (t2,) = small.xpath(".//table[contains(@class,'reviewers')]")
    assert _table(t2)[1:] == [["alice", "0", "1", "0", "0", "0", "0"], ["bob", "1", "0", "0", "0", "0", "0"]]
    assert page.xpath("//script") == [] and page.xpath("//link") == []


def test_html_reviewer_names_are_escaped_and_no_decision_is_said(tmp_path) -> None:
    db = tmp_path / "x.db"
    with Store.open(db) as st:
        with st.atomic():
            doc = st.add_document(name="x.tsv", format="tsv", path="x", sha256="h", content=b"",
                                  src_lang="en", tgt_lang="zh")
            a, b = st.add_pairs(doc, [Pair("a", "A.", "甲。"), Pair("b", "B.", "乙。")])
            other = st.add_document(name="y.tsv", format="tsv", path="y", sha256="y", content=b"",
                                    src_lang="en", tgt_lang="zh")
            st.add_pairs(other, [Pair("a", "A.", "甲。")])
        st.set_status(a, "approved", "<script>alert(1)</script>")
        st.set_status(b, "approved", None)
    out = tmp_path / "x.html"
    write_mqm_report(db, output=out)
    raw = out.read_text(encoding="utf-8")
    page = lxml.html.fromstring(raw)
    assert page.xpath("//script") == [] and "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    x, y = page.xpath("//section[@class='doc']")
    names = [r[0] for r in _table(x.xpath(".//table[contains(@class,'reviewers')]")[0])[1:]]
    assert names == ["<script>alert(1)</script>", "(not recorded)"]
    assert y.xpath(".//table[contains(@class,'reviewers')]") == []
    assert "No review decisions yet." in y.text_content()


def test_json_reviewers(team, tmp_path) -> None:
    out = tmp_path / "r.json"
    write_mqm_report(team, output=out, fmt="json")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["reviewers"][1] == {
        "reviewer": "bob", "corrected": 5, "approved": 2, "added": 1, "added_points": 0,
        "confirmed": 1, "dismissed": 1,
    }
    shanxi = data["documents"][0]
    assert [r["reviewer"] for r in shanxi["reviewers"]] == ["alice", "bob"]
    assert shanxi["reviewers"][0]["added_points"] == 30 and shanxi["reviewers"][0]["approved"] == 1


def test_markdown_reviewers(team, tmp_path) -> None:
    out = tmp_path / "r.md"
    write_mqm_report(team, output=out, fmt="md")
    lines = out.read_text(encoding="utf-8").splitlines()
    header = ("| reviewer | pairs corrected | pairs approved | findings added | their penalty points "
              "| check findings confirmed | check findings dismissed |")
    starts = [i for i, line in enumerate(lines) if line == header]
    assert len(starts) == 3  # the project, then each of the two documents
    project, shanxi, small = ([lines[i + 2], lines[i + 3]] for i in starts)
    assert lines[starts[0] - 2] == "### By reviewer, all documents"
    assert project == ["| alice | 1 | 2 | 2 | 30 | 4 | 0 |", "| bob | 5 | 2 | 1 | 0 | 1 | 1 |"]
    assert shanxi == ["| alice | 1 | 1 | 2 | 30 | 4 | 0 |", "| bob | 4 | 2 | 1 | 0 | 1 | 1 |"]
    assert small == ["| alice | 0 | 1 | 0 | 0 | 0 | 0 |", "| bob | 1 | 0 | 0 | 0 | 0 | 0 |"]


def test_one_document_has_no_separate_project_table(tmp_path) -> None:
    db = tmp_path / "one.db"
    with Store.open(db) as st:
        with st.atomic():
            doc = st.add_document(name="one.tsv", format="tsv", path="one", sha256="h", content=b"",
                                  src_lang="en", tgt_lang="zh")
            (a,) = st.add_pairs(doc, [Pair("a", "A.", "甲。")])
        st.set_status(a, "approved", "zoe")
    report = build_mqm_report(db)
    assert report.reviewers == report.documents[0].reviewers == (ReviewerTally("zoe", approved=1),)
    page = lxml.html.fromstring(write_report_text(db, tmp_path / "one.html", "html"))
    assert page.xpath("//section[@class='team']") == []
    assert _table(page.xpath("//table[contains(@class,'reviewers')]")[0])[1:] == [["zoe", "0", "1", "0", "0", "0", "0"]]
    md = write_report_text(db, tmp_path / "one.md", "md")
    assert "### By reviewer, all documents" not in md
    assert md.count("| zoe | 0 | 1 | 0 | 0 | 0 | 0 |") == 1


def write_report_text(db: Path, out: Path, fmt: str) -> str:
    write_mqm_report(db, output=out, fmt=fmt)
    return out.read_text(encoding="utf-8")
