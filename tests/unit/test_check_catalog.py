"""``transreview checks``: every check says what it catches, and its example really fires it."""

from __future__ import annotations

import json

import click
import pytest

from tests.helpers.cli import run_cli
from transreview.catalog import check_infos
from transreview.checks import CHECKS, build_checks, check_class
from transreview.cli import cli
from transreview.model import Pair
from transreview.pipeline import run_checks

# What each example must give, worked out from the example itself: (severity, spanned text)
EXPECTED = {
    "places": [("critical", "陕西")],            # Shanxi is 山西; 陕西 is Shaanxi
    "numbers": [("major", "300")],               # 3,000 hectares became 300
    "numeral_style": [("minor", "二〇一六年至2017年")],
    "omission": [("major", None)],               # empty target: a whole-pair finding
    "punctuation": [("minor", ",")],             # half-width comma in Chinese
    "repetition": [("minor", "的的")],
    "untranslated": [("major", None)],           # the target is the source
    "urls": [("major", "https://example.org/report")],
    "consistency": [("minor", "能效很重要。")],  # the second translation of one source
    "glossary": [("major", "carbon capture")],   # the glossary wants 碳捕集, not 碳捕获
    "placeholders": [("major", "%d")],           # the source's %d is gone (spanned in the source)
    "whitespace": [("minor", "载")],             # the trailing space is lost after the last character
    "accelerators": [("minor", "&F")],           # &File's access key is gone from 文件
    "invisible": [("major", "\u202e")],          # a right-to-left override added before 21
}
#: Checks whose example is file markup (XLIFF inline codes): plain pairs carry no code table,
#: so the example is run through the XLIFF reader in the check's own tests instead
#: (tests/unit/test_check_tags.py::test_catalog_example_fires).
MARKUP_EXAMPLES = {"tags"}


def test_every_check_is_described() -> None:
    infos = check_infos()
    assert [i.name for i in infos] == list(CHECKS)
    assert set(EXPECTED) | MARKUP_EXAMPLES == set(CHECKS)  # a new check needs its row here
    for i in infos:
        assert i.catches and i.catches.endswith(".") and "\n" not in i.catches, i.name
        assert i.example, i.name


@pytest.mark.parametrize("name", [n for n in CHECKS if n not in MARKUP_EXAMPLES])
def test_the_example_fires_its_check(name, tmp_path) -> None:
    glossary = tmp_path / "terms.csv"
    glossary.write_text("en,zh\ncarbon capture,碳捕集\n", encoding="utf-8")
    (info,) = check_infos([name])
    pairs = [Pair(f"p{k}", s, t, doc="example", index=k) for k, (s, t) in enumerate(info.example)]
    checks = build_checks({"glossary": {"glossaries": (str(glossary),)}}, [name])
    found = [(f.severity.label, f.text) for r in run_checks(pairs, checks, scores=False) for f in r.findings]
    assert found == EXPECTED[name]


def test_cli_lists_every_check_and_its_parameters() -> None:
    run = run_cli("checks")
    assert run.returncode == 0, run.stderr
    for name in CHECKS:
        assert f"\n{name}@{check_class(name).version}  " in "\n" + run.stdout
    assert "z_limit=3.5" in run.stdout  # omission's default, as in omission.Z_LIMIT
    assert "example: 'Jincheng is a city in Shanxi.' -> '晋城是陕西的一个城市。'" in run.stdout


def test_cli_json_for_named_checks() -> None:
    run = run_cli("checks", "places", "glossary", "--format", "json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert [d["name"] for d in data] == ["places", "glossary"]
    assert data[1]["parameters"] == {"glossaries": []}
    assert data[0]["example"] == [{"source": "Jincheng is a city in Shanxi.", "target": "晋城是陕西的一个城市。"}]


def test_cli_unknown_check_is_a_usage_error() -> None:
    run = run_cli("checks", "nope")
    assert run.returncode == 2 and "unknown check nope" in run.stderr


def _commands(group: click.Group):
    for name, cmd in group.commands.items():
        yield name, cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd)


def test_every_option_of_every_command_has_help() -> None:
    missing = [f"{name} {opt.opts[0]}" for name, cmd in _commands(cli) for opt in cmd.params
               if isinstance(opt, click.Option) and not opt.help]
    assert missing == []
    assert all(cmd.help for _, cmd in _commands(cli))
