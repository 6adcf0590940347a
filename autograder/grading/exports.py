"""Grade exports an instructor uploads or reads: nbgrader's CSV, per question, and Canvas.

Every export shows each submission's state. A submission that could not be graded
has an empty score and its state and reason beside it, never a silent 0: whether a
timed-out notebook earns zero is the instructor's decision, not the exporter's.

* ``nbgrader-grades.csv``: nbgrader's own ``nbgrader export`` (from the gradebook),
  with ``state`` and ``reason`` columns added.
* ``grades-per-question.csv``: one row per submission, points per question.
* ``canvas-grades.csv``: Canvas's gradebook import format (``Student, ID, SIS User
  ID, SIS Login ID, Section``, then one column per assignment, a "Points Possible"
  row first). Students are matched on SIS Login ID, which is nbgrader's student id.
  Canvas leaves a grade unchanged where the cell is empty, so a failed submission
  overwrites nothing.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from autograder.exercises.assignments import get_assignment
from autograder.grading.course import Course, run_nbgrader
from autograder.grading.outcome import SubmissionResult

NBGRADER_CSV = "nbgrader-grades.csv"
PER_QUESTION_CSV = "grades-per-question.csv"
CANVAS_CSV = "canvas-grades.csv"


def export_all(course: Course, results: Sequence[SubmissionResult], out: Path) -> list[Path]:
    """Write every export into ``out`` and return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    return [
        export_nbgrader(course, results, out / NBGRADER_CSV),
        export_per_question(results, out / PER_QUESTION_CSV),
        export_canvas(results, out / CANVAS_CSV),
    ]


def export_nbgrader(course: Course, results: Sequence[SubmissionResult], path: Path) -> Path:
    """Run ``nbgrader export`` on the gradebook, then add each submission's state."""
    raw = path.with_suffix(".raw.csv")
    run_nbgrader(["export", f"--to={raw.resolve()}", *course.nbgrader_flags()])
    by_key = {(r.assignment, r.student): r for r in results}
    with raw.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    raw.unlink()
    fields = [*(rows[0].keys() if rows else ["assignment", "student_id"]), "state", "reason"]
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        for row in rows:
            result = by_key.get((row["assignment"], row["student_id"]))
            if result is None:
                row.update(state="not-submitted", reason="no submission in this grading run")
            else:
                row.update(state=result.state.value, reason=result.reason)
            if result is None or result.state.failed:
                row.update(raw_score="", score="")
            writer.writerow(row)
    return path


def export_per_question(results: Sequence[SubmissionResult], path: Path) -> Path:
    """One row per submission: state, points per question, total, reason."""
    questions: list[str] = []
    for result in results:
        for question in get_assignment(result.assignment).questions:
            if question.key not in questions:
                questions.append(question.key)
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "assignment",
                "student",
                "state",
                *(f"q_{q}" for q in questions),
                "total",
                "max_points",
                "reason",
            ]
        )
        for r in results:
            points = ["" if r.state.failed else r.points.get(q, "") for q in questions]
            total = "" if r.state.failed else r.total
            writer.writerow(
                [r.assignment, r.student, r.state.value, *points, total, r.max_points, r.reason]
            )
    return path


def export_canvas(results: Sequence[SubmissionResult], path: Path) -> Path:
    """Canvas gradebook import: one column per assignment, empty where nothing was graded."""
    assignments = sorted({r.assignment for r in results})
    students = sorted({r.student for r in results})
    by_key = {(r.assignment, r.student): r for r in results}
    maximum = {r.assignment: r.max_points for r in results}
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *assignments])
        writer.writerow(["Points Possible", "", "", "", "", *(maximum[a] for a in assignments)])
        for student in students:
            cells = []
            for assignment in assignments:
                result = by_key.get((assignment, student))
                cells.append("" if result is None or result.state.failed else result.total)
            writer.writerow([student, "", "", student, "", *cells])
    return path
