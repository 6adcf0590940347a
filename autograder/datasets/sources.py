"""Local copies of the raw data files, and the checks that make them trustworthy.

Keras Clinic prepares every dataset from a local copy (a Debian package's files, or a
file shipped inside a PyPI wheel), because the machines it runs on may have no network.
A copy is only used after its content matches the sha256 pinned here, so a truncated
or altered file is refused before anything is written.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import tempfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from autograder.errors import DataSourceError

_CHUNK = 1 << 20


@dataclass(frozen=True)
class SourceFile:
    """One raw file a dataset builder reads, pinned by the hash of its *content*."""

    name: str
    """File name inside the source directory (for gzip copies, the name without ``.gz``)."""
    sha256: str
    """Hex sha256 of the (decompressed) content the builder reads."""
    size: int
    """Size in bytes of that content; a cheap first check that catches truncation."""


@dataclass(frozen=True)
class LocalCopy:
    """Where a dataset's raw files live on this machine and how to get them there."""

    default_dir: Path | None
    """Directory holding the files, or ``None`` when the owning package is not installed."""
    files: tuple[SourceFile, ...]
    """The files the builder reads, with their pinned content hashes."""
    install_hint: str
    """The command that installs the files, shown when they are missing."""
    gzipped: bool = False
    """True when the files are stored as ``NAME.gz`` and must be decompressed first."""

    def stored_name(self, file: SourceFile) -> str:
        """Return the file name as stored in the source directory."""
        return f"{file.name}.gz" if self.gzipped else file.name

    def missing_in(self, directory: Path) -> list[str]:
        """Return the stored names of the files that ``directory`` lacks."""
        names = [self.stored_name(file) for file in self.files]
        return [name for name in names if not (directory / name).is_file()]

    @contextlib.contextmanager
    def staged(self, source_dir: Path | None, scratch_root: Path) -> Iterator[Path]:
        """Yield a directory holding the verified, decompressed files.

        Args:
            source_dir: where to read the copy from; ``None`` means ``default_dir``.
            scratch_root: where decompressed files may be written; they are removed on exit.

        Raises:
            DataSourceError: the copy is missing, truncated or does not match its hash.
        """
        directory = source_dir if source_dir is not None else self.default_dir
        if directory is None or not directory.is_dir() or self.missing_in(directory):
            where = directory if directory is not None else "(no default location)"
            missing = self.missing_in(directory) if directory is not None else []
            detail = f" It lacks: {', '.join(missing)}." if missing and directory.is_dir() else ""
            raise DataSourceError(
                f"No local copy of the raw data in {where}.{detail} "
                f"Install it with:\n    {self.install_hint}"
            )
        if not self.gzipped:
            verify_files(directory, self.files)
            yield directory
            return
        scratch_root.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="clinic-staging-", dir=scratch_root) as tmp:
            staging = Path(tmp)
            for file in self.files:
                decompress_verified(directory / self.stored_name(file), staging / file.name, file)
            yield staging


def sha256_of(path: Path) -> str:
    """Return the hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify_files(directory: Path, files: Sequence[SourceFile]) -> None:
    """Check every file's size and sha256.

    Raises:
        DataSourceError: naming the first file that is missing or differs.
    """
    for file in files:
        path = directory / file.name
        if not path.is_file():
            raise DataSourceError(f"Missing raw data file {path}.")
        size = path.stat().st_size
        found = sha256_of(path)
        if size != file.size or found != file.sha256:
            raise DataSourceError(_mismatch_message(path, file, size, found))


def decompress_verified(gz_path: Path, destination: Path, file: SourceFile) -> None:
    """Decompress ``gz_path`` to ``destination``, hashing the content on the way.

    The destination is deleted again if the archive is truncated or its content does
    not match, so a refused copy leaves nothing behind.

    Raises:
        DataSourceError: the archive is unreadable or its content does not match.
    """
    digest = hashlib.sha256()
    size = 0
    try:
        with gzip.open(gz_path, "rb") as source, destination.open("wb") as target:
            for chunk in iter(lambda: source.read(_CHUNK), b""):
                digest.update(chunk)
                size += len(chunk)
                target.write(chunk)
    except (OSError, EOFError, zlib.error) as error:
        destination.unlink(missing_ok=True)
        raise DataSourceError(
            f"Cannot decompress {gz_path}: {error}. The file is truncated or corrupt; "
            "reinstall the package that ships it."
        ) from error
    if size != file.size or digest.hexdigest() != file.sha256:
        destination.unlink(missing_ok=True)
        raise DataSourceError(_mismatch_message(gz_path, file, size, digest.hexdigest()))


def _mismatch_message(path: Path, file: SourceFile, size: int, found: str) -> str:
    return (
        f"Refusing {path}: its content does not match the pinned checksum. "
        f"Expected {file.size} bytes with sha256 {file.sha256}; "
        f"found {size} bytes with sha256 {found}. The copy is truncated, corrupt or a "
        "different release; reinstall the package that ships it."
    )
