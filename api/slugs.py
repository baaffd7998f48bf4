"""What a slug in a URL or a filter may be, for the views and for the OpenAPI schema.

Contract: a slug is 1 to 255 letters (of any script, as Wagtail allows with
``WAGTAIL_ALLOW_UNICODE_SLUGS``; tag slugs are unicode either way), digits,
hyphens and underscores. ``SLUG_PATTERN.fullmatch`` is the check the views make
(a malformed slug is a 400 saying ``SLUG_RULE``; a well-formed one that names
nothing is a 404); ``SLUG_SCHEMA`` states the same rule in the schema so that
clients know it. ``\\w`` is meant with Python's (unicode) meaning.
"""

from __future__ import annotations

import re

SLUG_PATTERN = re.compile(r"[-\w]{1,255}")
SLUG_SCHEMA = {"type": "string", "pattern": r"^[-\w]+$", "minLength": 1, "maxLength": 255}
SLUG_RULE = (
    "A slug has only letters, digits, hyphens and underscores (letters of any script; "
    "at most 255 characters)."
)
