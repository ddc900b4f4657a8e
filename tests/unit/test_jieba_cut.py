"""The route cutter gives jieba's own words (``jieba.Tokenizer.cut``, precise mode, HMM on).

Reference: the same built jieba tokenizer (jieba's dictionary plus the gazetteer's names),
asked through jieba's API. Text: every line of the shipped corpora and of the real files in
tests/data, hand-picked cases for each branch of the algorithm, and drawn strings.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transreview.text.jieba_cut import RouteCutter
from transreview.text.segment import Tokenizer, project_tokenizer

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def both() -> tuple[object, RouteCutter]:
    jieba_tok = project_tokenizer()._jieba
    return jieba_tok, RouteCutter(jieba_tok)


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


CASES = [
    "",
    "山西",
    "晋城是陕西的一个城市。",  # a gazetteer word (陕西) and dictionary words
    "我们昨天在密云区开会",  # a name added to the dictionary (密云区)
    "陕西安康",  # 西安 must not be a word here
    "去年生产了8872吨煤炭，JHCGA会见了市委领导",  # digits and Latin letters inside a run
    "杰克逊 - 忻州市可持续能源伙伴关系。 ",  # whitespace and '-' between runs
    "a\r\nb\n\tc  d",  # \r\n is one word, other whitespace one each
    "霍格沃茨魔法学校的哈利波特",  # unknown names: single characters for the HMM
    "的的的的的",  # one character repeated
    "一一一",  # two routes of equal probability: jieba takes the longer first word
    "中华人民共和国中央人民政府",  # long dictionary words and their prefixes
    "𠮷野家と東京",  # outside jieba's Han extent: one character at a time
    "email: info@example.org 100% C++ v1.2.3_beta #tag &amp;",
    "\u3000全角空格\u3000",
]


@pytest.mark.parametrize("text", CASES)
def test_cases_cut_as_jieba(both: tuple[object, RouteCutter], text: str) -> None:
    jieba_tok, cutter = both
    assert cutter.cut(text) == list(jieba_tok.cut(text))  # type: ignore[attr-defined]


def test_every_line_of_the_corpora_and_real_files_cut_as_jieba(both: tuple[object, RouteCutter]) -> None:
    jieba_tok, cutter = both
    lines = _lines()
    assert len(lines) > 5_000  # the corpora and the real files were found
    differ = [line for line in lines if cutter.cut(line) != list(jieba_tok.cut(line))]  # type: ignore[attr-defined]
    assert differ == []


def test_a_remembered_run_gives_the_same_words(both: tuple[object, RouteCutter]) -> None:
    jieba_tok, _ = both
    cutter = RouteCutter(jieba_tok)
    first = cutter.cut("晋城是山西的一个城市。晋城是山西的一个城市。")
    assert first == cutter.cut("晋城是山西的一个城市。晋城是山西的一个城市。")
    assert first == list(jieba_tok.cut("晋城是山西的一个城市。晋城是山西的一个城市。"))  # type: ignore[attr-defined]
    # the HMM's words of one unknown stretch, met again inside other runs
    for text in ("霍格沃茨2号", "霍格沃茨3号", "去霍格沃茨"):
        assert cutter.cut(text) == list(jieba_tok.cut(text))  # type: ignore[attr-defined]


_ALPHABET = st.sampled_from(
    list("山西陕太原晋城的是一个市省区县中国人民大会堂北京上海安康来宾西安我们在开会生产吨煤炭")
    + list("ab Z09.-_%#&+,。，！、“”\n\t\u3000") + ["\r\n", "𠮷", "と"]
)


@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_drawn_text_cuts_as_jieba(both: tuple[object, RouteCutter], text: str) -> None:
    jieba_tok, cutter = both
    assert cutter.cut(text) == list(jieba_tok.cut(text))  # type: ignore[attr-defined]


def test_tokenizer_words_are_jiebas_tokens_without_whitespace() -> None:
    tok = Tokenizer(["密云区"])
    text = "我们昨天在密云区开会, 然后 去了\u3000山西。"
    expected = [(s, e) for w, s, e in tok._jieba.tokenize(text) if w.strip()]
    assert [(s.start, s.end) for s in tok.words(text)] == expected
    assert ("密云区" in [text[s:e] for s, e in expected])


def test_jieba_is_imported_without_pkg_resources_and_still_reads_its_dictionary(tmp_path: Path) -> None:
    """In a fresh interpreter: importing jieba through segment leaves pkg_resources
    unimported, and jieba, building its dictionary from dict.txt (no cache in an empty
    folder), reads the file by its own fallback: the words are the usual ones."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from transreview.text.segment import import_jieba\n"
        "jieba = import_jieba()\n"
        "assert 'pkg_resources' not in sys.modules, 'pkg_resources imported'\n"
        "t = jieba.Tokenizer()\n"
        f"t.tmp_dir = {str(tmp_path)!r}\n"
        "t.initialize()\n"
        "print('|'.join(t.cut('晋城是山西的一个城市')))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "晋城|是|山西|的|一个|城市"
    assert list(tmp_path.glob("jieba*.cache"))  # built from dict.txt, as on a fresh machine


def test_only_short_runs_are_remembered(both: tuple[object, RouteCutter]) -> None:
    """Memory stays bounded whatever the input: a long run is cut (as jieba cuts it) but
    not kept; a short one is kept."""
    from transreview.text import jieba_cut

    jieba_tok, _ = both
    cutter = RouteCutter(jieba_tok)
    long_run = "晋城是山西的一个城市" * 20  # one run of 200 characters
    assert cutter.cut(long_run) == list(jieba_tok.cut(long_run))  # type: ignore[attr-defined]
    assert len(long_run) > jieba_cut._MEMO_LENGTH and long_run not in cutter._runs
    cutter.cut("晋城是山西的一个城市")
    assert "晋城是山西的一个城市" in cutter._runs


def test_remembered_log_probabilities_are_bounded_and_forgetting_them_changes_no_word(
    both: tuple[object, RouteCutter], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The table of log-probabilities and absences (strings in no word) starts again at
    its bound: words as jieba's, before and after it was forgotten."""
    from transreview.text import jieba_cut

    jieba_tok, _ = both
    monkeypatch.setattr(jieba_cut, "_MEMO_LOGP", 50)
    cutter = RouteCutter(jieba_tok)
    lines = _lines()[:400]
    for line in lines:
        assert cutter.cut(line) == list(jieba_tok.cut(line))  # type: ignore[attr-defined]
        assert len(cutter._logp) <= 50
    assert jieba_cut._ABSENT in cutter._logp.values()  # absences are remembered


def test_a_remembered_stretch_of_single_characters_gives_the_same_words(both: tuple[object, RouteCutter]) -> None:
    """A stretch of one-character words (digits and Han characters the dictionary joins
    into no word) is remembered whole: met again in other runs, its words are jieba's."""
    jieba_tok, _ = both
    cutter = RouteCutter(jieba_tok)
    texts = ["于2019年3月5日前往山西", "代表团于2019年3月5日前往陕西", "霍格沃茨2号楼", "在霍格沃茨2号楼前", "于2019年3月5日"]
    for text in texts * 2:
        assert cutter.cut(text) == list(jieba_tok.cut(text))  # type: ignore[attr-defined]
    stretches = [k for k in cutter._stretches if any(c.isdigit() for c in k)]
    assert stretches  # remembered whole, digits and all


def _tokenize_spans(jieba_tok: object, text: str) -> list[tuple[int, int]]:
    return [(s, e) for w, s, e in jieba_tok.tokenize(text) if w.strip()]  # type: ignore[attr-defined]


def test_tokenizer_words_are_jiebas_tokens_on_the_corpora_and_real_files(both: tuple[object, RouteCutter]) -> None:
    """The spans made from the runs' word ends, with the characters between runs, are
    jieba's own tokens (whitespace dropped), line by line."""
    jieba_tok, _ = both
    tok = project_tokenizer()
    lines = _lines()
    assert len(lines) > 5_000
    for line in lines:
        assert [(s.start, s.end) for s in tok.words(line)] == _tokenize_spans(jieba_tok, line), line


@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_tokenizer_words_on_drawn_text(both: tuple[object, RouteCutter], text: str) -> None:
    jieba_tok, _ = both
    assert [(s.start, s.end) for s in project_tokenizer().words(text)] == _tokenize_spans(jieba_tok, text)


def test_run_ends_and_words_agree(both: tuple[object, RouteCutter]) -> None:
    _, cutter = both
    for run in ("晋城是山西的一个城市", "去年生产了8872吨煤炭", "霍格沃茨2号", "山"):
        words = cutter.cut_run(run)
        assert "".join(words) == run
        assert cutter.run_ends(run) == tuple(sum(map(len, words[: i + 1])) for i in range(len(words)))
