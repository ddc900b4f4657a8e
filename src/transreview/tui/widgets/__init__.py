"""Widgets of the review UI: they render and post messages, nothing else."""
