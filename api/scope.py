"""The API's name for ``content.rules.ReaderScope``: which pages one request may see.

Contract: ``PageScope`` is ``content.rules.ReaderScope`` (the one rule, the one
place that decides it); ``SiteInfo`` is the site it is for. Nothing here decides
visibility on its own.
"""

from content.rules import ReaderScope as PageScope
from content.rules import SiteInfo

__all__ = ["PageScope", "SiteInfo"]
