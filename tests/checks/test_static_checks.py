"""The instant checks on real data: each catches its scenario's bug and passes a fix."""

from __future__ import annotations

import keras
import numpy as np
import pytest
from keras import layers

from autograder.checks.data import (
    check_finite,
    check_input_dtype,
    check_labels,
    check_leakage,
    check_padding_mask,
    check_scale,
    mask_reaches_recurrent,
)
from autograder.checks.loss_fit import check_loss_fit, label_kind, loss_info, output_kind
from autograder.checks.pipeline import Check, run_pipeline
from autograder.checks.shapes import check_output_shape, shape_table
from autograder.checks.standard import STATIC_CHECKS
from autograder.checks.submission import Submission
from autograder.results import Report, Verdict
from autograder.tasks import get_task

pytestmark = pytest.mark.needs_dataset


def _mlp(output_activation="softmax", units=10, loss="sparse_categorical_crossentropy"):
    model = keras.Sequential(
        [
            keras.Input((28, 28, 1)),
            layers.Flatten(),
            layers.Dense(32, activation="relu"),
            layers.Dense(units, activation=output_activation),
        ]
    )
    model.compile(optimizer="adam", loss=loss)
    return model


def _submission(model, split, task="dense-on-images", scale=255.0):
    return Submission(
        model,
        get_task(task),
        (split.x_train / scale).astype("float32"),
        split.y_train,
        (split.x_test / scale).astype("float32"),
        split.y_test,
    )


def test_when_a_correct_mlp_is_checked_then_every_instant_check_passes(fashion):
    report = run_pipeline(_submission(_mlp(), fashion), STATIC_CHECKS)
    verdicts = {r.check: r.verdict for r in report.results}
    assert report.passed, [r.summary for r in report.failures]
    assert verdicts["structure.shape-table"] is Verdict.INFO
    assert verdicts["data.mask"] is Verdict.SKIP  # images are not sequences


def test_when_dense_comes_first_on_images_then_the_output_check_names_flatten(fashion):
    model = keras.Sequential(
        [keras.Input((28, 28, 1)), layers.Dense(32), layers.Dense(10, activation="softmax")]
    )
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    result = check_output_shape(_submission(model, fashion))
    assert result.verdict is Verdict.FAIL
    assert result.figures["output_shape"] == "(None, 28, 28, 10)"
    assert result.diagnosis.rule == "output-not-flat"
    assert "Flatten" in result.diagnosis.fix


def test_when_the_shape_table_is_measured_then_it_matches_a_real_forward_pass(fashion):
    batch = (fashion.x_train[:8] / 255).astype("float32")
    rows = shape_table(_mlp(), batch)
    assert [(r.kind, r.output_shape, r.params) for r in rows] == [
        ("Flatten", (None, 784), 0),
        ("Dense", (None, 32), 784 * 32 + 32),
        ("Dense", (None, 10), 32 * 10 + 10),
    ]
    inputs = keras.Input((28, 28, 1))
    hidden = layers.Dense(16, name="per_pixel")(inputs)
    functional = keras.Model(inputs, layers.Dense(3, name="head")(layers.Flatten()(hidden)))
    assert [r.output_shape for r in shape_table(functional, batch)] == [
        (None, 28, 28, 16),
        (None, 28 * 28 * 16),
        (None, 3),
    ]


def test_when_raw_pixels_are_fed_then_scale_fails_and_dtype_warns(fashion):
    submission = _submission(_mlp(), fashion, scale=1)
    raw = Submission(submission.model, submission.task, fashion.x_train, fashion.y_train,
                     fashion.x_test, fashion.y_test)  # fmt: skip
    assert check_input_dtype(raw).verdict is Verdict.WARN
    scale = check_scale(raw)
    assert scale.verdict is Verdict.FAIL
    assert scale.figures["max_abs"] == 255.0
    assert scale.diagnosis.rule == "unscaled-images"


def test_when_tabular_features_are_raw_then_the_scale_spread_fails(cancer):
    model = keras.Sequential([keras.Input((30,)), layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy")
    raw = Submission(model, get_task("unscaled-data"), cancer.x_train, cancer.y_train,
                     cancer.x_test, cancer.y_test)  # fmt: skip
    result = check_scale(raw)
    assert result.verdict is Verdict.FAIL
    assert result.figures["scale_spread"] > 1_000
    assert result.diagnosis.rule == "unscaled-features"
    mean, std = cancer.x_train.mean(0), cancer.x_train.std(0)
    scaled = Submission(model, raw.task, (cancer.x_train - mean) / std, cancer.y_train,
                        (cancer.x_test - mean) / std, cancer.y_test)  # fmt: skip
    assert check_scale(scaled).verdict is Verdict.PASS
    assert check_leakage(scaled).verdict is Verdict.PASS


def test_when_statistics_come_from_train_and_test_together_then_leakage_fails(cancer):
    everything = np.concatenate([cancer.x_train, cancer.x_test])
    mean, std = everything.mean(0), everything.std(0)
    model = keras.Sequential([keras.Input((30,)), layers.Dense(1, activation="sigmoid")])
    leaky = Submission(model, get_task("unscaled-data"), (cancer.x_train - mean) / std,
                       cancer.y_train, (cancer.x_test - mean) / std, cancer.y_test)  # fmt: skip
    result = check_leakage(leaky)
    assert result.verdict is Verdict.FAIL
    assert result.diagnosis.rule == "normalisation-leakage"


def test_when_each_part_is_standardised_with_its_own_statistics_then_leakage_fails(cancer):
    def own(x):
        return (x - x.mean(0)) / x.std(0)

    model = keras.Sequential([keras.Input((30,)), layers.Dense(1, activation="sigmoid")])
    mean, std = cancer.x_train.mean(0), cancer.x_train.std(0)
    for x_test, verdict in ((own(cancer.x_test), Verdict.FAIL),
                            ((cancer.x_test - mean) / std, Verdict.PASS)):  # fmt: skip
        submission = Submission(model, get_task("unscaled-data"), own(cancer.x_train),
                                cancer.y_train, x_test, cancer.y_test)  # fmt: skip
        result = check_leakage(submission)
        assert result.verdict is verdict
    assert result.verdict is Verdict.PASS


def test_when_a_normalization_layer_is_adapted_on_all_data_then_leakage_fails(cancer):
    for adapt_on, verdict in ((np.concatenate([cancer.x_train, cancer.x_test]), Verdict.FAIL),
                              (cancer.x_train, Verdict.PASS)):  # fmt: skip
        norm = layers.Normalization(name="norm")
        norm.adapt(adapt_on)
        model = keras.Sequential([keras.Input((30,)), norm, layers.Dense(1, "sigmoid")])
        submission = Submission(model, get_task("unscaled-data"), cancer.x_train,
                                cancer.y_train, cancer.x_test, cancer.y_test)  # fmt: skip
        assert check_leakage(submission).verdict is verdict


@pytest.mark.parametrize(
    ("activation", "loss", "rule"),
    [
        ("softmax", keras.losses.SparseCategoricalCrossentropy(from_logits=True),
         "probabilities-as-logits"),
        (None, "sparse_categorical_crossentropy", "logits-as-probabilities"),
        ("softmax", "mse", "regression-loss-on-classifier"),
        ("softmax", "categorical_crossentropy", "integer-labels-with-categorical-loss"),
    ],
)  # fmt: skip
def test_when_loss_output_and_labels_disagree_then_the_rule_names_the_mismatch(
    fashion, activation, loss, rule
):
    result = check_loss_fit(_submission(_mlp(activation, loss=loss), fashion))
    assert result.verdict is Verdict.FAIL
    assert result.diagnosis.rule == rule


def test_when_logits_meet_a_from_logits_loss_then_the_fit_passes(fashion):
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    result = check_loss_fit(_submission(_mlp(None, loss=loss), fashion))
    assert result.verdict is Verdict.PASS
    assert result.figures["output"] == "logits"


def test_loss_and_output_kinds_are_read_from_what_compile_received():
    assert loss_info("mse").name == "mean_squared_error"
    assert loss_info(keras.losses.BinaryCrossentropy(from_logits=True)).from_logits
    assert loss_info(keras.losses.sparse_categorical_crossentropy).name == (
        "sparse_categorical_crossentropy"
    )
    assert output_kind(np.array([[0.2, 0.8], [0.5, 0.5]])) == "softmax"
    assert output_kind(np.array([[0.2], [0.9]])) == "sigmoid"
    assert output_kind(np.array([[-3.0, 2.0]])) == "logits"
    assert label_kind(np.array([0, 2, 1]), 3) == "sparse"
    assert label_kind(np.eye(3), 3) == "one-hot"


def test_when_labels_are_shifted_or_strings_then_the_labels_check_fails(vowels):
    x, y, _xt, yt = vowels
    padded = keras.utils.pad_sequences(x, dtype="float32", padding="post")
    model = keras.Sequential([keras.Input((None, 12)), layers.LSTM(4), layers.Dense(9)])
    shifted = Submission(model, get_task("ragged-sequences"), padded, y + 1, padded, yt + 1)
    result = check_labels(shifted)
    assert result.verdict is Verdict.FAIL
    assert result.diagnosis.rule == "labels-out-of-range"
    names = Submission(model, get_task("ragged-sequences"), padded, np.array([f"s{v}" for v in y]),
                       padded, yt)  # fmt: skip
    assert check_labels(names).diagnosis.rule == "string-labels"


def test_when_post_padded_sequences_lose_their_mask_then_the_mask_check_fails(vowels):
    x, y, _xt, _yt = vowels
    padded = keras.utils.pad_sequences(x, dtype="float32", padding="post")
    assert padded.shape == (270, 26, 12)

    def submission(*middle):
        model = keras.Sequential(
            [keras.Input((None, 12)), *middle, layers.LSTM(4), layers.Dense(9)]
        )
        return Submission(model, get_task("ragged-sequences"), padded, y, padded, y)

    masked = check_padding_mask(submission(layers.Masking(0.0)))
    assert masked.verdict is Verdict.PASS
    assert masked.figures["padding_share"] == pytest.approx(0.4, abs=0.1)
    assert check_padding_mask(submission()).verdict is Verdict.FAIL
    # Keras itself warns when Conv1D drops the mask; the check must find it regardless.
    with pytest.warns(UserWarning, match="does not support masking"):
        dropped = submission(layers.Masking(0.0), layers.Conv1D(8, 3, padding="same"))
        assert mask_reaches_recurrent(dropped.model, padded[:4]) is False
        assert check_padding_mask(dropped).diagnosis.rule == "mask-lost"


def test_when_gaps_are_left_as_nan_then_the_finite_check_fails(prepared_data_dir):
    from autograder.datasets import load_numpy

    co2 = load_numpy("mauna_loa_co2", "grading_train", data_dir=prepared_data_dir)["co2"]
    windows = np.lib.stride_tricks.sliding_window_view(co2, 9)
    x, y = windows[:, :8, None], windows[:, 8]
    model = keras.Sequential([keras.Input((8, 1)), layers.LSTM(4), layers.Dense(1)])
    result = check_finite(Submission(model, get_task("time-series-reshape"), x, y, x, y))
    assert result.verdict is Verdict.FAIL
    assert result.figures["non_finite"] > 0


def test_when_a_check_crashes_then_it_fails_with_a_diagnosis_and_the_rest_still_run(fashion):
    def explode(_):
        raise ValueError("Cannot index into an inner ragged dimension.")

    checks = (Check("boom", "Explodes", explode), *STATIC_CHECKS[:2])
    report = run_pipeline(_submission(_mlp(), fashion), checks)
    assert [r.verdict for r in report.results] == [Verdict.FAIL, Verdict.PASS, Verdict.PASS]
    assert report.results[0].diagnosis.rule == "ragged-into-rnn"


def test_when_a_report_goes_through_json_then_it_comes_back_equal(fashion):
    report = run_pipeline(_submission(_mlp(), fashion), STATIC_CHECKS)
    assert Report.from_json(report.to_json()) == report


def test_when_the_model_rescales_raw_pixels_itself_then_scale_passes(fashion):
    model = keras.Sequential(
        [
            keras.Input((28, 28, 1)),
            layers.Rescaling(1 / 255),
            layers.Flatten(),
            layers.Dense(10, activation="softmax"),
        ]
    )
    raw = Submission(model, get_task("dense-on-images"), fashion.x_train, fashion.y_train,
                     fashion.x_test, fashion.y_test)  # fmt: skip
    result = check_scale(raw)
    assert result.verdict is Verdict.PASS
    assert result.figures["max_abs"] == pytest.approx(1.0)
    assert result.figures["measured_after"] == model.layers[0].name


def test_when_every_window_ends_in_the_same_zero_step_then_it_is_not_padding():
    from autograder.checks.data import padding_share

    windows = np.random.default_rng(0).normal(size=(50, 12, 1)).astype("float32")
    windows -= windows[:, -1:, :]  # relative to the last value: the last step is always 0
    assert padding_share(windows) == (0.0, False)
    padded = keras.utils.pad_sequences([np.ones((n, 2)) for n in (3, 5, 8)], dtype="float32",
                                       padding="post")  # fmt: skip
    share, post = padding_share(padded)
    assert share == pytest.approx((5 + 3) / 24)
    assert post is True


def test_when_a_window_repeats_its_last_value_midway_then_that_is_not_padding():
    from autograder.checks.data import padding_share

    windows = np.arange(1, 49, dtype="float32").reshape(4, 12, 1)
    windows[1, 5] = windows[1, -1]
    relative = windows - windows[:, -1:, :]
    assert padding_share(relative) == (0.0, False)


def test_when_a_model_is_copied_for_grading_then_adapted_normalization_state_survives(cancer):
    from autograder.checks.progress import fresh_copy

    norm = layers.Normalization()
    norm.adapt(cancer.x_train)
    model = keras.Sequential([keras.Input((30,)), norm, layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy")
    copy = fresh_copy(model)
    sample = cancer.x_test[:16]
    np.testing.assert_allclose(copy.layers[0](sample), norm(sample), rtol=1e-5)
    assert not np.allclose(copy.layers[1].get_weights()[0], model.layers[1].get_weights()[0])
