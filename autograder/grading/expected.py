"""The sample class's documented scores: read them, and compare a grading run with them."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from autograder.errors import ClinicError
from autograder.grading.autograde import GradeRow


@dataclass(frozen=True)
class Expected:
    """One documented outcome: a student's points per question on one assignment."""

    student: str
    assignment: str
    points: dict[str, float]
    case: str
    """What the submission does, in a few words."""


def read_expected(path: Path) -> list[Expected]:
    """Read ``expected-scores.csv``: ``assignment,student,<question>...,case``.

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
                    key.removeprefix("q_"): float(value)
                    for key, value in row.items()
                    if key.startswith("q_") and value != ""
                }
                rows.append(Expected(row["student"], row["assignment"], points, row["case"]))
            except (KeyError, ValueError) as error:
                raise ClinicError(f"{path}, line {number}: malformed row ({error}).") from None
    return rows


def compare(expected: Iterable[Expected], graded: Iterable[GradeRow]) -> list[str]:
    """Return one line per difference between documented and actual points (empty: all match)."""
    actual = {(row.assignment, row.student): row for row in graded}
    problems = []
    for item in expected:
        row = actual.get((item.assignment, item.student))
        if row is None:
            continue  # that assignment was not graded in this run
        # A submission nbgrader could not finish (e.g. a kernel that never came back from
        # an interrupted endless loop) earns nothing: compare it as all zeros.
        points = row.points or dict.fromkeys(item.points, 0.0)
        if points != item.points:
            problems.append(
                f"{item.assignment}/{item.student} ({item.case}): expected {item.points}, "
                f"got {points}" + (f" [{row.reason}]" if row.reason else "")
            )
    return problems
