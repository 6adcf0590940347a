"""Offline preparation: real local copies in, standard TFDS datasets out, no debris."""

from __future__ import annotations

import gzip
import shutil

import pytest

from autograder.datasets import get_spec, prepare
from autograder.datasets import preparation as preparation_module
from autograder.datasets.inventory import dataset_state
from autograder.errors import ClinicError, DataSourceError

FASHION = get_spec("fashion_mnist")


def _fashion_copy(destination):
    """Copy Debian's four real Fashion-MNIST archives into ``destination``."""
    if FASHION.local_copy.missing_in(FASHION.local_copy.default_dir):
        pytest.skip("needs Debian's copy: sudo apt-get install dataset-fashion-mnist")
    shutil.copytree(FASHION.local_copy.default_dir, destination)
    return destination


@pytest.mark.slow
def test_when_preparing_fashion_mnist_offline_in_a_fresh_dir_then_tfds_loads_it(tmp_path):
    import tensorflow_datasets as tfds

    data_dir = tmp_path / "data"
    [result] = prepare(["fashion_mnist"], data_dir=data_dir, progress=False)
    assert result.outcome == "prepared"
    train = tfds.load("fashion_mnist", split="train", data_dir=data_dir, download=False)
    assert int(train.cardinality()) == 60_000
    assert not list((data_dir / "downloads").glob("clinic-staging-*")), "staging left behind"
    state = dataset_state(FASHION, data_dir)
    assert state.split_sizes == {"train": 60_000, "test": 10_000}

    [again] = prepare(["fashion_mnist"], data_dir=data_dir, progress=False)
    assert again.outcome == "already prepared"


def test_when_the_fashion_mnist_copy_is_corrupt_then_it_is_refused_and_nothing_is_written(
    tmp_path,
):
    source = _fashion_copy(tmp_path / "copy")
    archive = source / "train-labels-idx1-ubyte.gz"
    labels = bytearray(gzip.decompress(archive.read_bytes()))
    labels[100] = (labels[100] + 1) % 10  # a plausible but wrong label
    archive.write_bytes(gzip.compress(bytes(labels)))
    data_dir = tmp_path / "data"
    with pytest.raises(DataSourceError, match=r"train-labels-idx1-ubyte.*pinned checksum"):
        prepare(["fashion_mnist"], data_dir=data_dir, source_dir=source, progress=False)
    assert not (data_dir / "fashion_mnist").exists()
    assert not list((data_dir / "downloads").glob("clinic-staging-*"))


@pytest.mark.parametrize(
    ("name", "file_name"),
    [
        ("mauna_loa_co2", "co2.csv"),
        ("japanese_vowels", "JapaneseVowels_TEST.ts"),
        ("breast_cancer_wisconsin", "breast_cancer.csv"),
    ],
)
def test_when_a_packaged_file_was_altered_then_the_dataset_is_refused(tmp_path, name, file_name):
    local = get_spec(name).local_copy
    source = tmp_path / "copy"
    source.mkdir()
    for file in local.files:
        shutil.copy(local.default_dir / file.name, source / file.name)
    altered = source / file_name
    altered.write_bytes(altered.read_bytes().replace(b"1", b"7", 1))
    data_dir = tmp_path / "data"
    with pytest.raises(DataSourceError, match=rf"{file_name}.*pinned checksum"):
        prepare([name], data_dir=data_dir, source_dir=source, progress=False)
    assert not (data_dir / name).exists()


def test_when_packaged_datasets_are_prepared_in_a_fresh_dir_then_each_is_written_once(tmp_path):
    names = ["mauna_loa_co2", "japanese_vowels", "breast_cancer_wisconsin"]
    results = prepare(names, data_dir=tmp_path, progress=False)
    assert [r.outcome for r in results] == ["prepared"] * 3
    sizes = {r.name: dataset_state(get_spec(r.name), tmp_path).split_sizes for r in results}
    assert sizes == {
        "mauna_loa_co2": {"train": 2_284},
        "japanese_vowels": {"train": 270, "test": 370},
        "breast_cancer_wisconsin": {"train": 569},
    }
    again = prepare(names, data_dir=tmp_path, progress=False)
    assert [r.outcome for r in again] == ["already prepared"] * 3


def test_when_a_source_dir_is_given_for_several_datasets_then_the_call_is_refused(tmp_path):
    with pytest.raises(ClinicError, match=r"name exactly one dataset"):
        prepare(["fashion_mnist", "mauna_loa_co2"], data_dir=tmp_path, source_dir=tmp_path)


def test_when_no_local_copy_exists_and_download_fails_then_the_error_says_what_to_install(
    tmp_path, monkeypatch
):
    """Plumbing only: the download is made to fail as it does on a machine offline."""
    from dataclasses import replace

    no_copy = replace(FASHION.local_copy, default_dir=tmp_path / "not-installed")
    monkeypatch.setattr(
        preparation_module,
        "get_spec",
        lambda name: replace(FASHION, local_copy=no_copy),
    )

    class OfflineBuilder:
        def download_and_prepare(self):
            raise ConnectionError("Failed to resolve the download host")

    monkeypatch.setattr(preparation_module.tfds, "builder", lambda *a, **k: OfflineBuilder())
    with pytest.raises(DataSourceError) as info:
        prepare(["fashion_mnist"], data_dir=tmp_path / "data", progress=False)
    message = str(info.value)
    assert "downloading it failed (ConnectionError" in message
    assert "sudo apt-get install dataset-fashion-mnist" in message
    assert "clinic data prepare fashion_mnist" in message
    assert not (tmp_path / "data" / "fashion_mnist").exists()
