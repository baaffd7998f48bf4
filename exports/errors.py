"""The one exception an export raises when the PDF cannot be made as it should be."""


class ExportError(Exception):
    """The PDF cannot be made as it should be; the message says why, for editors."""
