"""Which translations are out of date: the source page changed after they were synced.

Contract: ``stale_translations(page)`` answers for a page open in the editor: for a
source page, the locales whose translations were last synced (wagtail-localize's
``TranslationSource.last_updated_at``) before the page was last published; for a
translation, whether its source changed since, with the source page. Editors see
it as a notice with *Sync translated pages* (``wagtail_hooks``); wagtail-localize
itself keeps the dates but shows nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource


@dataclass(frozen=True)
class Staleness:
    source_page: Page
    locales: list[str]  # language names of the out-of-date translations
    synced_at: object  # when the source was last synced into them
    sync_url: str


def _source_of(page):
    return (
        TranslationSource.objects.filter(
            object_id=page.translation_key, specific_content_type__isnull=False
        )
        .exclude(locale_id=page.locale_id)
        .first()
    )


def stale_translations(page) -> Staleness | None:
    own = TranslationSource.objects.filter(
        object_id=page.translation_key, locale_id=page.locale_id
    ).first()
    if own is not None:  # the page is a source
        source, source_page = own, page
    else:
        source = _source_of(page)
        if source is None:
            return None
        source_page = Page.objects.filter(
            translation_key=page.translation_key, locale_id=source.locale_id
        ).first()
        if source_page is None:
            return None
    changed = source_page.last_published_at
    if changed is None or changed <= source.last_updated_at:
        return None
    translations = Translation.objects.filter(source=source, enabled=True).select_related(
        "target_locale"
    )
    if own is None:
        translations = translations.filter(target_locale_id=page.locale_id)
    names = [translation.target_locale.get_display_name() for translation in translations]
    if not names:
        return None
    return Staleness(
        source_page=source_page,
        locales=names,
        synced_at=source.last_updated_at,
        sync_url=reverse("wagtail_localize:update_translations", args=[source.pk])
        + f"?next={reverse('wagtailadmin_pages:edit', args=[source_page.pk])}",
    )
