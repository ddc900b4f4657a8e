"""The pre-commit hook and the GitHub Action: their files are valid, and the hook runs.

``pre-commit validate-manifest`` checks the hook manifest with pre-commit's own schema;
``action.yml`` is validated against SchemaStore's GitHub Action schema as check-jsonschema
ships it (``vendor.github-actions``, offline). The ``pre-commit try-repo`` run installs this
repository into a hook environment (about a minute, needs the package registry): marked
``package``, run by ``scripts/ci-package.sh``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.helpers.corpora import ROOT
from transreview.formats import ENDINGS, FORMATS

BIN = Path(sys.executable).parent


def _run(*cmd: str | Path, cwd: Path = ROOT, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True, timeout=timeout)


def test_hook_manifest_is_valid() -> None:
    run = _run(BIN / "pre-commit", "validate-manifest", ROOT / ".pre-commit-hooks.yaml")
    assert run.returncode == 0, run.stdout + run.stderr


def test_hook_files_pattern_takes_every_structured_input_ending() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    pattern = re.compile(hook["files"])
    # Bilingual files only: a .txt page, a two-file resource (.xml/.json/.strings/.arb, paired
    # with its source by folder convention) and .ts (TypeScript far more often than Qt) are
    # too common to take by default; a repository adds them with `files:`.
    structured = [e for e, fmt in ENDINGS.items()
                  if fmt != "page" and FORMATS[fmt].group is None and e != ".ts"]
    assert [e for e in structured if not pattern.search("x" + e)] == []
    for other in ("notes.txt", "a.tsv.bak", "package.json", "app.ts", "values/strings.xml"):
        assert not pattern.search(other), other
    assert hook["entry"].startswith("transreview check")


def test_action_is_valid_against_the_action_schema(tmp_path) -> None:
    check = BIN / "check-jsonschema"
    ok = _run(check, "--builtin-schema", "vendor.github-actions", ROOT / "action.yml")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    broken = tmp_path / "action.yml"  # the validator is live: an action without `runs` is refused
    broken.write_text("name: x\ndescription: y\n", encoding="utf-8")
    assert _run(check, "--builtin-schema", "vendor.github-actions", broken).returncode == 1


def test_action_passes_inputs_through_the_environment() -> None:
    """No ``${{ inputs.* }}`` inside a ``run:`` script (a value with a quote would become code)."""
    action = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))
    scripts = [s["run"] for s in action["runs"]["steps"] if "run" in s]
    assert scripts and not any("${{" in s for s in scripts)


@pytest.mark.package
def test_pre_commit_try_repo_fails_on_a_planted_error(tmp_path) -> None:
    repo = tmp_path / "fixture"
    repo.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_CONFIG_GLOBAL": os.devnull,
           "NO_COLOR": "1"}

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                       cwd=repo, check=True, capture_output=True, env=env)

    git("init", "-q")
    (repo / "clean.tsv").write_text("source\ttarget\nTaiyuan is the capital of Shanxi.\t太原是山西的省会。\n",
                                    encoding="utf-8")
    (repo / "notes.txt").write_text("not a translation\n", encoding="utf-8")
    git("add", ".")
    git("commit", "-q", "-m", "clean")

    def try_repo() -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(BIN / "pre-commit"), "try-repo", str(ROOT), "transreview", "--all-files"],
                              cwd=repo, capture_output=True, text=True, env=env, timeout=900)

    clean = try_repo()
    assert clean.returncode == 0, clean.stdout + clean.stderr
    (repo / "planted.tsv").write_text("source\ttarget\nJincheng is a city in Shanxi.\t晋城是陕西的一个城市。\n",
                                      encoding="utf-8")
    git("add", "planted.tsv")
    planted = try_repo()
    assert planted.returncode == 1, planted.stdout + planted.stderr
    assert "陕西" in planted.stdout and "planted.tsv" in planted.stdout
    assert shutil.which("git")
