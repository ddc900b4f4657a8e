"""The Textual review UI (``transreview review``). Only this package and cli.py import textual."""
