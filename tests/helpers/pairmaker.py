"""Pairs for the table-driven check tests: one place for the constructor's language codes."""

from __future__ import annotations

from transreview.model import Pair


def en_zh(en: str, zh: str, id: str = "t", doc: str = "a.tsv") -> Pair:
    """An English→Chinese pair."""
    return Pair(id, en, zh, doc=doc, src_lang="en", tgt_lang="zh")


def zh_en(zh: str, en: str, id: str = "t", doc: str = "a.tsv") -> Pair:
    """A Chinese→English pair."""
    return Pair(id, zh, en, doc=doc, src_lang="zh", tgt_lang="en")
