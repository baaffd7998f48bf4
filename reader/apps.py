from django.apps import AppConfig


class ReaderConfig(AppConfig):
    name = "reader"
    verbose_name = "Reader frontend"

    def ready(self):
        from reader import checks  # noqa: F401 - registers the system check
