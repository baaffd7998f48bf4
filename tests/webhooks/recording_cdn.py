"""A frontend-cache backend of our own that records what it was asked to purge (no
network): a real ``wagtail.contrib.frontend_cache`` backend class, for the tests."""

from wagtail.contrib.frontend_cache.backends.base import BaseBackend

PURGED: list[str] = []


class RecordingBackend(BaseBackend):
    def purge(self, url):
        PURGED.append(url)
