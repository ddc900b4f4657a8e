"""Big5 is read or refused, never misread as GB18030; ``--encoding``; ``.gz``/``.xz`` inputs streamed.

The Chinese is the real Tatoeba corpus (tests/data/l10n/tatoeba), turned traditional with
OpenCC for the Big5 files: what a Taiwanese or Hong Kong team would send.
"""

from __future__ import annotations

import gzip
import json
import lzma
from pathlib import Path

import opencc
import pytest

from tests.helpers.cli import run_cli
from transreview.encoding import detect_encoding, iter_lines, read_text
from transreview.errors import InputError
from transreview.formats import plan_inputs, read_inputs
from transreview.formats.base import ReadOptions

TATOEBA = Path(__file__).resolve().parents[1] / "data" / "l10n" / "tatoeba" / "cmn-first3000.txt"


def _rows(n: int, traditional: bool) -> list[tuple[str, str]]:
    to_trad = opencc.OpenCC("s2t")
    rows = []
    for line in TATOEBA.read_text(encoding="utf-8").splitlines():
        en, zh = line.split("\t")
        zh = to_trad.convert(zh) if traditional else zh
        try:
            zh.encode("big5")
        except UnicodeEncodeError:
            continue
        rows.append((en, zh))
        if len(rows) == n:
            break
    return rows


def _tsv(rows: list[tuple[str, str]]) -> str:
    return "source\ttarget\n" + "".join(f"{en}\t{zh}\n" for en, zh in rows)


def test_big5_tsv_is_read_as_big5(tmp_path: Path) -> None:
    rows = _rows(200, traditional=True)
    path = tmp_path / "zh-TW.tsv"
    path.write_bytes(_tsv(rows).encode("big5"))
    assert detect_encoding(path) == "big5"
    pairs = list(read_inputs([path]))
    assert [(p.source, p.target) for p in pairs] == rows


def test_simplified_gb18030_stays_gb18030(tmp_path: Path) -> None:
    rows = _rows(200, traditional=False)
    path = tmp_path / "zh-CN.tsv"
    path.write_bytes(_tsv(rows).encode("gb18030"))
    assert detect_encoding(path) == "gb18030"
    assert [(p.source, p.target) for p in read_inputs([path])] == rows


def test_big5_with_bytes_big5_cannot_hold_is_refused_with_its_line(tmp_path: Path) -> None:
    rows = _rows(200, traditional=True)
    # \x81\x30\x81\x30 is a GB18030 four-byte character: no Big5 text holds it
    data = _tsv(rows).encode("big5") + b"Odd.\t\x81\x30\x81\x30\n"
    path = tmp_path / "zh-TW.tsv"
    path.write_bytes(data)
    with pytest.raises(InputError) as e:
        read_text(path)
    assert e.value.line == len(rows) + 2
    assert "BIG5" in e.value.message
    res = run_cli("check", path)
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "BIG5" in lines[0] and f":{len(rows) + 2}:" in lines[0]


def test_encoding_option_reads_a_short_big5_file(tmp_path: Path) -> None:
    # Two short lines are too little for a second opinion: the user names the encoding.
    rows = _rows(2, traditional=True)
    path = tmp_path / "short.tsv"
    path.write_bytes(_tsv(rows).encode("big5"))
    pairs = list(read_inputs([path], ReadOptions(encoding="big5")))
    assert [(p.source, p.target) for p in pairs] == rows
    assert [t for _, t in iter_lines(path, encoding="big5")][1] == f"{rows[0][0]}\t{rows[0][1]}"
    out = tmp_path / "r.json"
    res = run_cli("check", path, "--encoding", "big5", "--format", "json", "-o", out)
    assert res.returncode in (0, 1), res.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [p["target"] for p in report["pairs"]] == [zh for _, zh in rows]


def test_unknown_encoding_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "a.tsv"
    path.write_text("source\ttarget\nHi.\t你好。\n", encoding="utf-8")
    res = run_cli("check", path, "--encoding", "klingon")
    assert res.returncode == 2
    assert "unknown encoding 'klingon'" in res.stderr


def test_encoding_option_on_import(tmp_path: Path) -> None:
    rows = _rows(2, traditional=True)
    path = tmp_path / "short.tsv"
    path.write_bytes(_tsv(rows).encode("big5"))
    db = tmp_path / "p.db"
    res = run_cli("import", path, "--db", db, "--encoding", "big5")
    assert res.returncode == 0, res.stderr
    out = tmp_path / "out.tsv"
    res = run_cli("export", db, "--format", "tsv", "-o", out)
    assert res.returncode == 0, res.stderr
    text = out.read_text(encoding="utf-8")
    assert rows[0][1] in text and rows[1][1] in text


# --------------------------------------------------------------------------- compressed


def test_gzipped_tatoeba_is_a_streamed_corpus(tmp_path: Path) -> None:
    path = tmp_path / "cmn.txt.gz"
    path.write_bytes(gzip.compress(TATOEBA.read_bytes()))
    (doc,) = plan_inputs([path])
    assert (doc.format, doc.name) == ("corpus", "cmn.txt.gz")
    pairs = list(read_inputs([path]))
    assert len(pairs) == 3000
    assert (pairs[147].source, pairs[147].target) == ("It's 3:30.", "3点半了。")


def test_xz_tsv_and_gz_jsonl(tmp_path: Path) -> None:
    rows = _rows(3, traditional=False)
    tsv = tmp_path / "a.tsv.xz"
    tsv.write_bytes(lzma.compress(_tsv(rows).encode("utf-8")))
    jsonl = tmp_path / "b.jsonl.gz"
    body = "".join(json.dumps({"source": en, "target": zh}, ensure_ascii=False) + "\n" for en, zh in rows)
    jsonl.write_bytes(gzip.compress(body.encode("utf-8")))
    assert [d.format for d in plan_inputs([tsv, jsonl])] == ["tsv", "jsonl"]
    pairs = list(read_inputs([tsv, jsonl]))
    assert [(p.source, p.target) for p in pairs] == rows + rows


def test_gzipped_moses_pair(tmp_path: Path) -> None:
    rows = _rows(3, traditional=False)
    (tmp_path / "news.en.gz").write_bytes(gzip.compress("".join(en + "\n" for en, _ in rows).encode()))
    (tmp_path / "news.zh.gz").write_bytes(gzip.compress("".join(zh + "\n" for _, zh in rows).encode()))
    (doc,) = plan_inputs([tmp_path / "news.en.gz", tmp_path / "news.zh.gz"])
    assert (doc.format, doc.name) == ("moses", "news")
    assert [(p.source, p.target) for p in read_inputs([tmp_path / "news.en.gz", tmp_path / "news.zh.gz"])] == rows


def test_truncated_gzip_is_one_line(tmp_path: Path) -> None:
    data = gzip.compress(TATOEBA.read_bytes())
    path = tmp_path / "cmn.tsv.gz"
    path.write_bytes(data[: len(data) // 2])
    res = run_cli("check", path)
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot decompress" in lines[0] and "cmn.tsv.gz" in lines[0]


def test_compressed_xml_format_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "messages.po.gz"
    path.write_bytes(gzip.compress(b'msgid ""\nmsgstr ""\n'))
    with pytest.raises(InputError) as e:
        plan_inputs([path])
    assert "decompress it first" in e.value.message


def test_import_and_export_of_a_gzipped_tsv(tmp_path: Path) -> None:
    rows = _rows(3, traditional=False)
    path = tmp_path / "a.tsv.gz"
    path.write_bytes(gzip.compress(_tsv(rows).encode("utf-8")))
    db = tmp_path / "p.db"
    assert run_cli("import", path, "--db", db).returncode == 0
    out = tmp_path / "out.tsv"
    res = run_cli("export", db, "--format", "tsv", "-o", out)
    assert res.returncode == 0, res.stderr
    exported = [tuple(line.split("\t")[1:3]) for line in out.read_text(encoding="utf-8").splitlines()[1:]]
    assert exported == rows
