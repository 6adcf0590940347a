"""Keras Clinic: a course and an autograder for TensorFlow/Keras models that fail to train.

The package is split by job so that a newcomer finds things from the tree alone:
``autograder.datasets`` (real data through tensorflow-datasets), ``autograder.checks``
(what is measured), ``autograder.diagnose`` (what it means, in plain words),
``autograder.render`` (text and HTML), ``autograder.book`` (the course site) and
``autograder.cli`` (the ``clinic`` command). ``autograder.check(...)`` is the
student's self-check. Importing this package never imports TensorFlow; only the
functions that need it do, so that ``clinic --help`` stays fast.
"""

from typing import TYPE_CHECKING, Any

from autograder.errors import ClinicError

if TYPE_CHECKING:
    from autograder.selfcheck import check

__version__ = "0.1.0"

__all__ = ["ClinicError", "__version__", "check"]


def __getattr__(name: str) -> Any:
    if name == "check":  # imports TensorFlow: only on first use
        from autograder.selfcheck import check

        return check
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
