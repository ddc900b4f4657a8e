"""transreview: review English<->Chinese translations.

The package root stays import-light on purpose: the CLI's ``--version`` and the
core-boundary test import it, and neither should pay for jieba, sacrebleu or textual.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
