"""The MQM report of a review project: a model (:mod:`.model`) and its writers
(:mod:`.html`, :mod:`.markdown`, JSON via :meth:`ProjectReport.to_dict`)."""

from transreview.mqmreport.model import ProjectReport, build_report

__all__ = ["ProjectReport", "build_report"]
