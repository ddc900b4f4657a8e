"""The check registry: a plain dict from name to ``module:Class``.

Adding a check is one module, one line here and one table of tests. Classes are imported
on first use so that importing the registry stays cheap.

Checks are built from a plain mapping of parameters, ``{check name: {parameter: value}}``
(see :func:`build_checks`): the CLI, the gate and the project pass such a mapping along and
know no check's parameters, so a check with a new parameter touches only its own module.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from importlib import import_module
from typing import Any

from transreview.checks.base import BaseCheck, Check, CorpusCheck
from transreview.errors import UsageError

CHECKS: dict[str, str] = {
    "places": "transreview.checks.places:PlacesCheck",
    "numbers": "transreview.checks.numbers:NumbersCheck",
    "omission": "transreview.checks.omission:OmissionCheck",
    "untranslated": "transreview.checks.untranslated:UntranslatedCheck",
    "punctuation": "transreview.checks.punctuation:PunctuationCheck",
    "numeral_style": "transreview.checks.numeral_style:NumeralStyleCheck",
    "urls": "transreview.checks.urls:UrlsCheck",
    "glossary": "transreview.checks.glossary:GlossaryCheck",
    "consistency": "transreview.checks.consistency:ConsistencyCheck",
    "repetition": "transreview.checks.repetition:RepetitionCheck",
    "placeholders": "transreview.checks.placeholders:PlaceholdersCheck",
    "whitespace": "transreview.checks.whitespace:WhitespaceCheck",
    "accelerators": "transreview.checks.accelerators:AcceleratorsCheck",
    "invisible": "transreview.checks.invisible:InvisibleCheck",
    "tags": "transreview.checks.tags:TagsCheck",
}

#: Parameters per check name: ``{"omission": {"z_limit": 4.0}}``.
CheckParams = Mapping[str, Mapping[str, Any]]


def check_class(name: str) -> type[BaseCheck]:
    """The class registered under ``name`` (KeyError for an unknown name)."""
    module_name, _, class_name = CHECKS[name].partition(":")
    return getattr(import_module(module_name), class_name)


def build_check(name: str, params: Mapping[str, Any] | None = None) -> BaseCheck:
    """The check registered under ``name`` with ``params`` (UsageError for an unknown one)."""
    cls = check_class(name)
    known = {f.name for f in fields(cls)}
    unknown = sorted(set(params or {}) - known)
    if unknown:
        raise UsageError(
            f"check '{name}' has no parameter {', '.join(unknown)}; "
            f"its parameters: {', '.join(sorted(known)) or 'none'}"
        )
    return cls(**(params or {}))


def build_checks(params: CheckParams | None = None, names: list[str] | None = None) -> list[BaseCheck]:
    """Instances of the named checks (all registered checks by default), in registry order.

    ``params`` gives checks their parameters. Every check it names is built, selected or
    not, so a bad parameter (an unreadable glossary path) is reported whichever checks run.
    """
    params = params or {}
    unknown = [n for n in params if n not in CHECKS]
    if unknown:
        raise UsageError(f"parameters for unknown check {', '.join(unknown)}; valid checks: {', '.join(CHECKS)}")
    selected = list(CHECKS) if names is None else names
    for name in params:
        if name not in selected:
            build_check(name, params[name])  # validated, not run
    return [build_check(n, params.get(n)) for n in selected]


__all__ = [
    "CHECKS",
    "BaseCheck",
    "Check",
    "CheckParams",
    "CorpusCheck",
    "build_check",
    "build_checks",
    "check_class",
]
