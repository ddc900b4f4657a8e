"""The one table of English month names (full and abbreviated) and their numbers.

The number reader turns a month name into its number ("September 3" reads {9, 3}, as
9月3日 does), the writer turns a number back into a name, and the sentence aligner uses the
same table for its ``month:N`` anchors.
"""

from __future__ import annotations

MONTHS = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
    "August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9,
    "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}  # fmt: skip
#: Short names (and May) that are also ordinary words: a month only next to a number.
MONTHS_NEED_NUMBER = {"May", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"}
#: The full names, January first.
MONTH_NAMES: tuple[str, ...] = tuple(MONTHS)[:12]
