"""The registry: names, versions and subsets that the rest of the project relies on."""

from __future__ import annotations

import pytest

from autograder.datasets import DATASETS, GRADING_TEST, GRADING_TRAIN, get_spec
from autograder.errors import ClinicError, UnknownDatasetError


def test_when_listing_datasets_then_the_four_course_datasets_are_known_in_course_order():
    assert list(DATASETS) == [
        "fashion_mnist",
        "mauna_loa_co2",
        "japanese_vowels",
        "breast_cancer_wisconsin",
    ]


def test_when_a_name_is_mistyped_then_the_error_suggests_the_closest_name():
    with pytest.raises(UnknownDatasetError, match=r"Did you mean 'japanese_vowels'\?") as info:
        get_spec("japanese_vowel")
    assert isinstance(info.value, ClinicError)
    assert "clinic data list" in str(info.value)


@pytest.mark.parametrize("name", list(DATASETS))
def test_when_a_dataset_is_known_then_it_documents_both_grading_subsets(name):
    spec = get_spec(name)
    assert set(spec.subsets) == {GRADING_TRAIN, GRADING_TEST}
    assert spec.resolve_split("train[:5]") == "train[:5]"


@pytest.mark.parametrize("name", list(DATASETS))
def test_when_a_builder_is_imported_then_its_version_is_the_one_the_registry_pins(name):
    from autograder.datasets.preparation import builder_class

    spec = get_spec(name)
    assert str(builder_class(spec).VERSION) == spec.version
