"""A bounded fuzz run of every reader in CI: only TransreviewError may escape, on one line.

Hypothesis draws a format and either mutates that format's valid seed file (the seeds and
mutations of ``benchmarks/fuzz_readers.py``, the long run) or makes raw bytes. Each input
is read in full the way ``transreview check`` reads it. Derandomized: CI tries the same
inputs every time, in a few seconds.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.fuzz_readers import SEEDS, mutate, read_bytes_as

FUZZ = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FORMATS = sorted(SEEDS)


def _read(fmt: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as d:
        out = read_bytes_as(fmt, data, Path(d))
    assert out.kind != "crash", out.detail


def test_every_seed_reads() -> None:
    """The seeds themselves are valid: the mutations start from something readable."""
    with tempfile.TemporaryDirectory() as d:
        for fmt in FORMATS:
            out = read_bytes_as(fmt, SEEDS[fmt], Path(d))
            assert out.kind == "read" and out.pairs >= 2, (fmt, out)


@settings(FUZZ, max_examples=400)
@given(st.sampled_from(FORMATS), st.randoms(use_true_random=False), st.integers(1, 6))
def test_mutated_seed_files(fmt: str, rng, rounds: int) -> None:
    _read(fmt, mutate(SEEDS[fmt], rng, rounds))


@settings(FUZZ, max_examples=150)
@given(st.sampled_from(FORMATS), st.binary(max_size=600))
def test_raw_bytes(fmt: str, data: bytes) -> None:
    if fmt == "moses":
        data = data[: len(data) // 2] + b"\x00MOSES\x00" + data[len(data) // 2 :]
    _read(fmt, data)


def test_a_crash_is_reported_as_one(monkeypatch) -> None:
    """The harness itself: a reader bug must count as a crash, not as a refusal."""
    from types import SimpleNamespace

    import transreview.formats.jsonl as jsonl

    def broken(text: str) -> object:
        raise KeyError("boom")

    from transreview import strictjson

    monkeypatch.setattr(
        jsonl, "strictjson", SimpleNamespace(loads=broken, StrictJSONError=strictjson.StrictJSONError)
    )
    with tempfile.TemporaryDirectory() as d:
        out = read_bytes_as("jsonl", SEEDS["jsonl"], Path(d))
    assert out.kind == "crash" and out.detail.startswith("KeyError at ") and "boom" in out.detail
