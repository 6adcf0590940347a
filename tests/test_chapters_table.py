"""The chapter table that diagnoses link to matches the book."""

from __future__ import annotations

import yaml

from autograder.chapters import CHAPTERS
from tests.conftest import REPO_ROOT


def test_when_a_chapter_page_exists_in_the_toc_then_its_table_entry_points_at_it():
    toc = yaml.safe_load((REPO_ROOT / "_toc.yml").read_text())
    listed = {entry["file"] for entry in toc.get("chapters", [])}
    listed |= {s["file"] for e in toc.get("chapters", []) for s in e.get("sections", [])}
    for chapter in CHAPTERS.values():
        folder = REPO_ROOT / chapter.page.rsplit("/", 1)[0]
        if folder.is_dir():  # chapters land one issue at a time
            assert chapter.page in listed, f"{chapter.page} is not in _toc.yml"
            assert (REPO_ROOT / f"{chapter.page}.md").is_file()


def test_when_a_url_is_made_then_it_points_at_the_html_page():
    assert CHAPTERS["dense-on-images"].url("http://localhost:8000/") == (
        "http://localhost:8000/book/01-dense-on-images/index.html"
    )
