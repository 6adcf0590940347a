"""Score a hand-in in a fresh process that runs no student code.

``python -m autograder.sandbox.scorer ARTIFACTS ASSIGNMENT SEED OUTPUT``

The grade is computed here, not in the student's kernel: this process imports only
Keras Clinic, loads the hand-in in Keras safe mode (no Lambda, no custom objects)
and runs the assignment's checks on the real data at the given seed. TensorFlow is
pinned to one thread and the checks seed everything, so the same hand-in scores the
same on every run and on any number of workers. The output is JSON (a scorecard, or
why the hand-in could not be loaded), which the grader validates on read.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

SINGLE_THREAD_ENV = {
    "OMP_NUM_THREADS": "1",
    "TF_NUM_INTRAOP_THREADS": "1",
    "TF_NUM_INTEROP_THREADS": "1",
    "TF_DETERMINISTIC_OPS": "1",
    "TF_ENABLE_ONEDNN_OPTS": "0",
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "PYTHONHASHSEED": "0",
}
"""Set for every graded process: one thread each (workers share the cores) and
deterministic kernels."""


def score(artifacts: Path, assignment: str, seed: int) -> dict[str, object]:
    """Score the hand-in; a hand-in that cannot be loaded safely is a result too."""
    import warnings

    import tensorflow as tf

    from autograder.exercises.artifacts import ArtifactError
    from autograder.exercises.scoring import score_artifacts

    tf.config.threading.set_intra_op_parallelism_threads(1)
    tf.config.threading.set_inter_op_parallelism_threads(1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            card = score_artifacts(artifacts, assignment, seed=seed)
    except ArtifactError as error:
        return {"scored": False, "reason": str(error)}
    return {"scored": True, "scorecard": card.to_dict()}


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    artifacts, assignment, seed, output = args
    for name, value in SINGLE_THREAD_ENV.items():
        os.environ.setdefault(name, value)
    result = score(Path(artifacts), assignment, int(seed))
    Path(output).write_text(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
