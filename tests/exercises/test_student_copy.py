"""A student's copy runs as handed out: the hand-in shows the self-check, no hidden test needed."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import REPO_ROOT

NOTEBOOK = REPO_ROOT / "exercises" / "01-dense-on-images" / "exercise.ipynb"


@pytest.mark.slow
@pytest.mark.needs_dataset
def test_when_the_starting_point_is_run_then_the_self_check_explains_what_to_fix(
    prepared_data_dir, tmp_path
):
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(tmp_path)}},
    ).execute()
    by_id = {cell.metadata.get("nbgrader", {}).get("grade_id"): cell for cell in notebook.cells}
    handin = by_id["handin"]
    assert not [o for o in handin.outputs if o.output_type == "error"]
    shown = "".join(o.get("data", {}).get("text/html", "") for o in handin.outputs)
    assert "Self-check of 01-dense-on-images: 0/10 points" in shown
    assert "01-dense-on-images/index.html" in shown  # the chapter to read
    assert (tmp_path / "clinic-artifacts" / "manifest.json").is_file()
    failed = [o.evalue for o in by_id["test_shapes"].outputs if o.output_type == "error"]
    assert failed and "Flatten" in failed[0]  # the visible test says what to do
