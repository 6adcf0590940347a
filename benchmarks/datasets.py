"""Benchmark: preparing every dataset from its local copy, and reading it back.

Prints wall-clock seconds per dataset for a cold preparation into a fresh data
directory, then the time to read each grading subset into memory. Run it with:

    python -m benchmarks.datasets
"""

from __future__ import annotations

import os
import tempfile
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from autograder.datasets import DATASETS, GRADING_TEST, GRADING_TRAIN, load_numpy, prepare


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="clinic-bench-") as data_dir:
        print(f"{'dataset':<26}{'prepare (s)':>12}{'read grading subsets (s)':>26}")
        for name in DATASETS:
            [result] = prepare([name], data_dir=data_dir, progress=False)
            start = time.perf_counter()
            for split in (GRADING_TRAIN, GRADING_TEST):
                load_numpy(name, split, data_dir=data_dir)
            read = time.perf_counter() - start
            print(f"{name:<26}{result.seconds:>12.2f}{read:>26.2f}")


if __name__ == "__main__":
    main()
