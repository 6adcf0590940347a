"""The course site builds strictly (warnings are errors) from the executed notebooks."""

from __future__ import annotations

import nbformat
import pytest

from autograder.book.notebooks import book_notebooks
from autograder.book.site import build_site, execution_key
from autograder.errors import ClinicError
from tests.book.conftest import copy_course
from tests.conftest import REPO_ROOT


def test_when_the_root_has_no_config_then_the_error_says_where_to_run_it(tmp_path):
    with pytest.raises(ClinicError, match=r"No _config.yml in .*run this from the Keras Clinic"):
        build_site(root=tmp_path)


def test_when_a_notebook_changes_then_its_execution_key_changes(tmp_path):
    root = copy_course(tmp_path)
    notebooks = book_notebooks(root)
    if not notebooks:
        pytest.skip("no notebooks in the book yet")
    before = execution_key(root, notebooks[0])
    assert execution_key(root, notebooks[0]) == before
    notebook = nbformat.read(notebooks[0], as_version=4)
    notebook.cells[-1].source += "\n# an edit"
    nbformat.write(notebook, notebooks[0])
    assert execution_key(root, notebooks[0]) != before


@pytest.mark.e2e
@pytest.mark.slow
@pytest.mark.needs_dataset
def test_when_the_book_is_built_then_pages_show_the_outputs_the_harness_produced(
    course_root, book_reports
):
    assert all(report.passed for report in book_reports.values())
    output = build_site(root=course_root)  # uses the session's fresh executions (cache)
    assert "book/index.html" in (output / "index.html").read_text()  # the root redirect
    assert "Who it is for" in (output / "book" / "index.html").read_text()
    assert "grading_train" in (output / "book" / "datasets.html").read_text()
    for name, report in book_reports.items():
        page = (output / name).with_suffix(".html").read_text()
        if report.expected_errors:
            assert "Error" in page, f"{name}: the real error text is missing from the page"
        if name.endswith("fixed.ipynb"):
            assert "(documented:" in page, f"{name}: the pinned result is missing"
    assert (REPO_ROOT / "_toc.yml").is_file()
