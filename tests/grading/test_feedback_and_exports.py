"""Feedback pages and grade exports, from the graded sample class: they teach and leak nothing."""

from __future__ import annotations

import csv
import html
import re

import nbformat
import pytest

from autograder.exercises.assignments import ASSIGNMENTS
from autograder.grading import State
from autograder.grading.exports import export_all
from autograder.grading.feedback import write_feedback
from autograder.grading.summary import summary_markdown
from tests.conftest import REPO_ROOT

pytestmark = [pytest.mark.slow, pytest.mark.needs_dataset, pytest.mark.e2e]


def secret_lines() -> set[str]:
    """Every hidden-test line and every solution line the student copy does not have."""
    secrets = set()
    for key in ASSIGNMENTS:
        source = nbformat.read(REPO_ROOT / "solutions" / key / "exercise.ipynb", as_version=4)
        released = nbformat.read(REPO_ROOT / "exercises" / key / "exercise.ipynb", as_version=4)
        public = {line.strip() for c in released.cells for line in c.source.splitlines()}
        for cell in source.cells:
            inside = False
            for line in cell.source.splitlines():
                if "BEGIN HIDDEN TESTS" in line or "BEGIN SOLUTION" in line:
                    inside = True
                elif "END HIDDEN TESTS" in line or "END SOLUTION" in line:
                    inside = False
                elif inside and len(line.strip()) > 12 and line.strip() not in public:
                    secrets.add(line.strip())
    return secrets


@pytest.fixture(scope="module")
def pages(graded_class, tmp_path_factory):
    _, results = graded_class
    out = tmp_path_factory.mktemp("feedback")
    return {
        (p.parent.name, p.parent.parent.name): p.read_text() for p in write_feedback(results, out)
    }


def test_when_feedback_is_written_then_every_submission_has_a_page(graded_class, pages):
    _, results = graded_class
    assert set(pages) == {(r.assignment, r.student) for r in results}


def test_when_a_student_lost_points_then_the_page_explains_with_the_chapter_plot_and_shapes(
    pages,
):
    page = pages[("01-dense-on-images", "wrong-1")]
    assert "2/10 points" in page
    assert "What is wrong:" in page and "What to do:" in page
    assert "Read: " in page and "/book/" in page  # the chapter that teaches it
    assert "<th>Output shape</th>" in page
    partial = pages[("01-dense-on-images", "partial")]
    assert "<svg" in partial and "loss per epoch" in partial


def test_when_a_submission_failed_then_the_page_says_why_instead_of_a_score(pages):
    page = pages[("01-dense-on-images", "timeout")]
    assert "timed-out" in page and "still running after" in page
    assert "points</strong>" not in page
    raised = pages[("01-dense-on-images", "raises")]
    assert "AttributeError" in raised and "Flaten" in raised


def test_when_feedback_is_written_then_no_hidden_test_solution_or_seed_is_in_it(pages):
    secrets = secret_lines()
    assert len(secrets) > 20  # the scan really has something to look for
    for key, page in pages.items():
        text = html.unescape(page)
        leaked = [line for line in secrets if line in text]
        assert leaked == [], f"{key} shows {leaked[:3]}"
        assert "grading=True" not in text and "HIDDEN" not in text
        assert not re.search(r"\bseed\b", text), key


def test_when_grades_are_exported_then_each_file_shows_the_state_not_a_silent_zero(
    graded_class, tmp_path
):
    the_course, results = graded_class
    paths = {p.name: p for p in export_all(the_course, results, tmp_path)}
    failed = {(r.assignment, r.student) for r in results if r.state is not State.GRADED}
    assert failed

    with paths["nbgrader-grades.csv"].open(newline="") as handle:
        for row in csv.DictReader(handle):
            if (row["assignment"], row["student_id"]) in failed:
                assert row["state"] != "graded" and row["score"] == "" and row["reason"]
            else:
                assert row["state"] == "graded" and row["score"] != ""

    with paths["grades-per-question.csv"].open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(results)
    for row in rows:
        if (row["assignment"], row["student"]) in failed:
            assert row["total"] == "" and row["q_data"] == ""

    with paths["canvas-grades.csv"].open(newline="") as handle:
        canvas = list(csv.reader(handle))
    assert canvas[0][:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert canvas[1][0].strip() == "Points Possible"
    column = canvas[0].index("01-dense-on-images")
    by_student = {row[3]: row[column] for row in canvas[2:]}
    assert by_student["timeout"] == "" and by_student["reference"] == "10"


def test_when_the_class_is_summarised_then_states_scores_and_common_diagnoses_are_listed(
    graded_class,
):
    _, results = graded_class
    summary = summary_markdown(results)
    assert "bubblewrap jail" in summary or "NOT CONFINED" in summary
    assert "## 01-dense-on-images" in summary
    assert "timed-out" in summary and "missing-artifact" in summary
    assert "| points | students |" in summary
    assert "What the class got wrong, most common first:" in summary
    assert "/book/" in summary
