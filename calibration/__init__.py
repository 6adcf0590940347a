"""Calibration of the training-progress verdict (maintainers' tooling, not shipped).

``zoo`` holds several different correct solutions and the scenarios' broken ones for
each task; ``calibrate_progress`` trains them over several seeds and prints the margins
and the false-pass / false-fail counts. The tests import the same zoo, so the numbers
printed here are the ones the test suite pins. Kept out of the ``autograder`` package
because it contains solutions.
"""
