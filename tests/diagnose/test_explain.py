"""Every diagnosis rule is pinned against an error raised by real Keras 3 code.

Each case runs the failing Keras call (tiny zero tensors: the message, not the data,
is under test) and checks that the explanation names the right rule and chapter. If
Keras rewords a message, the case fails here instead of students getting a generic
answer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import keras
import numpy as np
import pytest
import tensorflow as tf
from keras import layers

from autograder.chapters import CHAPTERS
from autograder.diagnose import Diagnosis, explain_error


@dataclass(frozen=True)
class Case:
    name: str
    raise_it: Callable[[Path], object]
    rule: str
    chapter: str
    where_contains: str


def _fit(model, x, y, loss="sparse_categorical_crossentropy"):
    model.compile(optimizer="adam", loss=loss)
    model.fit(x, y, epochs=1, verbose=0)


def _dense_on_images(_):
    model = keras.Sequential([keras.Input((28, 28, 1)), layers.Dense(4), layers.Dense(10)])
    _fit(model, np.zeros((8, 28, 28, 1), "float32"), np.zeros(8, "int64"))


def _flat_input_fed_images(_):
    model = keras.Sequential([keras.Input((784,)), layers.Dense(10)])
    _fit(model, np.zeros((8, 28, 28, 1), "float32"), np.zeros(8, "int64"))


def _lstm_without_feature_axis(_):
    keras.Sequential([keras.Input((20,)), layers.LSTM(4)])


def _reused_dense_after_surgery(_):
    dense = layers.Dense(3, name="head")
    keras.Sequential([keras.Input((8,)), dense])
    keras.Sequential([keras.Input((5,)), dense])


def _weights_into_changed_model(tmp_path):
    path = tmp_path / "old.weights.h5"
    old = keras.Sequential([keras.Input((4,)), layers.Dense(8, name="hidden"), layers.Dense(3)])
    old.save_weights(path)
    new = keras.Sequential([keras.Input((4,)), layers.Dense(5, name="hidden"), layers.Dense(3)])
    new.load_weights(path)


def _ragged_into_lstm(_):
    ragged = tf.ragged.constant([[[1.0] * 12] * 5, [[2.0] * 12] * 7])
    model = keras.Sequential([keras.Input((None, 12)), layers.LSTM(4), layers.Dense(9)])
    _fit(model, ragged, np.array([0, 1]))


def _list_of_sequences(_):
    model = keras.Sequential([keras.Input((None, 12)), layers.LSTM(4), layers.Dense(9)])
    _fit(model, [np.zeros((5, 12)), np.zeros((7, 12))], np.array([0, 1]))


def _object_array(_):
    sequences = np.empty(2, dtype=object)
    sequences[:] = [np.zeros((5, 12)), np.zeros((7, 12))]
    model = keras.Sequential([keras.Input((None, 12)), layers.LSTM(4), layers.Dense(9)])
    _fit(model, sequences, np.array([0, 1]))


def _string_labels(_):
    model = keras.Sequential([keras.Input((30,)), layers.Dense(2)])
    _fit(model, np.zeros((4, 30), "float32"), np.array(["malignant", "benign"] * 2))


def _one_hot_with_sparse_loss(_):
    model = keras.Sequential([keras.Input((30,)), layers.Dense(2, activation="softmax")])
    _fit(model, np.zeros((4, 30), "float32"), np.eye(2)[[0, 1, 0, 1]])


def _integers_with_categorical_loss(_):
    model = keras.Sequential([keras.Input((30,)), layers.Dense(3, activation="softmax")])
    _fit(model, np.zeros((4, 30), "float32"), np.array([0, 1, 2, 0]), "categorical_crossentropy")


CASES = (
    Case(
        "dense on images",
        _dense_on_images,
        rule="output-not-flat",
        chapter="dense-on-images",
        where_contains="(None, 28, 28, 10)",
    ),
    Case(
        "flat input fed images",
        _flat_input_fed_images,
        rule="unflattened-images",
        chapter="dense-on-images",
        where_contains="(None, 784)",
    ),
    Case(
        "LSTM without feature axis",
        _lstm_without_feature_axis,
        rule="missing-feature-axis",
        chapter="time-series-reshape",
        where_contains="lstm",
    ),
    Case(
        "reused layer after surgery",
        _reused_dense_after_surgery,
        rule="last-axis-mismatch",
        chapter="layer-surgery",
        where_contains="head",
    ),
    Case(
        "weights into changed model",
        _weights_into_changed_model,
        rule="checkpoint-does-not-fit",
        chapter="layer-surgery",
        where_contains="hidden",
    ),
    Case(
        "ragged tensor into LSTM",
        _ragged_into_lstm,
        rule="ragged-into-rnn",
        chapter="ragged-sequences",
        where_contains="recurrent",
    ),
    Case(
        "list of sequences",
        _list_of_sequences,
        rule="list-of-sequences",
        chapter="ragged-sequences",
        where_contains="5, 7",
    ),
    Case(
        "object array",
        _object_array,
        rule="object-array",
        chapter="ragged-sequences",
        where_contains="object",
    ),
    Case(
        "string labels",
        _string_labels,
        rule="string-labels",
        chapter="mistyped-data",
        where_contains="str",
    ),
    Case(
        "one-hot with sparse loss",
        _one_hot_with_sparse_loss,
        rule="one-hot-with-sparse-loss",
        chapter="mistyped-data",
        where_contains="(None, 2)",
    ),
    Case(
        "integers with categorical loss",
        _integers_with_categorical_loss,
        rule="integer-labels-with-categorical-loss",
        chapter="mistyped-data",
        where_contains="(None,)",
    ),
)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_when_keras_raises_a_scenario_error_then_the_diagnosis_names_its_chapter(case, tmp_path):
    with pytest.raises(ValueError) as info:  # every scenario error is a ValueError in Keras 3
        case.raise_it(tmp_path)
    diagnosis = explain_error(info.value)
    assert diagnosis.rule == case.rule, diagnosis.original
    assert diagnosis.chapter == CHAPTERS[case.chapter]
    assert case.where_contains in diagnosis.where
    assert diagnosis.original.startswith(type(info.value).__name__)


def test_when_the_error_is_unknown_then_the_answer_is_honest_and_keeps_the_original():
    diagnosis = explain_error(RuntimeError("\x1b[1mSomething new in Keras 4\x1b[0m"))
    assert not diagnosis.recognised
    assert "does not recognise" in diagnosis.problem
    assert diagnosis.original == "RuntimeError: Something new in Keras 4"
    assert diagnosis.chapter == CHAPTERS["debugging-toolkit"]


def test_when_only_the_message_text_is_known_then_it_is_explained_the_same_way():
    text = (
        "Argument `output` must have rank (ndim) `target.ndim - 1`. "
        "Received: target.shape=(None,), output.shape=(None, 28, 28, 10)"
    )
    assert explain_error(text, "ValueError").rule == "output-not-flat"


def test_when_a_diagnosis_goes_through_json_then_it_comes_back_equal():
    diagnosis = explain_error("Cannot index into an inner ragged dimension.", "ValueError")
    assert Diagnosis.from_dict(diagnosis.to_dict()) == diagnosis


def test_when_json_names_an_unknown_chapter_then_it_is_refused():
    data = explain_error("x", "ValueError").to_dict()
    data["chapter"]["key"] = "no-such-chapter"
    with pytest.raises(ValueError, match="unknown chapter key"):
        Diagnosis.from_dict(data)
