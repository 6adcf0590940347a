"""The jail the tests use: bubblewrap where it works (CI installs it), else a clear skip."""

from __future__ import annotations

import pytest

from autograder.sandbox.confinement import BWRAP, Confinement, detect_confinement


@pytest.fixture(scope="session")
def jail() -> Confinement:
    confinement = detect_confinement("auto")
    if confinement.kind != BWRAP:
        pytest.skip(f"{confinement.note} (run scripts/setup.sh, which installs bubblewrap)")
    return confinement
