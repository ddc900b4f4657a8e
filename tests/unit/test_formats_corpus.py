"""Headerless, unquoted tab-separated corpora (Tatoeba's cmn.txt): detected on .txt, read as pairs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.cli import run_cli
from transreview.errors import InputError
from transreview.formats import plan_inputs, read_inputs
from transreview.formats.corpus import looks_like_corpus

TATOEBA = Path(__file__).resolve().parents[1] / "data" / "l10n" / "tatoeba" / "cmn-first3000.txt"


def test_tatoeba_file_is_planned_as_a_corpus_not_a_page() -> None:
    (doc,) = plan_inputs([TATOEBA])
    assert doc.format == "corpus"


def test_tatoeba_reads_3000_pairs() -> None:
    pairs = list(read_inputs([TATOEBA]))
    assert len(pairs) == 3000
    first = pairs[0]
    assert (first.source, first.target, first.line, first.id) == ("Hi.", "嗨。", 1, "1")
    assert first.meta == {"format": "corpus", "extra": {}}  # this copy has two columns only
    # line 148 of the file, as published
    assert (pairs[147].source, pairs[147].target, pairs[147].line) == ("It's 3:30.", "3点半了。", 148)


def test_tatoeba_check_has_few_majors(tmp_path: Path) -> None:
    # As a page it gave 241 majors (one paragraph per language); as pairs the file is a
    # reviewed corpus. What remains are the numbers check's time readings (3:30 → 3点半),
    # at most a handful.
    out = tmp_path / "r.json"
    result = run_cli("check", TATOEBA, "--format", "json", "-o", out)
    assert result.returncode in (0, 1), result.everything
    summary = json.loads(out.read_text(encoding="utf-8"))["summary"]
    assert summary["pairs"] == 3000
    assert summary["by_severity"]["major"] <= 5
    assert summary["by_severity"]["critical"] == 0


@pytest.mark.parametrize(
    ("text", "claimed"),
    [
        ("Hi.\t你好。\tsomeone\nRun.\t跑。\tsomeone\n", True),
        ("你好。\tHi.\n跑。\tRun.\n", True),  # Chinese first: still a corpus
        ("Hi.\tHello.\nRun.\tGo.\n", False),  # no Chinese column: not ours
        ("Hi.\t你好。\nA page paragraph without a tab.\n", False),  # a page with one tab line
        ("Hi.\t你好。\tx\nRun.\t跑。\n", False),  # column counts differ
        ("Title 标题\nSome English paragraph.\n\n中文段落。\n", False),  # a bilingual page
    ],
)
def test_detection(tmp_path: Path, text: str, claimed: bool) -> None:
    path = tmp_path / "c.txt"
    path.write_text(text, encoding="utf-8")
    assert looks_like_corpus(path) is claimed
    assert plan_inputs([path])[0].format == ("corpus" if claimed else "page")


def test_third_and_later_columns_are_kept_in_meta(tmp_path: Path) -> None:
    path = tmp_path / "c.txt"
    path.write_text("Hi.\t你好。\tCC-BY 2.0 (France) #538123\t4\n", encoding="utf-8")
    (pair,) = read_inputs([path])
    assert pair.meta["extra"] == {"column3": "CC-BY 2.0 (France) #538123", "column4": "4"}


def test_chinese_first_column_becomes_the_target(tmp_path: Path) -> None:
    path = tmp_path / "c.txt"
    path.write_text("你好。\tHi.\n跑。\tRun.\n", encoding="utf-8")
    pairs = list(read_inputs([path]))
    assert [(p.source, p.target) for p in pairs] == [("Hi.", "你好。"), ("Run.", "跑。")]


def test_quotes_are_text(tmp_path: Path) -> None:
    path = tmp_path / "c.txt"
    path.write_text('"Hello," he said.\t"你好，"他说。\nRun.\t跑。\n', encoding="utf-8")
    pairs = list(read_inputs([path]))
    assert pairs[0].source == '"Hello," he said.'
    assert pairs[0].target == '"你好，"他说。'


def test_a_later_line_with_other_columns_is_refused_with_its_line(tmp_path: Path) -> None:
    lines = [f"Line {i}.\t第{i}行。" for i in range(1, 300)] + ["Oops.\t哎。\textra"]
    path = tmp_path / "c.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        list(read_inputs([path]))
    assert e.value.line == 300
    assert "3 columns" in e.value.message


def test_formats_command_lists_the_corpus_and_compressed_endings() -> None:
    res = run_cli("formats")
    rows = {line.split()[0]: line for line in res.stdout.splitlines()[1:]}
    assert ".txt (by content) [.gz .xz]" in rows["corpus"]
    assert "[.gz .xz]" in rows["tsv"] and "[.gz .xz]" not in rows["po"]
