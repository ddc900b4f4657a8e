"""JSON as the standard defines it, for every JSON file the tool reads.

Python's :mod:`json` accepts more than RFC 8259 and loses information silently: ``NaN``,
``Infinity`` and ``-Infinity`` are read (and would be written back as non-standard JSON),
``1e400`` becomes ``inf``, a repeated key keeps its last value, ``"\\ud800"`` gives a string
that no UTF-8 writer can write (a report then stops half-way), and an integer of more
than 4,300 digits raises a bare ``ValueError``. :func:`loads` refuses each of them with a
:class:`StrictJSONError` naming the problem, which the readers turn into their one-line
``FILE:LINE: message``.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

MAX_INT_DIGITS = 1000
"""Longer integers are refused: no field of an input, report or baseline needs more."""

_SURROGATE = re.compile("[\ud800-\udfff]")


class StrictJSONError(ValueError):
    """A JSON text that is valid for Python but not standard, or would lose information."""

    def __init__(self, msg: str) -> None:
        super().__init__(msg)
        self.msg = msg


def _constant(name: str) -> Any:
    raise StrictJSONError(f"{name} is not a JSON number")


def _float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise StrictJSONError(f"the number {text[:20]}{'…' if len(text) > 20 else ''} is too large")
    return value


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise StrictJSONError(f"an integer of {len(text.lstrip('-')):,} digits is too long")
    return int(text)


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj: dict[str, Any] = {}
    for key, value in pairs:
        if key in obj:
            raise StrictJSONError(f"the key {key!r} appears twice in one object")
        obj[key] = value
    return obj


def _check_strings(value: Any) -> None:
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            if _SURROGATE.search(v):
                raise StrictJSONError("a string holds a lone surrogate (\\ud800-\\udfff): not Unicode text")
        elif isinstance(v, dict):
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)


def loads(text: str) -> Any:
    """Parse ``text`` as standard JSON; :class:`json.JSONDecodeError` for a syntax error,
    :class:`StrictJSONError` for what :mod:`json` would accept but the standard does not."""
    value = json.loads(
        text, parse_constant=_constant, parse_float=_float, parse_int=_int, object_pairs_hook=_object
    )
    _check_strings(value)
    return value


__all__ = ["MAX_INT_DIGITS", "StrictJSONError", "loads"]
