"""Graded exercises: the assignments, the hand-in contract, and scoring.

A notebook calls ``hand_in(...)`` once (it saves the artifacts and shows the
self-check) and its test cells call ``grade(question)``. The classroom grader scores
the same artifacts with ``score_artifacts`` in a separate process.
"""

from autograder.exercises.artifacts import ArtifactError, load_artifacts, save_artifacts
from autograder.exercises.assignments import ASSIGNMENTS, Assignment, Question, get_assignment
from autograder.exercises.handin import grade, hand_in
from autograder.exercises.scoring import QuestionScore, Scorecard, score_artifacts

__all__ = [
    "ASSIGNMENTS",
    "ArtifactError",
    "Assignment",
    "Question",
    "QuestionScore",
    "Scorecard",
    "get_assignment",
    "grade",
    "hand_in",
    "load_artifacts",
    "save_artifacts",
    "score_artifacts",
]
