"""Review risk weighs severity and confidence, not counts (issue 15), in Python and in SQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.corpora import SHANXI
from transreview.model import Finding, Pair, Severity
from transreview.project import import_inputs
from transreview.review import ReviewSession
from transreview.risk import RISK_RULE, RiskInput, pair_risk
from transreview.store import Store

CRIT, MAJ, MIN, NEU = Severity.CRITICAL, Severity.MAJOR, Severity.MINOR, Severity.NEUTRAL


def _open(*sevs: Severity) -> list[RiskInput]:
    return [RiskInput(s, stated=False) for s in sevs]


def test_twenty_nine_commas_do_not_outrank_one_wrong_place_name() -> None:
    assert pair_risk(_open(*[MIN] * 29)) == 4 + 3
    assert pair_risk(_open(CRIT)) == 100
    assert pair_risk(_open(MAJ)) == 20 > pair_risk(_open(*[MIN] * 29))


def test_neutral_counts_nothing_and_confirmation_counts_more() -> None:
    assert pair_risk(_open(NEU, NEU, NEU)) == 0
    assert pair_risk(_open(MIN, NEU)) == pair_risk(_open(MIN)) == 4
    assert pair_risk([RiskInput(MIN, stated=True)]) == 5


def test_an_empty_target_is_the_untranslated_tier_and_the_estimate_hook_adds_little() -> None:
    assert pair_risk(_open(MAJ), untranslated=True) == 1
    assert pair_risk([], untranslated=True) == 0
    assert pair_risk(_open(MIN), qe_score=0.0) == 7 < pair_risk(_open(MAJ))
    assert pair_risk(_open(MIN), qe_score=None) == 4
    assert pair_risk(_open(MAJ), untranslated=True, qe_score=0.0) == 1  # nothing to judge


@pytest.mark.parametrize(
    ("score", "points"),
    [(None, 0), (0.0, 3), (0.16, 3), (1 / 6, 2), (0.3, 2), (0.49, 2), (0.5, 1), (0.8, 1), (5 / 6, 0), (1.0, 0)],
)
def test_quality_estimation_points_by_hand(score: float | None, points: int) -> None:
    # a pair no check flagged but the model doubts is no longer at 0 among the clean ones,
    # and never above an open minor finding (4)
    assert pair_risk([], qe_score=score) == points < pair_risk(_open(MIN))


@pytest.mark.parametrize(
    ("target", "findings", "statuses"),
    [
        ("晋城", [MIN] * 6, ["open"] * 6),
        ("晋城", [CRIT, MIN, NEU], ["confirmed", "open", "open"]),
        ("晋城", [MAJ, MAJ], ["dismissed", "open"]),
        ("", [MAJ], ["open"]),
        ("晋城", [NEU], ["open"]),
    ],
)
@pytest.mark.parametrize("qe_score", [None, 0.1, 0.4, 0.9])
def test_the_store_sql_agrees_with_pair_risk(new_db, target: str, findings, statuses, qe_score) -> None:
    with Store.open(new_db()) as store:
        with store.atomic():
            doc = store.add_document(name="a", format="tsv", path="a", sha256="a", content=b"",
                                     src_lang="en", tgt_lang="zh")
            (pid,) = store.add_pairs(doc, [Pair("k", "Jincheng", target)])
            for sev, status in zip(findings, statuses, strict=True):
                store.add_finding(pid, Finding("c", "Terminology", sev, "m"), status=status)  # type: ignore[arg-type]
        if qe_score is not None:
            store.set_qe_result(pid, backend="llm", model="m", version="1", score=qe_score, native=None,
                                notice=None, findings=())
        expected = pair_risk([RiskInput(s, st == "confirmed") for s, st in zip(findings, statuses, strict=True)
                              if st != "dismissed"], untranslated=not target, qe_score=qe_score)
        assert store.state(pid).risk == expected


def test_shanxi_risk_order_puts_the_translated_paragraphs_first(tmp_path: Path) -> None:
    """By hand: 陕西 (critical) first, 金城 (major place name) second, then the translated
    paragraphs with minor findings only (可持续搞的游客 and 字母 among them, not last), the
    eight paragraphs with no Chinese at all last, in reading order."""
    page = tmp_path / SHANXI.name
    page.write_bytes(SHANXI.read_bytes())
    db = tmp_path / "s.db"
    import_inputs(inputs=[page], db=db, reviewer="importer")
    with ReviewSession.open(db, "alice") as s:
        rows = s.queue_page(0, 20, order="risk")
        assert [r.position + 1 for r in rows] == [4, 5, 8, 6, 9, 1, 2, 3, 7, 10, 11, 12, 13]
        assert "陕西" in rows[0].target and "金城" in rows[1].target
        assert "可持续搞的游客" in rows[2].target and "字母" in rows[4].target
        assert all(not r.target for r in rows[5:])
        # typing a translation into an empty paragraph lifts it out of the untranslated tier
        empty = next(r for r in rows if r.source.startswith("September"))
        s.save_correction(empty.pair_id, "2016年9月，中国山西", 0)
        # the re-check closes its omission finding as confirmed (the error was real): major x 5
        assert s.pair(empty.pair_id).risk == 25


def test_a_project_with_risks_of_the_old_rule_is_recomputed_once_when_a_review_opens(new_db) -> None:
    db = new_db()
    with Store.open(db) as store:
        with store.atomic():
            doc = store.add_document(name="a", format="tsv", path="a", sha256="a", content=b"",
                                     src_lang="en", tgt_lang="zh")
            (pid,) = store.add_pairs(doc, [Pair("k", "Jincheng", "金城")])
            store.add_finding(pid, Finding("places", "Terminology", CRIT, "m"))
        assert store.state(pid).risk == 100 and store.get_meta("risk_rule") is not None
        # as a project written before this rule: summed weights, no rule recorded
        with store.atomic():
            store._write("UPDATE pair_state SET risk = 25")
            store._write("DELETE FROM meta WHERE key = 'risk_rule'")
    with ReviewSession.open(db, "alice") as s:
        assert s.pair(pid).risk == 100
    with Store.open(db) as store:
        assert store.get_meta("risk_rule") == RISK_RULE


@pytest.mark.parametrize(
    ("target", "severities", "risk"),
    [
        ("", (), 0.0),  # an empty target without findings: nothing to rank
        ("   ", (), 0.0),
        ("你好", (), 0.0),
        ("", (Severity.MAJOR,), 1.0),  # empty target: just above a clean pair
        ("\u3000", (Severity.CRITICAL, Severity.MINOR), 1.0),
        ("你好", (Severity.MAJOR,), 20.0),  # 5 x 4 (an open check finding)
        ("你好", (Severity.MINOR, Severity.CRITICAL, Severity.MINOR), 102.0),  # 25 x 4 + 2
    ],
)
def test_a_results_risk(target: str, severities: tuple[Severity, ...], risk: float) -> None:
    from transreview.model import PairResult

    findings = tuple(Finding("x", "Other", s, "m") for s in severities)
    assert PairResult(Pair("p", "Hello", target), findings).risk == risk
