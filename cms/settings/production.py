"""Production: every secret from the environment, HTTPS everywhere, shared cache.

Start-up stops with a message naming the variable when a required one is missing,
so a misconfigured container fails at once instead of serving with defaults.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from cms.addresses import is_local_host

from .base import *  # noqa: F403
from .base import env, env_bool, env_int

# REDIS_URL too: with a per-process local-memory cache, one gunicorn worker's
# invalidation on publish would leave the other workers serving stale API responses.
# PUBLIC_BASE_URL: without it the API and the PDF would hand out links to whatever
# host a request named, or to localhost.
REQUIRED = ["SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "REDIS_URL", "PUBLIC_BASE_URL"]
_missing = [name for name in REQUIRED if not env(name)]
if _missing:
    raise ImproperlyConfigured(
        "Missing required environment variable(s): "
        + ", ".join(_missing)
        + ". See .env.example for what each one means."
    )
_public = urlsplit(PUBLIC_BASE_URL)  # noqa: F405
if _public.scheme not in ("http", "https") or not _public.hostname:
    raise ImproperlyConfigured(
        f"PUBLIC_BASE_URL must be an absolute http(s) address such as "
        f"https://cms.example.org, not {PUBLIC_BASE_URL!r}."  # noqa: F405
    )
if is_local_host(_public.hostname):
    raise ImproperlyConfigured(
        f"PUBLIC_BASE_URL is {PUBLIC_BASE_URL!r}, a local address readers cannot open; "  # noqa: F405
        "set it to the public address of this CMS."
    )
# The PDF export fails (and says so in the admin) rather than print a local link.
PLAYBOOK_PDF_REFUSE_LOCAL_LINKS = True

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# SAMEORIGIN, not DENY: the Wagtail admin shows previews in same-origin frames.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]

# Media and exports on S3-compatible storage when a bucket is configured.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = env("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", True)
    AWS_S3_FILE_OVERWRITE = False
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}  # noqa: F405
