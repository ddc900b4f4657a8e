"""``transreview score --ref REF... HYP``: corpus and sentence BLEU / chrF / TER.

Inputs are plain text, one segment per line (split on ``\\n`` only: ``str.splitlines``
also splits on U+2028 and friends and would misalign the segments), or any pair format
the tool reads (``.tsv``/``.csv``/``.jsonl``/``.tmx``/``.xlf``), whose ``target`` column is
the text (for a reference file, its ``reference`` column when it has one). Segment counts
must match: a mismatch names both files and both counts.

Scores come from sacrebleu's public API with the metric objects built once: corpus
scores with ``corpus_score`` (several ``--ref`` files are several references) and sentence
scores with ``sentence_score`` (BLEU with ``effective_order``). The text output prints
each corpus score with sacrebleu's own signature; ``--format json`` adds every sentence.
"""

from __future__ import annotations

import json
import sys
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import IO, Any

from sacrebleu.metrics import BLEU, CHRF, TER

from transreview.errors import InputError
from transreview.formats import ENDINGS, ReadOptions, plan_inputs, read_doc
from transreview.metrics import SACREBLEU_VERSION
from transreview.model import is_chinese
from transreview.sanitize import json_safe


def read_segments(path: Path, reference: bool = False, target_lang: str = "zh") -> list[str]:
    """The segments of one file: lines of a text file, or the target (reference) column."""
    path = Path(path)
    if path.suffix.lower() in ENDINGS and path.suffix.lower() != ".txt":
        (doc,) = plan_inputs([path])
        out = []
        for p in read_doc(doc, ReadOptions(tgt_lang=target_lang)):
            out.append(p.reference if reference and p.reference is not None else p.target)
        return out
    from transreview.encoding import iter_lines

    return [line for _, line in iter_lines(path)]


def _metrics(chinese: bool) -> dict[str, Any]:
    tok = "zh" if chinese else "13a"
    return {
        "bleu": BLEU(tokenize=tok),
        "chrf": CHRF(),
        "ter": TER(normalized=chinese, asian_support=chinese),
    }


def score(hyps: list[str], refs: list[list[str]], chinese: bool) -> dict[str, Any]:
    """Corpus and sentence scores; ``refs`` is one list of segments per reference file."""
    corpus = _metrics(chinese)
    out: dict[str, Any] = {"sacrebleu": SACREBLEU_VERSION, "segments": len(hyps), "corpus": {}}
    for name, m in corpus.items():
        s = m.corpus_score(hyps, refs)
        out["corpus"][name] = {
            "score": round(s.score, 4),
            "signature": str(m.get_signature()),
            "text": s.format(signature=str(m.get_signature())),
        }
    sent = _metrics(chinese)
    sent["bleu"] = BLEU(tokenize="zh" if chinese else "13a", effective_order=True)
    sentences = []
    for i, h in enumerate(hyps):
        rs = [r[i] for r in refs]
        sentences.append({
            "line": i + 1,
            **{name: round(m.sentence_score(h, rs).score, 4) for name, m in sent.items()},
        })
    out["sentences"] = sentences
    return out


def _open(path: Path | None) -> AbstractContextManager[IO[str]]:
    if path is None:
        return nullcontext(sys.stdout)
    from transreview.atomic import atomic_write

    return atomic_write(path, "w")


def run_score(
    refs: tuple[Path, ...],
    hyp: Path,
    fmt: str = "text",
    output: Path | None = None,
    target_lang: str = "zh",
) -> int:
    """Score HYP against REF(s); write text or JSON to ``output`` (atomically) or stdout."""
    from transreview.outputs import refuse_clobbering

    refuse_clobbering([("-o", output)], [("hypothesis", hyp)] + [("reference", r) for r in refs])
    hyps = read_segments(hyp, target_lang=target_lang)
    ref_lists = []
    for r in refs:
        segs = read_segments(r, reference=True, target_lang=target_lang)
        if len(segs) != len(hyps):
            raise InputError(
                r, None,
                f"has {len(segs)} segments but {hyp} has {len(hyps)}: the reference and the "
                "hypothesis must have one segment per line, line for line",
            )
        ref_lists.append(segs)
    if not hyps:
        raise InputError(hyp, None, "no segments to score (the file is empty)")
    result = score(hyps, ref_lists, is_chinese(target_lang))
    with _open(output) as out:
        if fmt == "json":
            data = {
                "hyp": str(hyp),
                "refs": [str(r) for r in refs],
                **result,
                "corpus": {k: {kk: vv for kk, vv in v.items() if kk != "text"} for k, v in result["corpus"].items()},
            }
            out.write(json_safe(json.dumps(data, ensure_ascii=False, indent=1)) + "\n")
        else:
            for v in result["corpus"].values():
                out.write(v["text"] + "\n")
    return 0


__all__ = ["read_segments", "run_score", "score"]
