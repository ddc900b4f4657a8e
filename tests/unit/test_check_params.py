"""Checks with parameters: built from a plain mapping, signed by their parameters, rebuilt in workers."""

from __future__ import annotations

import pickle

import pytest

from transreview.checks import CHECKS, BaseCheck, Check, CorpusCheck, build_checks, check_class
from transreview.errors import UsageError


def test_every_check_is_built_and_rebuilt_from_its_spec() -> None:
    for check in build_checks():
        cls, params = pickle.loads(pickle.dumps(check.spec()))  # what crosses to a worker
        rebuilt = cls(**params)
        assert type(rebuilt) is type(check)
        assert rebuilt.signature() == check.signature() == f"{check.name}@{check.version}"


def test_parameters_come_from_a_plain_mapping() -> None:
    checks = build_checks({"omission": {"z_limit": 5.0}}, ["omission", "numbers"])
    assert [c.name for c in checks] == ["omission", "numbers"]
    assert checks[0].params()["z_limit"] == 5.0
    assert checks[0].signature() == "omission@4[z_limit=5.0]"


def test_unknown_parameters_and_checks_are_usage_errors() -> None:
    with pytest.raises(UsageError, match="no parameter tolerance"):
        build_checks({"omission": {"tolerance": 1}})
    with pytest.raises(UsageError, match="its parameters: none"):
        build_checks({"numbers": {"tolerance": 1}})
    with pytest.raises(UsageError, match="unknown check"):
        build_checks({"nosuch": {}})


def test_parameters_of_a_check_not_run_are_still_checked() -> None:
    with pytest.raises(UsageError):
        build_checks({"omission": {"nosuch": 1}}, ["numbers"])


def test_checks_are_frozen() -> None:
    check = check_class("omission")()
    with pytest.raises(AttributeError):
        check.z_limit = 1.0  # type: ignore[misc]


def test_corpus_checks_have_no_per_pair_judge() -> None:
    for name in CHECKS:
        cls = check_class(name)
        assert issubclass(cls, BaseCheck)
        assert issubclass(cls, Check) != issubclass(cls, CorpusCheck)
        if issubclass(cls, CorpusCheck):
            assert not hasattr(cls, "judge")
