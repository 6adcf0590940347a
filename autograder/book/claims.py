"""Pin a measured number inside a notebook, so the text can never outlive the fact.

A chapter that says "the broken model stays at chance" measures it and calls
``claim(...)`` right there. The book harness fails on any error, so when a TensorFlow
upgrade changes the number, the build goes red and names the cell. The reader sees
the check pass in the rendered page, with the documented bound beside the value.
"""

from __future__ import annotations

import math

from autograder.errors import ClinicError


class ClaimError(ClinicError, AssertionError):
    """A number a chapter documents is no longer what TensorFlow produces."""


def claim(
    description: str,
    value: float,
    *,
    at_least: float | None = None,
    at_most: float | None = None,
) -> float:
    """Check that a measured ``value`` lies within the documented bounds, and say so.

    Args:
        description: what was measured, as the chapter's text names it.
        value: the number the notebook just measured.
        at_least: the documented lower bound (inclusive), if any.
        at_most: the documented upper bound (inclusive), if any.

    Returns:
        ``value``, so a claim can wrap an expression.

    Raises:
        ClaimError: the value is outside the bounds (or not a finite number).
        ValueError: no bound was given.
    """
    if at_least is None and at_most is None:
        raise ValueError(
            "claim() needs at_least, at_most or both: a claim without a bound pins nothing."
        )
    bounds = " and ".join(
        text
        for text in (
            f">= {at_least:g}" if at_least is not None else "",
            f"<= {at_most:g}" if at_most is not None else "",
        )
        if text
    )
    number = float(value)
    holds = (
        math.isfinite(number)
        and (at_least is None or number >= at_least)
        and (at_most is None or number <= at_most)
    )
    if not holds:
        raise ClaimError(
            f"Claim no longer holds: {description} = {number:.4g}, documented as {bounds}. "
            "TensorFlow's behaviour may have changed: re-measure over several seeds and "
            "update the chapter's text and bounds together."
        )
    print(f"✔ {description} = {number:.4g} (documented: {bounds})")
    return number
