"""``clinic release`` and ``clinic grade``: thin over nbgrader's generate and autograde."""

from __future__ import annotations

import csv
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from autograder.grading import GradeRow

DEFAULT_WORKDIR = Path("_build/grading")


@click.command("release")
@click.argument("assignments", nargs=-1)
@click.option(
    "--to",
    "destination",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write the student notebooks here instead of exercises/.",
)
def release(assignments: tuple[str, ...], destination: Path | None) -> None:
    """Generate the student notebooks (exercises/) from solutions/ with nbgrader.

    Solution regions become "# YOUR CODE HERE" and hidden tests are removed. With no
    ASSIGNMENTS, every assignment is released.
    """
    from autograder.grading import release as generate

    for path in generate(assignments, destination=destination):
        click.echo(f"released {path}")


@click.command("grade")
@click.argument("assignments", nargs=-1)
@click.option(
    "--submissions",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    required=True,
    help="Collected submissions: <student>/<assignment>/<notebook>.ipynb.",
)
@click.option(
    "--workdir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_WORKDIR,
    show_default=True,
    help="Where the gradebook, autograded notebooks and grade table go.",
)
@click.option("--timeout", type=int, default=120, show_default=True, help="Seconds per cell.")
@click.option(
    "--workers", type=int, default=1, show_default=True, help="Students graded at the same time."
)
@click.option(
    "--expected",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="A CSV of documented scores to compare with (exit 1 on any difference).",
)
def grade(
    assignments: tuple[str, ...],
    submissions: Path,
    workdir: Path,
    timeout: int,
    workers: int,
    expected: Path | None,
) -> None:
    """Autograde ASSIGNMENTS (all by default) for every student in --submissions.

    Each student is graded by nbgrader on the real data; the points per question are
    written to WORKDIR/grades.csv and summarised here.
    """
    from autograder.exercises.assignments import ASSIGNMENTS, get_assignment
    from autograder.grading import Course, autograde_class
    from autograder.grading.expected import compare, read_expected

    keys = [get_assignment(key).key for key in assignments] or list(ASSIGNMENTS)
    course = Course(workdir, submissions)
    rows = []
    for key in keys:
        start = time.monotonic()
        click.echo(f"{key}:")

        def show(student: str, row: GradeRow, start: float = start) -> None:
            outcome = f"{row.total:g}/{row.max_points:g}" if row.status == "graded" else row.reason
            click.echo(f"  {student:<12} {outcome}  ({time.monotonic() - start:.0f} s)")

        graded = autograde_class(key, course, timeout=timeout, workers=workers, progress=show)
        rows.extend(graded)
    table = workdir / "grades.csv"
    questions = sorted({q for row in rows for q in row.points})
    with table.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["assignment", "student", "status", *questions, "total", "max", "reason"])
        for row in rows:
            writer.writerow(
                [row.assignment, row.student, row.status]
                + [row.points.get(q, "") for q in questions]
                + [row.total, row.max_points, row.reason]
            )
    click.echo(f"Grades: {table}  Gradebook: {course.gradebook_url}")
    if expected is not None:
        problems = compare(read_expected(expected), rows)
        for problem in problems:
            click.secho(problem, fg="red")
        if problems:
            raise SystemExit(1)
        click.echo(f"Every score matches {expected}.")
