"""Offset-preserving normalisation for analysis.

Published pages carry no-break spaces, bullets and curly quotes. Checks compare the
normalised view, but spans must point into the original text, so the view is a strict
one-character-for-one-character translation: ``len(analysis_view(s)) == len(s)`` always.
"""

from __future__ import annotations

import re

_MAP = {
    0x00A0: " ",  # no-break space
    0x2007: " ",  # figure space
    0x202F: " ",  # narrow no-break space
    0x2009: " ",  # thin space
    0x200A: " ",  # hair space
    0x2002: " ",
    0x2003: " ",
    0x2018: "'",
    0x2019: "'",
    0x201A: "'",
    0x201B: "'",
    0x2032: "'",
    0x201C: '"',
    0x201D: '"',
    0x201E: '"',
    0x2033: '"',
    0x2022: " ",  # bullet
    0x25E6: " ",  # white bullet
    0x25AA: " ",  # small black square
    0x2023: " ",  # triangular bullet
    0x2043: " ",  # hyphen bullet
    0x2010: "-",
    0x2011: "-",
    0x2012: "-",
    0x2013: "-",  # en dash
    0x2014: "-",  # em dash
}
_TABLE = str.maketrans({chr(k): v for k, v in _MAP.items()})
# Any character the table changes (all of them non-ASCII). Most texts hold none: one search
# then answers instead of translating every character (str.translate with a dict table looks
# each character up, ~20 ns a character).
_FOLDED = re.compile("[" + "".join(re.escape(chr(k)) for k in sorted(_MAP)) + "]")


def analysis_view(text: str) -> str:
    """The text with typographic variants folded to ASCII, same length as ``text``.

    Applied to English text only: in Chinese text “” and — are correct punctuation that
    the punctuation check must still see.
    """
    if text.isascii() or _FOLDED.search(text) is None:
        return text  # nothing to fold: the same text
    return text.translate(_TABLE)
