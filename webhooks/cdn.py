"""Purge a CDN in front of the site and the API when pages change.

Contract: ``urls_for(site_id, changes)`` lists the absolute URLs that serve what the
ledger entries changed: the page on the reader frontend (its path and, when moved,
its previous path), its API detail (``/api/v1/pages/{id}/``, the type's own
``/api/v1/{collection}/{slug}/``, ``/api/v1/pages/?path=``), its type's listing,
and the change feed. ``purge(urls)`` hands them to every backend of
``WAGTAILFRONTENDCACHE`` (Wagtail's ``frontend_cache`` backends: Cloudflare,
CloudFront, Azure, an HTTP cache, or one of your own), in one batch per backend.
Wagtail's own page-signal purging is not switched on: the ledger is the one source.
"""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.urls import reverse
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Site

from api.serializers.fields import page_api_url
from content import kinds


def is_configured() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def urls_for(site_id: int, changes) -> list[str]:
    site = Site.objects.filter(pk=site_id).first()
    if site is None:
        return []
    root = site.root_url.rstrip("/")
    kinds_by_name = {kind.name: kind for kind in kinds.PAGE_KINDS}
    api_root = reverse("api:page-by-path")[: -len("pages/")]
    urls = {root + reverse("api:changes")}
    for change in changes:
        urls.add(root + page_api_url(change.page_id))
        for path in filter(None, (change.path, change.previous_path)):
            urls.add(root + path)
            urls.add(f"{root}{reverse('api:page-by-path')}?path={quote(path)}")
            kind = kinds_by_name.get(change.kind)
            if kind is not None and kind.collection:
                slug = path.rstrip("/").rsplit("/", 1)[-1]
                urls.add(f"{root}{api_root}{kind.collection}/")
                if slug:
                    urls.add(f"{root}{api_root}{kind.collection}/{slug}/")
    return sorted(urls)


def purge(urls: list[str]) -> int:
    if not is_configured() or not urls:
        return 0
    purge_urls_from_cache(urls)
    return len(urls)
