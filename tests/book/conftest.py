"""The book's notebooks, executed once per session in a scratch copy of the course."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from autograder.book.harness import NotebookReport
from autograder.book.site import BookCheckError, check_book
from tests.conftest import REPO_ROOT


def copy_course(destination: Path) -> Path:
    """Copy what the site is built from (configs and book/) into ``destination``."""
    shutil.copytree(REPO_ROOT / "book", destination / "book")
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy(REPO_ROOT / name, destination / name)
    return destination


@pytest.fixture(scope="session")
def course_root(tmp_path_factory, prepared_data_dir) -> Path:
    """A scratch copy of the course, so the tests never write into the checkout."""
    return copy_course(tmp_path_factory.mktemp("course"))


@pytest.fixture(scope="session")
def book_reports(course_root) -> dict[str, NotebookReport]:
    """Every book notebook executed fresh (no cache) under the harness, by relative path."""
    try:
        reports = check_book(root=course_root, use_cache=False)
    except BookCheckError as error:
        reports = list(error.reports)
    return {str(report.path.relative_to(course_root)): report for report in reports}
