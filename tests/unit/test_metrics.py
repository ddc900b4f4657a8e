"""metrics: sentence and streamed corpus scores agree with sacrebleu's own functions."""

from __future__ import annotations

import pytest
import sacrebleu
from sacrebleu.metrics import TER

from transreview.metrics import (
    SACREBLEU_VERSION,
    CorpusTotals,
    corpus_scores,
    format_scores,
    scorer,
    scorer_for,
)

ZH_HYP = ["晋城是陕西的一个城市。", "我们今天去太原。", "好"]
ZH_REF = ["晋城是山西的一个城市。", "我们明天去太原了。", "不好"]
EN_HYP = ["The cat sat on the mat.", "Taiyuan is the capital of Shanxi.", "Hello"]
EN_REF = ["The cat sat on a mat.", "Taiyuan is the capital city of Shanxi.", "Hi there"]


@pytest.mark.parametrize("chinese,text", [(True, "晋城是山西的一个城市。"), (False, "Jincheng is a city in Shanxi.")])
def test_identical_text_scores_perfectly(chinese: bool, text: str) -> None:
    assert scorer(chinese).score(text, text) == {"bleu": 100.0, "chrf": 100.0, "ter": 0.0}


def test_the_canonical_error_keeps_a_high_score() -> None:
    # NOTES.md: 陕西 for 山西 still gets BLEU 70.2 and chrF 60.6 (tok zh): metrics cannot catch it.
    s = scorer(True).score("晋城是陕西的一个城市。", "晋城是山西的一个城市。")
    assert s["bleu"] == pytest.approx(70.17, abs=0.01)
    assert s["chrf"] == pytest.approx(60.63, abs=0.01)
    # one substituted character among 11 reference characters (the 。 counts too): 1/11
    assert s["ter"] == pytest.approx(100 / 11, abs=0.01)


def test_completely_different_text_scores_zero_bleu() -> None:
    assert scorer(True).score("好", "不是")["bleu"] == 0.0


@pytest.mark.parametrize("hyp,ref", [(ZH_HYP[0], ZH_REF[0]), (ZH_HYP[1], ZH_REF[1]), (EN_HYP[1], EN_REF[1])])
def test_sentence_scores_match_sacrebleu_sentence_functions(hyp: str, ref: str) -> None:
    chinese = "\u4e00" <= hyp[0] <= "\u9fff"
    tok = "zh" if chinese else "13a"
    got = scorer(chinese).score(hyp, ref)
    assert got["bleu"] == pytest.approx(sacrebleu.sentence_bleu(hyp, [ref], tokenize=tok).score, abs=1e-3)
    assert got["chrf"] == pytest.approx(sacrebleu.sentence_chrf(hyp, [ref]).score, abs=1e-3)
    ter = TER(normalized=chinese, asian_support=chinese).sentence_score(hyp, [ref]).score
    assert got["ter"] == pytest.approx(ter, abs=1e-3)


@pytest.mark.parametrize("hyps,refs,chinese", [(ZH_HYP, ZH_REF, True), (EN_HYP, EN_REF, False)])
def test_streamed_corpus_scores_match_sacrebleu_corpus_functions(hyps, refs, chinese) -> None:
    tok = "zh" if chinese else "13a"
    got = corpus_scores(hyps, refs, chinese)
    assert got["bleu"] == pytest.approx(sacrebleu.corpus_bleu(hyps, [refs], tokenize=tok).score, abs=1e-3)
    assert got["chrf"] == pytest.approx(sacrebleu.corpus_chrf(hyps, [refs]).score, abs=1e-3)
    ter = TER(normalized=chinese, asian_support=chinese).corpus_score(hyps, [refs]).score
    assert got["ter"] == pytest.approx(ter, abs=1e-3)
    # corpus BLEU is not the mean of sentence BLEU
    sent = [scorer(chinese).score(h, r)["bleu"] for h, r in zip(hyps, refs, strict=True)]
    assert got["bleu"] != pytest.approx(sum(sent) / len(sent), abs=0.5)


def test_empty_totals_have_no_scores() -> None:
    assert CorpusTotals(True).scores() == {}


@pytest.mark.parametrize("lang,tok", [("zh", "tok:zh"), ("zh-TW", "tok:zh"), ("en", "tok:13a")])
def test_signatures_name_the_tokenizer_and_version(lang: str, tok: str) -> None:
    sigs = scorer_for(lang).signatures()
    assert tok in sigs["bleu"] and "nrefs:1" in sigs["bleu"] and f"version:{sacrebleu.__version__}" in sigs["bleu"]
    assert sigs["chrf"].startswith("nrefs:1|") and "nc:6" in sigs["chrf"]
    assert ("asian:yes" in sigs["ter"]) == (tok == "tok:zh")


def test_scorers_are_built_once_per_process() -> None:
    assert scorer(True) is scorer(True)
    assert scorer_for("zh-CN") is scorer(True)


def test_format_scores() -> None:
    assert format_scores({"bleu": 70.16, "chrf": 60.63, "ter": 9.09}) == "BLEU 70.2  chrF 60.6  TER 9.1"


def test_signature_version_is_the_imported_sacrebleus() -> None:
    # read from the installed distribution so that a run which scores nothing need not
    # import sacrebleu; it must still be the version that would do the scoring
    assert SACREBLEU_VERSION == sacrebleu.__version__


# --- the installed version, read without importlib.metadata ------------------------


@pytest.mark.parametrize("name", ["sacrebleu", "click", "lxml", "jieba", "transreview", "typing-extensions", "OpenCC"])
def test_installed_version_is_importlib_metadatas(name: str) -> None:
    import importlib.metadata

    from transreview.metrics import installed_version

    assert installed_version(name) == importlib.metadata.version(name)


def test_installed_version_of_an_unusual_install_is_asked_of_importlib_metadata(tmp_path, monkeypatch) -> None:
    import importlib.metadata
    import sys

    from transreview.metrics import installed_version

    # two distributions of one name in the first folder that holds any: not the plain case
    for version in ("1.0", "2.0"):
        info = tmp_path / f"somepkg-{version}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: somepkg\nVersion: {version}\n", encoding="utf-8")
    monkeypatch.setattr(sys, "path", [str(tmp_path), *sys.path])
    asked: list[str] = []
    monkeypatch.setattr(importlib.metadata, "version", lambda name: asked.append(name) or "asked")
    assert installed_version("somepkg") == "asked"
    assert asked == ["somepkg"]


def test_installed_version_reads_the_version_header(tmp_path, monkeypatch) -> None:
    import sys

    from transreview.metrics import installed_version

    info = tmp_path / "Some_Pkg-3.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: some-pkg\nVersion: 3.1.post2\n\nVersion: not a header\n", encoding="utf-8"
    )
    monkeypatch.setattr(sys, "path", [str(tmp_path), *sys.path])
    assert installed_version("some.pkg") == "3.1.post2"
