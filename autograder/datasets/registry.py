"""The datasets Keras Clinic knows: one declarative entry each.

This module must stay importable without TensorFlow (``clinic data list`` reads it),
so it only *names* the builder modules; ``preparation`` and ``loading`` import them.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from autograder.datasets.sources import LocalCopy, SourceFile
from autograder.errors import UnknownDatasetError

GRADING_TRAIN = "grading_train"
"""Subset name: the fixed slice every grader trains on (no randomness involved)."""
GRADING_TEST = "grading_test"
"""Subset name: the fixed slice every grader measures held-out metrics on."""


@dataclass(frozen=True)
class DatasetSpec:
    """Everything Keras Clinic needs to know about one dataset."""

    name: str
    """The TFDS name, as passed to ``tfds.load``."""
    version: str
    """The TFDS version Keras Clinic prepares and reads."""
    title: str
    """A human title for listings."""
    builder_module: str
    """Module whose import registers (or provides) the builder class."""
    builder_class: str
    """Name of the builder class in ``builder_module`` used for offline preparation."""
    local_copy: LocalCopy
    """The local raw files the dataset is prepared from."""
    supervised: bool
    """True when the builder declares ``(features, label)`` supervised keys."""
    subsets: Mapping[str, str] = field(default_factory=dict)
    """Named, documented TFDS split expressions, e.g. ``grading_train -> train[:6000]``."""
    online_fallback: bool = False
    """True when TFDS can download the raw data itself if no local copy exists."""

    def resolve_split(self, split: str) -> str:
        """Translate a subset name into its TFDS split expression; pass others through."""
        return self.subsets.get(split, split)


def _package_dir(package: str, *parts: str) -> Path | None:
    """Locate a data folder inside an installed package without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)), *parts)


_DEFAULT_FASHION_MNIST_DIR = Path("/usr/share/datasets/fashion-mnist")

_SPECS = (
    DatasetSpec(
        name="fashion_mnist",
        version="3.0.1",
        title="Fashion-MNIST: 70,000 grey 28x28 images of clothing, 10 classes",
        builder_module="autograder.datasets.builders.fashion_mnist_offline",
        builder_class="OfflineFashionMnist",
        local_copy=LocalCopy(
            default_dir=_DEFAULT_FASHION_MNIST_DIR,
            # Debian recompressed the archives, so TFDS's own archive checksums reject
            # them: we pin the decompressed IDX content instead.
            files=(
                SourceFile(
                    "train-images-idx3-ubyte",
                    "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
                    47_040_016,
                ),
                SourceFile(
                    "train-labels-idx1-ubyte",
                    "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
                    60_008,
                ),
                SourceFile(
                    "t10k-images-idx3-ubyte",
                    "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
                    7_840_016,
                ),
                SourceFile(
                    "t10k-labels-idx1-ubyte",
                    "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
                    10_008,
                ),
            ),
            install_hint="sudo apt-get install dataset-fashion-mnist",
            gzipped=True,
        ),
        supervised=True,
        subsets=MappingProxyType({GRADING_TRAIN: "train[:6000]", GRADING_TEST: "test[:2000]"}),
        online_fallback=True,
    ),
    DatasetSpec(
        name="mauna_loa_co2",
        version="1.0.0",
        title="Mauna Loa weekly atmospheric CO2, 1958-2001 (2,284 weeks, 59 missing)",
        builder_module="autograder.datasets.builders.mauna_loa_co2",
        builder_class="MaunaLoaCo2",
        local_copy=LocalCopy(
            default_dir=_package_dir("statsmodels", "datasets", "co2"),
            files=(
                SourceFile(
                    "co2.csv",
                    "16695fa2786e53414e5a6b54767a3fdf5de99cfbc68617f69d1362d92776a92f",
                    33_974,
                ),
            ),
            install_hint='pip install "statsmodels>=0.14,<0.16"',
        ),
        supervised=False,
        # The builder keeps weeks in time order, so percentage slices are a clean
        # past/future split: no window can straddle it.
        subsets=MappingProxyType({GRADING_TRAIN: "train[:80%]", GRADING_TEST: "train[80%:]"}),
    ),
    DatasetSpec(
        name="japanese_vowels",
        version="1.0.0",
        title="Japanese Vowels: 640 utterances of 7-29 frames x 12 LPC coefficients, 9 speakers",
        builder_module="autograder.datasets.builders.japanese_vowels",
        builder_class="JapaneseVowels",
        local_copy=LocalCopy(
            default_dir=_package_dir("sktime", "datasets", "data", "JapaneseVowels"),
            files=(
                SourceFile(
                    "JapaneseVowels_TRAIN.ts",
                    "68a430eabd919cc77f40b1f5f3bc0dcafacc1486bca9260785aeb7d262cc78cd",
                    487_971,
                ),
                SourceFile(
                    "JapaneseVowels_TEST.ts",
                    "b3d41d6a0ca3bcad3afb9ca7d4365382aa51341e2e58bae2a574babdda5b9462",
                    649_132,
                ),
            ),
            install_hint='pip install "sktime>=0.30,<1.3"',
        ),
        supervised=True,
        subsets=MappingProxyType({GRADING_TRAIN: "train", GRADING_TEST: "test"}),
    ),
    DatasetSpec(
        name="breast_cancer_wisconsin",
        version="1.0.0",
        title="Breast Cancer Wisconsin (Diagnostic): 569 tumours x 30 features, 2 classes",
        builder_module="autograder.datasets.builders.breast_cancer_wisconsin",
        builder_class="BreastCancerWisconsin",
        local_copy=LocalCopy(
            default_dir=_package_dir("sklearn", "datasets", "data"),
            files=(
                SourceFile(
                    "breast_cancer.csv",
                    "fed3eb72d0575ef6192293f5093c6e801b1476b577d0386bf4455504522172ed",
                    119_913,
                ),
            ),
            install_hint='pip install "scikit-learn>=1.3,<1.10"',
        ),
        supervised=True,
        subsets=MappingProxyType({GRADING_TRAIN: "train[:80%]", GRADING_TEST: "train[80%:]"}),
    ),
)

DATASETS: Mapping[str, DatasetSpec] = MappingProxyType({spec.name: spec for spec in _SPECS})
"""Every dataset Keras Clinic prepares, by TFDS name, in course order."""


def get_spec(name: str) -> DatasetSpec:
    """Return the spec of a dataset by name.

    Raises:
        UnknownDatasetError: with a "did you mean" hint for a mistyped name.
    """
    try:
        return DATASETS[name]
    except KeyError:
        raise UnknownDatasetError(name, DATASETS) from None
