"""The TrainingSymptoms callback on real training runs."""

from __future__ import annotations

import keras
import numpy as np
import pytest
from keras import layers

from autograder.datasets import load_numpy
from autograder.results import Verdict
from autograder.symptoms import TrainingSymptoms, classify_curve


def _cancer_model(optimizer):
    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [
            keras.Input((30,)),
            layers.Dense(16, activation="relu"),
            layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile(optimizer=optimizer, loss="binary_crossentropy")
    return model


@pytest.fixture(scope="module")
def cancer(prepared_data_dir):
    return load_numpy("breast_cancer_wisconsin", "grading_train", data_dir=prepared_data_dir)


@pytest.mark.needs_dataset
def test_when_raw_features_meet_a_large_learning_rate_then_relu_units_die(cancer):
    x, y = cancer
    watcher = TrainingSymptoms((x[:64], y[:64]))
    _cancer_model(keras.optimizers.SGD(0.1)).fit(x, y, epochs=5, verbose=0, callbacks=[watcher])
    kinds = [s.kind for s in watcher.symptoms]
    assert "dead-relu" in kinds
    dead = next(s for s in watcher.symptoms if s.kind == "dead-relu")
    assert "100%" in dead.detail
    assert watcher.as_result().verdict is Verdict.WARN


@pytest.mark.needs_dataset
def test_when_the_learning_rate_is_zero_then_the_loss_is_flat(cancer):
    x, y = cancer
    watcher = TrainingSymptoms((x[:64], y[:64]))
    _cancer_model(keras.optimizers.SGD(0.0)).fit(x, y, epochs=4, verbose=0, callbacks=[watcher])
    assert [s.kind for s in watcher.symptoms] == ["flat-loss"]


@pytest.mark.needs_dataset
def test_when_standardised_features_train_with_adam_then_no_symptom(cancer):
    x, y = cancer
    x = (x - x.mean(0)) / x.std(0)
    watcher = TrainingSymptoms((x[:64], y[:64]))
    _cancer_model("adam").fit(x, y, epochs=5, verbose=0, callbacks=[watcher])
    assert watcher.symptoms == []
    assert watcher.as_result().verdict is Verdict.PASS


@pytest.mark.needs_dataset
def test_when_gaps_are_left_in_a_series_then_the_nan_loss_stops_training(prepared_data_dir):
    co2 = load_numpy("mauna_loa_co2", "grading_train", data_dir=prepared_data_dir)["co2"]
    windows = np.lib.stride_tricks.sliding_window_view(co2, 9)
    x, y = windows[:, :8, None], windows[:, 8]
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((8, 1)), layers.LSTM(4), layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    watcher = TrainingSymptoms((x[:64], y[:64]))
    history = model.fit(x, y, epochs=5, verbose=0, callbacks=[watcher])
    assert watcher.symptoms[0].kind == "nan-loss"
    assert watcher.symptoms[0].diagnosis.chapter.key == "unscaled-data"
    assert len(history.history["loss"]) == 1  # stopped in the first epoch


@pytest.mark.parametrize(
    ("losses", "kind"),
    [
        ([1.0, 0.7, 0.5, 0.4], None),
        ([1.0, 1.2, 1.5, 2.0], "rising-loss"),
        ([0.693, 0.693, 0.6931, 0.693], "flat-loss"),
        ([1.0, 0.5, 0.95, 0.45, 0.9, 0.4], "oscillating-loss"),
    ],
)
def test_when_a_loss_curve_is_classified_then_its_shape_is_named(losses, kind):
    assert classify_curve(losses) == kind
