"""The checks: model structure, data, loss/output fit and training progress.

Each check is a small function over a ``Submission`` that returns a ``CheckResult``;
a pipeline is an ordered tuple of ``Check``s (data, not a plugin framework). Checks
use Keras 3 public APIs only and import neither click, nbgrader nor pytest.
"""

from autograder.checks.pipeline import Check, run_pipeline
from autograder.checks.submission import Submission

__all__ = ["Check", "Submission", "run_pipeline"]
