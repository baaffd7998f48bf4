from django.apps import AppConfig


class PlaybookPagesConfig(AppConfig):
    name = "playbook_pages"
    verbose_name = "Playbook content"
