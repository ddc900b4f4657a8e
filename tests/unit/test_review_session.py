"""ReviewSession: decisions, corrections with history and undo, conflicts, MQM, crash safety.

Tests on ``project``/``session``/``new_db`` run on SQLite and (marked ``postgres``) on
PostgreSQL; see conftest.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from transreview.errors import ConflictError, StoreError
from transreview.model import Finding, Pair, Severity
from transreview.project import import_inputs
from transreview.review import QueueFilter, ReviewError, ReviewSession, count_source_words
from transreview.store import Store

ROOT = Path(__file__).resolve().parents[2]
SHANXI = ROOT / "corpora" / "jhcga-shanxi-2016.txt"
CRIT, MAJ, MIN = Severity.CRITICAL, Severity.MAJOR, Severity.MINOR

# Sentences cut from the seed page's text (the page's own pairs are paragraphs).
JC_SRC = "Jincheng is a city in Shanxi."
JC_TGT = "晋城是陕西的一个城市。"
EXPO_SRC = "JHCGA traveled to Taiyuan, Shanxi from September 3 – 11."
EXPO_TGT = "JHCGA前往山西太原,从9月3日至11日。"
WUTAI_SRC = "JHCGA met with the leadership of Wutai Shan."
WUTAI_TGT = "JHCGA会见了五台山的领导。"


def _build(db: Path) -> dict[str, int]:
    """A project of three hand-made pairs with check findings; pair ids by key."""
    with Store.open(db) as s, s.atomic():
        doc = s.add_document(
            name="seed.tsv", format="tsv", path="seed.tsv", sha256="h", content=b"",
            src_lang="en", tgt_lang="zh",
        )
        ids = s.add_pairs(doc, [Pair("jc", JC_SRC, JC_TGT), Pair("expo", EXPO_SRC, EXPO_TGT), Pair("wutai", WUTAI_SRC, WUTAI_TGT)])
        s.add_finding(
            ids[0],
            Finding.at("places", "Terminology", CRIT, "陕西 is Shaanxi", side="target",
                       text_of_side=JC_TGT, start=3, end=5, suggestion="山西"),
        )
        s.add_finding(
            ids[1],
            Finding.at("punctuation", "Fluency/Punctuation", MIN, "half-width comma", side="target",
                       text_of_side=EXPO_TGT, start=11, end=12, suggestion="，"),
        )
        s.add_finding(ids[1], Finding("omission", "Accuracy/Omission", MAJ, "whole pair"))
    return {"jc": ids[0], "expo": ids[1], "wutai": ids[2]}


@pytest.fixture()
def project(new_db) -> tuple[Path | str, dict[str, int]]:
    db = new_db()
    return db, _build(db)


@pytest.fixture()
def session(project):
    db, ids = project
    with ReviewSession.open(db, "alice") as s:
        yield s, ids


def _finding(s: ReviewSession, pid: int, check: str) -> int:
    return next(f.id for f in s.pair(pid).findings if f.finding.check == check)


# --- reading -------------------------------------------------------------------------------


def test_pair_view_shows_everything(session) -> None:
    s, ids = session
    v = s.pair(ids["jc"])
    assert v.pair.source == JC_SRC and v.current_target == JC_TGT and not v.corrected
    assert (v.status, v.version, v.risk, v.quick_score) == ("unreviewed", 0, 100, None)
    assert [f.finding.text for f in v.findings] == ["陕西"]


def test_queue_through_the_session(session) -> None:
    s, ids = session
    assert [r.pair_key for r in s.queue_page(0, 10, order="risk")] == ["jc", "expo", "wutai"]
    assert [r.pair_key for r in s.queue_page(1, 1)] == ["expo"]
    assert s.queue_count(QueueFilter(min_severity=MAJ)) == 2
    assert s.queue_count() == 3


# --- finding decisions persist --------------------------------------------------------------


def test_confirm_and_dismiss_survive_reopening(project) -> None:
    db, ids = project
    with ReviewSession.open(db, "alice") as s:
        crit = _finding(s, ids["jc"], "places")
        punct = _finding(s, ids["expo"], "punctuation")
        s.confirm(crit)
        s.dismiss(punct)
    with ReviewSession.open(db, "bob") as s:
        by_id = {f.id: f for v in (s.pair(ids["jc"]), s.pair(ids["expo"])) for f in v.findings}
        assert (by_id[crit].status, by_id[crit].actor) == ("confirmed", "alice")
        assert (by_id[punct].status, by_id[punct].actor) == ("dismissed", "alice")
        assert s.pair(ids["expo"]).risk == 20  # the dismissed minor no longer counts
        s.reopen(punct)
        assert s.pair(ids["expo"]).risk == 21


# --- suggestions ---------------------------------------------------------------------------


def test_apply_suggestion_corrects_saves_and_confirms(session) -> None:
    s, ids = session
    fid = _finding(s, ids["jc"], "places")
    assert s.apply_suggestion(fid) == "晋城是山西的一个城市。"
    v = s.pair(ids["jc"])
    assert v.current_target == "晋城是山西的一个城市。" and v.status == "corrected" and v.version == 1
    assert [(c.kind, c.text, c.reviewer) for c in s.history(ids["jc"])] == [("save", "晋城是山西的一个城市。", "alice")]
    assert next(f for f in v.findings if f.id == fid).status == "confirmed"


def test_apply_suggestion_follows_the_text_after_an_earlier_edit(session) -> None:
    s, ids = session
    s.save_correction(ids["expo"], "JHCGA一行前往山西太原,从9月3日至11日。", 0)  # shifts the comma by 2
    fid = _finding(s, ids["expo"], "punctuation")
    assert s.apply_suggestion(fid) == "JHCGA一行前往山西太原，从9月3日至11日。"


@pytest.mark.parametrize(
    ("edit", "check", "message"),
    [
        ("JHCGA一行前往山西太原,从9月3日,至11日。", "punctuation", "not found once"),  # moved, twice
        ("JHCGA前往山西太原。", "punctuation", "not found once"),  # the comma is gone
        (None, "omission", "no suggestion"),
    ],
)
def test_apply_suggestion_refuses_what_it_cannot_place(session, edit, check, message) -> None:
    s, ids = session
    if edit is not None:
        s.save_correction(ids["expo"], edit, 0)
    before = s.pair(ids["expo"])
    with pytest.raises(ReviewError, match=message):
        s.apply_suggestion(_finding(s, ids["expo"], check))
    after = s.pair(ids["expo"])
    assert (after.current_target, after.version) == (before.current_target, before.version)


# --- reviewer findings and quick annotation ------------------------------------------------


@pytest.mark.parametrize(
    ("args", "ok"),
    [
        (("target", 3, 5, "Terminology", "critical"), True),
        (("source", 0, 8, "Accuracy/Omission", "major"), True),  # omission: on the source
        (("target", None, None, "Fluency", MIN), True),  # whole pair
        (("target", 0, 2, "Accuracy/Omission", "major"), False),  # omission on the target
        (("target", 3, 5, "Grammar", "minor"), False),  # not an MQM path
        (("target", 3, 5, "Terminology", "blocker"), False),
        (("target", 5, 3, "Terminology", "minor"), False),
        (("target", 4, 4, "Terminology", "minor"), False),  # empty span
        (("target", 0, 12, "Terminology", "minor"), False),  # past the end (11 chars)
        (("target", 3, None, "Terminology", "minor"), False),
        (("middle", 0, 1, "Terminology", "minor"), False),
    ],
)
def test_add_finding_validates(session, args, ok: bool) -> None:
    s, ids = session
    pid = ids["jc"]
    if not ok:
        with pytest.raises(ReviewError):
            s.add_finding(pid, *args, note="n")
        assert len(s.pair(pid).findings) == 1
        return
    sf = s.add_finding(pid, *args, note="n")
    side, start, end = args[0], args[1], args[2]
    text = JC_SRC if side == "source" else JC_TGT
    assert (sf.origin, sf.status, sf.actor, sf.finding.check) == ("reviewer", "confirmed", "alice", "alice")
    assert sf.finding.text == (None if start is None else text[start:end])
    assert sf in s.pair(pid).findings


def test_quick_span_and_score(session) -> None:
    s, ids = session
    pid = ids["wutai"]
    sf = s.add_quick_span(pid, "target", 8, 11, "major")
    assert (sf.origin, sf.finding.text, sf.finding.severity) == ("quick", "五台山", MAJ)
    assert s.pair(pid).risk == 25  # a person's major: weight 5 x confidence 5
    s.set_quick_score(pid, 70)
    assert s.pair(pid).quick_score == 70
    s.set_quick_score(pid, None)
    assert s.pair(pid).quick_score is None


@pytest.mark.parametrize("bad", [-1, 101, 50.5, True, "80"])
def test_quick_score_range(session, bad) -> None:
    s, ids = session
    with pytest.raises(ReviewError):
        s.set_quick_score(ids["wutai"], bad)


@pytest.mark.parametrize("good", [0, 100])
def test_quick_score_bounds_are_allowed(session, good: int) -> None:
    s, ids = session
    s.set_quick_score(ids["wutai"], good)
    assert s.pair(ids["wutai"]).quick_score == good


# --- corrections: history, undo, conflicts -------------------------------------------------


def test_history_is_append_only_and_undo_restores(session) -> None:
    s, ids = session
    pid = ids["jc"]
    a, b = "晋城是山西的一个城市。", "晋城是山西省的一个地级市。"
    assert s.save_correction(pid, a, 0) == 1
    assert s.save_correction(pid, b, 1) == 2
    assert s.undo_correction(pid) == a
    assert s.pair(pid).current_target == a and s.pair(pid).status == "corrected"
    assert s.undo_correction(pid) == JC_TGT
    v = s.pair(pid)
    assert (v.current_target, v.status, v.version, v.corrected) == (JC_TGT, "unreviewed", 4, False)
    assert [(c.kind, c.text) for c in s.history(pid)] == [("save", a), ("save", b), ("undo", a), ("undo", JC_TGT)]
    with pytest.raises(ReviewError, match="nothing to undo"):
        s.undo_correction(pid)
    assert len(s.history(pid)) == 4


def test_saving_the_current_text_writes_nothing(session) -> None:
    s, ids = session
    assert s.save_correction(ids["jc"], JC_TGT, 0) == 0
    assert s.history(ids["jc"]) == []


def test_two_sessions_on_one_file_conflict(project) -> None:
    db, ids = project
    pid = ids["jc"]
    with ReviewSession.open(db, "alice") as alice, ReviewSession.open(db, "bob") as bob:
        seen_by_alice = alice.pair(pid).version
        seen_by_bob = bob.pair(pid).version
        bob.save_correction(pid, "晋城是山西的一个城市。", seen_by_bob)
        with pytest.raises(ConflictError) as e:
            alice.save_correction(pid, "晋城市是山西的城市。", seen_by_alice)
        err = e.value
        assert (err.mine, err.theirs, err.theirs_by, err.version) == (
            "晋城市是山西的城市。", "晋城是山西的一个城市。", "bob", 1,
        )
        assert alice.pair(pid).current_target == "晋城是山西的一个城市。"  # bob's words kept
        # having seen bob's version, alice can save
        assert alice.save_correction(pid, "晋城市是山西的城市。", alice.pair(pid).version) == 2
        assert [c.reviewer for c in bob.history(pid)] == ["bob", "alice"]


def test_same_words_from_two_reviewers_are_not_a_conflict(project) -> None:
    db, ids = project
    with ReviewSession.open(db, "alice") as alice, ReviewSession.open(db, "bob") as bob:
        bob.save_correction(ids["jc"], "晋城是山西的一个城市。", 0)
        assert alice.save_correction(ids["jc"], "晋城是山西的一个城市。", 0) == 1


# --- status, navigation, progress ---------------------------------------------------------


def test_approve_flag_next_and_progress(session) -> None:
    s, ids = session
    jc, expo, wutai = ids["jc"], ids["expo"], ids["wutai"]
    assert s.progress() == (0, 3)
    assert s.next_pair(None) == jc
    s.approve(jc)
    s.flag(expo)
    assert s.next_pair(jc) == wutai
    assert s.next_pair(wutai) == wutai  # wraps round: it is the only unreviewed pair left
    assert s.next_pair(wutai, "flagged") == expo  # wraps round to the start
    s.save_correction(wutai, "JHCGA会见了五台山领导层。", 0)
    assert s.progress() == (2, 3)  # approved + corrected; flagged is not reviewed
    assert s.next_pair(None) is None
    s.flag(expo, on=False)
    assert s.pair(expo).status == "unreviewed"
    with pytest.raises(ReviewError):
        s.next_pair(None, "approved")  # type: ignore[arg-type]


def test_unknown_ids_are_store_errors(session) -> None:
    s, _ = session
    with pytest.raises(StoreError):
        s.pair(999)
    with pytest.raises(StoreError):
        s.confirm(999)
    with pytest.raises(StoreError):
        s.approve(999)


# --- MQM ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "words"),
    [
        ("Jincheng is a city in Shanxi.", "en", 6),
        ("JHCGA's carbon-intensive economies, 2016-2017.", "en", 4),
        ("September 3 – 11", "en", 3),
        ("", "en", 0),
        ("晋城是山西的一个城市。", "zh", 6),  # 晋城/是/山西/的/一个/城市; 。 is not a word
        ("，。！", "zh", 0),
    ],
)
def test_count_source_words(text: str, lang: str, words: int) -> None:
    assert count_source_words(text, lang) == words


def test_mqm_score_per_thousand_words(session) -> None:
    s, ids = session
    # source words by hand: jc 6; expo 9 (JHCGA traveled to Taiyuan Shanxi from September 3 11;
    # the dash is not a word); wutai 8 (JHCGA met with the leadership of Wutai Shan): 23
    doc = s.documents()[0].id
    assert s.mqm_score(doc) == pytest.approx((25 + 1 + 5) * 1000 / 23)
    s.dismiss(_finding(s, ids["expo"], "punctuation"))  # -1
    s.confirm(_finding(s, ids["jc"], "places"))  # still counts
    s.add_finding(ids["wutai"], "target", 5, 8, "Terminology", "major")  # +5
    s.add_quick_span(ids["wutai"], "target", 0, 5, "minor")  # +1
    assert s.mqm_score(doc) == pytest.approx((25 + 5 + 5 + 1) * 1000 / 23)


def test_mqm_score_on_the_real_page(new_db) -> None:
    import_inputs(inputs=[SHANXI], db=new_db())
    with ReviewSession.open(new_db(), "alice") as s:
        doc = s.documents()[0].id
        with Store.open(new_db()) as st:
            penalty = st.penalty(doc)
        assert penalty > 0
        assert s.mqm_score(doc) == pytest.approx(penalty * 1000 / sum(
            count_source_words(p.source, "en") for _, p in s.store.iter_pairs(doc)
        ))


# --- crash safety ------------------------------------------------------------------------

_WORKER = textwrap.dedent(
    """
    import sys
    from transreview.review import ReviewSession
    db, jc, expo, wutai = sys.argv[1], *map(int, sys.argv[2:5])
    s = ReviewSession.open(db, "crash")
    fids = [f.id for pid in (jc, expo) for f in s.pair(pid).findings]
    print("ready", flush=True)
    i = 0
    while True:
        text = f"第{i}版"
        s.save_correction(wutai, text, s.pair(wutai).version)
        print("saved", i, text, flush=True)
        fid = fids[i % len(fids)]
        (s.dismiss if i % 2 else s.confirm)(fid)
        print("status", i, fid, "dismissed" if i % 2 else "confirmed", flush=True)
        i += 1
    """
)


def test_decisions_reported_saved_survive_sigkill(project, tmp_path: Path) -> None:
    db, ids = project
    script = tmp_path / "worker.py"
    script.write_text(_WORKER)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen(
        [sys.executable, str(script), str(db), str(ids["jc"]), str(ids["expo"]), str(ids["wutai"])],
        stdout=subprocess.PIPE, text=True, env=env,
    )
    reported: list[list[str]] = []
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        while len(reported) < 60:
            line = proc.stdout.readline()
            assert line, "worker died early"
            reported.append(line.split())
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        # lines printed before the kill but not yet read are decisions reported as saved too
        reported += [line.split() for line in proc.stdout.read().splitlines()]
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL

    with ReviewSession.open(db, "after") as s:
        fids = [f.id for pid in (ids["jc"], ids["expo"]) for f in s.pair(pid).findings]
        got = (
            [c.text for c in s.history(ids["wutai"])],
            {fid: st for pid in (ids["jc"], ids["expo"]) for fid, st in
             ((f.id, f.status) for f in s.pair(pid).findings)},
        )

    def after(k: int) -> tuple[list[str], dict[int, str]]:
        """The project after the worker's first k operations (save i, status i, save i+1, ...)."""
        texts: list[str] = []
        statuses = dict.fromkeys(fids, "open")
        for op in range(k):
            i = op // 2
            if op % 2 == 0:
                texts.append(f"第{i}版")
            else:
                statuses[fids[i % len(fids)]] = "dismissed" if i % 2 else "confirmed"
        return texts, statuses

    assert [r[2] for r in reported if r[0] == "saved"] == after(len(reported))[0]  # the script's own log
    # every reported decision is there; at most the one in flight at the kill also landed
    assert got in (after(len(reported)), after(len(reported) + 1))
    # and the project opens cleanly: sound on disk, consistent, and writable again
    with ReviewSession.open(db, "after") as s:
        assert s.store.integrity_problems() == []
        version = s.pair(ids["wutai"]).version
        assert version == len(got[0])
        assert s.save_correction(ids["wutai"], "重启后", version) == version + 1


# --- queue index (the review UI's jump to a pair) ------------------------------------------


def test_queue_index_by_position_risk_and_filter(session) -> None:
    s, ids = session
    # Position order is reading order: jc, expo, wutai.
    assert [s.queue_index(ids[k]) for k in ("jc", "expo", "wutai")] == [0, 1, 2]
    # Risk order: jc (critical, 25) before expo (major 5 + minor 1 = 6) before wutai (0).
    assert [s.queue_index(ids[k], order="risk") for k in ("jc", "expo", "wutai")] == [0, 1, 2]
    s.dismiss(_finding(s, ids["jc"], "places"))  # jc drops to risk 0, ties with wutai by id
    assert [s.queue_index(ids[k], order="risk") for k in ("expo", "jc", "wutai")] == [0, 1, 2]
    flt = QueueFilter(text="五台山")
    assert s.queue_index(ids["wutai"], filters=flt) == 0
    assert s.queue_index(ids["jc"], filters=flt) is None
    s.approve(ids["jc"])
    unreviewed = QueueFilter(statuses=("unreviewed",))
    assert s.queue_index(ids["expo"], filters=unreviewed) == 0
    assert s.queue_index(ids["jc"], filters=unreviewed) is None


def test_queue_index_agrees_with_queue_pages(session) -> None:
    s, ids = session
    for order in ("position", "risk"):
        rows = s.queue_page(0, 10, order=order)
        assert [s.queue_index(r.pair_id, order=order) for r in rows] == list(range(len(rows)))


def test_source_words_are_counted_once_and_score_still_moves(session) -> None:
    s, ids = session
    doc = s.pair(ids["jc"]).document_id
    assert s.source_words(doc) == 23  # 6 + 9 + 8 words, counted by hand
    before = s.mqm_score(doc)
    s.dismiss(_finding(s, ids["jc"], "places"))
    assert s.mqm_score(doc) == pytest.approx(before - 25 * 1000 / 23)


def test_source_words_are_kept_in_the_project(project) -> None:
    db, ids = project
    with ReviewSession.open(db, "alice") as s:
        doc = s.pair(ids["jc"]).document_id
        assert s.source_words(doc) == 23
    with Store.open(db) as store:
        assert store.get_meta(f"source_words@1:{doc}") == "23"
        with store.atomic():
            store.set_meta(f"source_words@1:{doc}", "46")  # a later session reads, not recounts
    with ReviewSession.open(db, "bob") as s:
        assert s.source_words(doc) == 46
