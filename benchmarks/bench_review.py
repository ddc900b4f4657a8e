"""Time the review UI on a large project: first screen and next-pair moves.

Usage::

    .venv/bin/python benchmarks/bench_review.py                      # 100,000 pairs
    .venv/bin/python benchmarks/bench_review.py --pairs 20000 --moves 100
    .venv/bin/python benchmarks/bench_review.py --db /tmp/big.db     # reuse a built project

The project is built once by the real import (:func:`transreview.project.import_inputs`
on a TSV from :mod:`gen_pairs`, every check run) and kept at ``--db``. The app then runs
headless under ``App.run_test()`` at 120x40:

- *first screen*: from opening the session to the pair pane drawing pair 1 (queue page,
  pair view and findings are drawn in the same frame; the MQM score arrives later from a
  worker, which on a new project first counts its source words, about 1 s at 100,000);
- *next pair*: one ``j`` press each, through the key binding, the queue, the session read
  and the redraw, timed from sending the key to the pair pane rendering the new pair;
  median, 95th percentile and worst of ``--moves`` presses (the first moves share the
  CPU with the one-off count of source words for the MQM score, on a new project);
- *last pair* (``end`` in the queue: a page near row 100,000), *order by risk* and a
  *text search* over every pair, as the worst cases a reviewer can cause.

Goals (issue 4): first screen under 1 s, next pair under 50 ms at 100,000 pairs.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_pairs import write_tsv  # noqa: E402


def build(db: Path, pairs: int) -> float:
    """Import ``pairs`` generated pairs into ``db``; seconds taken (0 if it already exists)."""
    from transreview.project import import_inputs

    if db.exists():
        return 0.0
    t = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        tsv = write_tsv(Path(tmp) / "bench.tsv", pairs)
        import_inputs(inputs=[tsv], db=db, reviewer="bench", jobs=0)
    return time.perf_counter() - t


async def measure(db: Path, moves: int) -> dict[str, float]:
    from transreview.records import QueueFilter
    from transreview.review import ReviewSession
    from transreview.tui.app import ReviewApp
    from transreview.tui.screens.review import ReviewScreen
    from transreview.tui.widgets.pair import PairPane

    out: dict[str, float] = {}
    # The clock stops when the pair pane renders a pair, not when the pilot returns: the
    # pilot's press and pause also sleep until the whole process is idle, and on a new
    # project a worker thread is then still counting source words for the MQM score.
    drawn: dict[int, float] = {}
    original_render = PairPane.render

    def timed_render(pane: PairPane):
        result = original_render(pane)
        if pane.view is not None:
            drawn.setdefault(pane.view.pair_id, time.perf_counter())
        return result

    PairPane.render = timed_render  # type: ignore[method-assign]
    # ... and the first screen counts once a frame holding the pair went to the terminal.
    shown: list[float] = []
    original_display = ReviewApp._display

    def timed_display(app_, screen, renderable) -> None:
        original_display(app_, screen, renderable)
        if drawn and not shown:
            shown.append(time.perf_counter())

    ReviewApp._display = timed_display  # type: ignore[method-assign]
    t0 = time.perf_counter()
    session = ReviewSession.open(db, "bench")
    app = ReviewApp(session)
    async with app.run_test(size=(120, 40)) as pilot:
        while not isinstance(app.screen, ReviewScreen) or app.screen.view is None:
            await asyncio.sleep(0.001)
        while not shown:
            await asyncio.sleep(0.001)
        out["first_screen_s"] = shown[0] - t0
        ReviewApp._display = original_display  # type: ignore[method-assign]
        await pilot.pause()
        rs = app.screen
        out["pairs"] = rs.queue.count
        times = []
        press_times = []
        try:
            for _ in range(moves):
                t = time.perf_counter()
                await pilot.press("j")
                press_times.append(time.perf_counter() - t)
                assert rs.view is not None
                times.append(drawn[rs.view.pair_id] - t)
        finally:
            PairPane.render = original_render  # type: ignore[method-assign]
        assert rs.view is not None and rs.view.pair.index == moves, "the moves did not land"
        out["press_median_ms"] = statistics.median(press_times) * 1000
        times.sort()
        out["next_median_ms"] = statistics.median(times) * 1000
        out["next_p95_ms"] = times[int(len(times) * 0.95) - 1] * 1000
        out["next_max_ms"] = times[-1] * 1000
        t = time.perf_counter()
        rs.queue.focus()
        await pilot.press("end")
        out["last_pair_ms"] = (time.perf_counter() - t) * 1000
        assert rs.view.pair.index == rs.queue.count - 1
        t = time.perf_counter()
        await pilot.press("o")
        out["order_by_risk_ms"] = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        rs.filters = QueueFilter(text="陕西")
        rs._reload_queue(keep=False)
        await pilot.pause()
        out["search_ms"] = (time.perf_counter() - t) * 1000
        out["search_hits"] = rs.queue.count
        await app.workers.wait_for_complete()
        await pilot.press("q")
    session.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=int, default=100_000)
    ap.add_argument("--moves", type=int, default=200)
    ap.add_argument("--db", type=Path, default=None, help="project file to build or reuse")
    args = ap.parse_args()
    db = args.db or Path(tempfile.gettempdir()) / f"transreview-bench-{args.pairs}.db"
    built = build(db, args.pairs)
    if built:
        print(f"built {db} ({args.pairs:,} pairs) in {built:.1f} s")
    r = asyncio.run(measure(db, args.moves))
    print(f"pairs in project      {int(r['pairs']):,}")
    print(f"first screen          {r['first_screen_s'] * 1000:.0f} ms   (goal < 1000 ms)")
    print(f"next pair (j) median  {r['next_median_ms']:.1f} ms   p95 {r['next_p95_ms']:.1f} ms"
          f"   max {r['next_max_ms']:.1f} ms   (goal < 50 ms)")
    print(f"  (pilot.press returns after {r['press_median_ms']:.0f} ms median: it sleeps until idle)")
    print(f"jump to last pair     {r['last_pair_ms']:.0f} ms")
    print(f"order by risk         {r['order_by_risk_ms']:.0f} ms")
    print(f"search '陕西'          {r['search_ms']:.0f} ms   ({int(r['search_hits']):,} hits)")


if __name__ == "__main__":
    main()
