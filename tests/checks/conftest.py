"""Real prepared data for the checks, built once per session."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

from autograder.datasets import load_numpy


@dataclass(frozen=True)
class Split:
    """Prepared arrays of one task's grading subsets."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray


@pytest.fixture(scope="session")
def fashion(prepared_data_dir) -> Split:
    """Fashion-MNIST grading subsets, raw uint8 images as TFDS stores them."""
    x, y = load_numpy("fashion_mnist", "grading_train", data_dir=prepared_data_dir)
    xt, yt = load_numpy("fashion_mnist", "grading_test", data_dir=prepared_data_dir)
    return Split(x, y, xt, yt)


@pytest.fixture(scope="session")
def cancer(prepared_data_dir) -> Split:
    """Breast cancer grading subsets, raw float32 features."""
    x, y = load_numpy("breast_cancer_wisconsin", "grading_train", data_dir=prepared_data_dir)
    xt, yt = load_numpy("breast_cancer_wisconsin", "grading_test", data_dir=prepared_data_dir)
    return Split(x, y, xt, yt)


@pytest.fixture(scope="session")
def vowels(prepared_data_dir) -> tuple[list[np.ndarray], np.ndarray, list[np.ndarray], np.ndarray]:
    """Japanese vowels: lists of (length, 12) sequences and speaker labels."""
    x, y = load_numpy("japanese_vowels", "train", data_dir=prepared_data_dir)
    xt, yt = load_numpy("japanese_vowels", "test", data_dir=prepared_data_dir)
    return x, y, xt, yt
