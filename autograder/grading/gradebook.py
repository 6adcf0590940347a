"""Write results into nbgrader's gradebook, and read them back.

Only the coordinating process writes, one submission at a time, so a SQLite
gradebook is never written by two processes at once; any SQLAlchemy URL
(PostgreSQL through psycopg for a department) works the same way. A submission's
points are overwritten on every write, so re-syncing from the ledger is harmless.

A failed submission is recorded with zero points and flagged "needs manual grade",
which is how nbgrader's formgrader shows a submission that wants a person's eyes.
"""

from __future__ import annotations

from autograder.exercises.assignments import get_assignment
from autograder.grading.course import Course
from autograder.grading.outcome import SubmissionResult

TEST_PREFIX = "test_"


def record(course: Course, result: SubmissionResult, timestamp: str | None = None) -> None:
    """Store one result in the gradebook, replacing what was there for that submission."""
    from nbgrader.api import Gradebook, MissingEntry

    spec = get_assignment(result.assignment)
    with Gradebook(course.gradebook_url, course_id=course.course_id) as gradebook:
        gradebook.update_or_create_student(result.student)
        try:
            submission = gradebook.find_submission(spec.key, result.student)
        except MissingEntry:
            extra = {"timestamp": timestamp} if timestamp else {}
            # nbgrader builds the rows before adding them; without this, SQLAlchemy 2
            # autoflushes half-built rows and warns.
            with gradebook.db.no_autoflush:
                submission = gradebook.add_submission(spec.key, result.student, **extra)
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                question = grade.name.removeprefix(TEST_PREFIX)
                grade.auto_score = float(result.points.get(question, 0))
                grade.needs_manual_grade = result.state.failed
        gradebook.db.commit()


def recorded_points(course: Course, assignment: str, student: str) -> dict[str, float] | None:
    """The points per question the gradebook holds for a submission, or None when it has none."""
    from nbgrader.api import Gradebook, MissingEntry

    spec = get_assignment(assignment)
    with Gradebook(course.gradebook_url, course_id=course.course_id) as gradebook:
        try:
            notebook = gradebook.find_submission_notebook(spec.notebook, spec.key, student)
        except MissingEntry:
            return None
        return {
            grade.name.removeprefix(TEST_PREFIX): float(grade.score)
            for grade in notebook.grades
            if grade.name.startswith(TEST_PREFIX)
        }
