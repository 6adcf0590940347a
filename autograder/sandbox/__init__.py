"""Run a student's notebook, and score what it handed in, in separate, limited processes.

``confinement`` decides where code may run (a bubblewrap jail, or none, said loudly),
``process`` enforces the wall-clock, memory and CPU limits from outside, and the two
entry points run inside: ``notebook_runner`` (the student's kernel, which only
produces the hand-in) and ``scorer`` (a fresh process that loads no student code and
computes the grade).
"""

from autograder.sandbox.confinement import Confinement, detect_confinement
from autograder.sandbox.process import Limits, ProcessOutcome, run_limited

__all__ = ["Confinement", "Limits", "ProcessOutcome", "detect_confinement", "run_limited"]
