"""The one rule for colours that editors choose for text: readable on the page.

Contract: ``contrast_ratio(a, b)`` is the WCAG 2 contrast ratio of two ``#rrggbb``
colours; ``validate_text_colour(value)`` raises ``ValidationError`` unless ``value``
reaches ``MINIMUM_TEXT_CONTRAST`` (WCAG AA, PDF/UA's reference for small text) on
``TINTED_BACKGROUND``. A challenge's colour is used for small text on white and on the
light tint of cards (reader and PDF), and as the background of white tab text; the
tint is the darkest of those backgrounds, so passing there passes everywhere.
"""

from django.core.exceptions import ValidationError

MINIMUM_TEXT_CONTRAST = 4.5
# The reader's --paper-soft; the PDF's cards (#f6f7f9) and white are lighter.
TINTED_BACKGROUND = "#f4f6f7"


def relative_luminance(colour):
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first, second):
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def validate_text_colour(value):
    """Form and model validator; malformed values are left to the format validator."""
    if not isinstance(value, str) or len(value) != 7 or not value.startswith("#"):
        return
    try:
        ratio = contrast_ratio(value, TINTED_BACKGROUND)
    except ValueError:
        return
    if ratio < MINIMUM_TEXT_CONTRAST:
        raise ValidationError(
            "This colour is too light for small text: its contrast with the page is "
            f"%(ratio).2f:1, and at least {MINIMUM_TEXT_CONTRAST}:1 is needed. "
            "Choose a darker shade.",
            params={"ratio": ratio},
            code="low_contrast",
        )
