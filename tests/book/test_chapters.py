"""Every chapter's notebooks do what the book says, under today's TensorFlow.

The harness executes each notebook fresh; a drifted error message, an error that no
longer happens, or a training number outside its documented bounds fails here,
naming the notebook and the cell.
"""

from __future__ import annotations

import re

import nbformat
import pytest
import yaml

from autograder.book.harness import execute_notebook
from autograder.book.notebooks import book_notebooks, stored_outputs
from tests.conftest import REPO_ROOT

NOTEBOOKS = [str(p.relative_to(REPO_ROOT)) for p in book_notebooks(REPO_ROOT)]
CHAPTERS = sorted(p for p in (REPO_ROOT / "book").iterdir() if re.match(r"\d\d-", p.name))


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_when_a_book_notebook_is_stored_then_it_has_no_outputs(notebook):
    assert stored_outputs(REPO_ROOT / notebook) == [], (
        f"{notebook} is stored with outputs; strip them (the site shows the build's outputs)"
    )


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.name)
def test_when_a_chapter_exists_then_it_has_a_page_a_broken_and_a_fixed_notebook(chapter):
    assert {p.name for p in chapter.iterdir()} >= {"index.md", "broken.ipynb", "fixed.ipynb"}


def test_when_the_toc_is_read_then_every_chapter_page_and_notebook_is_listed():
    toc = yaml.safe_load((REPO_ROOT / "_toc.yml").read_text())
    listed = set()
    for entry in toc.get("chapters", []):
        listed.add(entry["file"])
        listed.update(section["file"] for section in entry.get("sections", []))
    for chapter in CHAPTERS:
        for stem in ("index", "broken", "fixed"):
            assert f"book/{chapter.name}/{stem}" in listed


@pytest.mark.slow
@pytest.mark.needs_dataset
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_when_a_book_notebook_runs_then_every_cell_does_what_the_book_says(book_reports, notebook):
    report = book_reports[notebook]
    assert report.passed, report.describe()


@pytest.mark.slow
@pytest.mark.needs_dataset
@pytest.mark.parametrize("notebook", [n for n in NOTEBOOKS if n.endswith("broken.ipynb")])
def test_when_a_broken_notebook_runs_then_it_pins_at_least_one_real_error_or_number(
    book_reports, notebook
):
    report = book_reports[notebook]
    claims = _claim_outputs(report.notebook)
    assert report.expected_errors + len(claims) >= 1


@pytest.mark.slow
@pytest.mark.needs_dataset
@pytest.mark.parametrize("notebook", [n for n in NOTEBOOKS if n.endswith("fixed.ipynb")])
def test_when_a_fixed_notebook_runs_then_its_measured_result_is_pinned(book_reports, notebook):
    assert _claim_outputs(book_reports[notebook].notebook), f"{notebook} pins no claim()"


def _claim_outputs(notebook):
    return [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("output_type") == "stream" and "(documented:" in output.get("text", "")
    ]


def _first_notebook_with(suffix, predicate):
    for name in NOTEBOOKS:
        if name.endswith(suffix):
            notebook = nbformat.read(REPO_ROOT / name, as_version=4)
            for index, cell in enumerate(notebook.cells):
                if predicate(cell):
                    return notebook, index
    pytest.skip(f"no {suffix} notebook with such a cell yet")


@pytest.mark.slow
@pytest.mark.needs_dataset
def test_when_an_expected_error_pattern_is_changed_then_the_harness_fails(tmp_path):
    notebook, index = _first_notebook_with(
        "broken.ipynb", lambda cell: "clinic" in cell.get("metadata", {})
    )
    notebook.cells[index].metadata["clinic"]["expect_error"]["pattern"] = (
        "a message Keras never wrote"
    )
    mutated = tmp_path / "mutated.ipynb"
    nbformat.write(notebook, mutated)
    report = execute_notebook(mutated)
    assert [f.cell for f in report.failures] == [index]
    assert "no longer matches" in report.failures[0].reason


@pytest.mark.slow
@pytest.mark.needs_dataset
def test_when_a_training_threshold_is_tightened_past_the_truth_then_the_harness_fails(tmp_path):
    notebook, index = _first_notebook_with(
        "fixed.ipynb", lambda cell: "at_least=" in cell.source and "claim(" in cell.source
    )
    notebook.cells[index].source = re.sub(
        r"at_least=[0-9.]+", "at_least=1.5", notebook.cells[index].source
    )
    mutated = tmp_path / "mutated.ipynb"
    nbformat.write(notebook, mutated)
    report = execute_notebook(mutated)
    assert [f.cell for f in report.failures] == [index]
    assert "ClaimError" in report.failures[0].reason
