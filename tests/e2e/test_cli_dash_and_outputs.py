"""CLI habits: several reports in one run, ``-`` for stdin/stdout, the format from ``-o``'s ending."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.helpers.cli import COMMAND, QUIET_ENV, run_cli
from tests.helpers.corpora import SHANXI
from transreview.ci.outputs import OutputSpec, format_from_ending, resolve_outputs, split_output
from transreview.ci.stdin import sniff_ending
from transreview.errors import UsageError
from transreview.formats import tsv
from transreview.project import import_inputs
from transreview.review import ReviewSession

TSV = "source\ttarget\nJincheng is a city in Shanxi.\t晋城是陕西的一个城市。\nHello, world\t你好,世界\n"
JSONL = ('{"id": "a", "source": "Jincheng is a city in Shanxi.", "target": "晋城是陕西的一个城市。"}\n'
         '{"id": "b", "source": "Thanks.", "target": "谢谢。"}\n')


def run_stdin(args: list[str], data: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run([*COMMAND, *args], input=data, cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", env={**os.environ, **QUIET_ENV}, timeout=120)


# --- the -o grammar -------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "expected"), [
    ("sarif:findings.sarif", ("sarif", "findings.sarif")),
    ("text:-", ("text", "-")),
    ("findings.json", (None, "findings.json")),
    ("a:b.json", (None, "a:b.json")),  # 'a' is no format: the colon belongs to the file name
    ("json:", (None, "json:")),
])
def test_split_output(value, expected) -> None:
    assert split_output(value) == expected


@pytest.mark.parametrize(("path", "fmt"), [
    ("x.sarif", "sarif"), ("X.SARIF", "sarif"), ("r.json", "json"), ("junit.xml", "junit"),
    ("log.txt", "text"), ("report", None), ("-", None), ("x.tsv", None),
])
def test_format_from_ending(path, fmt) -> None:
    assert format_from_ending(path) == fmt


def test_resolve_outputs_precedence() -> None:
    def default() -> str:
        return "text"
    # explicit FMT: beats --format, --format beats the ending, the ending beats the default
    assert resolve_outputs(["gitlab:a.json", "b.sarif", "-"], "json", default) == [
        OutputSpec("gitlab", Path("a.json")), OutputSpec("json", Path("b.sarif")), OutputSpec("json", None)]
    assert resolve_outputs(["b.sarif", "c.xml", "d"], None, default) == [
        OutputSpec("sarif", Path("b.sarif")), OutputSpec("junit", Path("c.xml")), OutputSpec("text", Path("d"))]
    assert resolve_outputs([], None, default) == [OutputSpec("text", None)]
    with pytest.raises(UsageError, match="only one report can go to standard output"):
        resolve_outputs(["-", "json:-"], None, default)
    with pytest.raises(UsageError, match="named twice"):
        resolve_outputs(["a.json", "sarif:a.json"], None, default)


@pytest.mark.parametrize(("head", "ending"), [
    (b'{"source": "a", "target": "b"}\n', ".jsonl"),
    (b"\xef\xbb\xbfsource\ttarget\n", ".tsv"),
    (b"source,target\nHello,\xe4\xbd\xa0\xe5\xa5\xbd\n", ".csv"),
    (b"Jincheng is a city.\n\n\xe6\x99\x8b\xe5\x9f\x8e\n", ".txt"),
])
def test_sniff_ending(head, ending) -> None:
    assert sniff_ending(head) == ending


# --- check ----------------------------------------------------------------------------------

def test_several_reports_in_one_run(tmp_path) -> None:
    (tmp_path / "a.tsv").write_text(TSV, encoding="utf-8")
    run = run_cli("check", "a.tsv", "--no-progress", "--checks", "places,punctuation",
                  "-o", "sarif:findings.sarif", "-o", "text:-", "-o", "report.json", "-o", "junit.xml",
                  cwd=tmp_path)
    assert run.returncode == 1, run.stderr
    assert "CRITICAL Terminology [places]" in run.stdout  # the text report on stdout
    sarif = json.loads((tmp_path / "findings.sarif").read_text("utf-8"))
    assert sarif["version"] == "2.1.0"
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["places", "punctuation"]
    report = json.loads((tmp_path / "report.json").read_text("utf-8"))  # .json -> the JSON report
    assert report["summary"]["findings"] == 2
    assert (tmp_path / "junit.xml").read_text("utf-8").startswith("<?xml")
    assert not (tmp_path / "-").exists() and not (tmp_path / "text:-").exists()


def test_dash_output_is_stdout_not_a_file(tmp_path) -> None:
    (tmp_path / "a.tsv").write_text(TSV, encoding="utf-8")
    run = run_cli("check", "a.tsv", "--no-progress", "--format", "json", "-o", "-", "--fail-on", "never",
                  cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["summary"]["pairs"] == 2
    assert not (tmp_path / "-").exists()


def test_two_reports_on_stdout_are_refused(tmp_path) -> None:
    (tmp_path / "a.tsv").write_text(TSV, encoding="utf-8")
    run = run_cli("check", "a.tsv", "-o", "-", "-o", "json:-", cwd=tmp_path)
    assert run.returncode == 2 and "standard output" in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize(("data", "doc"), [(TSV, "stdin.tsv"), (JSONL, "stdin.jsonl")])
def test_check_reads_stdin(tmp_path, data, doc) -> None:
    proc = run_stdin(["check", "-", "--no-progress", "--format", "json", "--checks", "places"], data, tmp_path)
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    assert report["summary"]["pairs"] == 2
    (first, _) = report["pairs"]
    assert first["doc"] == doc
    assert [(f["text"], f["suggestion"]) for f in first["findings"]] == [("陕西", "山西")]
    assert list(tmp_path.iterdir()) == []  # nothing left behind


def test_stdin_format_overrides_the_sniffing(tmp_path) -> None:
    """A header-first CSV that holds a tab in its text would sniff as TSV: the flag decides."""
    data = 'source,target\n"Jincheng\tis a city in Shanxi.",晋城是陕西的一个城市。\n'
    proc = run_stdin(["check", "-", "--stdin-format", "csv", "--no-progress", "--format", "json",
                      "--checks", "places"], data, tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)["pairs"][0]["doc"] == "stdin.csv"


def test_bad_stdin_is_one_line_naming_stdin(tmp_path) -> None:
    proc = run_stdin(["check", "-", "--no-progress"], "source\tnothing\nx\ty\n", tmp_path)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "stdin.tsv" in lines[0] and "Traceback" not in proc.stderr


# --- export ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("dash") / "shanxi.db"
    import_inputs(inputs=[SHANXI], db=db)
    with ReviewSession.open(db, "alice") as s:
        pid = next(r.pair_id for r in s.queue_page(0, 100) if r.pair_key == "p4")
        s.apply_suggestion(next(f.id for f in s.pair(pid).findings if f.finding.text == "陕西"))
    return db


def test_export_takes_the_format_from_the_ending(project, tmp_path) -> None:
    out = tmp_path / "fixed.tsv"
    res = run_cli("export", project, "-o", out)
    assert res.returncode == 0, res.stderr
    # p5 joins two English paragraphs: its TSV row spans lines, and the summary says so
    assert res.stderr.strip().splitlines() == [
        f"exported 13 of 13 pairs (1 corrected) as tsv to {out}",
        "note: 1 pair holds a line break, written as a quoted field across lines (CSV quoting); "
        "--format jsonl keeps one pair per line",
    ]
    p4 = next(p for p in tsv.read(out) if p.id == "p4")
    assert "山西省发展改革委" in p4.target


def test_export_to_stdout(project, tmp_path) -> None:
    res = run_cli("export", project, "--format", "jsonl", "-o", "-", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(rows) == 13
    assert "山西省发展改革委" in next(r for r in rows if r["id"] == "p4")["target"]
    # the summary names standard output, not the temporary file the export went through
    assert res.stderr.strip().endswith("as jsonl to -") and "transreview-export-" not in res.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("args", "message"), [
    (["-o", "out.unknown"], "--format is needed"),
    (["-o", "-"], "--format is needed: standard output"),
])
def test_export_without_a_format_it_can_tell_is_refused(project, tmp_path, args, message) -> None:
    res = run_cli("export", project, *args, cwd=tmp_path)
    assert res.returncode == 2 and message in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


# --- --quiet / --verbose ----------------------------------------------------------------------

def test_quiet_import_prints_nothing_and_verbose_export_says_how_long(tmp_path) -> None:
    (tmp_path / "a.tsv").write_text(TSV, encoding="utf-8")
    loud = run_cli("import", "a.tsv", "--db", "one.db", cwd=tmp_path)
    assert loud.returncode == 0 and "2" in loud.stdout  # the summary names the pair count
    quiet = run_cli("-q", "import", "a.tsv", "--db", "two.db", cwd=tmp_path)
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stdout == "" and quiet.stderr == ""
    assert (tmp_path / "two.db").exists()
    verbose = run_cli("-v", "export", "two.db", "-o", "out.tsv", cwd=tmp_path)
    assert verbose.returncode == 0, verbose.stderr
    lines = verbose.stderr.splitlines()
    assert lines[0].startswith("exported 2 of 2 pairs")
    assert lines[-1].startswith("transreview export: ") and lines[-1].endswith(" s")
    silent = run_cli("-q", "export", "two.db", "-o", "out2.tsv", cwd=tmp_path)
    assert silent.returncode == 0 and silent.stderr == "" and (tmp_path / "out2.tsv").exists()


def test_quiet_and_verbose_together_are_refused() -> None:
    run = run_cli("-q", "-v", "checks")
    assert run.returncode == 2 and "not both" in run.stderr


def test_verbose_timing_is_printed_when_the_gate_fails(tmp_path) -> None:
    (tmp_path / "a.tsv").write_text(TSV, encoding="utf-8")
    run = run_cli("-v", "check", "a.tsv", "--no-progress", "-o", "r.json", cwd=tmp_path)
    assert run.returncode == 1
    assert run.stderr.splitlines()[-1].startswith("transreview check: ")


# --- -o - for the other commands ------------------------------------------------------------

def test_score_and_report_dash_output_is_stdout(project, tmp_path) -> None:
    (tmp_path / "ref.txt").write_text("太原是山西的省会。\n", encoding="utf-8")
    (tmp_path / "hyp.txt").write_text("太原是山西的省会。\n", encoding="utf-8")
    score = run_cli("score", "--ref", "ref.txt", "hyp.txt", "--format", "json", "-o", "-", cwd=tmp_path)
    assert score.returncode == 0, score.stderr
    assert json.loads(score.stdout)["corpus"]["bleu"]["score"] == 100.0  # identical text
    report = run_cli("report", project, "--format", "json", "-o", "-", cwd=tmp_path)
    assert report.returncode in (0, 1), report.stderr
    assert json.loads(report.stdout)
    assert not (tmp_path / "-").exists()
