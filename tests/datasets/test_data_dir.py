"""One rule for the data directory: flag, else $TFDS_DATA_DIR, else TFDS's default."""

from __future__ import annotations

from pathlib import Path

import pytest

from autograder.datasets.data_dir import DATA_DIR_ENV, resolve_data_dir


def test_when_a_flag_is_given_then_it_wins_over_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "from-env"))
    assert resolve_data_dir(tmp_path / "from-flag") == tmp_path / "from-flag"


def test_when_no_flag_is_given_then_the_environment_variable_is_used(monkeypatch, tmp_path):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "from-env"))
    assert resolve_data_dir() == tmp_path / "from-env"


@pytest.mark.parametrize("env_value", [None, "custom-tfds-dir"])
def test_when_no_flag_is_given_then_the_directory_is_the_one_tfds_itself_would_use(
    monkeypatch, tmp_path, env_value
):
    from tensorflow_datasets.core.constants import get_default_data_dir

    if env_value is None:
        monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    else:
        monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / env_value))
    assert resolve_data_dir() == Path(get_default_data_dir())
