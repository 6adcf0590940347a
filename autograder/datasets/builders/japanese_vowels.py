"""Japanese Vowels: variable-length multivariate sequences, from the copy sktime ships.

Nine male speakers uttered the vowels /ae/; each utterance is a sequence of 7 to 29
frames of 12 LPC cepstrum coefficients. The lengths really vary, which is what the
ragged-sequences chapter needs: padding, masking and ragged tensors on real data.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import tensorflow_datasets as tfds

from autograder.datasets.builders.local_file_builder import LocalFileBuilder

NUM_COEFFICIENTS = 12
SPEAKERS = tuple(f"speaker_{index}" for index in range(1, 10))

_CITATION = """\
@article{kudo1999multidimensional,
  author  = {Kudo, M. and Toyama, J. and Shimbo, M.},
  title   = {Multidimensional curve classification using passing-through regions},
  journal = {Pattern Recognition Letters},
  volume  = {20},
  number  = {11--13},
  pages   = {1103--1111},
  year    = {1999},
}
"""


class JapaneseVowels(LocalFileBuilder):
    """Speaker identification from variable-length sequences of 12 coefficients."""

    VERSION = tfds.core.Version("1.0.0")
    RELEASE_NOTES: ClassVar[dict[str, str]] = {
        "1.0.0": "Initial release: sktime's JapaneseVowels .ts files."
    }

    def _info(self) -> tfds.core.DatasetInfo:
        return tfds.core.DatasetInfo(
            builder=self,
            description=(
                "Nine male Japanese speakers uttering the vowels /ae/. Each example is one "
                "utterance: a (length, 12) sequence of LPC cepstrum coefficients, with "
                "length between 7 and 29 frames, labelled with its speaker. The official "
                "split has 270 training utterances (30 per speaker) and 370 test ones."
            ),
            features=tfds.features.FeaturesDict(
                {
                    "coefficients": tfds.features.Tensor(
                        shape=(None, NUM_COEFFICIENTS), dtype=np.float32
                    ),
                    "speaker": tfds.features.ClassLabel(names=SPEAKERS),
                }
            ),
            supervised_keys=("coefficients", "speaker"),
            homepage="https://archive.ics.uci.edu/dataset/128/japanese+vowels",
            citation=_CITATION,
            license="CC BY 4.0 (UCI Machine Learning Repository).",
        )

    def _split_generators(self, dl_manager: tfds.download.DownloadManager) -> dict[str, Any]:
        del dl_manager  # nothing is downloaded
        source = self.verified_source_dir()
        return {
            "train": self._generate_examples(source / "JapaneseVowels_TRAIN.ts"),
            "test": self._generate_examples(source / "JapaneseVowels_TEST.ts"),
        }

    def _generate_examples(self, path: Any) -> Iterator[tuple[int, dict[str, Any]]]:
        for index, (sequence, label) in enumerate(parse_ts_file(path)):
            yield index, {"coefficients": sequence, "speaker": f"speaker_{label}"}


def parse_ts_file(path: Any) -> Iterator[tuple[np.ndarray, str]]:
    """Yield ``(sequence, label)`` pairs from a sktime ``.ts`` file.

    The format: ``#`` comments and ``@`` headers, then after ``@data`` one line per
    case, ``dim_1:dim_2:...:dim_k:label``, each dimension a comma-separated series.
    The result has one row per time step: shape ``(length, k)``.
    """
    in_data = False
    with Path(path).open() as handle:
        for line in handle:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if not in_data:
                in_data = line.lower() == "@data"
                continue
            *dimensions, label = line.split(":")
            series = [np.asarray(d.split(","), dtype=np.float32) for d in dimensions]
            yield np.stack(series, axis=-1), label
