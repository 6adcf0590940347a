"""The base class of builders that read pinned local files instead of downloading."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tensorflow_datasets as tfds

from autograder.datasets.registry import get_spec
from autograder.datasets.sources import verify_files
from autograder.errors import DataSourceError


class LocalFileBuilder(tfds.core.GeneratorBasedBuilder, skip_registration=True):
    """A ``GeneratorBasedBuilder`` whose raw files come from a verified local copy.

    The files are located by the dataset's ``LocalCopy`` in the registry (by default,
    inside the installed package that ships them) and checked against their pinned
    sha256 before a single example is generated.
    """

    def __init__(self, *, source_dir: Path | None = None, **kwargs: Any) -> None:
        self._source_dir = source_dir
        super().__init__(**kwargs)

    def verified_source_dir(self) -> Path:
        """Return the directory of raw files after checking every file's hash.

        Raises:
            DataSourceError: a file is missing or does not match its pinned hash.
        """
        local_copy = get_spec(self.name).local_copy
        directory = self._source_dir or local_copy.default_dir
        if directory is None:
            raise DataSourceError(
                f"The raw files of {self.name!r} are not installed. "
                f"Install them with:\n    {local_copy.install_hint}"
            )
        verify_files(directory, local_copy.files)
        return directory
