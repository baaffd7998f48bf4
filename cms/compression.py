"""Gzip for the public answers: the content API, the reader's shell and its worker.

Contract: ``PublicGZipMiddleware`` is Django's ``GZipMiddleware`` (gzip when the
client accepts it, ``Vary: Accept-Encoding``, a strong ETag made weak, which the
API's ``If-None-Match`` check still matches: it compares weakly) applied to every
response except the admin's (``/admin/``, ``/django-admin/``) and any response that
sets a cookie. Static files are not its business: whitenoise serves them
pre-compressed (gzip and brotli, made by ``collectstatic``), and answers before
this middleware runs.

Why this is safe from BREACH (compression leaking a secret through response sizes):
that needs a secret in a compressed body beside text an attacker controls. The
admin's pages carry CSRF tokens and session-bound data, so they are never
compressed here; the API's and the reader's bodies are the same public content for
everyone, carry no CSRF token or other secret (the API is anonymous and sets no
cookie), so there is nothing for the attack to recover.
"""

from __future__ import annotations

from django.middleware.gzip import GZipMiddleware

PRIVATE_PREFIXES = ("/admin/", "/django-admin/")


class PublicGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if request.path.startswith(PRIVATE_PREFIXES) or response.cookies:
            return response
        return super().process_response(request, response)
