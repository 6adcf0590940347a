"""The harness executes notebooks and enforces each cell's documented intent."""

from __future__ import annotations

import pytest

from autograder.book.harness import execute_notebook
from tests.book.notebook_factory import expecting, write_notebook

pytestmark = pytest.mark.e2e  # each test starts a real Jupyter kernel


def test_when_a_cell_raises_its_documented_error_then_the_notebook_passes(tmp_path):
    path = write_notebook(
        tmp_path / "nb.ipynb",
        "x = 1",
        ("raise ValueError(f'expected axis -1 to be {x}')", expecting("ValueError", "axis -1")),
        "print('still runs after the expected error')",
    )
    report = execute_notebook(path)
    assert report.passed, report.describe()
    assert report.expected_errors == 1
    assert "still runs" in report.notebook.cells[3].outputs[0]["text"]


def test_when_the_error_class_changes_then_the_notebook_fails_naming_the_cell(tmp_path):
    path = write_notebook(
        tmp_path / "nb.ipynb",
        ("raise TypeError('axis -1')", expecting("ValueError", "axis -1")),
    )
    report = execute_notebook(path)
    assert not report.passed
    [failure] = report.failures
    assert failure.cell == 1
    assert "expected ValueError" in failure.reason
    assert "raised TypeError" in failure.reason


def test_when_the_message_drifts_then_the_notebook_fails(tmp_path):
    path = write_notebook(
        tmp_path / "nb.ipynb",
        ("raise ValueError('a brand new message')", expecting("ValueError", "axis -1")),
    )
    [failure] = execute_notebook(path).failures
    assert "no longer matches /axis -1/" in failure.reason


def test_when_a_documented_error_no_longer_happens_then_the_notebook_fails(tmp_path):
    path = write_notebook(tmp_path / "nb.ipynb", ("y = 2", expecting("ValueError", "axis")))
    [failure] = execute_notebook(path).failures
    assert "raised nothing" in failure.reason


def test_when_an_undocumented_cell_errors_then_the_notebook_fails_naming_it(tmp_path):
    path = write_notebook(tmp_path / "nb.ipynb", "a = 1", "1 / 0", "b = 2")
    [failure] = execute_notebook(path).failures
    assert failure.cell == 2
    assert failure.source == "1 / 0"
    assert "unexpected error: ZeroDivisionError" in failure.reason


def test_when_a_training_claim_no_longer_holds_then_the_notebook_fails(tmp_path):
    path = write_notebook(
        tmp_path / "nb.ipynb",
        "from autograder.book.claims import claim",
        "claim('accuracy', 0.42, at_least=0.8)",
    )
    [failure] = execute_notebook(path).failures
    assert failure.cell == 2
    assert "ClaimError" in failure.reason


def test_when_a_cell_runs_too_long_then_the_notebook_fails_with_a_timeout(tmp_path):
    path = write_notebook(tmp_path / "nb.ipynb", "import time", "time.sleep(30)")
    [failure] = execute_notebook(path, cell_timeout=2).failures
    assert failure.cell == 2
    assert "timed out after 2 s" in failure.reason


def test_when_metadata_is_malformed_then_nothing_is_executed(tmp_path):
    path = write_notebook(tmp_path / "nb.ipynb", ("1 / 0", {"tags": ["raises-exception"]}))
    report = execute_notebook(path)
    assert report.seconds == 0.0
    assert "no 'clinic' metadata" in report.failures[0].reason


def test_when_kernels_start_then_tensorflow_banners_are_switched_off(tmp_path):
    path = write_notebook(
        tmp_path / "nb.ipynb", "import os; print(os.environ['TF_ENABLE_ONEDNN_OPTS'])"
    )
    report = execute_notebook(path)
    assert report.notebook.cells[1].outputs[0]["text"].strip() == "0"


def test_when_tensorflow_is_imported_then_its_cpp_start_up_logs_stay_out_of_the_page(tmp_path):
    path = write_notebook(tmp_path / "nb.ipynb", "import tensorflow as tf\nprint('imported')")
    report = execute_notebook(path)
    assert report.passed, report.describe()
    outputs = report.notebook.cells[1].outputs
    assert [o.get("text", "") for o in outputs] == ["imported\n"]
