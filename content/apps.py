from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = "Content rules and stored representations"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from content import changes

        changes.connect()
