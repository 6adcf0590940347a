"""Where prepared datasets live: one rule, used everywhere data is written or read.

The rule is the flag, else TFDS's own ``TFDS_DATA_DIR`` environment variable, else
TFDS's default location. It is spelled out here (rather than read from
``tensorflow_datasets``) so that listing datasets never imports TensorFlow.
"""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR_ENV = "TFDS_DATA_DIR"
TFDS_DEFAULT_DATA_DIR = Path("~/tensorflow_datasets")


def resolve_data_dir(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """Return the TFDS data directory: ``data_dir``, else ``$TFDS_DATA_DIR``, else the default."""
    if data_dir:
        return Path(data_dir).expanduser()
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return TFDS_DEFAULT_DATA_DIR.expanduser()


def is_default_data_dir(path: Path) -> bool:
    """True when ``path`` is what ``resolve_data_dir()`` gives with no flag."""
    return path.resolve() == resolve_data_dir().resolve()
