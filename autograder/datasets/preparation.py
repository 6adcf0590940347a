"""Prepare datasets into the TFDS data directory, offline, from verified local copies."""

from __future__ import annotations

import contextlib
import importlib
import shutil
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import tensorflow_datasets as tfds

from autograder.datasets.data_dir import resolve_data_dir
from autograder.datasets.inventory import is_prepared, prepared_path
from autograder.datasets.registry import DATASETS, DatasetSpec, get_spec
from autograder.errors import ClinicError, DataSourceError

Outcome = Literal["prepared", "already prepared", "downloaded"]


@dataclass(frozen=True)
class PreparationResult:
    """What ``prepare`` did for one dataset."""

    name: str
    """TFDS name of the dataset."""
    version: str
    """The version written or found."""
    path: Path
    """Where the prepared version lives."""
    outcome: Outcome
    """``prepared`` from the local copy, ``downloaded`` by TFDS, or ``already prepared``."""
    seconds: float
    """Wall-clock time spent."""

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable view."""
        return {
            "name": self.name,
            "version": self.version,
            "path": str(self.path),
            "outcome": self.outcome,
            "seconds": round(self.seconds, 2),
        }


def builder_class(spec: DatasetSpec) -> type[tfds.core.DatasetBuilder]:
    """Import and return the class that prepares ``spec`` offline."""
    module = importlib.import_module(spec.builder_module)
    cls: type[tfds.core.DatasetBuilder] = getattr(module, spec.builder_class)
    return cls


def prepare(
    names: Sequence[str] | None = None,
    *,
    data_dir: str | Path | None = None,
    source_dir: str | Path | None = None,
    progress: bool = True,
) -> list[PreparationResult]:
    """Prepare the named datasets (all when ``names`` is empty) in the data directory.

    Idempotent: a dataset whose pinned version is already written is left alone.
    Every raw file is checked against its pinned sha256 before TFDS writes anything,
    and TFDS writes into a temporary directory that it renames only on success, so a
    refused or interrupted preparation leaves no half-written dataset behind.

    Args:
        names: dataset names; ``None`` or empty means every known dataset.
        data_dir: the TFDS data directory (else ``$TFDS_DATA_DIR``, else TFDS's default).
        source_dir: a directory holding the raw files, instead of the default local
            copy; only meaningful with a single name.
        progress: show TFDS's progress bars.

    Raises:
        UnknownDatasetError: a name is not a known dataset.
        DataSourceError: a local copy is missing, truncated or corrupt.
    """
    specs = [get_spec(name) for name in names] if names else list(DATASETS.values())
    if source_dir is not None and len(specs) != 1:
        raise ClinicError(
            "A source directory describes one dataset's raw files; name exactly one "
            f"dataset with it. Received: names={[s.name for s in specs]}"
        )
    directory = resolve_data_dir(data_dir)
    source = Path(source_dir) if source_dir is not None else None
    with _progress_bars(progress):
        return [_prepare_one(spec, directory, source) for spec in specs]


def _prepare_one(spec: DatasetSpec, data_dir: Path, source_dir: Path | None) -> PreparationResult:
    start = time.perf_counter()
    path = prepared_path(spec, data_dir)
    if is_prepared(spec, data_dir):
        return PreparationResult(spec.name, spec.version, path, "already prepared", 0.0)
    local = spec.local_copy
    default = local.default_dir
    has_local_copy = source_dir is not None or (
        default is not None and default.is_dir() and not local.missing_in(default)
    )
    with _no_debris(data_dir / spec.name):
        if not has_local_copy and spec.online_fallback:
            _download_with_tfds(spec, data_dir)
            outcome: Outcome = "downloaded"
        else:
            with local.staged(source_dir, scratch_root=data_dir / "downloads") as staged:
                builder = builder_class(spec)(data_dir=data_dir, source_dir=staged)
                builder.download_and_prepare()
            outcome = "prepared"
    return PreparationResult(spec.name, spec.version, path, outcome, time.perf_counter() - start)


def _download_with_tfds(spec: DatasetSpec, data_dir: Path) -> None:
    """Let the TFDS catalog builder download as usual (Colab has a network)."""
    try:
        tfds.builder(spec.name, data_dir=data_dir).download_and_prepare()
    except Exception as error:  # network errors come in many classes; all mean the same here
        raise DataSourceError(
            f"There is no local copy of {spec.name!r} and downloading it failed "
            f"({type(error).__name__}: {error}). Install the local copy with:\n"
            f"    {spec.local_copy.install_hint}\n"
            f"then run:\n    clinic data prepare {spec.name}"
        ) from error


@contextlib.contextmanager
def _progress_bars(enabled: bool) -> Iterator[None]:
    """Show or hide TFDS's progress bars for the duration, then restore its default."""
    tfds.display_progress_bar(enabled)
    try:
        yield
    finally:
        tfds.display_progress_bar(True)


@contextlib.contextmanager
def _no_debris(dataset_dir: Path) -> Iterator[None]:
    """Remove ``dataset_dir`` again if this preparation created it and then failed."""
    existed = dataset_dir.exists()
    try:
        yield
    except BaseException:
        if not existed:
            shutil.rmtree(dataset_dir, ignore_errors=True)
        raise
