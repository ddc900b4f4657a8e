"""The project tokenizer's frequency table kept on disk (``text/jieba_table.py``).

What must hold: the table read back is jieba's own (every entry, the total, nothing more);
the tokenizer over it cuts every text as the tokenizer built the plain way; and a file that
is damaged, short, of another key or of another user is never used (the tokenizer is built
the plain way and the file written again), while a folder that cannot be written costs
only the cache.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from transreview.text import jieba_table
from transreview.text.gazetteer import load, segmenter_words
from transreview.text.jieba_cut import RouteCutter
from transreview.text.segment import Tokenizer, project_tokenizer

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def plain() -> Tokenizer:
    """The project's words, built the plain way (jieba's dictionary, then add_word)."""
    tok = Tokenizer(segmenter_words(load()))
    tok.load()
    return tok


@pytest.fixture(scope="module")
def table_file(plain: Tokenizer, tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, Path]:
    folder = tmp_path_factory.mktemp("table")
    key = jieba_table.cache_key(plain._extra())
    assert jieba_table.write_table(key, plain._jieba.FREQ, plain._jieba.total, str(folder))
    return key, folder


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Tables go to a folder of the test's own."""
    monkeypatch.setattr(jieba_table, "default_folder", lambda: str(tmp_path))
    return tmp_path


def _lines() -> list[str]:
    files = sorted((ROOT / "corpora").glob("*.txt"))
    files += sorted(p for p in (ROOT / "tests" / "data").rglob("*") if p.is_file())
    out: list[str] = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        out.extend(line for line in text.splitlines() if line.strip())
    return out


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_the_table_read_back_is_jiebas_own(plain: Tokenizer, table_file: tuple[bytes, Path]) -> None:
    key, folder = table_file
    table = jieba_table.load_table(key, str(folder))
    assert table is not None
    freq = plain._jieba.FREQ
    assert table.total == plain._jieba.total
    assert len(table) == len(freq)
    assert dict(table.items()) == freq
    assert all(table.get(word) == f for word, f in freq.items())
    # prefixes only (frequency 0) are entries too, and words of the gazetteer are in it
    assert table.get("中华人民共") == 0 == freq["中华人民共"]
    assert table.get("乌兰察布市") == freq["乌兰察布市"] > 0
    # strings in no entry: None, or the default given, as dict.get
    absent = [w + "龘" for w in list(freq)[:20000] if w + "龘" not in freq] + ["", "xyz\u0000", "\ud800"]
    assert all(table.get(w) is None for w in absent)
    assert table.get("龘龘龘", 7) == 7


def test_cuts_over_the_table_are_the_plain_ones(plain: Tokenizer, table_file: tuple[bytes, Path]) -> None:
    key, folder = table_file
    table = jieba_table.load_table(key, str(folder))
    cached, reference = RouteCutter(table), RouteCutter(plain._jieba)
    lines = _lines()
    assert len(lines) > 1000
    for line in lines:
        assert cached.cut(line) == reference.cut(line), line


def test_the_project_tokenizer_cuts_as_the_plain_one(plain: Tokenizer) -> None:
    # whichever way it was built in this process (from a table or the plain way), the
    # project's tokenizer gives jieba's own words for the project's dictionary
    # (the plain tokenizer's words are jieba's: tests/unit/test_jieba_cut.py)
    project = project_tokenizer()
    for line in _lines():
        assert project.words(line) == plain.words(line), line


def test_the_first_tokenizer_writes_the_table_and_the_next_reads_it(folder: Path, plain: Tokenizer) -> None:
    words = plain._extra()
    first = Tokenizer(lambda: words, cache=True)
    text = "他们到了乌兰察布市，又去了密云区和陕西安康。"
    assert first.words(text) == plain.words(text)
    assert first._tok is not None  # built the plain way: no table yet
    (name,) = _files(folder)
    assert name.startswith("transreview-jieba-") and name.endswith(".cache")
    second = Tokenizer(lambda: words, cache=True)
    assert second.words(text) == plain.words(text)
    assert second._tok is None  # jieba's tokenizer never built: the table was used
    assert isinstance(second._cut._freq, jieba_table.FreqTable)


def test_the_key_covers_the_words_and_their_order(plain: Tokenizer) -> None:
    words = plain._extra()
    key = jieba_table.cache_key(words)
    assert jieba_table.cache_key(words) == key
    assert jieba_table.cache_key(tuple(reversed(words))) != key
    assert jieba_table.cache_key(words[:-1]) != key
    assert jieba_table.cache_key((*words, "某某市")) != key


def _damage(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    if how == "flip":
        data[len(data) // 2] ^= 0x01
    elif how == "short":
        del data[-100:]
    elif how == "long":
        data += b"\0" * 8
    elif how == "header":
        data[:8] = b"NOTTABLE"
    elif how == "garbage":
        data = bytearray(b"not a table at all")
    elif how == "empty":
        data = bytearray()
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["flip", "short", "long", "header", "garbage", "empty"])
def test_a_damaged_table_is_never_used(folder: Path, table_file: tuple[bytes, Path], how: str) -> None:
    key, made = table_file
    path = Path(jieba_table.cache_path(key))
    path.write_bytes(Path(jieba_table.cache_path(key, str(made))).read_bytes())
    assert jieba_table.load_table(key) is not None
    _damage(path, how)
    assert jieba_table.load_table(key) is None


def test_the_tokenizer_builds_past_a_damaged_table_and_writes_it_again(
    folder: Path, plain: Tokenizer, table_file: tuple[bytes, Path]
) -> None:
    key, made = table_file
    path = Path(jieba_table.cache_path(key))
    path.write_bytes(Path(jieba_table.cache_path(key, str(made))).read_bytes())
    _damage(path, "flip")
    words = plain._extra()
    tok = Tokenizer(lambda: words, cache=True)
    text = "他们到了乌兰察布市，又去了密云区和陕西安康。"
    assert tok.words(text) == plain.words(text)
    assert tok._tok is not None  # built the plain way
    assert jieba_table.load_table(key) is not None  # and the table written again


def test_a_table_of_another_key_is_never_used(folder: Path, plain: Tokenizer) -> None:
    words = plain._extra()
    key, other = jieba_table.cache_key(words), jieba_table.cache_key(words[:-1])
    # the table of other words, under this key's file name
    data = jieba_table.table_bytes(other, plain._jieba.FREQ, plain._jieba.total)
    Path(jieba_table.cache_path(key)).write_bytes(data)
    assert jieba_table.load_table(key) is None


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="no file owners to compare (Windows)")
def test_a_table_of_another_user_is_never_used(
    folder: Path, plain: Tokenizer, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = jieba_table.cache_key(plain._extra())
    assert jieba_table.write_table(key, plain._jieba.FREQ, plain._jieba.total)
    assert jieba_table.load_table(key) is not None
    owner = os.stat(jieba_table.cache_path(key)).st_uid
    monkeypatch.setattr(os, "getuid", lambda: owner + 1)  # the file now belongs to someone else
    assert jieba_table.load_table(key) is None


def test_a_folder_that_cannot_be_written_costs_only_the_cache(
    folder: Path, plain: Tokenizer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Creating the file is refused (as in a read-only folder; simulated, since root may write
    anywhere): the run cuts the same words with the table it built, and leaves no file."""
    words = plain._extra()

    def refused(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(jieba_table.tempfile, "mkstemp", refused)
    tok = Tokenizer(lambda: words, cache=True)
    text = "他们到了乌兰察布市。"
    assert tok.words(text) == plain.words(text)
    assert not jieba_table.write_table(jieba_table.cache_key(words), plain._jieba.FREQ, plain._jieba.total)
    assert _files(folder) == []


def test_a_missing_folder_costs_only_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plain: Tokenizer) -> None:
    monkeypatch.setattr(jieba_table, "default_folder", lambda: str(tmp_path / "gone"))
    words = plain._extra()
    tok = Tokenizer(lambda: words, cache=True)
    assert tok.words("乌兰察布市") == plain.words("乌兰察布市")
    assert not (tmp_path / "gone").exists()


def test_writing_over_a_table_in_use_leaves_a_complete_one(folder: Path, plain: Tokenizer) -> None:
    # two processes writing at once each rename a complete file over the target: whichever
    # comes last, a reader (even one that mapped the earlier file) sees a whole table
    key = jieba_table.cache_key(plain._extra())
    freq, total = plain._jieba.FREQ, plain._jieba.total
    assert jieba_table.write_table(key, freq, total)
    before = jieba_table.load_table(key)
    assert jieba_table.write_table(key, freq, total)
    after = jieba_table.load_table(key)
    assert before is not None and after is not None
    assert before.get("乌兰察布市") == after.get("乌兰察布市") == freq["乌兰察布市"]
    assert len(_files(folder)) == 1  # no temporary file left behind


def test_old_tables_are_pruned_but_the_newest_few_kept(folder: Path) -> None:
    freq, total = {"山西": 5, "山": 3}, 8
    keys = [jieba_table.cache_key([f"词{i}"]) for i in range(6)]
    for i, key in enumerate(keys):
        assert jieba_table.write_table(key, freq, total)
        os.utime(jieba_table.cache_path(key), (1_000_000 + i, 1_000_000 + i))
    # the last written, plus the three newest of the others
    kept = {Path(jieba_table.cache_path(k)).name for k in (keys[5], keys[4], keys[3], keys[2])}
    assert set(_files(folder)) == kept
    table = jieba_table.load_table(keys[5])
    assert table is not None and dict(table.items()) == freq and table.total == total


def test_a_refused_write_costs_only_the_cache(folder: Path, plain: Tokenizer, monkeypatch: pytest.MonkeyPatch) -> None:
    # (the same as a read-only folder, for a user like root who may write anywhere)
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(jieba_table.tempfile, "mkstemp", refuse)
    words = plain._extra()
    tok = Tokenizer(lambda: words, cache=True)
    text = "他们到了乌兰察布市。"
    assert tok.words(text) == plain.words(text)
    assert _files(folder) == []


def test_a_file_that_cannot_be_mapped_is_read(
    folder: Path, table_file: tuple[bytes, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    key, made = table_file
    Path(jieba_table.cache_path(key)).write_bytes(Path(jieba_table.cache_path(key, str(made))).read_bytes())

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(19, "No such device")

    monkeypatch.setattr(jieba_table.mmap, "mmap", refuse)
    table = jieba_table.load_table(key)
    assert table is not None
    assert table.get("乌兰察布市") is not None and table.get("龘龘龘") is None
