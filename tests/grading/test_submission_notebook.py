"""The notebook the grader runs: the student's code, the course's locked cells, no tests."""

from __future__ import annotations

import json

import nbformat
import pytest

from autograder.exercises.assignments import ASSIGNMENTS
from autograder.grading.submission_notebook import (
    MalformedNotebookError,
    read_submission,
    runnable_notebook,
)
from tests.conftest import REPO_ROOT

KEY = "01-dense-on-images"
RELEASED = REPO_ROOT / "exercises" / KEY / "exercise.ipynb"
SOLUTION = REPO_ROOT / "solutions" / KEY / "exercise.ipynb"


def ids(notebook) -> list[str]:
    return [c.metadata.get("nbgrader", {}).get("grade_id", "") for c in notebook.cells]


def cell(notebook, grade_id):
    return next(
        c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id
    )


@pytest.fixture
def released():
    return nbformat.read(RELEASED, as_version=4)


@pytest.fixture
def submitted():
    return nbformat.read(RELEASED, as_version=4)


def test_when_a_submission_is_made_runnable_then_no_test_cell_is_left(submitted, released):
    run = runnable_notebook(submitted, released)
    assert not any(i.startswith("test_") for i in ids(run))
    assert "grade(" not in "".join(c.source for c in run.cells if c.cell_type == "code").replace(
        "import grade", ""
    )


@pytest.mark.parametrize("key", list(ASSIGNMENTS))
def test_when_the_solutions_are_made_runnable_then_no_hidden_test_reaches_the_kernel(key):
    source = nbformat.read(REPO_ROOT / "solutions" / key / "exercise.ipynb", as_version=4)
    released = nbformat.read(REPO_ROOT / "exercises" / key / "exercise.ipynb", as_version=4)
    run = runnable_notebook(source, released)
    text = json.dumps(run)
    assert "HIDDEN TESTS" not in text and "grading=True" not in text


def test_when_the_student_edits_a_locked_cell_then_the_course_version_runs(submitted, released):
    cell(submitted, "handin").source = "print('I hand in nothing')"
    cell(submitted, "setup").source += "\nkeras.Model.fit = lambda *a, **k: None"
    run = runnable_notebook(submitted, released)
    assert cell(run, "handin").source == cell(released, "handin").source
    assert cell(run, "setup").source == cell(released, "setup").source


def test_when_the_student_deletes_the_hand_in_and_the_tests_then_the_hand_in_is_put_back(
    submitted, released
):
    submitted.cells = [
        c
        for c in submitted.cells
        if not c.metadata.get("nbgrader", {}).get("grade_id", "").startswith(("test_", "handin"))
    ]
    run = runnable_notebook(submitted, released)
    order = ids(run)
    assert order.index("handin") == order.index("build_model") + 1


def test_when_the_student_adds_cells_then_they_run_where_the_student_put_them(submitted, released):
    extra = nbformat.v4.new_code_cell("helper = 1")
    submitted.cells.insert(5, extra)
    run = runnable_notebook(submitted, released)
    sources = [c.source for c in run.cells]
    assert sources.index("helper = 1") < ids(run).index("handin")


def test_when_the_student_solution_is_in_place_then_it_is_what_runs(released):
    solution = nbformat.read(SOLUTION, as_version=4)
    run = runnable_notebook(solution, released)
    assert cell(run, "prepare").source == cell(solution, "prepare").source


def test_when_a_submission_had_outputs_then_the_runnable_copy_has_none(submitted, released):
    cell(submitted, "prepare").outputs = [nbformat.v4.new_output("stream", text="old")]
    run = runnable_notebook(submitted, released)
    assert all(not c.get("outputs") for c in run.cells if c.cell_type == "code")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "No exercise.ipynb in the submission"),
        ("{not json", "not a notebook"),
        ('{"cells": "nope", "nbformat": 4, "nbformat_minor": 5, "metadata": {}}', "not a valid"),
        ("", "not a notebook"),
    ],
)
def test_when_a_submission_is_missing_or_broken_then_it_is_malformed_with_a_reason(
    tmp_path, content, message
):
    path = tmp_path / "exercise.ipynb"
    if content is not None:
        path.write_text(content)
    with pytest.raises(MalformedNotebookError, match=message):
        read_submission(path)
