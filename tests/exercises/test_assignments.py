"""The assignment table and the notebooks in solutions/ agree, cell by cell."""

from __future__ import annotations

import re

import nbformat
import pytest

from autograder.exercises.assignments import ASSIGNMENTS
from tests.conftest import REPO_ROOT

WRITTEN = [key for key in ASSIGNMENTS if (REPO_ROOT / "solutions" / key).is_dir()]


def _cells(key):
    spec = ASSIGNMENTS[key]
    notebook = nbformat.read(REPO_ROOT / "solutions" / key / f"{spec.notebook}.ipynb", 4)
    return [(cell, cell.metadata.get("nbgrader", {})) for cell in notebook.cells]


@pytest.mark.parametrize("key", WRITTEN)
def test_when_a_solution_is_read_then_each_question_is_one_test_cell_worth_its_points(key):
    spec = ASSIGNMENTS[key]
    tests = {meta["grade_id"]: meta["points"] for _, meta in _cells(key) if meta.get("grade")}
    assert tests == {f"test_{q.key}": q.points for q in spec.questions}


@pytest.mark.parametrize("key", WRITTEN)
def test_when_a_solution_is_read_then_every_cell_but_the_students_is_locked(key):
    for cell, meta in _cells(key):
        assert meta, f"{key}: a cell without nbgrader metadata: {cell.source[:60]!r}"
        assert meta["solution"] != meta["locked"], f"{key}: {meta['grade_id']}"


@pytest.mark.parametrize("key", WRITTEN)
def test_when_a_solution_is_read_then_it_hands_in_for_its_own_assignment_and_hides_tests(key):
    cells = _cells(key)
    handins = [c.source for c, _ in cells if "hand_in(" in c.source]
    assert len(handins) == 1 and f'assignment="{key}"' in handins[0]
    for cell, meta in cells:
        if meta.get("grade"):
            question = meta["grade_id"].removeprefix("test_")
            assert f'grade("{question}")' in cell.source
            hidden = re.search(
                r"### BEGIN HIDDEN TESTS\n(.*)### END HIDDEN TESTS", cell.source, re.S
            )
            assert hidden and f'grade("{question}", grading=True)' in hidden.group(1)
        if meta.get("solution"):
            assert "### BEGIN SOLUTION" in cell.source and "### END SOLUTION" in cell.source


@pytest.mark.parametrize("key", WRITTEN)
def test_when_a_solution_is_read_then_its_colab_cell_prepares_only_its_dataset(key):
    install = next(c.source for c, m in _cells(key) if m["grade_id"] == "install")
    assert install.strip().endswith(f"!clinic data prepare {ASSIGNMENTS[key].task.dataset}")


def test_when_every_assignment_is_listed_then_its_checks_exist_in_the_exercise_pipeline():
    from autograder.checks.exercise import exercise_pipeline

    for spec in ASSIGNMENTS.values():
        ids = {c.id for c in exercise_pipeline(spec.required_shapes, as_handed_in=True)}
        for question in spec.questions:
            assert set(question.checks) <= ids, f"{spec.key}/{question.key}"
