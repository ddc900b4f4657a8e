"""The CI wing: ``transreview check`` (:mod:`.gate`), accepted findings (:mod:`.baseline`),
``transreview merge`` of shard reports (:mod:`.merge`, header typed in :mod:`.shard`), and
the report writers (:mod:`.report`: text, JSON, JUnit, GitHub)."""
