"""Classroom grading: release the exercises, grade a class safely, record and export the grades.

The one place that touches nbgrader. nbgrader keeps doing what it does well (the
assignment database, the student release, the gradebook, its CSV export); the
student's notebook runs in a jail and the grade is computed outside it
(``grade_submission``), one ledger entry per submission (``ledger``).
"""

from autograder.grading.classroom import GradingOptions, grade_class, students_of
from autograder.grading.course import COURSE_ROOT, Course
from autograder.grading.outcome import State, SubmissionResult
from autograder.grading.release import release

__all__ = [
    "COURSE_ROOT",
    "Course",
    "GradingOptions",
    "State",
    "SubmissionResult",
    "grade_class",
    "release",
    "students_of",
]
