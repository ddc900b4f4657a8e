"""The MQM report of a review project (``transreview report``).

:mod:`.model` builds the figures (:func:`~.model.build_mqm_report`), :mod:`.html` and
:mod:`.markdown` render them (JSON is :meth:`~.model.ProjectReport.to_dict`), and
:mod:`.write` is the CLI's door (:func:`~.write.write_mqm_report`). Not to be confused with
the CI report of ``transreview check`` (:mod:`transreview.ci.report`).

This module imports nothing, so the CLI can list :data:`FORMATS` without loading the store.
"""

#: the MQM report's output formats
FORMATS: tuple[str, ...] = ("html", "json", "md")

__all__ = ["FORMATS"]
