"""The language facts, one owner each.

- ``segment``: sentences (rules) and Chinese words (one jieba :class:`Tokenizer`, built
  complete with the gazetteer's names and never changed);
- ``textnorm``: the same-length analysis view of English text;
- ``chinese``: the one Han range and the one traditional-to-simplified conversion;
- ``lang``: which language a paragraph is in;
- ``addresses``: URLs, e-mail addresses and @handles;
- ``numbers/``: quantities (the one Chinese numeral reader, the one month table),
  comparison of a pair's quantities, writing numbers back;
- ``align/``: bead alignment (the dynamic programme, anchors with their immutable
  :class:`~transreview.text.align.anchors.AnchorNames`, a pair's sentences);
- ``gazetteer`` and ``place_mentions``: Chinese divisions and finding them in text;
- ``glossary``: glossary files and their entries;
- ``analysis``: one pair's shared facts (numbers compared, sentences and their alignment,
  addresses, the simplified Chinese side), computed once per pair for every check and the import.

Nothing here imports a check, a format, the store or a front end.
"""
