"""Settings shared by every environment; safe for production on their own.

Everything that differs between machines comes from environment variables:
``SECRET_KEY``, ``DATABASE_URL``, ``ALLOWED_HOSTS``, ``REDIS_URL``,
``CORS_ALLOWED_ORIGINS``, ``WAGTAILADMIN_BASE_URL``, ``FRONTEND_URL``...
Nothing here turns debugging on or ships a secret: ``dev.py`` and ``test.py``
loosen what they need, ``production.py`` insists on what production needs.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from exc


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "playbook_pages",
    "content",
    "api",
    "exports",
    "health",
    "ops",
    "reader",
    "webhooks",
    "wagtail_headless_preview",
    "wagtail_localize",
    "wagtail_localize.locales",  # Settings -> Locales, replacing wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "corsheaders",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After whitenoise (which serves static files pre-compressed): compresses the
    # API's and the reader's answers, never the admin's (BREACH: cms.compression).
    "cms.compression.PublicGZipMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that it sees the views' exceptions first.
    "cms.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# SQLite is the embedded default so that one command runs the product; production
# points DATABASE_URL at PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# Several processes (web, task worker, publish_scheduled) share an SQLite file. WAL
# lets readers run beside the one writer. IMMEDIATE takes the write lock when a
# transaction begins: a deferred one that reads first and writes later (a publish)
# cannot wait for the lock (SQLite answers "database is locked" at once, the busy
# timeout does not apply), an immediate one waits up to the timeout. NORMAL syncs at
# checkpoints only, which WAL keeps safe from corruption.
SQLITE_OPTIONS = {
    "timeout": env_int("SQLITE_BUSY_TIMEOUT", 20),
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Content languages: WAGTAIL_CONTENT_LANGUAGES="en,fr,ar" (the first is the default
# locale; English alone unless set). Each needs a Locale (Settings -> Locales in the
# admin; the demo creates its own). The admin's own language follows the same list.
LANGUAGE_NAMES = {
    "en": "English",
    "fr": "Français",
    "ar": "العربية",
    "es": "Español",
    "pt": "Português",
    "sw": "Kiswahili",
}
CONTENT_LANGUAGE_CODES = env_list("WAGTAIL_CONTENT_LANGUAGES", "en")
_unknown_languages = sorted(set(CONTENT_LANGUAGE_CODES) - set(LANGUAGE_NAMES))
if _unknown_languages or not CONTENT_LANGUAGE_CODES:
    raise ImproperlyConfigured(
        "WAGTAIL_CONTENT_LANGUAGES lists language codes, separated by commas, among "
        f"{', '.join(LANGUAGE_NAMES)}; unknown: {', '.join(_unknown_languages) or '(empty)'}."
    )
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES = [
    (code, LANGUAGE_NAMES[code]) for code in CONTENT_LANGUAGE_CODES
]
LANGUAGE_CODE = CONTENT_LANGUAGE_CODES[0]
# Machine translation in wagtail-localize's editor: none unless configured. The
# project's own, offline: a glossary of approved translations (playbook_pages.glossary),
# TRANSLATION_GLOSSARY_DIR=<folder with <language>/*.po>.
if env("TRANSLATION_GLOSSARY_DIR"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "playbook_pages.glossary.GlossaryTranslator",
        "OPTIONS": {"GLOSSARY_DIR": env("TRANSLATION_GLOSSARY_DIR")},
    }
TIME_ZONE = env("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", BASE_DIR / "static"))
# The reader frontend (frontend/) is collected as static files under "reader/".
STATICFILES_DIRS = [("reader", BASE_DIR / "frontend")]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Cache: Redis when REDIS_URL is set, else files in var/cache. Either is shared by
# every process of the deployment (web, worker, publish_scheduled), so a change one
# of them makes (a site, a throttle count) is what the others see next; published
# content itself is read from the stored representations, not from here.
# ResilientRedisCache serves misses instead of errors while Redis is down; short
# socket timeouts bound a hung Redis.
REDIS_URL = env("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "cms.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "playbook"),
            "TIMEOUT": env_int("CACHE_TIMEOUT", 3600),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1, "RETRY_AFTER": 5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env("CACHE_DIR", str(BASE_DIR / "var" / "cache")),
            "TIMEOUT": env_int("CACHE_TIMEOUT", 3600),
        }
    }

# Background work (PDF exports, Wagtail's reference index) goes through Django's
# tasks API. The database queue needs nothing beside the web process but a worker
# (`manage.py db_worker`); TASKS_BACKEND=rq moves it to Redis. Rebuilding the stored
# representations after a change has a queue of its own, "content", with a worker of
# its own, so that a publish reaches readers without waiting behind a PDF render.
# Webhook deliveries have one too ("webhooks"): a slow receiver holds up nothing else.
TASK_QUEUES = ["default", "content", "webhooks"]
TASKS_BACKEND = env("TASKS_BACKEND", "database")
if TASKS_BACKEND == "immediate":
    TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": TASK_QUEUES,
        }
    }
elif TASKS_BACKEND == "rq":
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": TASK_QUEUES}}
    RQ_QUEUES = {name: {"URL": REDIS_URL or "redis://127.0.0.1:6379/0"} for name in TASK_QUEUES}
    INSTALLED_APPS.append("django_rq")
elif TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": TASK_QUEUES}}
else:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be 'database', 'rq' or 'immediate', not {TASKS_BACKEND!r}."
    )
# A publish queues the playbook's PDF re-export this many seconds later, so that a
# burst of publishes causes one render (exports/services.py). Short, because the
# window adds to every publish's wait for its PDF (goal: the last publish to the new
# PDF within 15 s, with a render of the demo taking 6-7 s): an editor's burst of
# saves a few seconds apart still lands in one render, and a render of unchanged
# content is skipped anyway.
PLAYBOOK_PDF_DEBOUNCE_SECONDS = env_int("PLAYBOOK_PDF_DEBOUNCE_SECONDS", 5)
# Whether an export fails rather than write a link to a local address (localhost,
# loopback) or a javascript:/file: URI into a PDF; production.py turns it on.
PLAYBOOK_PDF_REFUSE_LOCAL_LINKS = False
# Whether WeasyPrint renders in a fresh process without Django (exports/pdf_child.py):
# the render's peak memory is then WeasyPrint's own and returns to the system after
# each PDF. Off, it renders in the worker's (or web) process itself.
PLAYBOOK_PDF_RENDER_IN_CHILD = env_bool("PLAYBOOK_PDF_RENDER_IN_CHILD", True)
# Personal PDFs (a reader's choice of challenges, exports/personal.py): at most this
# many render at once, across all workers; a burst beyond waits in the queue. Files
# not downloaded for MAX_AGE seconds, and all but the KEEP most recently used, are
# deleted.
PLAYBOOK_PERSONAL_PDF_MAX_RENDERS = env_int("PLAYBOOK_PERSONAL_PDF_MAX_RENDERS", 2)
PLAYBOOK_PERSONAL_PDF_KEEP = env_int("PLAYBOOK_PERSONAL_PDF_KEEP", 200)
PLAYBOOK_PERSONAL_PDF_MAX_AGE = env_int("PLAYBOOK_PERSONAL_PDF_MAX_AGE", 7 * 24 * 3600)

# The public address of this CMS: every absolute URL it hands out (the API's, the
# PDF's downloads and links, previews) starts here, whatever host a request came in
# on. Defaults to FRONTEND_URL, then to the demo's address; `make run PORT=...` sets it
# to the served address; production settings require it.
PUBLIC_BASE_URL = (
    env("PUBLIC_BASE_URL", "") or env("FRONTEND_URL", "") or "http://localhost:8000"
).rstrip("/")

# Webhooks and the change feed (webhooks/, content/ledger.py; see the README).
# Leading-edge coalescing: a delivery goes at once unless the endpoint had one less
# than this many seconds ago; what arrives meanwhile then goes as one delivery.
WEBHOOKS_COALESCE_SECONDS = float(env("WEBHOOKS_COALESCE_SECONDS", "1"))
WEBHOOKS_TIMEOUT = 10
# Seconds before each retry after a 5xx, 408, 429 or network error: 9 attempts
# over about 23 hours, then the delivery has failed.
WEBHOOKS_RETRY_SCHEDULE = [
    int(value)
    for value in env_list("WEBHOOKS_RETRY_SCHEDULE", "5,30,120,600,3600,14400,28800,36000")
]
WEBHOOKS_DISABLE_AFTER_DAYS = 3
# Networks webhooks may reach although they are not public (e.g. "10.0.0.0/8").
WEBHOOKS_ALLOWED_NETWORKS = env_list("WEBHOOKS_ALLOWED_NETWORKS")
CHANGE_FEED_RETENTION_DAYS = env_int("CHANGE_FEED_RETENTION_DAYS", 30)
# Purge a CDN on every change (wagtail.contrib.frontend_cache backends).
CDN_PURGE = env("CDN_PURGE", "")
if CDN_PURGE == "cloudflare":
    WAGTAILFRONTENDCACHE = {
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": env("CLOUDFLARE_API_TOKEN"),
            "ZONEID": env("CLOUDFLARE_ZONE_ID"),
        }
    }
elif CDN_PURGE == "cloudfront":
    WAGTAILFRONTENDCACHE = {
        "cloudfront": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": env("CLOUDFRONT_DISTRIBUTION_ID"),
        }
    }
elif CDN_PURGE:
    raise ImproperlyConfigured(
        f"CDN_PURGE must be 'cloudflare' or 'cloudfront', not {CDN_PURGE!r}."
    )
if CDN_PURGE and not all(
    value for config in WAGTAILFRONTENDCACHE.values() for value in config.values()
):
    raise ImproperlyConfigured(
        f"CDN_PURGE={CDN_PURGE} needs "
        + (
            "CLOUDFLARE_API_TOKEN and CLOUDFLARE_ZONE_ID."
            if CDN_PURGE == "cloudflare"
            else "CLOUDFRONT_DISTRIBUTION_ID."
        )
    )

# Wagtail
WAGTAIL_SITE_NAME = env("WAGTAIL_SITE_NAME", "Playbook CMS")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "") or PUBLIC_BASE_URL
WAGTAILSEARCH_BACKENDS = {
    # Wagtail's database backend: PostgreSQL's full-text search, stemming each
    # locale's text in its own language (cms/search_backend.py), or SQLite's FTS5.
    "default": {"BACKEND": "cms.search_backend"},
}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "csv", "txt", "zip"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "svg"]
# The dashboard's "new Wagtail release" notice (the browser asks releases.wagtail.org).
WAGTAIL_ENABLE_UPDATE_CHECK = env_bool("WAGTAIL_ENABLE_UPDATE_CHECK", True)
# No avatars from gravatar.com: the admin asks no outside host about its users.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Wagtail's own limits, stated here because the upload form names them to editors
# (playbook_pages/media_forms.py).
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 128_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "playbook_pages.media_forms.PlaybookImageForm"
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# Documents are served by Django so that private collections stay private.
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# Where readers open pages; used for preview and for `frontend_path` links in the API.
FRONTEND_URL = env("FRONTEND_URL", "") or PUBLIC_BASE_URL
# Where the reader served at / calls the API; empty means this same origin.
READER_API_URL = env("READER_API_URL", "")
WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": {"default": env("PREVIEW_CLIENT_URL", f"{FRONTEND_URL}/preview")},
    "SERVE_BASE_URL": FRONTEND_URL,
    "REDIRECT_ON_PREVIEW": False,
    "ENFORCE_TRAILING_SLASH": True,
}

# REST API
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": env("API_ANON_THROTTLE_RATE", "") or None},
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Playbook CMS content API",
    "DESCRIPTION": "Read-only API for learning playbooks: challenges, tools, case studies, "
    "resources and an alliance's learning labs, publications and summits.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # 3.1 is JSON Schema: nullable relations are "X or null" for every client generator.
    "OAS_VERSION": "3.1.0",
    # Only /api/v1/ is documented; type discriminators stay inline enums.
    "PREPROCESSING_HOOKS": ["api.schema.only_content_api"],
    "POSTPROCESSING_HOOKS": ["api.schema.postprocess_enums"],
    # Swagger UI and Redoc from the installed package, not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Named enums for the choice fields that share a field name across types.
    "ENUM_NAME_OVERRIDES": {
        "OrganisationKindEnum": "playbook_pages.models.Organisation.Kind",
        "ToolTypeEnum": "playbook_pages.models.ToolPage.ToolType",
        "ToolOriginEnum": "playbook_pages.models.ToolPage.Origin",
        "ResourceFormatEnum": "playbook_pages.models.ExternalResourcePage.Format",
        "PublicationTypeEnum": "playbook_pages.models.AlliancePublicationPage.PublicationType",
        "ChallengeIconEnum": "playbook_pages.models.ChallengePage.Icon",
        "PaperSizeEnum": "playbook_pages.models.PlaybookPage.PaperSize",
        "PaperEnum": "exports.views.PAPERS",
        "PreviewReasonEnum": "api.exceptions.PreviewReason",
    },
}
# Content API (api/): page sizes, browser caching of responses (seconds; 0 = always
# revalidate with the ETag), preview token lifetime.
API_DEFAULT_PAGE_SIZE = env_int("API_DEFAULT_PAGE_SIZE", 20)
API_MAX_PAGE_SIZE = env_int("API_MAX_PAGE_SIZE", 100)
API_CACHE_MAX_AGE = env_int("API_CACHE_MAX_AGE", 0)
# Facets, search and snippet answers are reused from the cache until the next change
# (api.answers); off only where the work itself is measured (benchmarks).
API_REUSE_ANSWERS = True
PREVIEW_TOKEN_MAX_AGE = env_int("PREVIEW_TOKEN_MAX_AGE", 3600)
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
# Frontends revalidate with If-None-Match (or If-Modified-Since for the PDF) and read
# ETag and Retry-After; a fetch() of the PDF reads its file name and date too.
CORS_ALLOW_HEADERS = [
    "accept",
    "accept-language",
    "content-type",
    "if-none-match",
    "if-modified-since",
]
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After", "Content-Disposition", "Last-Modified"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
    },
}
