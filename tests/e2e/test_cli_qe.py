"""``transreview qe PROJECT`` end to end against the scripted chat server: scores and findings
stored, a re-run answered from the cache, reviewer decisions kept, failures counted."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.helpers.cli import run_cli
from tests.helpers.fake_llm import Running, running
from transreview.model import Severity
from transreview.project import import_inputs, open_project
from transreview.qe.findings import qe_risk

TSV = (
    "id\tsource\ttarget\n"
    "s1\tTake the bus to the conference center; the speakers will be introduced at nine.\t乘公共汽车去会议中心，音箱将在九点介绍。\n"
    "s2\tThe visit was a success.\t这次访问很成功。\n"
    "s3\tWe met the mayor.\tMALFORMED 我们见了市长。\n"
    "s4\tSee you tomorrow.\t\n"
)


@pytest.fixture(scope="module")
def server() -> Iterator[Running]:
    with running() as srv:
        yield srv


def _project(new_db, tmp_path):
    src = tmp_path / "visit.tsv"
    src.write_text(TSV, encoding="utf-8")
    db = new_db()
    import_inputs(inputs=[src], db=db)
    return db


def _qe(db, server: Running, *extra: str):
    return run_cli("qe", db, "--backend", "llm", "--model", "fake-model", "--endpoint", server.url + "/v1",
                   "--retries", "0", *extra)


def _by_key(db) -> dict[str, int]:
    with open_project(db) as s:
        (doc,) = s.documents()
        return {pair.id: pid for pid, pair in s.iter_pairs(doc.id)}


def test_scores_findings_cache_and_decisions(new_db, tmp_path, server) -> None:
    db = _project(new_db, tmp_path)
    before = server.hits()
    res = _qe(db, server)
    assert res.returncode == 0, res.stderr
    # s4 has an empty target: not sent; s3's malformed answer is a notice, kept
    assert "qe:llm:fake-model@gemba-mqm-json-1: 3 pairs, 0 from the cache, 3 asked, 0 failed, 1 with a notice, 2 findings" in res.stdout
    assert "tokens: completion 15, prompt 30" in res.stdout
    assert "notice: pair s3: answer is not JSON" in res.stderr
    assert server.hits() - before == 3
    ids = _by_key(db)
    with open_project(db) as s:
        scores = s.qe_scores()
        assert scores == {ids["s1"]: pytest.approx(1 - 6 / 25), ids["s2"]: 1.0, ids["s3"]: None}
        assert s.qe_score(ids["s4"]) is None and qe_risk(s.qe_score(ids["s1"])) == pytest.approx(6 / 25)
        qe = [f for f in s.findings(ids["s1"]) if f.finding.check == "qe"]
        assert [(f.finding.severity, f.finding.text) for f in qe] == [(Severity.MAJOR, "音箱"), (Severity.NEUTRAL, None)]
        assert s.state(ids["s1"]).risk >= 5  # the major finding counts towards the queue's risk
        s.set_finding_status(qe[0].id, "dismissed", "ann")
    # a re-run costs nothing and keeps the dismissal
    before = server.hits()
    res = _qe(db, server)
    assert res.returncode == 0 and "3 from the cache, 0 asked" in res.stdout
    assert server.hits() == before
    with open_project(db) as s:
        qe = [f for f in s.findings(ids["s1"]) if f.finding.check == "qe"]
        assert [(f.status, f.finding.text) for f in qe] == [("dismissed", "音箱"), ("open", None)]


def test_another_model_asks_again(new_db, tmp_path, server) -> None:
    db = _project(new_db, tmp_path)
    assert _qe(db, server).returncode == 0
    before = server.hits()
    res = run_cli("qe", db, "--backend", "llm", "--model", "other-model", "--endpoint", server.url)
    assert res.returncode == 0 and "0 from the cache, 3 asked" in res.stdout
    assert server.hits() - before == 3


def test_failed_requests_exit_1_and_are_not_cached(tmp_path, server) -> None:
    src = tmp_path / "down.tsv"
    src.write_text("source\ttarget\nThe service is down.\tDOWN 服务停了。\nHello.\t你好。\n", encoding="utf-8")
    db = tmp_path / "down.db"
    import_inputs(inputs=[src], db=db)
    res = _qe(db, server)
    assert res.returncode == 1 and "2 pairs, 0 from the cache, 2 asked, 1 failed" in res.stdout
    assert "HTTP 503 (1 attempt)" in res.stderr
    res = _qe(db, server)
    assert "1 from the cache, 1 asked, 1 failed" in res.stdout  # the failure is asked again
    with open_project(db) as s:
        assert list(s.qe_scores().values()) == [1.0]  # only the good pair has a score


def test_usage_errors_exit_2(tmp_path, server) -> None:
    src = tmp_path / "a.tsv"
    src.write_text("source\ttarget\nHello.\t你好。\n", encoding="utf-8")
    db = tmp_path / "a.db"
    import_inputs(inputs=[src], db=db)
    no_endpoint = run_cli("qe", db, "--backend", "llm", "--model", "m")
    assert no_endpoint.returncode == 2 and "needs --endpoint" in no_endpoint.stderr
    stray = run_cli("qe", db, "--backend", "llm", "--model", "m", "--endpoint", server.url, "--device", "cuda")
    assert stray.returncode == 2 and "--device: not an option of the llm backend" in stray.stderr
    bad_url = run_cli("qe", db, "--backend", "llm", "--model", "m", "--endpoint", "localhost:1")
    assert bad_url.returncode == 2 and "expected an http:// or https:// URL" in bad_url.stderr
    missing = run_cli("qe", tmp_path / "nope.db", "--backend", "llm", "--model", "m", "--endpoint", server.url)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    for r in (no_endpoint, bad_url, missing):  # (click prints its own usage errors with a usage line)
        assert r.stderr.count("\n") == 1


# --- check --qe -------------------------------------------------------------------------


def _check(tmp_path, server: Running, *extra: str):
    src = tmp_path / "visit.tsv"
    src.write_text(TSV, encoding="utf-8")
    return run_cli("check", src, "--format", "json", "--qe", "llm", "--qe-model", "fake-model",
                   "--qe-endpoint", server.url + "/v1", *extra)


def test_check_qe_adds_findings_scores_and_signature(tmp_path, server) -> None:
    import json

    res = _check(tmp_path, server, "--fail-on", "never")
    assert res.returncode == 0, res.stderr
    report = json.loads(res.stdout)
    assert report["signature"].endswith("|qe:llm:fake-model@gemba-mqm-json-1")
    by_id = {p["id"]: p for p in report["pairs"]}
    qe1 = [f for f in by_id["s1"]["findings"] if f["check"] == "qe"]
    assert [(f["severity"], f["start"], f["end"], f["text"]) for f in qe1] == [
        ("major", 11, 13, "音箱"), ("neutral", None, None, None)]
    assert by_id["s1"]["scores"]["qe"] == pytest.approx(0.76)
    assert by_id["s2"]["scores"] == {"qe": 1.0}
    assert "scores" not in by_id["s3"] or "qe" not in by_id["s3"]["scores"]  # malformed: no score
    assert any(n.startswith("qe:llm:fake-model@gemba-mqm-json-1: 3 pairs") for n in report["notices"])
    assert any("qe: pair s3: answer is not JSON" in n for n in report["notices"])
    text = _check(tmp_path, server, "--fail-on", "never", "--format", "text").stdout
    assert "QE 0.76" in text and "llm:fake-model says major" in text


def test_check_min_qe_gate_and_cache(tmp_path, server) -> None:
    import json

    cache = tmp_path / "qe-cache.db"
    low = _check(tmp_path, server, "--fail-on", "critical", "--min-qe", "0.95", "--qe-cache", cache)
    assert low.returncode == 1
    reasons = json.loads(low.stdout)["gate"]["reasons"]
    assert reasons == ["mean QE score 0.880 is below --min-qe 0.95"]  # (0.76 + 1.0) / 2, by hand
    before = server.hits()
    ok = _check(tmp_path, server, "--fail-on", "critical", "--min-qe", "0.85", "--qe-cache", cache)
    assert ok.returncode == 0 and server.hits() == before  # all three answers from the cache


def test_check_qe_option_errors(tmp_path, server) -> None:
    src = tmp_path / "a.tsv"
    src.write_text("source\ttarget\nHello.\t你好。\n", encoding="utf-8")
    cases = [
        (("--min-qe", "0.5"), "need --qe BACKEND"),
        (("--qe", "llm"), "--qe needs --qe-model"),
        (("--qe", "llm", "--qe-model", "m", "--qe-endpoint", server.url, "--qe-option", "speed=3"), "NAME one of"),
        (("--qe", "llm", "--qe-model", "m", "--qe-endpoint", server.url, "--qe-option", "timeout=soon"), "is not a float"),
        (("--qe", "llm", "--qe-model", "m", "--qe-endpoint", server.url, "--qe-option", "device=cuda"), "device: not an option of the llm backend"),
    ]
    for args, message in cases:
        res = run_cli("check", src, *args)
        assert res.returncode == 2 and message in res.stderr, (args, res.stderr)
