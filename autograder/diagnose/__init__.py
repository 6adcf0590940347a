"""Turn a raised exception or a failed check into a plain explanation and a chapter.

Pure Python: imports neither TensorFlow nor any test or notebook tool, so it can
explain an error text that came back from another process.
"""

from autograder.diagnose.diagnosis import Diagnosis
from autograder.diagnose.explain import explain_error

__all__ = ["Diagnosis", "explain_error"]
