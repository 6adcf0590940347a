"""Local copies are trusted only when their content matches the pinned sha256.

These tests use the real Fashion-MNIST label files from Debian's package (10 KB and
60 KB): real-format data, small enough to corrupt and re-check in milliseconds.
"""

from __future__ import annotations

import gzip
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from autograder.datasets import get_spec
from autograder.datasets.sources import LocalCopy, decompress_verified
from autograder.errors import DataSourceError

FASHION = get_spec("fashion_mnist").local_copy
LABEL_FILES = tuple(f for f in FASHION.files if "labels" in f.name)

pytestmark = pytest.mark.skipif(
    FASHION.default_dir is None or FASHION.missing_in(FASHION.default_dir),
    reason="needs Debian's Fashion-MNIST files: sudo apt-get install dataset-fashion-mnist",
)


@pytest.fixture
def label_copy(tmp_path) -> tuple[LocalCopy, Path]:
    """A writable copy of the two real label archives, and a LocalCopy describing them."""
    source = tmp_path / "source"
    source.mkdir()
    for file in LABEL_FILES:
        name = FASHION.stored_name(file)
        shutil.copy(FASHION.default_dir / name, source / name)
    return replace(FASHION, files=LABEL_FILES), source


def test_when_the_copy_is_intact_then_staging_yields_the_decompressed_files(label_copy, tmp_path):
    local, source = label_copy
    with local.staged(source, scratch_root=tmp_path / "scratch") as staged:
        names = sorted(p.name for p in staged.iterdir())
        assert names == sorted(f.name for f in LABEL_FILES)
        assert (staged / "t10k-labels-idx1-ubyte").stat().st_size == 10_008
    assert list((tmp_path / "scratch").iterdir()) == []  # staging cleaned up


def test_when_a_byte_of_content_changed_then_the_copy_is_refused_and_nothing_is_left(
    label_copy, tmp_path
):
    local, source = label_copy
    archive = source / "t10k-labels-idx1-ubyte.gz"
    content = bytearray(gzip.decompress(archive.read_bytes()))
    content[5000] ^= 0xFF  # one label changed: still a valid archive, wrong content
    archive.write_bytes(gzip.compress(bytes(content)))
    with (
        pytest.raises(DataSourceError, match=r"does not match the pinned checksum") as info,
        local.staged(source, scratch_root=tmp_path / "scratch"),
    ):
        pass
    assert "sha256 0402a96d" in str(info.value)  # says what was expected
    assert list((tmp_path / "scratch").iterdir()) == []


def test_when_the_archive_is_truncated_then_the_copy_is_refused_with_a_clear_reason(
    label_copy, tmp_path
):
    local, source = label_copy
    archive = source / "train-labels-idx1-ubyte.gz"
    archive.write_bytes(archive.read_bytes()[:-4000])
    with (
        pytest.raises(DataSourceError, match=r"truncated or corrupt"),
        local.staged(source, scratch_root=tmp_path / "scratch"),
    ):
        pass
    assert list((tmp_path / "scratch").iterdir()) == []


def test_when_a_file_is_missing_then_the_error_names_it_and_the_install_command(
    label_copy, tmp_path
):
    local, source = label_copy
    (source / "train-labels-idx1-ubyte.gz").unlink()
    with (
        pytest.raises(DataSourceError, match=r"lacks: train-labels-idx1-ubyte\.gz") as info,
        local.staged(source, scratch_root=tmp_path),
    ):
        pass
    assert "sudo apt-get install dataset-fashion-mnist" in str(info.value)


def test_when_decompressing_a_mismatching_file_then_the_partial_output_is_deleted(tmp_path):
    source = FASHION.default_dir / "t10k-labels-idx1-ubyte.gz"
    wrong = replace(LABEL_FILES[0], sha256="0" * 64)
    with pytest.raises(DataSourceError):
        decompress_verified(source, tmp_path / "out", wrong)
    assert not (tmp_path / "out").exists()
