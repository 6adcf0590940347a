"""Weekly atmospheric CO2 at Mauna Loa, 1958-2001, from the copy statsmodels ships.

A real univariate time series with real gaps: 59 of its 2,284 weeks have no
measurement. The gaps are kept (as NaN, flagged by ``missing``) because handling them
is part of what the time-series chapter teaches.
"""

from __future__ import annotations

import csv
import datetime
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import tensorflow_datasets as tfds

from autograder.datasets.builders.local_file_builder import LocalFileBuilder

_CITATION = """\
@incollection{keeling2004co2,
  author    = {Keeling, C. D. and Whorf, T. P.},
  title     = {Atmospheric {CO2} concentrations derived from flask air samples at sites
               in the {SIO} network},
  booktitle = {Trends: A Compendium of Data on Global Change},
  publisher = {Carbon Dioxide Information Analysis Center, Oak Ridge National Laboratory,
               U.S. Department of Energy},
  year      = {2004},
}
"""


class MaunaLoaCo2(LocalFileBuilder):
    """Mauna Loa weekly CO2 concentration (ppmv), one example per week, in time order."""

    VERSION = tfds.core.Version("1.0.0")
    RELEASE_NOTES: ClassVar[dict[str, str]] = {
        "1.0.0": "Initial release: statsmodels' co2.csv, gaps kept as NaN."
    }

    def _info(self) -> tfds.core.DatasetInfo:
        return tfds.core.DatasetInfo(
            builder=self,
            description=(
                "Weekly averages of atmospheric CO2 concentration (parts per million by "
                "volume) from continuous air samples at Mauna Loa Observatory, Hawaii, "
                "March 1958 to December 2001. Weeks without a measurement have co2=NaN "
                "and missing=True. Examples are in time order (shuffling is disabled), "
                "so percentage slices of 'train' are past/future splits."
            ),
            features=tfds.features.FeaturesDict(
                {
                    "date": tfds.features.Text(),
                    "co2": tfds.features.Scalar(dtype=np.float32),
                    "missing": tfds.features.Scalar(dtype=np.bool_),
                }
            ),
            homepage="https://www.statsmodels.org/stable/datasets/generated/co2.html",
            citation=_CITATION,
            disable_shuffling=True,
            license="Public domain (U.S. Department of Energy, CDIAC).",
        )

    def _split_generators(self, dl_manager: tfds.download.DownloadManager) -> dict[str, Any]:
        del dl_manager  # nothing is downloaded
        return {"train": self._generate_examples(self.verified_source_dir() / "co2.csv")}

    def _generate_examples(self, path: Any) -> Iterator[tuple[int, dict[str, Any]]]:
        with Path(path).open(newline="") as handle:
            for index, row in enumerate(csv.DictReader(handle)):
                date = datetime.datetime.strptime(row["date"], "%Y%m%d").date()
                value = float(row["co2"]) if row["co2"] else math.nan
                yield (
                    index,
                    {
                        "date": date.isoformat(),
                        "co2": value,
                        "missing": math.isnan(value),
                    },
                )
