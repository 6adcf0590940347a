"""Candidate submissions per task: different correct models, and the scenarios' broken ones.

Every candidate is built on the real grading subsets, prepared the way the course
teaches (or, for broken candidates, the way the folklore does).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import keras
import numpy as np
from keras import layers

from autograder.datasets import load_numpy


@dataclass(frozen=True)
class Arrays:
    """Prepared arrays for one candidate."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray


@dataclass(frozen=True)
class Candidate:
    """One submission to calibrate on."""

    task: str
    """The task key."""
    name: str
    """Short description."""
    correct: bool
    """True for a correct solution; False for a scenario's broken one."""
    build: Callable[[], keras.Model]
    """Builds and compiles the model (called after seeding)."""
    data: Callable[[], Arrays]
    """Returns the prepared arrays."""


# --- data preparation -------------------------------------------------------------------


@functools.cache
def fashion_raw() -> Arrays:
    x, y = load_numpy("fashion_mnist", "grading_train")
    xt, yt = load_numpy("fashion_mnist", "grading_test")
    return Arrays(x, y, xt, yt)


@functools.cache
def fashion_scaled() -> Arrays:
    raw = fashion_raw()
    return Arrays((raw.x_train / 255).astype("float32"), raw.y_train,
                  (raw.x_test / 255).astype("float32"), raw.y_test)  # fmt: skip


@functools.cache
def co2_windows(window: int = 12, fill_gaps: bool = True) -> Arrays:
    """Weekly CO2 split by time, standardised on the past, windowed per part.

    Each window is expressed relative to its last observed week, and the target is
    next week's change: a model of absolute levels cannot extrapolate past the
    training period's range (the later weeks are all higher), a model of changes can.
    """
    past = load_numpy("mauna_loa_co2", "grading_train")["co2"].astype("float64")
    future = load_numpy("mauna_loa_co2", "grading_test")["co2"].astype("float64")
    if fill_gaps:
        past, future = _interpolate(past), _interpolate(future)
    mean, std = np.nanmean(past), np.nanstd(past)
    parts = []
    for series in ((past - mean) / std, (future - mean) / std):
        windows = np.lib.stride_tricks.sliding_window_view(series, window + 1)
        last = windows[:, window - 1 : window]
        relative = windows - last
        parts += [
            relative[:, :window, None].astype("float32"),
            relative[:, window].astype("float32"),
        ]
    return Arrays(*parts)


def _interpolate(series: np.ndarray) -> np.ndarray:
    index = np.arange(len(series))
    known = ~np.isnan(series)
    return np.interp(index, index[known], series[known])


@functools.cache
def vowels_padded(padding: str = "post", dtype: str = "float32") -> Arrays:
    x, y = load_numpy("japanese_vowels", "train")
    xt, yt = load_numpy("japanese_vowels", "test")
    length = max(len(s) for s in x + xt)
    pad = functools.partial(keras.utils.pad_sequences, maxlen=length, padding=padding, dtype=dtype)
    return Arrays(pad(x), y, pad(xt), yt)


@functools.cache
def cancer_raw() -> Arrays:
    x, y = load_numpy("breast_cancer_wisconsin", "grading_train")
    xt, yt = load_numpy("breast_cancer_wisconsin", "grading_test")
    return Arrays(x, y, xt, yt)


@functools.cache
def cancer_standardised() -> Arrays:
    raw = cancer_raw()
    mean, std = raw.x_train.mean(0), raw.x_train.std(0)
    return Arrays((raw.x_train - mean) / std, raw.y_train, (raw.x_test - mean) / std, raw.y_test)


# --- models -----------------------------------------------------------------------------


def _compiled(model: keras.Model, loss: str | keras.losses.Loss, lr: float = 1e-3,
              optimizer: str = "adam") -> keras.Model:  # fmt: skip
    opt = keras.optimizers.Adam(lr) if optimizer == "adam" else keras.optimizers.SGD(lr)
    model.compile(optimizer=opt, loss=loss, metrics=["accuracy"] if "entropy" in str(loss) else [])
    return model


SPARSE = "sparse_categorical_crossentropy"
SPARSE_LOGITS = keras.losses.SparseCategoricalCrossentropy(from_logits=True)


def _fashion_mlp() -> keras.Model:
    return _compiled(keras.Sequential([keras.Input((28, 28, 1)), layers.Flatten(),
                                       layers.Dense(128, activation="relu"),
                                       layers.Dense(10, activation="softmax")]), SPARSE)  # fmt: skip


def _fashion_deep_logits() -> keras.Model:
    return _compiled(keras.Sequential([keras.Input((28, 28, 1)), layers.Flatten(),
                                       layers.Dense(64, activation="relu"),
                                       layers.Dense(32, activation="relu"), layers.Dense(10)]),
                     keras.losses.SparseCategoricalCrossentropy(from_logits=True))  # fmt: skip


def _fashion_cnn() -> keras.Model:
    return _compiled(keras.Sequential([keras.Input((28, 28, 1)),
                                       layers.Conv2D(8, 3, activation="relu"), layers.MaxPooling2D(),
                                       layers.Flatten(), layers.Dense(10, activation="softmax")]),
                     SPARSE)  # fmt: skip


def _fashion_rescaling_pool() -> keras.Model:
    return _compiled(keras.Sequential([keras.Input((28, 28, 1)), layers.Rescaling(1 / 255),
                                       layers.Dense(32, activation="relu"),
                                       layers.GlobalAveragePooling2D(),
                                       layers.Dense(10, activation="softmax")]), SPARSE)  # fmt: skip


def _fashion_rescaling_flatten() -> keras.Model:
    return _compiled(keras.Sequential([keras.Input((28, 28, 1)), layers.Rescaling(1 / 255),
                                       layers.Flatten(), layers.Dense(64, activation="relu"),
                                       layers.Dense(10, activation="softmax")]), SPARSE)  # fmt: skip


def _fashion_dense_first() -> keras.Model:
    return _compiled(keras.Sequential([keras.Input((28, 28, 1)),
                                       layers.Dense(128, activation="relu"),
                                       layers.Dense(10, activation="softmax")]), SPARSE)  # fmt: skip


def _fashion_sgd_raw() -> keras.Model:
    return _compiled(keras.Sequential([keras.Input((28, 28, 1)), layers.Flatten(),
                                       layers.Dense(128, activation="relu"),
                                       layers.Dense(10, activation="softmax")]), SPARSE,
                     lr=0.01, optimizer="sgd")  # fmt: skip


def _co2_lstm() -> keras.Model:
    return _compiled(keras.Sequential([keras.Input((12, 1)), layers.LSTM(16), layers.Dense(1)]),
                     "mse", lr=1e-2)  # fmt: skip


def _co2_conv() -> keras.Model:
    return _compiled(keras.Sequential([keras.Input((12, 1)),
                                       layers.Conv1D(16, 3, activation="relu"),
                                       layers.Flatten(), layers.Dense(1)]), "mse", lr=1e-2)  # fmt: skip


def _co2_dense() -> keras.Model:
    return _compiled(keras.Sequential([keras.Input((12, 1)), layers.Flatten(),
                                       layers.Dense(16, activation="relu"), layers.Dense(1)]),
                     "mse", lr=1e-2)  # fmt: skip


def _co2_gru() -> keras.Model:
    return _compiled(keras.Sequential([keras.Input((12, 1)), layers.GRU(16), layers.Dense(1)]),
                     "mae", lr=1e-2)  # fmt: skip


def _co2_return_sequences() -> keras.Model:
    return _compiled(keras.Sequential([keras.Input((12, 1)), layers.LSTM(16, return_sequences=True),
                                       layers.Dense(1)]), "mse", lr=1e-2)  # fmt: skip


def _vowels_lstm() -> keras.Model:
    return _compiled(keras.Sequential([keras.Input((None, 12)), layers.Masking(0.0),
                                       layers.LSTM(32), layers.Dense(9, activation="softmax")]),
                     SPARSE, lr=1e-2)  # fmt: skip


def _vowels_gru_logits() -> keras.Model:
    return _compiled(keras.Sequential([keras.Input((None, 12)), layers.Masking(0.0),
                                       layers.GRU(24), layers.Dense(9)]), SPARSE_LOGITS,
                     lr=1e-2)  # fmt: skip


def _vowels_bidirectional() -> keras.Model:
    return _compiled(keras.Sequential([keras.Input((None, 12)), layers.Masking(0.0),
                                       layers.Bidirectional(layers.LSTM(16)),
                                       layers.Dense(9, activation="softmax")]), SPARSE,
                     lr=1e-2)  # fmt: skip


def _vowels_no_mask() -> keras.Model:
    return _compiled(keras.Sequential([keras.Input((None, 12)), layers.LSTM(32),
                                       layers.Dense(9, activation="softmax")]), SPARSE,
                     lr=1e-2)  # fmt: skip


def _cancer_mlp() -> keras.Model:
    return _compiled(keras.Sequential([keras.Input((30,)), layers.Dense(16, activation="relu"),
                                       layers.Dense(1, activation="sigmoid")]),
                     "binary_crossentropy")  # fmt: skip


def _cancer_logistic() -> keras.Model:
    return _compiled(keras.Sequential([keras.Input((30,)), layers.Dense(1, activation="sigmoid")]),
                     "binary_crossentropy", lr=1e-2)  # fmt: skip


def _cancer_softmax_two() -> keras.Model:
    return _compiled(keras.Sequential([keras.Input((30,)), layers.Dense(32, activation="relu"),
                                       layers.Dense(16, activation="relu"),
                                       layers.Dense(2, activation="softmax")]), SPARSE)  # fmt: skip


def _cancer_normalization() -> keras.Model:
    norm = layers.Normalization()
    norm.adapt(cancer_raw().x_train)
    return _compiled(keras.Sequential([keras.Input((30,)), norm,
                                       layers.Dense(16, activation="relu"),
                                       layers.Dense(1, activation="sigmoid")]),
                     "binary_crossentropy")  # fmt: skip


def _cancer_raw_sgd() -> keras.Model:
    return _compiled(keras.Sequential([keras.Input((30,)), layers.Dense(16, activation="relu"),
                                       layers.Dense(1, activation="sigmoid")]),
                     "binary_crossentropy", lr=1e-3, optimizer="sgd")  # fmt: skip


def _cancer_probabilities_as_logits() -> keras.Model:
    return _compiled(keras.Sequential([keras.Input((30,)), layers.Dense(16, activation="relu"),
                                       layers.Dense(2, activation="softmax")]),
                     SPARSE_LOGITS)  # fmt: skip


def _fashion_popped_head() -> keras.Model:
    """The folklore's layer removal: the classifier head popped, nothing put back."""
    model = _fashion_mlp()
    model.pop()
    model.compile(optimizer="adam", loss=SPARSE)
    return model


def _fashion_replaced_head() -> keras.Model:
    """A trained body reused through the functional API with a new head."""
    body = _fashion_mlp()
    features = body.layers[-2].output
    head = layers.Dense(10, activation="softmax", name="new_head")(features)
    model = keras.Model(body.inputs[0], head)
    model.compile(optimizer="adam", loss=SPARSE)
    return model


def _cancer_one_hot() -> Arrays:
    data = cancer_standardised()
    return Arrays(data.x_train, np.eye(2)[data.y_train], data.x_test, np.eye(2)[data.y_test])


def _cancer_categorical() -> keras.Model:
    return _compiled(keras.Sequential([keras.Input((30,)), layers.Dense(16, activation="relu"),
                                       layers.Dense(2, activation="softmax")]),
                     "categorical_crossentropy")  # fmt: skip


def _cancer_sparse_on_one_hot() -> keras.Model:
    return _compiled(keras.Sequential([keras.Input((30,)), layers.Dense(16, activation="relu"),
                                       layers.Dense(2, activation="softmax")]), SPARSE)  # fmt: skip


def _cancer_logits_binary() -> keras.Model:
    return _compiled(keras.Sequential([keras.Input((30,)), layers.Dense(16, activation="relu"),
                                       layers.Dense(1)]),
                     keras.losses.BinaryCrossentropy(from_logits=True))  # fmt: skip


def _cancer_float_labels() -> Arrays:
    data = cancer_standardised()
    return Arrays(data.x_train.astype("float32"), data.y_train.astype("float32"),
                  data.x_test.astype("float32"), data.y_test.astype("float32"))  # fmt: skip


CANDIDATES: tuple[Candidate, ...] = (
    Candidate("dense-on-images", "Flatten + Dense(128)", True, _fashion_mlp, fashion_scaled),
    Candidate("dense-on-images", "Flatten + 2 hidden, logits", True, _fashion_deep_logits, fashion_scaled),
    Candidate("dense-on-images", "small CNN", True, _fashion_cnn, fashion_scaled),
    Candidate("dense-on-images", "Rescaling + Flatten on raw pixels", True, _fashion_rescaling_flatten, fashion_raw),
    Candidate("dense-on-images", "Dense per pixel + global pooling", False, _fashion_rescaling_pool, fashion_raw),
    Candidate("dense-on-images", "Dense first (no Flatten)", False, _fashion_dense_first, fashion_scaled),
    Candidate("dense-on-images", "raw pixels, SGD", False, _fashion_sgd_raw, fashion_raw),
    Candidate("time-series-reshape", "LSTM(16)", True, _co2_lstm, co2_windows),
    Candidate("time-series-reshape", "Conv1D + Flatten", True, _co2_conv, co2_windows),
    Candidate("time-series-reshape", "Flatten + Dense", True, _co2_dense, co2_windows),
    Candidate("time-series-reshape", "GRU(16), MAE loss", True, _co2_gru, co2_windows),
    Candidate("time-series-reshape", "return_sequences left on", False, _co2_return_sequences, co2_windows),
    Candidate("time-series-reshape", "gaps left as NaN", False, _co2_lstm,
              functools.partial(co2_windows, 12, False)),
    Candidate("ragged-sequences", "Masking + LSTM(32)", True, _vowels_lstm, vowels_padded),
    Candidate("ragged-sequences", "Masking + GRU, logits", True, _vowels_gru_logits, vowels_padded),
    Candidate("ragged-sequences", "Masking + Bidirectional LSTM", True, _vowels_bidirectional, vowels_padded),
    Candidate("ragged-sequences", "pre-padding, no mask", True, _vowels_no_mask,
              functools.partial(vowels_padded, "pre")),
    Candidate("ragged-sequences", "post-padding, no mask", False, _vowels_no_mask, vowels_padded),
    Candidate("ragged-sequences", "padded as int32 (default dtype)", False, _vowels_lstm,
              functools.partial(vowels_padded, "post", "int32")),
    Candidate("unscaled-data", "standardised, Dense(16)", True, _cancer_mlp, cancer_standardised),
    Candidate("unscaled-data", "standardised, logistic", True, _cancer_logistic, cancer_standardised),
    Candidate("unscaled-data", "standardised, 2-way softmax", True, _cancer_softmax_two, cancer_standardised),
    Candidate("unscaled-data", "Normalization layer on raw", True, _cancer_normalization, cancer_raw),
    Candidate("unscaled-data", "raw features, SGD", False, _cancer_raw_sgd, cancer_raw),
    Candidate("unscaled-data", "softmax probabilities as logits", False,
              _cancer_probabilities_as_logits, cancer_standardised),
    Candidate("layer-surgery", "Flatten + Dense(128)", True, _fashion_mlp, fashion_scaled),
    Candidate("layer-surgery", "body reused, new functional head", True, _fashion_replaced_head, fashion_scaled),
    Candidate("layer-surgery", "small CNN", True, _fashion_cnn, fashion_scaled),
    Candidate("layer-surgery", "head popped, nothing put back", False, _fashion_popped_head, fashion_scaled),
    Candidate("mistyped-data", "one-hot labels, categorical loss", True, _cancer_categorical, _cancer_one_hot),
    Candidate("mistyped-data", "one logit, from_logits=True", True, _cancer_logits_binary, cancer_standardised),
    Candidate("mistyped-data", "float32 labels, sigmoid", True, _cancer_mlp, _cancer_float_labels),
    Candidate("mistyped-data", "one-hot labels, sparse loss", False, _cancer_sparse_on_one_hot, _cancer_one_hot),
    Candidate("mistyped-data", "softmax probabilities as logits", False,
              _cancer_probabilities_as_logits, cancer_standardised),
)  # fmt: skip
"""Every candidate, by task."""
