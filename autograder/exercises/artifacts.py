"""The hand-in contract: what a student's notebook gives the grader.

Every assignment hands in the same three files, in a folder beside the notebook:

``model.keras``
    The student's compiled model, saved by ``model.save`` (Keras format: the
    architecture, the weights as they are, the compile settings).
``data.npz``
    The student's prepared arrays ``x_train``, ``y_train``, ``x_test``, ``y_test``:
    numeric NumPy arrays only (no pickled objects), one row per example.
``manifest.json``
    ``{"schema": 1, "assignment": ..., "task": ..., "files": {name: sha256},
    "versions": {...}}``: what the files are for and their checksums.

The grader loads the model with Keras ``safe_mode`` and no custom objects, so
handing in runs no student code on the grader's side: a Lambda layer or a custom
class is refused with an explanation. The folder is the only thing that crosses
from the student's kernel to the grader, which is why scores can be computed in a
separate process.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from autograder.datasets.sources import sha256_of
from autograder.errors import ClinicError

SCHEMA = 1
"""Version of the hand-in format; bumped when a field changes meaning."""
ARTIFACTS_DIR = "clinic-artifacts"
"""The folder, beside the notebook, that holds the hand-in."""
MODEL_FILE = "model.keras"
DATA_FILE = "data.npz"
MANIFEST_FILE = "manifest.json"
ARRAYS = ("x_train", "y_train", "x_test", "y_test")


class ArtifactError(ClinicError):
    """A hand-in that is missing, corrupt, or not loadable without running student code."""


@dataclass(frozen=True)
class Artifacts:
    """A loaded hand-in: the model and the arrays, checked against their manifest."""

    assignment: str
    """The assignment key the hand-in was made for."""
    model: Any
    """The student's model, loaded in safe mode."""
    arrays: dict[str, np.ndarray]
    """``x_train``, ``y_train``, ``x_test``, ``y_test``."""
    fingerprint: str
    """A digest of the files: equal fingerprints mean equal hand-ins."""


def save_artifacts(
    model: Any,
    x_train: Any,
    y_train: Any,
    x_test: Any,
    y_test: Any,
    *,
    assignment: str,
    task: str,
    directory: str | os.PathLike[str] = ARTIFACTS_DIR,
) -> Path:
    """Write the hand-in folder; the previous hand-in is replaced only once this one is whole.

    Raises:
        ArtifactError: an array is not numeric (e.g. a list of variable-length
            sequences, or strings), or the model cannot be saved in Keras format.
    """
    import keras  # only here: importing the package must not import TensorFlow

    arrays = {
        name: _numeric(name, value)
        for name, value in zip(ARRAYS, (x_train, y_train, x_test, y_test), strict=True)
    }
    target = Path(directory)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        if not isinstance(model, keras.Model):
            raise ArtifactError(
                f"Expected a keras.Model to hand in, got {type(model).__name__}. "
                "Return the model itself (e.g. `return model`) from your function."
            )
        try:
            model.save(staging / MODEL_FILE)
        except Exception as error:
            raise ArtifactError(
                f"The model could not be saved in Keras format ({type(error).__name__}: {error}). "
                "Build it from Keras layers only; custom Python code cannot be handed in."
            ) from error
        np.savez(staging / DATA_FILE, **arrays)
        manifest = {
            "schema": SCHEMA,
            "assignment": assignment,
            "task": task,
            "files": {name: _sha256(staging / name) for name in (MODEL_FILE, DATA_FILE)},
            "versions": {"keras": keras.__version__},
        }
        (staging / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2) + "\n")
        _replace(staging, target)
    finally:
        if staging.exists():
            _remove(staging)
    return target


def load_artifacts(
    directory: str | os.PathLike[str], *, assignment: str | None = None
) -> Artifacts:
    """Load and verify a hand-in without running any code that came with it.

    Raises:
        ArtifactError: what is missing or wrong, and what the student should do.
    """
    folder = Path(directory)
    name, digest = verify_artifacts(folder, assignment=assignment)
    return Artifacts(
        assignment=name,
        model=_load_model(folder / MODEL_FILE),
        arrays=_load_arrays(folder / DATA_FILE),
        fingerprint=digest,
    )


def verify_artifacts(
    directory: str | os.PathLike[str], *, assignment: str | None = None
) -> tuple[str, str]:
    """Check a hand-in against its manifest; return its assignment and fingerprint.

    Cheap (hashing only), so a caller can tell whether it has already scored this
    hand-in before loading the model again.

    Raises:
        ArtifactError: what is missing or wrong, and what the student should do.
    """
    folder = Path(directory)
    manifest = _manifest(folder)
    if assignment is not None and manifest["assignment"] != assignment:
        raise ArtifactError(
            f"The hand-in in {folder} is for assignment {manifest['assignment']!r}, "
            f"not {assignment!r}. Run this assignment's notebook from the top."
        )
    digest = hashlib.sha256()
    for name, expected in sorted(manifest["files"].items()):
        actual = _sha256(folder / name)
        if actual != expected:
            raise ArtifactError(
                f"{folder / name} does not match its manifest (the file changed after it "
                "was handed in, or the hand-in was interrupted). Run the hand-in cell again."
            )
        digest.update(actual.encode())
    return str(manifest["assignment"]), digest.hexdigest()


def _numeric(name: str, value: Any) -> np.ndarray:
    try:
        array = np.asarray(value)
    except ValueError as error:  # ragged nested lists
        raise ArtifactError(
            f"{name} could not become one NumPy array ({error}). Variable-length "
            "sequences must be padded to one length first (keras.utils.pad_sequences)."
        ) from None
    if array.dtype.kind not in "biuf":
        raise ArtifactError(
            f"{name} has dtype {array.dtype}; a hand-in holds numbers only. "
            + (
                "Variable-length sequences must be padded to one length first."
                if array.dtype == object
                else "Encode text labels as integers first."
            )
        )
    if array.ndim == 0:
        raise ArtifactError(f"{name} is a single value; expected one row per example.")
    return array


def _manifest(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST_FILE
    if not path.is_file():
        raise ArtifactError(
            f"No hand-in found in {folder}: {MANIFEST_FILE} is missing. "
            "Run the notebook's hand-in cell (it calls hand_in(...)) before the tests."
        )
    try:
        manifest = json.loads(path.read_text())
    except (OSError, ValueError) as error:
        raise ArtifactError(
            f"{path} is not valid JSON ({error}). Run the hand-in cell again."
        ) from None
    schema = manifest.get("schema") if isinstance(manifest, dict) else None
    if not isinstance(manifest, dict) or schema != SCHEMA:
        raise ArtifactError(
            f"{path} has hand-in schema {schema!r}; "
            f"this grader reads schema {SCHEMA}. Run the hand-in cell again with this version."
        )
    files = manifest.get("files")
    if not isinstance(files, dict) or set(files) != {MODEL_FILE, DATA_FILE}:
        raise ArtifactError(f"{path} does not list {MODEL_FILE} and {DATA_FILE}.")
    if not isinstance(manifest.get("assignment"), str):
        raise ArtifactError(f"{path} does not name its assignment.")
    return manifest


def _load_model(path: Path) -> Any:
    import keras

    try:
        with warnings.catch_warnings():
            # A model compiled but never trained has no optimizer variables, and Keras
            # warns that it skips them. The grader never reuses the optimizer's state.
            warnings.simplefilter("ignore")
            return keras.saving.load_model(path, safe_mode=True, compile=True)
    except Exception as error:
        raise ArtifactError(
            f"The handed-in model could not be loaded safely ({type(error).__name__}: "
            f"{_first_line(error)}). The grader loads models without running any Python "
            "that came with them: use built-in Keras layers, losses and metrics only "
            "(no Lambda layers or custom classes)."
        ) from error


def _load_arrays(path: Path) -> dict[str, np.ndarray]:
    try:
        with np.load(path, allow_pickle=False) as data:
            missing = [name for name in ARRAYS if name not in data.files]
            if missing:
                raise ArtifactError(
                    f"{path} lacks {', '.join(missing)}. Run the hand-in cell again."
                )
            return {name: data[name] for name in ARRAYS}
    except (OSError, ValueError) as error:
        raise ArtifactError(f"{path} could not be read as numeric arrays ({error}).") from None


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else "no message"


def _sha256(path: Path) -> str:
    if not path.is_file():
        raise ArtifactError(f"{path} is missing from the hand-in. Run the hand-in cell again.")
    return sha256_of(path)


def _replace(staging: Path, target: Path) -> None:
    """Swap the finished staging folder into place, so a reader never sees half a hand-in."""
    if target.exists():
        old = target.with_name(f".{target.name}-old")
        if old.exists():
            _remove(old)
        target.rename(old)
        staging.rename(target)
        _remove(old)
    else:
        staging.rename(target)


def _remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
