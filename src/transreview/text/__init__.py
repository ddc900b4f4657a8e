"""The language facts, one owner each.

Sentences and words (``segment``), the analysis view (``textnorm``), which language a
paragraph is in (``lang``), Chinese script facts (``chinese``: the Han range, script
conversion), addresses (``addresses``), numbers, the sentence aligner, the gazetteer and
glossaries. Nothing here knows about checks, formats, the store or a front end.
"""
