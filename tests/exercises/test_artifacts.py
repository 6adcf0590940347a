"""The hand-in contract: what is saved, what is refused, and that nothing is trusted.

Plumbing tests: the arrays are small and made up, since no verdict depends on them.
"""

from __future__ import annotations

import json

import keras
import numpy as np
import pytest

from autograder.exercises import handin
from autograder.exercises.artifacts import (
    DATA_FILE,
    MANIFEST_FILE,
    MODEL_FILE,
    ArtifactError,
    load_artifacts,
    save_artifacts,
)

A = "05-unscaled-data"


def _model(*extra):
    model = keras.Sequential(
        [keras.Input((3,)), *extra, keras.layers.Dense(1, activation="sigmoid")]
    )
    model.compile(optimizer="adam", loss="binary_crossentropy")
    return model


def _arrays():
    rng = np.random.default_rng(0)
    return rng.normal(size=(8, 3)), rng.integers(0, 2, 8), rng.normal(size=(4, 3)), np.ones(4)


def test_when_a_model_and_arrays_are_handed_in_then_they_load_back_with_a_manifest(tmp_path):
    model = _model()
    folder = save_artifacts(
        model, *_arrays(), assignment=A, task="unscaled-data", directory=tmp_path / "h"
    )
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [MODEL_FILE, DATA_FILE, MANIFEST_FILE]
    )
    manifest = json.loads((folder / MANIFEST_FILE).read_text())
    assert manifest["schema"] == 1 and manifest["assignment"] == A
    loaded = load_artifacts(folder, assignment=A)
    x = _arrays()[0]
    np.testing.assert_allclose(loaded.model.predict(x, verbose=0), model.predict(x, verbose=0))
    np.testing.assert_array_equal(loaded.arrays["x_train"], x)
    assert loaded.model.get_compile_config()["loss"] == "binary_crossentropy"


def test_when_handed_in_twice_then_the_second_replaces_the_first_and_no_staging_is_left(tmp_path):
    first = save_artifacts(_model(), *_arrays(), assignment=A, task="t", directory=tmp_path / "h")
    fingerprint = load_artifacts(first).fingerprint
    x, y, xt, yt = _arrays()
    save_artifacts(_model(), x * 2, y, xt, yt, assignment=A, task="t", directory=tmp_path / "h")
    assert load_artifacts(first).fingerprint != fingerprint
    assert [p.name for p in tmp_path.iterdir()] == ["h"]


def test_when_a_file_changes_after_hand_in_then_loading_refuses_it(tmp_path):
    folder = save_artifacts(_model(), *_arrays(), assignment=A, task="t", directory=tmp_path / "h")
    x, y, xt, yt = _arrays()
    np.savez(folder / DATA_FILE, x_train=x, y_train=np.ones_like(y), x_test=xt, y_test=yt)
    with pytest.raises(ArtifactError, match="does not match its manifest"):
        load_artifacts(folder)


def test_when_the_model_holds_python_code_then_loading_refuses_it_in_safe_mode(tmp_path):
    model = _model(keras.layers.Lambda(lambda t: t * 2))
    folder = save_artifacts(model, *_arrays(), assignment=A, task="t", directory=tmp_path / "h")
    with pytest.raises(ArtifactError, match="without running any Python"):
        load_artifacts(folder)


@pytest.mark.parametrize(
    ("labels", "message"),
    [
        (np.array(["benign", "malignant"] * 4), "Encode text labels"),
        ([np.zeros(3), np.zeros(5), np.zeros(2), np.zeros(1)] * 2, "padded"),
    ],
)
def test_when_an_array_is_not_numeric_then_the_hand_in_says_what_to_do(tmp_path, labels, message):
    x, _, xt, yt = _arrays()
    with pytest.raises(ArtifactError, match=message):
        save_artifacts(
            _model(), x, labels, xt, yt, assignment=A, task="t", directory=tmp_path / "h"
        )
    assert not (tmp_path / "h").exists()


def test_when_nothing_was_handed_in_then_the_error_names_the_hand_in_cell(tmp_path):
    with pytest.raises(ArtifactError, match="hand_in"):
        load_artifacts(tmp_path)


def test_when_a_hand_in_is_for_another_assignment_then_loading_refuses_it(tmp_path):
    folder = save_artifacts(_model(), *_arrays(), assignment=A, task="t", directory=tmp_path / "h")
    with pytest.raises(ArtifactError, match="not '06-mistyped-data'"):
        load_artifacts(folder, assignment="06-mistyped-data")


def test_when_a_folder_was_left_on_disk_but_nothing_handed_in_this_session_then_grade_refuses(
    tmp_path, monkeypatch
):
    save_artifacts(_model(), *_arrays(), assignment=A, task="t", directory=tmp_path / "h")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(handin, "_handed_in", {})
    with pytest.raises(ArtifactError, match="Nothing was handed in in this session"):
        handin.grade("data", assignment=A)
