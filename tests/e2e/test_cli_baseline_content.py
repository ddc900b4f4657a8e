"""A baseline survives inserting a line at the top of the input: it is keyed on content."""

from __future__ import annotations

import json

from tests.helpers.cli import run_cli

HEADER = "source\ttarget\n"
ROWS = ("Jincheng is a city in Shanxi.\t晋城是陕西的一个城市。\n"
        "Hello, world\t你好,世界\n")


def test_baseline_survives_a_line_inserted_at_the_top(tmp_path) -> None:
    data = tmp_path / "in.tsv"  # no id column: pair ids are row numbers, and they all move
    data.write_text(HEADER + ROWS, encoding="utf-8")
    first = run_cli("check", "in.tsv", "--no-progress", "-o", "a.json", "--write-baseline", "base.json",
                    cwd=tmp_path)
    assert first.returncode == 1, first.stderr  # the critical 陕西

    data.write_text(HEADER + "Thanks.\t谢谢。\n" + ROWS, encoding="utf-8")
    second = run_cli("check", "in.tsv", "--no-progress", "-o", "b.json", "--baseline", "base.json",
                     cwd=tmp_path)
    assert second.returncode == 0, second.stderr  # everything found before is accepted
    report = json.loads((tmp_path / "b.json").read_text("utf-8"))
    assert report["summary"]["baselined"] == report["summary"]["findings"] > 0
    assert [p["id"] for p in report["pairs"] if p["findings"]] == ["2", "3"]  # moved from 1, 2

    # an error in the inserted line is new, and fails
    data.write_text(HEADER + "Taiyuan is in Shanxi.\t太原在陕西。\n" + ROWS, encoding="utf-8")
    third = run_cli("check", "in.tsv", "--no-progress", "-o", "c.json", "--baseline", "base.json",
                    cwd=tmp_path)
    assert third.returncode == 1
    report = json.loads((tmp_path / "c.json").read_text("utf-8"))
    assert [(f["text"], f.get("baselined", False)) for f in report["pairs"][0]["findings"]] == [("陕西", False)]
