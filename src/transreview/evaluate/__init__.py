"""Measure the checks against human judgements: ``transreview evaluate``.

Readers (:mod:`~transreview.evaluate.readers`) turn Google MQM TSV, WMT ESA (Appraise CSV,
merged JSONL) and a transreview project's reviewer decisions into annotated segments; the
metrics (:mod:`~transreview.evaluate.metrics`) are plain functions; the evaluation
(:mod:`~transreview.evaluate.evaluation`) scores any findings, by the check name each carries,
so a new check or a quality-estimation backend is evaluated like the shipped ones.
"""

from transreview.evaluate.evaluation import evaluate
from transreview.evaluate.readers import read_annotations

__all__ = ["evaluate", "read_annotations"]
