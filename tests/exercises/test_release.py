"""exercises/ is what nbgrader generates from solutions/, and it hides what it must."""

from __future__ import annotations

import json
import re

import pytest

from autograder.exercises.assignments import ASSIGNMENTS
from autograder.grading import release
from tests.conftest import REPO_ROOT

WRITTEN = [key for key in ASSIGNMENTS if (REPO_ROOT / "solutions" / key).is_dir()]
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.DOTALL)
SOLUTION = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.DOTALL)


def _sources(path):
    return [cell["source"] for cell in json.loads(path.read_text())["cells"]]


def _text(source):
    return source if isinstance(source, str) else "".join(source)


@pytest.mark.slow
def test_when_solutions_are_released_again_then_exercises_are_unchanged(tmp_path):
    written = release(destination=tmp_path)
    assert sorted(p.parent.name for p in written) == WRITTEN
    for path in written:
        committed = REPO_ROOT / "exercises" / path.parent.name / path.name
        assert committed.is_file(), f"{committed} is missing: run `clinic release`"
        assert json.loads(path.read_text()) == json.loads(committed.read_text()), (
            f"{committed} is out of date with solutions/: run `clinic release` and commit it"
        )


def test_when_exercises_are_scanned_then_no_hidden_test_line_appears_anywhere():
    hidden_lines = set()
    for key in WRITTEN:
        for source in _sources(
            REPO_ROOT / "solutions" / key / f"{ASSIGNMENTS[key].notebook}.ipynb"
        ):
            for block in HIDDEN.findall(_text(source)):
                hidden_lines |= {line.strip() for line in block.splitlines() if line.strip()}
    assert hidden_lines
    for path in (REPO_ROOT / "exercises").rglob("*"):
        if path.is_file():
            text = path.read_text(errors="replace")
            leaked = sorted(line for line in hidden_lines if line in text)
            assert not leaked, f"{path} shows hidden test lines: {leaked}"
            assert "HIDDEN TESTS" not in text and "grading=True" not in text


@pytest.mark.parametrize("key", WRITTEN)
def test_when_an_exercise_is_read_then_its_solution_regions_are_stubs(key):
    notebook = REPO_ROOT / "exercises" / key / f"{ASSIGNMENTS[key].notebook}.ipynb"
    text = "\n".join(_text(s) for s in _sources(notebook))
    assert "BEGIN SOLUTION" not in text
    assert text.count("# YOUR CODE HERE") >= 1
