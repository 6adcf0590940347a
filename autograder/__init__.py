"""Keras Clinic: a course and an autograder for TensorFlow/Keras models that fail to train.

The package is split by job so that a newcomer finds things from the tree alone:
``autograder.datasets`` (real data through tensorflow-datasets), ``autograder.cli``
(the ``clinic`` command). Importing this package never imports TensorFlow; only the
functions that need it do, so that ``clinic --help`` stays fast.
"""

from autograder.errors import ClinicError

__version__ = "0.1.0"

__all__ = ["ClinicError", "__version__"]
