"""The sample class, graded once per session through the real pipeline; tests read that run."""

from __future__ import annotations

import pytest

from autograder.exercises.assignments import ASSIGNMENTS
from autograder.grading import grade_class
from tests.grading.classes import copy_sample_class, course, options


@pytest.fixture(scope="session")
def graded_class(tmp_path_factory, prepared_data_dir):
    """(course, results): the whole sample class and the reference solutions, 2 workers."""
    root = tmp_path_factory.mktemp("sample-class")
    submissions = copy_sample_class(root / "submitted")
    the_course = course(root, submissions)
    results = []
    for key in ASSIGNMENTS:
        results += grade_class(key, the_course, options())
    return the_course, results
