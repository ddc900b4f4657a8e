"""Configuration end to end: a repository's ``[tool.transreview]`` disables a check, raises a
severity and names a glossary, and ``transreview check`` does exactly that; flags win."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.cli import run_cli
from transreview.config import Config, discover, find_config, load_config
from transreview.errors import UsageError

PYPROJECT = """\
[project]
name = "docs-zh"

[tool.transreview]
glossaries = ["terms/terms.csv"]
fail-on = "major"

[tool.transreview.checks.punctuation]
enabled = false

[tool.transreview.checks.repetition]
severity = "major"
"""
# pair 1: a half-width comma (punctuation, minor: disabled by the file)
# pair 2: carbon capture rendered 碳捕获 where the glossary wants 碳捕集 (glossary, major)
# pair 3: 的的 (repetition: minor by default, major by the file)
TSV = ("source\ttarget\n"
       "Hello, world\t你好,世界\n"
       "carbon capture innovation\t碳捕获创新\n"
       "the park of the city\t城市的的公园\n")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (tmp_path / "terms").mkdir()
    (tmp_path / "terms" / "terms.csv").write_text("en,zh\ncarbon capture,碳捕集\n", encoding="utf-8")
    (tmp_path / "po" / "zh").mkdir(parents=True)
    (tmp_path / "po" / "zh" / "a.tsv").write_text(TSV, encoding="utf-8")
    return tmp_path


def findings(report: dict) -> list[tuple[str, str, str]]:
    return [(p["id"], f["check"], f["severity"]) for p in report["pairs"] for f in p["findings"]]


def test_the_file_disables_raises_and_names_a_glossary(repo) -> None:
    # run from elsewhere: the file is found upward from the input, not from the working directory
    run = run_cli("check", repo / "po" / "zh" / "a.tsv", "--format", "json", "-o", "-", "--no-progress",
                  cwd=repo / "terms")
    assert run.returncode == 1, run.stderr  # two major findings, fail-on major
    report = json.loads(run.stdout)
    assert findings(report) == [("2", "glossary", "major"), ("3", "repetition", "major")]
    sig = report["signature"]
    assert "punctuation@" not in sig and "glossary@2[glossary:" in sig and sig.endswith("|severity:repetition=major")


def test_without_the_file_the_defaults_apply(repo) -> None:
    (repo / "pyproject.toml").unlink()
    run = run_cli("check", "po/zh/a.tsv", "--format", "json", "-o", "-", "--no-progress", cwd=repo)
    assert findings(json.loads(run.stdout)) == [("1", "punctuation", "minor"), ("3", "repetition", "minor")]
    assert run.returncode == 0  # nothing at or above major


def test_flags_win_over_the_file(repo) -> None:
    run = run_cli("check", "po/zh/a.tsv", "--format", "json", "-o", "-", "--no-progress",
                  "--fail-on", "never", "--checks", "punctuation,repetition", cwd=repo)
    assert run.returncode == 0
    # --checks names punctuation, so it runs; the file's severity for repetition still applies
    assert findings(json.loads(run.stdout)) == [("1", "punctuation", "minor"), ("3", "repetition", "major")]


def test_transreview_toml_is_found_first(repo) -> None:
    (repo / "po" / "transreview.toml").write_text('fail-on = "never"\n', encoding="utf-8")
    assert find_config(repo / "po" / "zh") == repo / "po" / "transreview.toml"
    run = run_cli("check", "po/zh/a.tsv", "--no-progress", "-o", "r.json", cwd=repo)
    assert run.returncode == 0  # only that file counts: no glossary, fail-on never


def test_config_command_says_where_each_value_came_from(repo) -> None:
    run = run_cli("config", "po/zh/a.tsv", cwd=repo)
    assert run.returncode == 0, run.stderr
    where = f"# {repo / 'pyproject.toml'} [tool.transreview]"
    lines = run.stdout.splitlines()
    assert f'glossaries = ["{repo / "terms" / "terms.csv"}"]  {where}' in lines
    assert 'source-lang = "en"  # default' in lines
    assert f"checks.punctuation.enabled = false  {where}" in lines
    assert f'checks.repetition.severity = "major"  {where}' in lines


@pytest.mark.parametrize(("table", "message"), [
    ("colour = 1", "unknown key 'colour'"),
    ('fail-on = "sometimes"', "fail-on must be one of"),
    ("[tool.transreview.checks.nope]\nenabled = false", "unknown check 'nope'"),
    ("[tool.transreview.checks.omission]\nz_limt = 4.0", "check 'omission' has no parameter 'z_limt'"),
    ('[tool.transreview.checks.places]\nseverity = "huge"', "checks.places.severity"),
    ("[tool.transreview.checks.places]\nenabled = \"no\"", "checks.places.enabled must be true or false"),
])
def test_a_bad_file_is_one_line_naming_it(tmp_path, table, message) -> None:
    body = table if table.startswith("[") else "[tool.transreview]\n" + table
    (tmp_path / "pyproject.toml").write_text(body + "\n", encoding="utf-8")
    (tmp_path / "a.tsv").write_text(TSV, encoding="utf-8")
    run = run_cli("check", "a.tsv", "-o", "r.json", cwd=tmp_path)
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "pyproject.toml" in lines[0] and message in lines[0], run.stderr
    assert not (tmp_path / "r.json").exists()


def test_a_pyproject_without_the_table_is_passed_over(tmp_path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    assert find_config(tmp_path / "sub") is None  # no folder above a pytest tmp_path has one
    assert discover([tmp_path / "sub" / "a.tsv"]).path is None


def test_parameters_and_glossaries_load_relative_to_the_file(tmp_path) -> None:
    path = tmp_path / "transreview.toml"
    path.write_text('[checks.omission]\nz_limit = 4.0\nprior_band = [1.0, 5.0]\n'
                    '[checks.glossary]\nglossaries = ["g.csv"]\n', encoding="utf-8")
    cfg = load_config(path)
    assert cfg.check_params() == {"omission": {"z_limit": 4.0, "prior_band": (1.0, 5.0)},
                                  "glossary": {"glossaries": (str(tmp_path / "g.csv"),)}}
    assert Config().get("fail-on") == "major"
    with pytest.raises(UsageError):
        path.write_text("not = [valid", encoding="utf-8")
        load_config(path)
