"""Autograde a class with nbgrader, one student at a time, and read the points back.

Each student is autograded by a separate nbgrader run, so a submission that breaks
nbgrader itself (a malformed notebook) ends as that student's failure with its
reason, and the rest of the class is still graded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from typing import Any

from autograder.errors import ClinicError
from autograder.exercises.assignments import get_assignment
from autograder.grading.course import Course, run_nbgrader

GRADED = "graded"
FAILED = "failed"


@dataclass(frozen=True)
class GradeRow:
    """One student's result on one assignment."""

    student: str
    """The student's id (their folder name)."""
    assignment: str
    """The assignment key."""
    status: str
    """``graded``, or ``failed`` when no score could be recorded (see ``reason``)."""
    points: dict[str, float] = field(default_factory=dict)
    """Points per question key (from the test cells' ``grade_id``)."""
    max_points: float = 0.0
    """Points available."""
    reason: str = ""
    """Why grading failed, for a failed row."""

    @property
    def total(self) -> float:
        """Points earned."""
        return sum(self.points.values())

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable view."""
        return {
            "student": self.student,
            "assignment": self.assignment,
            "status": self.status,
            "points": self.points,
            "total": self.total,
            "max_points": self.max_points,
            "reason": self.reason,
        }


def students_of(course: Course, assignment: str) -> list[str]:
    """The students who submitted this assignment, sorted."""
    if not course.submissions.is_dir():
        raise ClinicError(
            f"No submissions folder at {course.submissions}. Expected "
            "<student>/<assignment>/<notebook>.ipynb inside it (nbgrader's collected layout)."
        )
    return sorted(p.parent.name for p in course.submissions.glob(f"*/{assignment}") if p.is_dir())


def autograde_class(
    assignment: str,
    course: Course,
    *,
    timeout: int = 120,
    students: Sequence[str] = (),
    workers: int = 1,
    progress: Callable[[str, GradeRow], None] | None = None,
) -> list[GradeRow]:
    """Autograde every submission of an assignment and return one row per student.

    Args:
        assignment: the assignment key.
        course: where the submissions are and where results go.
        timeout: nbgrader's per-cell execution limit, in seconds.
        students: grade only these (all who submitted by default).
        workers: how many students are graded at the same time.
        progress: called after each student with their row (from the calling thread).

    Returns:
        One row per student, in student order, whatever order they finished in.
    """
    spec = get_assignment(assignment)
    course.workdir.mkdir(parents=True, exist_ok=True)
    flags = course.nbgrader_flags()
    run_nbgrader(["generate_assignment", spec.key, "--force", *flags])
    names = list(students) or students_of(course, spec.key)

    def grade_one(student: str) -> GradeRow:
        try:
            run_nbgrader(
                [
                    "autograde",
                    spec.key,
                    f"--student={student}",
                    "--force",
                    f"--Execute.timeout={timeout}",
                    *flags,
                ],
                grading=True,
            )
            return read_gradebook(course, spec.key, student)
        except ClinicError as error:
            return GradeRow(student, spec.key, FAILED, reason=str(error).splitlines()[-1])

    rows: dict[str, GradeRow] = {}
    # Each student is a separate nbgrader process; threads only wait for them.
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = {pool.submit(grade_one, student): student for student in names}
        for future in as_completed(futures):
            row = future.result()
            rows[row.student] = row
            if progress is not None:
                progress(row.student, row)
    return [rows[student] for student in names]


def read_gradebook(course: Course, assignment: str, student: str) -> GradeRow:
    """Read one student's points per question from the gradebook."""
    from nbgrader.api import Gradebook, MissingEntry

    spec = get_assignment(assignment)
    with Gradebook(course.gradebook_url) as gradebook:
        try:
            notebook = gradebook.find_submission_notebook(spec.notebook, spec.key, student)
        except MissingEntry:
            return GradeRow(student, spec.key, FAILED, reason="nbgrader recorded no grade")
        points = {
            grade.name.removeprefix("test_"): float(grade.score)
            for grade in notebook.grades
            if grade.name.startswith("test_")
        }
        maximum = float(sum(grade.max_score for grade in notebook.grades))
    return GradeRow(student, spec.key, GRADED, points, maximum)
