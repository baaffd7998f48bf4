"""Tests: fast hashing, local-memory cache, tasks run at once, media in a temp dir."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-secret-key"  # noqa: S105 - tests only
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": TASK_QUEUES,  # noqa: F405
    }
}
MEDIA_ROOT = env("TEST_MEDIA_ROOT") or tempfile.mkdtemp(prefix="playbook-test-media-")
# collectstatic is not run for tests; an empty root keeps whitenoise quiet.
STATIC_ROOT = tempfile.mkdtemp(prefix="playbook-test-static-")
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
# Browser tests must not reach releases.wagtail.org from the dashboard.
WAGTAIL_ENABLE_UPDATE_CHECK = False
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
CONTENT_REBUILD_ON_READ = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, as the product runs, not Django's shared in-memory database: the live
    # server then gives each request thread a connection of its own, waiting on
    # SQLite's busy timeout. In memory, every thread shares the test's connection,
    # and an autosave beside a publish interleaves their savepoints ("no such
    # savepoint": a publish lost under load).
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.mkdtemp(prefix="playbook-test-db-")) / "test.sqlite3")
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # Tests that commit (live server, workers, transactional fixtures) need not wait
    # for each commit to reach the disk: a crash loses a throwaway test database, and
    # what each connection sees is unchanged.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
# Tests run with three content languages, one of them right-to-left, as the demo does.
CONTENT_LANGUAGE_CODES = ["en", "fr", "ar"]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES = [
    (code, LANGUAGE_NAMES[code])  # noqa: F405
    for code in CONTENT_LANGUAGE_CODES
]
LANGUAGE_CODE = "en"
