"""Build the Jupyter Book site, strictly, so that a broken page fails the build."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from autograder.errors import ClinicError

CONFIG_FILE = "_config.yml"


def build_site(*, root: Path = Path(), builder: str = "html") -> Path:
    """Build the book at ``root`` and return the output directory.

    The build runs with ``--warningiserror --nitpick --keep-going``: a broken cross
    reference or a page missing from the table of contents fails it, but every
    warning is reported first.

    Raises:
        ClinicError: ``root`` has no ``_config.yml``, jupyter-book is not installed,
            or the build failed.
    """
    root = root.resolve()
    if not (root / CONFIG_FILE).is_file():
        raise ClinicError(
            f"No {CONFIG_FILE} in {root}: run this from the Keras Clinic checkout, "
            "or pass --root to it."
        )
    executable = shutil.which("jupyter-book", path=str(Path(sys.executable).parent))
    executable = executable or shutil.which("jupyter-book")
    if executable is None:
        raise ClinicError(
            "jupyter-book is not installed. Install the instructor tools with:\n"
            '    pip install "keras-clinic[book]"'
        )
    command = [
        executable,
        "build",
        str(root),
        "--builder",
        builder,
        "--warningiserror",
        "--nitpick",
        "--keep-going",
    ]
    completed = subprocess.run(command, cwd=root, check=False)
    if completed.returncode != 0:
        raise ClinicError(
            f"The book build failed (exit status {completed.returncode}); "
            "the warnings above name the pages. Command: " + " ".join(command)
        )
    return root / "_build" / builder
