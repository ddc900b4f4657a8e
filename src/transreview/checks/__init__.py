"""The check registry: a plain dict from name to ``module:Class``.

Adding a check is one module, one line here and one table of tests. Classes are imported
on first use so that importing the registry stays cheap.
"""

from __future__ import annotations

from importlib import import_module

from transreview.checks.base import Check, CheckOptions, CorpusCheck

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
}


def check_class(name: str) -> type[Check]:
    """The class registered under ``name`` (KeyError for an unknown name)."""
    module_name, _, class_name = CHECKS[name].partition(":")
    return getattr(import_module(module_name), class_name)


def build_checks(
    options: CheckOptions | None = None, names: list[str] | None = None
) -> list[Check]:
    """Instances of the named checks (all registered checks by default), in registry order."""
    options = options or CheckOptions()
    selected = list(CHECKS) if names is None else names
    return [check_class(n)(options) for n in selected]


__all__ = ["CHECKS", "Check", "CheckOptions", "CorpusCheck", "build_checks", "check_class"]
