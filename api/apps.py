from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "Content API"

    def ready(self):
        from api import checks, preview  # noqa: F401 - checks register themselves

        preview.connect_signals()
