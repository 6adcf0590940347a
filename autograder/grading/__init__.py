"""nbgrader glue: release the exercises, autograde a class, read the gradebook.

The one place that touches nbgrader. Everything runs nbgrader's own commands
(``python -m nbgrader ...``) with the course's ``nbgrader_config.py`` and explicit
paths, so an instructor can always fall back to plain nbgrader.
"""

from autograder.grading.autograde import GradeRow, autograde_class, read_gradebook
from autograder.grading.course import COURSE_ROOT, Course
from autograder.grading.release import release

__all__ = ["COURSE_ROOT", "Course", "GradeRow", "autograde_class", "read_gradebook", "release"]
