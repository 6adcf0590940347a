"""The real datasets load with the documented shapes, dtypes, sizes and classes."""

from __future__ import annotations

import numpy as np
import pytest
import tensorflow as tf

from autograder.datasets import load, load_numpy
from autograder.errors import ClinicError, DatasetNotPreparedError

pytestmark = pytest.mark.needs_dataset


def test_when_fashion_mnist_is_loaded_then_it_has_the_real_sizes_shapes_and_classes(
    prepared_data_dir,
):
    train = load("fashion_mnist", "train", data_dir=prepared_data_dir)
    assert train.element_spec == (
        tf.TensorSpec(shape=(28, 28, 1), dtype=tf.uint8),
        tf.TensorSpec(shape=(), dtype=tf.int64),
    )
    assert int(train.cardinality()) == 60_000
    images, labels = load_numpy("fashion_mnist", "test", data_dir=prepared_data_dir)
    assert images.shape == (10_000, 28, 28, 1)
    assert images.dtype == np.uint8
    assert (images.min(), images.max()) == (0, 255)
    assert np.bincount(labels).tolist() == [1_000] * 10


def test_when_fashion_mnist_is_prepared_then_plain_tfds_reads_it_without_downloading(
    prepared_data_dir,
):
    import tensorflow_datasets as tfds

    builder = tfds.builder("fashion_mnist", data_dir=prepared_data_dir)
    assert builder.is_prepared()
    assert builder.info.splits["train"].num_examples == 60_000
    assert builder.info.splits["test"].num_examples == 10_000
    assert builder.info.features["label"].num_classes == 10
    test = tfds.load("fashion_mnist", split="test", data_dir=prepared_data_dir, download=False)
    assert int(test.cardinality()) == 10_000


def test_when_mauna_loa_is_loaded_then_it_is_the_real_weekly_series_in_time_order_with_gaps(
    prepared_data_dir,
):
    series = load_numpy("mauna_loa_co2", data_dir=prepared_data_dir)
    co2, dates, missing = series["co2"], series["date"], series["missing"]
    assert co2.shape == (2_284,)
    assert co2.dtype == np.float32
    assert (dates[0], dates[-1]) == (b"1958-03-29", b"2001-12-29")
    assert np.all(dates[1:] > dates[:-1]), "weeks must come in time order"
    assert int(missing.sum()) == 59
    assert np.array_equal(np.isnan(co2), missing)
    assert 313.0 <= np.nanmin(co2) < np.nanmax(co2) <= 374.0


def test_when_mauna_loa_grading_subsets_are_read_then_they_are_past_and_future(
    prepared_data_dir,
):
    past = load_numpy("mauna_loa_co2", "grading_train", data_dir=prepared_data_dir)["date"]
    future = load_numpy("mauna_loa_co2", "grading_test", data_dir=prepared_data_dir)["date"]
    assert (len(past), len(future)) == (1_827, 457)
    assert past[-1] < future[0]


def test_when_japanese_vowels_is_loaded_then_sequences_really_vary_in_length(
    prepared_data_dir,
):
    dataset = load("japanese_vowels", "train", data_dir=prepared_data_dir)
    assert dataset.element_spec[0] == tf.TensorSpec(shape=(None, 12), dtype=tf.float32)
    train_x, train_y = load_numpy("japanese_vowels", "train", data_dir=prepared_data_dir)
    test_x, test_y = load_numpy("japanese_vowels", "test", data_dir=prepared_data_dir)
    assert (len(train_x), len(test_x)) == (270, 370)
    lengths = [len(sequence) for sequence in train_x + test_x]
    assert (min(lengths), max(lengths)) == (7, 29)
    assert all(sequence.shape[1] == 12 for sequence in train_x)
    assert np.bincount(train_y).tolist() == [30] * 9
    assert np.bincount(test_y).tolist() == [31, 35, 88, 44, 29, 24, 40, 50, 29]


def test_when_breast_cancer_is_loaded_then_feature_scales_differ_by_orders_of_magnitude(
    prepared_data_dir,
):
    features, labels = load_numpy("breast_cancer_wisconsin", data_dir=prepared_data_dir)
    assert features.shape == (569, 30)
    assert features.dtype == np.float32
    assert np.bincount(labels).tolist() == [212, 357]  # malignant, benign
    column_max = features.max(axis=0)
    assert column_max.max() / column_max.min() > 1e4  # worst area vs a fractal dimension


def test_when_a_grading_subset_is_loaded_twice_then_the_examples_are_identical(
    prepared_data_dir,
):
    first = load_numpy("fashion_mnist", "grading_test", data_dir=prepared_data_dir)
    second = load_numpy("fashion_mnist", "grading_test", data_dir=prepared_data_dir)
    assert first[0].shape == (2_000, 28, 28, 1)
    np.testing.assert_array_equal(first[0], second[0])
    np.testing.assert_array_equal(first[1], second[1])
    full_test = load_numpy("fashion_mnist", "test[:2000]", data_dir=prepared_data_dir)
    np.testing.assert_array_equal(first[1], full_test[1])


def test_when_a_split_does_not_exist_then_the_error_lists_the_documented_subsets(
    prepared_data_dir,
):
    with pytest.raises(ClinicError, match=r"no split 'validation'.*grading_train"):
        load("breast_cancer_wisconsin", "validation", data_dir=prepared_data_dir)


def test_when_a_dataset_is_not_prepared_then_the_error_names_the_exact_command(tmp_path):
    with pytest.raises(DatasetNotPreparedError) as info:
        load("japanese_vowels", data_dir=tmp_path)
    assert f"clinic data prepare japanese_vowels --data-dir {tmp_path}" in str(info.value)
