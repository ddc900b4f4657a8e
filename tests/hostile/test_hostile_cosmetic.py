"""Three refusals that were right but said or left the wrong thing: the XML depth limit in
libxml2's words, a broken symbolic link as a project, and a refused TMX export's folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.cli import run_cli

DEPTH = 300  # libxml2's limit without XML_PARSE_HUGE is 256


def _one_line(run) -> str:
    assert run.returncode == 2, (run.returncode, run.stderr)
    assert "Traceback" not in run.everything
    lines = run.stderr.splitlines()
    assert len(lines) == 1, lines
    return lines[0]


@pytest.mark.parametrize(("name", "head", "tail"), [
    ("deep.tmx", '<tmx version="1.4"><header srclang="en"/><body>', "</body></tmx>"),
    ("deep.xlf", '<xliff version="1.2"><file source-language="en" target-language="zh"><body>',
     "</body></file></xliff>"),
])
def test_xml_depth_is_one_plain_line(tmp_path, name, head, tail) -> None:
    (tmp_path / name).write_text(head + "<a>" * DEPTH + "</a>" * DEPTH + tail, encoding="utf-8")
    line = _one_line(run_cli("check", name, cwd=tmp_path))
    assert line == f"transreview: {name}:1: XML nested more than 256 levels deep (the reader's limit)"


def test_glossary_depth_is_one_plain_line(tmp_path) -> None:
    (tmp_path / "a.tsv").write_text("source\ttarget\nHello.\t你好。\n", encoding="utf-8")
    (tmp_path / "deep.tbx").write_text(
        '<martif type="TBX"><text><body>' + "<a>" * DEPTH + "</a>" * DEPTH + "</body></text></martif>",
        encoding="utf-8")
    line = _one_line(run_cli("check", "a.tsv", "--glossary", "deep.tbx", cwd=tmp_path))
    assert line == "transreview: deep.tbx:1: XML nested more than 256 levels deep (the reader's limit)"


@pytest.mark.parametrize("args", [
    ("report", "link.db"),
    ("export", "link.db", "-o", "out.tsv"),
    ("import", "a.tsv", "--db", "link.db"),
])
def test_a_broken_link_as_project_says_so(tmp_path, args) -> None:
    (tmp_path / "a.tsv").write_text("source\ttarget\nHello.\t你好。\n", encoding="utf-8")
    (tmp_path / "link.db").symlink_to(tmp_path / "gone.db")
    line = _one_line(run_cli(*args, cwd=tmp_path))
    assert line == f"transreview: link.db: a broken symbolic link (to {tmp_path / 'gone.db'}): no project there"
    assert not (tmp_path / "gone.db").exists()  # import did not create a project behind the link
    assert not (tmp_path / "out.tsv").exists()


def _two_documents(tmp_path: Path) -> Path:
    (tmp_path / "a.tsv").write_text("source\ttarget\nHello.\t你好\x01。\n", encoding="utf-8")
    (tmp_path / "b.tsv").write_text("source\ttarget\nBye.\t再见。\n", encoding="utf-8")
    run = run_cli("import", "a.tsv", "b.tsv", "--db", "p.db", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    return tmp_path / "p.db"


def test_a_refused_tmx_export_leaves_no_folder(tmp_path) -> None:
    _two_documents(tmp_path)
    line = _one_line(run_cli("export", "p.db", "--format", "tmx", "-o", "outdir", cwd=tmp_path))
    assert "U+0001 cannot be written to XML 1.0" in line
    assert not (tmp_path / "outdir").exists()


def test_a_refused_tmx_export_keeps_a_folder_that_was_there(tmp_path) -> None:
    _two_documents(tmp_path)
    (tmp_path / "outdir").mkdir()
    (tmp_path / "outdir" / "keep.txt").write_text("mine", encoding="utf-8")
    _one_line(run_cli("export", "p.db", "--format", "tmx", "-o", "outdir", cwd=tmp_path))
    assert [p.name for p in (tmp_path / "outdir").iterdir()] == ["keep.txt"]
