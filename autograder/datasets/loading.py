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
    spec = get_spec(name)
    directory = _require_prepared(spec, data_dir)
    importlib.import_module(spec.builder_module)  # registers our builders with TFDS
    supervised = spec.supervised if as_supervised is None else as_supervised
    try:
        return tfds.load(
            name,
            split=spec.resolve_split(split),
            data_dir=directory,
            download=False,
            as_supervised=supervised,
            shuffle_files=False,
        )
    except ValueError as error:
        if "split" not in str(error).lower():
            raise
        subsets = ", ".join(spec.subsets) or "none"
        raise ClinicError(
            f"{name!r} has no split {split!r}: {error} Documented subsets: {subsets}."
        ) from error


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
    dataset = load(name, split, data_dir=data_dir)
    examples = list(tfds.as_numpy(dataset))
    if spec.supervised:
        features = _stack_if_uniform([x for x, _ in examples])
        labels = np.asarray([y for _, y in examples])
        return features, labels
    keys = examples[0].keys() if examples else ()
    return {key: _stack_if_uniform([example[key] for example in examples]) for key in keys}


def _stack_if_uniform(values: list[Any]) -> Any:
    shapes = {np.shape(value) for value in values}
    return np.stack(values) if len(shapes) <= 1 and values else list(values)


def _require_prepared(spec: DatasetSpec, data_dir: str | Path | None) -> Path:
    directory = resolve_data_dir(data_dir)
    if not is_prepared(spec, directory):
        command = prepare_command(spec.name, directory)
        raise DatasetNotPreparedError(spec.name, str(directory), command)
    return directory
