"""Real datasets through tensorflow-datasets, prepared offline from local copies.

``load`` and ``prepare`` import TensorFlow, so they are imported on first use:
``import autograder.datasets`` stays cheap for ``clinic data list``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from autograder.datasets.data_dir import resolve_data_dir
from autograder.datasets.inventory import DatasetState, inventory
from autograder.datasets.registry import (
    DATASETS,
    GRADING_TEST,
    GRADING_TRAIN,
    DatasetSpec,
    get_spec,
)

if TYPE_CHECKING:
    from autograder.datasets.loading import load, load_numpy
    from autograder.datasets.preparation import PreparationResult, prepare

__all__ = [
    "DATASETS",
    "GRADING_TEST",
    "GRADING_TRAIN",
    "DatasetSpec",
    "DatasetState",
    "PreparationResult",
    "get_spec",
    "inventory",
    "load",
    "load_numpy",
    "prepare",
    "resolve_data_dir",
]

_LAZY = {
    "load": "autograder.datasets.loading",
    "load_numpy": "autograder.datasets.loading",
    "prepare": "autograder.datasets.preparation",
    "PreparationResult": "autograder.datasets.preparation",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
