"""Fashion-MNIST prepared offline from the IDX files Debian ships.

The TFDS catalog builder downloads four gzip archives and checks them against its
own archive checksums. Debian's ``dataset-fashion-mnist`` package ships the same
IDX content recompressed, so those archive checksums reject it. This builder reuses
the catalog builder unchanged except for where the files come from: a directory of
decompressed IDX files whose *content* matches the pinned sha256. It writes the
standard ``fashion_mnist`` dataset, so ``tfds.load("fashion_mnist")`` reads it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tensorflow_datasets.image_classification.mnist import FashionMNIST

from autograder.datasets.builders.local_file_builder import LocalFileBuilder


class _LocalFiles:
    """Stands in for TFDS's download manager: answers with local paths, no network."""

    def __init__(self, directory: Path) -> None:
        self._directory = directory

    def download_and_extract(self, urls: dict[str, str]) -> dict[str, Path]:
        # "…/train-images-idx3-ubyte.gz" -> <directory>/train-images-idx3-ubyte
        return {
            key: self._directory / url.rsplit("/", 1)[-1].removesuffix(".gz")
            for key, url in urls.items()
        }


class OfflineFashionMnist(LocalFileBuilder, FashionMNIST, skip_registration=True):
    """The catalog ``fashion_mnist`` builder, fed from verified local IDX files."""

    name = "fashion_mnist"

    def _split_generators(self, dl_manager: Any) -> Any:
        del dl_manager  # nothing is downloaded
        return super()._split_generators(_LocalFiles(self.verified_source_dir()))
