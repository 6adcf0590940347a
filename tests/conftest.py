"""Shared fixtures: the real prepared datasets, prepared once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Quiet TensorFlow's C++ start-up logs before anything imports it.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def prepared_data_dir() -> Path:
    """The data directory (per the usual rule) with every dataset prepared in it.

    Preparation is idempotent, so this is quick once `clinic data prepare` has run;
    on a fresh machine it prepares the real data from the local copies (about a
    minute). It never downloads anything.
    """
    from autograder.datasets import prepare, resolve_data_dir

    data_dir = resolve_data_dir()
    prepare(data_dir=data_dir, progress=False)
    return data_dir
