"""The sample class grades to its documented outcomes, the same way on any scheduler.

The session fixture grades the whole class (plus the reference solutions) with two
local workers. A subset is graded again sequentially and on a Dask LocalCluster:
every result, every check's measured number included, must be identical.
"""

from __future__ import annotations

import pytest

from autograder.exercises.assignments import ASSIGNMENTS
from autograder.grading import State, grade_class
from autograder.grading.expected import compare, read_expected
from autograder.grading.gradebook import recorded_points
from tests.grading.classes import EXPECTED, SAMPLE_CLASS, copy_sample_class, course, options

CASES = {"correct-a", "correct-b", "wrong-1", "wrong-2", "partial", "empty", "raises", "timeout"}
SUBSET_ASSIGNMENT = "05-unscaled-data"
SUBSET_STUDENTS = ("correct-a", "partial", "raises", "wrong-1")


def comparable(result) -> dict:
    """Everything a grade depends on: not the timings, not how it was confined."""
    data = result.to_dict()
    del data["seconds"], data["confinement"]
    return data


def test_when_the_sample_class_is_listed_then_every_assignment_has_every_case():
    for key in ASSIGNMENTS:
        students = {p.parent.name for p in SAMPLE_CLASS.glob(f"*/{key}")}
        assert students == CASES, key


def test_when_expected_scores_are_read_then_each_submission_is_documented_once():
    documented = [(row.assignment, row.student) for row in read_expected(EXPECTED)]
    assert len(documented) == len(set(documented))
    assert set(documented) == {(key, student) for key in ASSIGNMENTS for student in CASES}


@pytest.mark.slow
@pytest.mark.needs_dataset
@pytest.mark.e2e
def test_when_the_sample_class_is_graded_then_every_submission_gets_its_documented_outcome(
    graded_class,
):
    _, results = graded_class
    assert compare(read_expected(EXPECTED), results) == []


@pytest.mark.slow
@pytest.mark.needs_dataset
@pytest.mark.e2e
def test_when_the_reference_solutions_are_graded_then_they_earn_full_marks(graded_class):
    _, results = graded_class
    reference = [r for r in results if r.student == "reference"]
    assert len(reference) == len(ASSIGNMENTS)
    for result in reference:
        assert result.state is State.GRADED and result.total == result.max_points, result.reason


@pytest.mark.slow
@pytest.mark.needs_dataset
@pytest.mark.e2e
def test_when_the_class_is_graded_then_the_gradebook_holds_the_ledger_points(graded_class):
    the_course, results = graded_class
    for result in results:
        points = recorded_points(the_course, result.assignment, result.student)
        assert points is not None, (result.assignment, result.student)
        if result.state is State.GRADED:
            assert points == {k: float(v) for k, v in result.points.items()}
        else:
            assert set(points.values()) == {0.0}


@pytest.mark.slow
@pytest.mark.needs_dataset
@pytest.mark.e2e
def test_when_a_subset_is_graded_sequentially_then_every_result_is_identical(
    graded_class, tmp_path
):
    _, parallel = graded_class
    submissions = copy_sample_class(tmp_path / "submitted", SUBSET_STUDENTS, [SUBSET_ASSIGNMENT])
    again = grade_class(SUBSET_ASSIGNMENT, course(tmp_path, submissions), options(workers=1))
    before = {r.student: comparable(r) for r in parallel if r.assignment == SUBSET_ASSIGNMENT}
    assert [comparable(r) for r in again] == [before[s] for s in sorted(SUBSET_STUDENTS)]


@pytest.mark.slow
@pytest.mark.needs_dataset
@pytest.mark.e2e
def test_when_a_subset_is_graded_on_a_dask_cluster_then_every_result_is_identical(
    graded_class, tmp_path
):
    from dask.distributed import LocalCluster

    _, parallel = graded_class
    submissions = copy_sample_class(tmp_path / "submitted", SUBSET_STUDENTS, [SUBSET_ASSIGNMENT])
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        again = grade_class(
            SUBSET_ASSIGNMENT,
            course(tmp_path, submissions),
            options(scheduler=cluster.scheduler_address),
        )
    before = {r.student: comparable(r) for r in parallel if r.assignment == SUBSET_ASSIGNMENT}
    assert [comparable(r) for r in again] == [before[s] for s in sorted(SUBSET_STUDENTS)]
