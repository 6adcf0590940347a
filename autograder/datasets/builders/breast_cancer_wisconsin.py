"""Breast Cancer Wisconsin (Diagnostic), from the copy scikit-learn ships.

Thirty real-valued features whose scales differ by five orders of magnitude (an
area in the thousands beside a fractal dimension near 0.06): the dataset the
unscaled-data and mistyped-data chapters measure on.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import tensorflow_datasets as tfds

from autograder.datasets.builders.local_file_builder import LocalFileBuilder

_MEASUREMENTS = (
    "radius",
    "texture",
    "perimeter",
    "area",
    "smoothness",
    "compactness",
    "concavity",
    "concave points",
    "symmetry",
    "fractal dimension",
)
FEATURE_NAMES = tuple(
    f"{statistic} {measurement}"
    for statistic in ("mean", "standard error", "worst")
    for measurement in _MEASUREMENTS
)
"""The 30 feature names, in column order (mean, standard error, then worst)."""
CLASS_NAMES = ("malignant", "benign")

_CITATION = """\
@inproceedings{street1993nuclear,
  author    = {Street, W. N. and Wolberg, W. H. and Mangasarian, O. L.},
  title     = {Nuclear feature extraction for breast tumor diagnosis},
  booktitle = {Biomedical Image Processing and Biomedical Visualization},
  series    = {Proc. SPIE},
  volume    = {1905},
  pages     = {861--870},
  year      = {1993},
}
"""


class BreastCancerWisconsin(LocalFileBuilder):
    """Tumour diagnosis (malignant or benign) from 30 measurements of cell nuclei."""

    VERSION = tfds.core.Version("1.0.0")
    RELEASE_NOTES: ClassVar[dict[str, str]] = {
        "1.0.0": "Initial release: scikit-learn's breast_cancer.csv."
    }

    def _info(self) -> tfds.core.DatasetInfo:
        return tfds.core.DatasetInfo(
            builder=self,
            description=(
                "569 breast masses, each described by 30 features computed from a "
                "digitised image of a fine needle aspirate: the mean, standard error and "
                "worst value of ten measurements of the cell nuclei. Label 0 is "
                "malignant (212 cases), 1 benign (357). A single 'train' split; use the "
                "documented grading subsets (train[:80%] / train[80%:]) for hold-out."
            ),
            features=tfds.features.FeaturesDict(
                {
                    "features": tfds.features.Tensor(shape=(len(FEATURE_NAMES),), dtype=np.float32),
                    "label": tfds.features.ClassLabel(names=CLASS_NAMES),
                }
            ),
            supervised_keys=("features", "label"),
            homepage=("https://archive.ics.uci.edu/dataset/17/breast+cancer+wisconsin+diagnostic"),
            citation=_CITATION,
            license="CC BY 4.0 (UCI Machine Learning Repository).",
            metadata=tfds.core.MetadataDict(feature_names=list(FEATURE_NAMES)),
        )

    def _split_generators(self, dl_manager: tfds.download.DownloadManager) -> dict[str, Any]:
        del dl_manager  # nothing is downloaded
        return {"train": self._generate_examples(self.verified_source_dir() / "breast_cancer.csv")}

    def _generate_examples(self, path: Any) -> Iterator[tuple[int, dict[str, Any]]]:
        with Path(path).open(newline="") as handle:
            rows = csv.reader(handle)
            next(rows)  # header: "569,30,malignant,benign"
            for index, row in enumerate(rows):
                yield (
                    index,
                    {
                        "features": np.asarray(row[:-1], dtype=np.float32),
                        "label": int(row[-1]),
                    },
                )
