"""The context every API serializer runs in, for a request or for a build without one.

Contract: ``serializer_context(scope, request=None)`` returns the dict DRF hands to
serializers: ``scope`` (which pages readers of one site may see, and their paths),
``pages`` (bulk loads of related pages, ``api.loaders.PageLoader``) and ``refs``
(images, documents and rich text resolved in bulk, ``api.references``). Views pass
their request; the representation store builds with ``request=None``.
"""

from __future__ import annotations

from api.loaders import PageLoader
from api.references import ReferenceResolver


def serializer_context(scope, request=None) -> dict:
    context = {"request": request, "scope": scope}
    context["pages"] = loader = PageLoader(context)
    context["refs"] = ReferenceResolver(scope, loader.reference)
    return context
