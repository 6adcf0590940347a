"""What is prepared in a data directory, read from disk without importing TensorFlow."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from autograder.datasets.data_dir import is_default_data_dir, resolve_data_dir
from autograder.datasets.registry import DATASETS, DatasetSpec

INFO_FILE = "dataset_info.json"


@dataclass(frozen=True)
class DatasetState:
    """The state of one known dataset in one data directory."""

    name: str
    """TFDS name of the dataset."""
    version: str
    """The version Keras Clinic reads."""
    title: str
    """Human title."""
    path: Path
    """Where this version lives (or would live) in the data directory."""
    prepared: bool
    """True when TFDS finished writing this version (its ``dataset_info.json`` exists)."""
    size_bytes: int = 0
    """Bytes on disk of the prepared version; 0 when not prepared."""
    split_sizes: Mapping[str, int] = field(default_factory=dict)
    """Number of examples per split, as recorded by TFDS."""

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable view (for ``clinic data list --json``)."""
        return {
            "name": self.name,
            "version": self.version,
            "title": self.title,
            "path": str(self.path),
            "prepared": self.prepared,
            "size_bytes": self.size_bytes,
            "split_sizes": dict(self.split_sizes),
        }


def prepared_path(spec: DatasetSpec, data_dir: Path) -> Path:
    """Return ``data_dir/<name>/<version>``, where TFDS keeps a prepared dataset."""
    return data_dir / spec.name / spec.version


def is_prepared(spec: DatasetSpec, data_dir: Path) -> bool:
    """True when the dataset's pinned version is fully written in ``data_dir``."""
    return (prepared_path(spec, data_dir) / INFO_FILE).is_file()


def prepare_command(name: str, data_dir: Path) -> str:
    """Return the exact command that prepares ``name`` into ``data_dir``."""
    command = f"clinic data prepare {name}"
    if not is_default_data_dir(data_dir):
        command += f" --data-dir {data_dir}"
    return command


def dataset_state(spec: DatasetSpec, data_dir: Path) -> DatasetState:
    """Describe one dataset's state in ``data_dir``."""
    path = prepared_path(spec, data_dir)
    if not is_prepared(spec, data_dir):
        return DatasetState(spec.name, spec.version, spec.title, path, prepared=False)
    info = json.loads((path / INFO_FILE).read_text())
    splits = {
        split["name"]: sum(int(n) for n in split.get("shardLengths", []))
        for split in info.get("splits", [])
    }
    size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return DatasetState(spec.name, spec.version, spec.title, path, True, size, splits)


def inventory(data_dir: str | Path | None = None) -> list[DatasetState]:
    """Return the state of every known dataset, in course order."""
    directory = resolve_data_dir(data_dir)
    return [dataset_state(spec, directory) for spec in DATASETS.values()]
