"""The sample class grades to its documented scores under real nbgrader, on real data.

One session fixture grades the whole class once (plus a "reference" student whose
notebooks are the instructor solutions); every test reads that run.
"""

from __future__ import annotations

import shutil

import pytest

from autograder.exercises.assignments import ASSIGNMENTS
from autograder.grading import Course, autograde_class
from autograder.grading.expected import compare, read_expected
from tests.conftest import REPO_ROOT

CLASS = REPO_ROOT / "examples" / "sample-class"
EXPECTED = CLASS / "expected-scores.csv"
WRITTEN = [key for key in ASSIGNMENTS if (REPO_ROOT / "solutions" / key).is_dir()]
CASES = {"correct-a", "correct-b", "wrong-1", "wrong-2", "partial", "empty", "raises", "timeout"}
TIMEOUT = 60  # seconds per cell: the slowest legitimate cell takes about 10 on a quiet machine


@pytest.fixture(scope="session")
def graded(tmp_path_factory, prepared_data_dir):
    root = tmp_path_factory.mktemp("grading")
    submissions = root / "submitted"
    shutil.copytree(CLASS, submissions)
    for key in WRITTEN:
        notebook = f"{ASSIGNMENTS[key].notebook}.ipynb"
        (submissions / "reference" / key).mkdir(parents=True)
        shutil.copy(REPO_ROOT / "solutions" / key / notebook, submissions / "reference" / key)
    course = Course(root / "work", submissions)
    rows = []
    for key in WRITTEN:
        rows += autograde_class(key, course, timeout=TIMEOUT, workers=2)
    return rows


def test_when_the_sample_class_is_listed_then_every_assignment_has_every_case():
    for key in WRITTEN:
        students = {p.parent.name for p in CLASS.glob(f"*/{key}")}
        assert students == CASES, key


def test_when_expected_scores_are_read_then_each_submission_is_documented_once():
    documented = [(row.assignment, row.student) for row in read_expected(EXPECTED)]
    assert len(documented) == len(set(documented))
    assert set(documented) == {(key, student) for key in WRITTEN for student in CASES}


@pytest.mark.slow
@pytest.mark.needs_dataset
@pytest.mark.e2e
def test_when_the_reference_solutions_are_autograded_then_they_earn_full_marks(graded):
    for row in graded:
        if row.student == "reference":
            assert row.status == "graded" and row.total == row.max_points, row.to_dict()


@pytest.mark.slow
@pytest.mark.needs_dataset
@pytest.mark.e2e
def test_when_the_sample_class_is_autograded_then_every_submission_gets_its_documented_score(
    graded,
):
    assert compare(read_expected(EXPECTED), graded) == []


@pytest.mark.slow
@pytest.mark.needs_dataset
@pytest.mark.e2e
def test_when_the_starting_point_is_handed_in_unchanged_then_it_scores_the_documented_low_score(
    graded,
):
    expected = {e.assignment: e for e in read_expected(EXPECTED) if e.student == "empty"}
    for row in graded:
        if row.student == "empty":
            assert row.total == sum(expected[row.assignment].points.values())
            assert row.total <= row.max_points / 2, f"{row.assignment}: the starter scores high"
