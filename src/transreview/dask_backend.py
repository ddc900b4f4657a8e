"""Run the pipeline's chunks on a Dask cluster (the optional ``dask`` extra).

``check --dask-scheduler ADDRESS`` (or ``--dask local``) changes only *where* chunks run:
the parent still reads the input, runs the corpus statistics pass, keeps at most
``2 × workers + 1`` chunks in flight and puts the results in input order, exactly as with
a local process pool, so the report is the same byte for byte. Each Dask worker runs
:func:`transreview.workers.process_chunk_with`, the pool's own per-chunk function, which
builds the checks once per worker process (their dictionaries load once, not per chunk).

Workers need transreview installed (the same version: the report's signature is the
parent's). Dask is imported only here, and only when asked for.
"""

from __future__ import annotations

import logging
import os
import pickle
from typing import Any

from transreview.checks.base import CheckSpec
from transreview.errors import TransreviewError, UsageError
from transreview.workers import process_chunk_with


def process_chunk_with_pickled(specs: bytes, scores: bool, packed: list[tuple]) -> list[tuple] | str:
    """:func:`process_chunk_with` on a Dask worker, its check specs unpickled there."""
    return process_chunk_with(pickle.loads(specs), scores, packed)  # noqa: S301 - our own bytes


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise UsageError(
            "--dask needs the optional 'dask' extra: pip install 'transreview[dask]'"
        ) from None
    return distributed


class DaskExecutor:
    """A :class:`~transreview.pipeline.ChunkExecutor` over a ``distributed.Client``."""

    def __init__(self, client: Any, cluster: Any = None) -> None:
        self.client = client
        self.cluster = cluster  # closed with the executor when we started it
        threads = sum(client.nthreads().values()) or 1
        self.slots = 2 * threads + 1

    @classmethod
    def connect(cls, address: str, jobs: int = 0) -> DaskExecutor:
        """``local``: a LocalCluster of ``jobs`` single-threaded worker processes (0: every
        core); anything else: the address of a running scheduler (``tcp://host:8786``)."""
        distributed = _distributed()
        if address == "local":
            cluster = distributed.LocalCluster(
                n_workers=jobs or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                dashboard_address=None, silence_logs=logging.ERROR,
            )
            return cls(distributed.Client(cluster), cluster)
        try:
            client = distributed.Client(address, timeout="10s")
        except (OSError, TimeoutError) as e:
            raise TransreviewError(f"cannot reach the Dask scheduler at {address}: {e}") from None
        return cls(client)

    def submit_chunk(self, specs: list[CheckSpec], scores: bool, packed: list[tuple]) -> Any:
        # pure=False: two chunks with equal pairs are still two tasks (no key collision).
        # The specs travel pickled: a spec is a tuple (check class, params), and Dask before
        # 2024.12 runs any tuple argument whose first item is callable as a task, calling
        # CheckClass(params) on the worker ("__init__() takes 1 positional argument").
        blob = pickle.dumps(specs, protocol=pickle.HIGHEST_PROTOCOL)
        return self.client.submit(process_chunk_with_pickled, blob, scores, packed, pure=False)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


__all__ = ["DaskExecutor"]
