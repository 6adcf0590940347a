"""Read prepared datasets: the ``tf.data`` path, and a numpy path for small data."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import numpy as np
import tensorflow as tf
import tensorflow_datasets as tfds

from autograder.datasets.data_dir import resolve_data_dir
from autograder.datasets.inventory import is_prepared, prepare_command
from autograder.datasets.registry import DatasetSpec, get_spec
from autograder.errors import ClinicError, DatasetNotPreparedError

NumpyData = tuple[Any, np.ndarray] | dict[str, Any]


def load(
    name: str,
    split: str = "train",
    *,
    data_dir: str | Path | None = None,
    as_supervised: bool | None = None,
) -> tf.data.Dataset:
    """Return a prepared dataset as a ``tf.data.Dataset``, never downloading.

    Reading is deterministic: files are not shuffled, so the same split always yields
    the same examples in the same order.

    Args:
        name: a dataset name from ``autograder.datasets.DATASETS``.
        split: a TFDS split expression (``"train"``, ``"test[:10%]"``) or one of the
            dataset's documented subsets (``"grading_train"``, ``"grading_test"``).
        data_dir: the TFDS data directory (else ``$TFDS_DATA_DIR``, else TFDS's default).
        as_supervised: yield ``(features, label)`` pairs; defaults to True for datasets
            with supervised keys.

    Raises:
        UnknownDatasetError: ``name`` is not a known dataset.
        DatasetNotPreparedError: the dataset is not prepared; the message says how.
        ClinicError: ``split`` names no split of the dataset.
    """
    return _tfds_load(get_spec(name), split, data_dir, as_supervised)


def load_numpy(
    name: str,
    split: str = "train",
    *,
    data_dir: str | Path | None = None,
) -> NumpyData:
    """Return a whole split in memory, for small data and quick experiments.

    Returns:
        ``(features, labels)`` for supervised datasets, else a dict of arrays. Features
        of fixed shape come as one stacked array; variable-length sequences come as a
        list of arrays, one per example (pad them yourself: that is the lesson).
    """
    spec = get_spec(name)
    if _has_fixed_shapes(spec, data_dir):
        # One batch holding the whole split: a single tensor per feature, no Python loop.
        whole = tfds.as_numpy(_tfds_load(spec, split, data_dir, None, batch_size=-1))
        if spec.supervised:
            features, labels = whole
            return features, labels
        return dict(whole)
    examples = list(tfds.as_numpy(_tfds_load(spec, split, data_dir, None)))
    if spec.supervised:
        return [x for x, _ in examples], np.asarray([y for _, y in examples])
    keys = examples[0].keys() if examples else ()
    return {key: [example[key] for example in examples] for key in keys}


def _tfds_load(
    spec: DatasetSpec,
    split: str,
    data_dir: str | Path | None,
    as_supervised: bool | None,
    batch_size: int | None = None,
) -> Any:
    directory = _require_prepared(spec, data_dir)
    importlib.import_module(spec.builder_module)  # registers our builders with TFDS
    supervised = spec.supervised if as_supervised is None else as_supervised
    try:
        return tfds.load(
            spec.name,
            split=spec.resolve_split(split),
            data_dir=directory,
            download=False,
            as_supervised=supervised,
            shuffle_files=False,
            batch_size=batch_size,
        )
    except ValueError as error:
        if "split" not in str(error).lower():
            raise
        subsets = ", ".join(spec.subsets) or "none"
        raise ClinicError(
            f"{spec.name!r} has no split {split!r}: {error} Documented subsets: {subsets}."
        ) from error


def _has_fixed_shapes(spec: DatasetSpec, data_dir: str | Path | None) -> bool:
    """True when every feature has a fixed shape, so a split stacks into arrays."""
    builder = tfds.builder(spec.name, data_dir=_require_prepared(spec, data_dir))
    infos = builder.info.features.get_tensor_info()
    return all(None not in info.shape for info in tf.nest.flatten(infos))


def _require_prepared(spec: DatasetSpec, data_dir: str | Path | None) -> Path:
    directory = resolve_data_dir(data_dir)
    if not is_prepared(spec, directory):
        command = prepare_command(spec.name, directory)
        raise DatasetNotPreparedError(spec.name, str(directory), command)
    return directory
