from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "Content API"

    def ready(self):
        from api import caching, checks, preview  # noqa: F401 - checks register themselves

        caching.connect_signals()
        preview.connect_signals()
