"""Reading a cell's documented intent from its tags and metadata."""

from __future__ import annotations

import re

import pytest

from autograder.book.intent import CellMetadataError, ExpectedError, expected_error
from tests.book.notebook_factory import expecting


def _cell(metadata):
    return {"cell_type": "code", "source": "", "metadata": metadata}


def test_when_a_cell_has_neither_tag_nor_metadata_then_no_error_is_expected():
    assert expected_error(_cell({}), "nb, cell 1") is None


def test_when_a_cell_is_tagged_and_documented_then_the_expectation_is_read():
    expectation = expected_error(_cell(expecting("ValueError", r"shape \(None, 10\)")), "here")
    assert expectation == ExpectedError("ValueError", r"shape \(None, 10\)")


def test_when_the_tag_has_no_metadata_then_the_error_shows_what_to_add():
    with pytest.raises(CellMetadataError, match=r"cell 3 has the 'raises-exception' tag but no"):
        expected_error(_cell({"tags": ["raises-exception"]}), "nb, cell 3")


def test_when_metadata_has_no_tag_then_the_tag_is_required():
    metadata = expecting("ValueError", "x")
    metadata["tags"] = []
    with pytest.raises(CellMetadataError, match=r"lacks the 'raises-exception' tag"):
        expected_error(_cell(metadata), "here")


def test_when_a_metadata_key_is_misspelled_then_the_closest_key_is_suggested():
    metadata = expecting("ValueError", "x")
    metadata["clinic"]["expect_eror"] = metadata["clinic"].pop("expect_error")
    with pytest.raises(CellMetadataError, match=r"'expect_eror'. Did you mean 'expect_error'\?"):
        expected_error(_cell(metadata), "here")


def test_when_the_schema_is_unknown_then_the_supported_one_is_named():
    metadata = expecting("ValueError", "x")
    metadata["clinic"]["schema"] = 2
    with pytest.raises(CellMetadataError, match=r"reads schema 1"):
        expected_error(_cell(metadata), "here")


def test_when_the_pattern_is_not_a_regex_then_it_is_refused():
    with pytest.raises(CellMetadataError, match=r"not a valid regex"):
        expected_error(_cell(expecting("ValueError", "(unclosed")), "here")


@pytest.mark.parametrize(
    ("ename", "evalue", "reason"),
    [
        (None, None, r"raised nothing"),
        ("TypeError", "bad", r"expected ValueError .* but the cell raised TypeError: bad"),
        ("ValueError", "other words", r"no longer matches /shape/"),
    ],
)
def test_when_the_raised_error_differs_then_the_mismatch_is_explained(ename, evalue, reason):
    mismatch = ExpectedError("ValueError", "shape").explain_mismatch(ename, evalue)
    assert mismatch is not None
    assert re.search(reason, mismatch)


def test_when_the_raised_error_fits_then_there_is_no_mismatch():
    expectation = ExpectedError("ValueError", "expected axis -1")
    assert expectation.explain_mismatch("ValueError", "... expected axis -1 of ...") is None
