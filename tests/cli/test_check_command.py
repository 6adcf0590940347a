"""``clinic check PATH`` runs a student's file and shows its self-check results."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from tests.book.notebook_factory import write_notebook

pytestmark = [pytest.mark.e2e, pytest.mark.needs_dataset]

STUDENT_CODE = textwrap.dedent(
    """
    import keras
    import autograder
    from autograder.datasets import load_numpy

    x, y = load_numpy("breast_cancer_wisconsin", "grading_train")
    xt, yt = load_numpy("breast_cancer_wisconsin", "grading_test")
    SCALE
    model = keras.Sequential([keras.Input((30,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy")
    autograder.check(model, x, y, xt, yt, task="unscaled-data", train=False)
    """
)


def _clinic(*args):
    return subprocess.run(
        [sys.executable, "-m", "autograder.cli", "check", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_when_a_script_feeds_raw_features_then_check_exits_1_and_names_the_chapter(
    tmp_path, prepared_data_dir
):
    script = tmp_path / "student.py"
    script.write_text(STUDENT_CODE.replace("SCALE", "pass"))
    completed = _clinic(script)
    assert completed.returncode == 1, completed.stderr
    assert "[FAIL] Input scale" in completed.stdout
    assert "book/05-unscaled-data/index.html" in completed.stdout


def test_when_a_notebook_standardises_on_train_then_check_passes_as_json(
    tmp_path, prepared_data_dir
):
    scale = "m, s = x.mean(0), x.std(0); x, xt = (x - m) / s, (xt - m) / s"
    notebook = write_notebook(tmp_path / "student.ipynb", STUDENT_CODE.replace("SCALE", scale))
    completed = _clinic(notebook, "--json")
    assert completed.returncode == 0, completed.stdout + completed.stderr
    payload = json.loads(completed.stdout)
    assert payload["passed"] is True
    [report] = payload["reports"]
    assert report["task"] == "unscaled-data"


def test_when_the_file_crashes_then_the_error_is_explained(tmp_path, prepared_data_dir):
    script = tmp_path / "student.py"
    script.write_text(
        "import keras, numpy as np\n"
        "m = keras.Sequential([keras.Input((20,)), keras.layers.LSTM(4)])\n"
    )
    completed = _clinic(script)
    assert completed.returncode == 1
    assert "The file stopped with an error" in completed.stdout
    assert "feature axis is missing" in completed.stdout


def test_when_the_file_never_checks_anything_then_check_says_so(tmp_path):
    script = tmp_path / "student.py"
    script.write_text("print('hello')\n")
    completed = _clinic(script)
    assert completed.returncode == 1
    assert "never called autograder.check" in completed.stdout
