"""Measured numbers in notebooks are pinned with claim()."""

from __future__ import annotations

import math

import pytest

from autograder.book.claims import ClaimError, claim


def test_when_a_value_is_within_bounds_then_it_is_returned_and_reported(capsys):
    assert claim("test accuracy", 0.84, at_least=0.8, at_most=0.9) == 0.84
    assert "test accuracy = 0.84 (documented: >= 0.8 and <= 0.9)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("value", "bounds"),
    [(0.42, {"at_least": 0.8}), (2.31, {"at_most": 0.5}), (math.nan, {"at_least": 0.0})],
)
def test_when_a_value_leaves_its_bounds_then_the_claim_fails_saying_what_to_do(value, bounds):
    with pytest.raises(ClaimError, match=r"Claim no longer holds: loss = .*re-measure"):
        claim("loss", value, **bounds)


def test_when_no_bound_is_given_then_the_claim_is_refused():
    with pytest.raises(ValueError, match=r"pins nothing"):
        claim("loss", 1.0)
