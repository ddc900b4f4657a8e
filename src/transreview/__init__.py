"""transreview: review English<->Chinese translations.

The library surface (documented in ``docs/api.md``)::

    from transreview import check_pair, check_pairs, read_pairs, import_inputs, open_project
    from transreview import Pair, PairResult, Finding, Severity, check_infos

The package root stays import-light on purpose: the CLI's ``--version`` and the
core-boundary test import it, and neither should pay for jieba, sacrebleu or textual. So
the names above are loaded on first use (module ``__getattr__``, PEP 562), each from the
module that owns it.
"""

# Nothing imported at run time: not ``typing`` (it would triple the cost of ``import
# transreview``; mypy treats a name TYPE_CHECKING as true all the same), not ``importlib``
# (``__import__`` is a builtin), not even ``__future__``.
TYPE_CHECKING = False

__version__ = "0.1.0"

#: public name -> the module that defines it
_LAZY: dict[str, str] = {
    "check_pair": "transreview.api",
    "check_pairs": "transreview.api",
    "read_pairs": "transreview.api",
    "open_project": "transreview.api",
    "import_inputs": "transreview.project",
    "Pair": "transreview.model",
    "PairResult": "transreview.model",
    "Finding": "transreview.model",
    "Severity": "transreview.model",
    "check_infos": "transreview.catalog",
    "TransreviewError": "transreview.errors",
    "InputError": "transreview.errors",
}

if TYPE_CHECKING:
    from typing import Any

    from transreview.api import check_pair, check_pairs, open_project, read_pairs
    from transreview.catalog import check_infos
    from transreview.errors import InputError, TransreviewError
    from transreview.model import Finding, Pair, PairResult, Severity
    from transreview.project import import_inputs


def __getattr__(name: str) -> "Any":
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'transreview' has no attribute {name!r}")
    value = getattr(__import__(module, fromlist=[name]), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])


__all__ = [
    "Finding",
    "InputError",
    "Pair",
    "PairResult",
    "Severity",
    "TransreviewError",
    "__version__",
    "check_infos",
    "check_pair",
    "check_pairs",
    "import_inputs",
    "open_project",
    "read_pairs",
]
