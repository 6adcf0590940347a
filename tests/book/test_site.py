"""The course site builds strictly (warnings are errors) from the checkout."""

from __future__ import annotations

import pytest

from autograder.book.site import build_site
from autograder.errors import ClinicError
from tests.conftest import REPO_ROOT


def test_when_the_root_has_no_config_then_the_error_says_where_to_run_it(tmp_path):
    with pytest.raises(ClinicError, match=r"No _config.yml in .*run this from the Keras Clinic"):
        build_site(root=tmp_path)


@pytest.mark.e2e
@pytest.mark.slow
def test_when_building_the_book_then_the_landing_and_dataset_pages_are_rendered(tmp_path):
    import shutil

    root = tmp_path / "course"
    shutil.copytree(REPO_ROOT / "book", root / "book")
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy(REPO_ROOT / name, root / name)
    output = build_site(root=root)
    assert "book/index.html" in (output / "index.html").read_text()  # the root redirect
    landing = (output / "book" / "index.html").read_text()
    assert "Who it is for" in landing
    datasets = (output / "book" / "datasets.html").read_text()
    assert "grading_train" in datasets
