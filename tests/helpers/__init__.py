"""Helpers shared by the test suites, imported as ``tests.helpers.x`` (pytest's ``pythonpath``
puts the repository root on ``sys.path``): one subprocess CLI runner (:mod:`.cli`), the seed
pages (:mod:`.corpora`), pair constructors (:mod:`.pairmaker`), hand-built CI reports
(:mod:`.report_fixtures`), a reviewed project for the MQM report (:mod:`.mqm`) and TUI
lookups (:mod:`.tui`)."""
