"""What the quality-estimation layer itself costs, apart from the model: the llm backend's
client, the cache and the store, against the scripted local server of the tests
(``tests/helpers/fake_llm.py``, which answers at once), and the size of the prompt.

Usage::

    .venv/bin/python benchmarks/bench_qe.py                  # 1,000 pairs, concurrency 4
    .venv/bin/python benchmarks/bench_qe.py --pairs 5000 --concurrency 8

Prints, for N generated pairs in a fresh SQLite project: the seconds of the first
``transreview qe`` run (every pair asked: HTTP, parsing, findings, storing), of a re-run
(every answer from the cache: no request), and the mean prompt size in characters (the
system prompt, two worked examples and the segment: what a hosted API bills as input).
The model's own time is not in these figures: with a real endpoint it dominates
(docs/quality-estimation.md).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.helpers.fake_llm import running  # noqa: E402
from transreview.estimate import run_qe  # noqa: E402
from transreview.project import import_inputs  # noqa: E402
from transreview.qe.base import QESegment  # noqa: E402
from transreview.qe.llm import LLMBackend, build_messages  # noqa: E402

SOURCE = "Take the bus to the conference center; the speakers will be introduced at {n}."
TARGET = "乘公共汽车去会议中心，音箱将在{n}点介绍。"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pairs", type=int, default=1000)
    ap.add_argument("--concurrency", type=int, default=4)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp, running() as server:
        src = Path(tmp) / "pairs.tsv"
        rows = [f"{SOURCE.format(n=i)}\t{TARGET.format(n=i)}" for i in range(args.pairs)]
        src.write_text("source\ttarget\n" + "\n".join(rows) + "\n", encoding="utf-8")
        db = Path(tmp) / "p.db"
        import_inputs(inputs=[src], db=db)
        backend = LLMBackend("bench", endpoint=server.url + "/v1", concurrency=args.concurrency)
        t0 = time.perf_counter()
        first = run_qe(db, backend)
        t1 = time.perf_counter()
        again = run_qe(db, LLMBackend("bench", endpoint=server.url + "/v1", concurrency=args.concurrency))
        t2 = time.perf_counter()
        prompt = sum(
            len(m["content"]) for m in build_messages(QESegment(SOURCE.format(n=7), TARGET.format(n=7)))
        )
    print(f"pairs {args.pairs}, concurrency {args.concurrency}")
    print(f"first run (all asked):    {t1 - t0:6.2f} s  ({first.asked} asked, {first.findings} findings)")
    print(f"re-run (all from cache):  {t2 - t1:6.2f} s  ({again.cached} from the cache, {again.asked} asked)")
    print(f"prompt size: {prompt} characters per segment (messages' content)")


if __name__ == "__main__":
    main()
