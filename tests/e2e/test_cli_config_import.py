"""The configuration reaches ``import`` and ``review`` as it reaches ``check``: the same file,
found the same way, the same flags winning (one settings function in the CLI)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.test_cli_config import PYPROJECT, TSV
from tests.helpers.cli import run_cli
from tests.helpers.clirunner import CliRunner
from transreview import cli as cli_module
from transreview.project import open_project, prepare_review


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (tmp_path / "terms").mkdir()
    (tmp_path / "terms" / "terms.csv").write_text("en,zh\ncarbon capture,碳捕集\n", encoding="utf-8")
    (tmp_path / "po" / "zh").mkdir(parents=True)
    (tmp_path / "po" / "zh" / "a.tsv").write_text(TSV, encoding="utf-8")
    return tmp_path


def stored(db: Path) -> list[tuple[str, str, str]]:
    """(pair id, check, severity) of every finding in the project."""
    with open_project(db) as s:
        (doc,) = s.documents()
        return [(p.id, f.finding.check, f.finding.severity.label)
                for pid, p in s.iter_pairs(doc.id) for f in s.findings(pid)]


def test_import_reads_the_configuration(repo: Path) -> None:
    db = repo / "p.db"
    run = run_cli("import", repo / "po" / "zh" / "a.tsv", "--db", db, cwd=repo / "terms")
    assert run.returncode == 0, run.stderr
    # punctuation off, glossary from the file, repetition raised to major (as check does)
    assert stored(db) == [("2", "glossary", "major"), ("3", "repetition", "major")]
    assert "2 findings (2 major)" in run.stdout


def test_import_flags_win_over_the_configuration(repo: Path) -> None:
    other = repo / "other.csv"
    other.write_text("en,zh\ninnovation,革新\n", encoding="utf-8")  # 创新 is not 革新
    db = repo / "p.db"
    run = run_cli("import", "po/zh/a.tsv", "--db", db, "--glossary", other, cwd=repo)
    assert run.returncode == 0, run.stderr
    # the flag's glossary replaces the file's: 碳捕获 passes, 创新 is flagged
    assert [(i, c) for i, c, _ in stored(db)] == [("2", "glossary"), ("3", "repetition")]
    with open_project(db) as s:
        (doc,) = s.documents()
        texts = [f.finding.text for pid, _ in s.iter_pairs(doc.id) for f in s.findings(pid)
                 if f.finding.check == "glossary"]
    assert texts and all("碳捕" not in (t or "") for t in texts)


def test_import_without_a_configuration_runs_every_check(repo: Path) -> None:
    (repo / "pyproject.toml").unlink()
    db = repo / "p.db"
    assert run_cli("import", "po/zh/a.tsv", "--db", db, cwd=repo).returncode == 0
    assert stored(db) == [("1", "punctuation", "minor"), ("3", "repetition", "minor")]


def test_review_of_an_input_imports_it_with_the_configuration(repo: Path, monkeypatch) -> None:
    seen: dict[str, Any] = {}

    def fake_run_review(target, **kwargs: Any) -> None:  # the TUI itself is not under test here
        seen.update(kwargs)
        opts = kwargs["import_options"]
        seen["db"] = prepare_review(target, reviewer="r", source_lang=kwargs["source_lang"],
                                    target_lang=kwargs["target_lang"], **opts)

    import transreview.tui.app as app

    monkeypatch.setattr(app, "run_review", fake_run_review)
    monkeypatch.chdir(repo / "terms")
    result = CliRunner().invoke(cli_module.cli, ["review", str(repo / "po" / "zh" / "a.tsv")])
    assert result.exit_code == 0, result.output
    assert seen["db"] == repo / "po" / "zh" / "a.transreview.db"
    assert stored(seen["db"]) == [("2", "glossary", "major"), ("3", "repetition", "major")]


def test_review_language_flags_win(repo: Path, monkeypatch) -> None:
    (repo / "transreview.toml").write_text('source-lang = "zh"\ntarget-lang = "en"\n', encoding="utf-8")
    seen: dict[str, Any] = {}
    import transreview.tui.app as app

    monkeypatch.setattr(app, "run_review", lambda target, **kw: seen.update(kw))
    runner = CliRunner()
    assert runner.invoke(cli_module.cli, ["review", str(repo / "p.db")]).exit_code == 0
    assert (seen["source_lang"], seen["target_lang"]) == ("zh", "en")  # from transreview.toml
    assert runner.invoke(cli_module.cli, ["review", str(repo / "p.db"), "--source-lang", "en",
                                          "--target-lang", "zh"]).exit_code == 0
    assert (seen["source_lang"], seen["target_lang"]) == ("en", "zh")
