"""The image upload form, with limits an editor can act on (WAGTAILIMAGES_IMAGE_FORM_BASE).

Contract: every image upload in the admin (the Images menu, several at once, a chooser's
upload tab) states the largest file and the largest picture it accepts, and refuses a
picture that is too big by naming its size and the limit in pixels ("12000 × 12000
pixels; the largest allowed is 128 million pixels, e.g. 11313 × 11313"), instead of
Wagtail's bare pixel count. The limits are Wagtail's settings
``WAGTAILIMAGES_MAX_UPLOAD_SIZE`` and ``WAGTAILIMAGES_MAX_IMAGE_PIXELS``.
"""

import math

from django.core.exceptions import ValidationError
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

# Wide enough for the web and for print at A4 width.
ADVISED_WIDTH = 2400


def millions(pixels):
    return f"{pixels / 1_000_000:.3g} million"


class PlaybookImageField(WagtailImageField):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limits = []
        if self.max_upload_size is not None:
            limits.append(f"files up to {self.max_upload_size_text}")
        if self.max_image_pixels:
            limits.append(f"pictures up to {self.max_pixels_text()}")
        self.help_text = (
            f"Formats: {self.supported_formats_text}. "
            + (f"Accepted: {' and '.join(limits)}. " if limits else "")
            + f"{ADVISED_WIDTH} pixels wide is plenty for the site and the PDF."
        )
        self.error_messages["file_too_large"] = (
            "This file is %(file_size)s; the largest allowed is %(max_filesize)s. "
            f"Save the picture smaller (about {ADVISED_WIDTH} pixels wide) and upload it again."
        )

    def max_pixels_text(self):
        side = math.isqrt(self.max_image_pixels)
        return f"{millions(self.max_image_pixels)} pixels, e.g. {side} × {side}"

    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except ValidationError as error:
            if error.code != "file_too_many_pixels":
                raise
            raise ValidationError(self.too_many_pixels_message(f), code=error.code) from None

    def too_many_pixels_message(self, f):
        limit = self.max_pixels_text() if self.max_image_pixels else "smaller"
        try:
            width, height = f.image.get_size()
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning, OSError):
            size = "too large to open"
        else:
            size = f"{width} × {height} pixels ({millions(width * height)} pixels)"
        return (
            f"This picture is {size}; the largest allowed is {limit}. Make it smaller in "
            f"an image editor (about {ADVISED_WIDTH} pixels wide) and upload it again."
        )


class PlaybookImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            field = self.fields["file"]
            self.fields["file"] = PlaybookImageField(
                label=field.label, required=field.required, widget=field.widget
            )
