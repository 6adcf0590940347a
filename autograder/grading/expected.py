"""The sample class's documented outcomes: read them, and compare a grading run with them."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from autograder.errors import ClinicError
from autograder.grading.outcome import State, SubmissionResult


@dataclass(frozen=True)
class Expected:
    """One documented outcome: a student's state and points per question on one assignment."""

    student: str
    assignment: str
    state: State
    """How grading must end."""
    points: dict[str, int]
    """Points per question (empty for a failed state: nothing was scored)."""
    case: str
    """What the submission does, in a few words."""


def read_expected(path: Path) -> list[Expected]:
    """Read ``expected-scores.csv``: ``assignment,student,state,q_<question>...,total,case``.

    Raises:
        ClinicError: the file is missing or a row is malformed.
    """
    if not path.is_file():
        raise ClinicError(f"No expected scores at {path}.")
    rows = []
    with path.open(newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            try:
                points = {
                    key.removeprefix("q_"): int(value)
                    for key, value in row.items()
                    if key.startswith("q_") and value != ""
                }
                state = State(row["state"])
                rows.append(Expected(row["student"], row["assignment"], state, points, row["case"]))
            except (KeyError, ValueError) as error:
                raise ClinicError(f"{path}, line {number}: malformed row ({error}).") from None
    return rows


def compare(expected: Iterable[Expected], graded: Iterable[SubmissionResult]) -> list[str]:
    """Return one line per difference between documented and actual outcomes (empty: all match)."""
    actual = {(row.assignment, row.student): row for row in graded}
    problems = []
    for item in expected:
        row = actual.get((item.assignment, item.student))
        if row is None:
            continue  # that assignment was not graded in this run
        if row.state is not item.state or dict(row.points) != item.points:
            got = f"{row.state.value} {dict(row.points)}"
            problems.append(
                f"{item.assignment}/{item.student} ({item.case}): expected "
                f"{item.state.value} {item.points}, got {got}"
                + (f" [{row.reason}]" if row.reason else "")
            )
    return problems
