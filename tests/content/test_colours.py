"""The colour rule: challenge colours must be readable as small text."""

import pytest
from django.core.exceptions import ValidationError

from content.colours import MINIMUM_TEXT_CONTRAST, contrast_ratio, validate_text_colour
from playbook_pages.demo import palette


def test_contrast_ratio_matches_wcag():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("colour", ["#c8553d", "#588157", "#b08436"])
def test_too_light_colours_are_refused_with_the_ratio(colour):
    with pytest.raises(ValidationError) as error:
        validate_text_colour(colour)
    assert "too light for small text" in error.value.messages[0]
    assert ":1" in error.value.messages[0]


@pytest.mark.parametrize("colour", palette.CHALLENGE_COLOURS)
def test_the_demo_palette_is_readable_on_white_and_on_cards(colour):
    validate_text_colour(colour)
    for background in ("#ffffff", "#f6f7f9", "#f4f6f7"):
        assert contrast_ratio(colour, background) >= MINIMUM_TEXT_CONTRAST
