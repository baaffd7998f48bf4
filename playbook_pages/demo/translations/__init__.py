"""The demo's translations, loaded through wagtail-localize as an editor's would be.

Contract: ``translate_demo(log)`` translates the demo into every content locale
(``WAGTAIL_CONTENT_LANGUAGES``) that has a catalogue here (``<code>/*.po``: source
text -> translation, written by the team): French gets the whole dynamic learning
playbook with the themes and organisations; Arabic the themes, the front matter and
the learning-culture challenge with its tools, to show right-to-left end to end. For
each object it makes wagtail-localize's own records (a ``TranslationSource``, a
``Translation`` per locale, a ``StringTranslation`` per segment found in the
catalogue) and publishes the translation with ``save_target``, so the admin shows
*Translate*, *Sync* and the translation editor for real; a segment missing from
the catalogue keeps the source text, as wagtail-localize does. Afterwards one
English tool gains a sentence, so its French translation is out of date (the
state an editor meets after a source changes). An object already translated into
a locale is left as it is (editors' work is kept); it returns the number of
translations made per locale.
"""

from __future__ import annotations

from pathlib import Path

import polib
from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

CATALOGUES = Path(__file__).resolve().parent
# The tool whose English text changes after translation (its French is then out of date).
OUT_OF_DATE_TOOL = "after-action-review"
OUT_OF_DATE_SENTENCE = (
    " Ten minutes at the end of a meeting are enough for a first one (demo text, added "
    "after the translations were made)."
)


def catalogue(code: str) -> dict[str, str]:
    """Source text -> translation, from every PO file of the locale."""
    found: dict[str, str] = {}
    for path in sorted((CATALOGUES / code).glob("*.po")):
        for entry in polib.pofile(str(path)):
            if entry.msgstr and not entry.obsolete:
                found[entry.msgid] = entry.msgstr
    return found


def demo_objects(code: str) -> list:
    """What the demo translates into a locale, all of the default locale: snippets
    first, then pages top down (a page's parent is translated before it)."""
    from playbook_pages.models import ChallengePage, Organisation, Theme, ToolPage

    default = {"locale__language_code": settings.LANGUAGE_CODE}
    playbook = Page.objects.filter(slug="dynamic-learning-playbook", depth=3, **default).first()
    if playbook is None:
        return []
    home = playbook.get_parent()
    themes = list(Theme.objects.filter(**default))
    if code == "fr":
        pages = [home, *playbook.get_descendants(inclusive=True)]
        return [*themes, *Organisation.objects.filter(**default), *_specific(pages)]
    if code == "ar":
        challenge = ChallengePage.objects.child_of(playbook).get(slug="learning-culture")
        tools = [
            solution.page.specific
            for solution in challenge.solutions.select_related("page")
            if isinstance(solution.page.specific, ToolPage)
        ]
        index = Page.objects.child_of(playbook).get(slug="tools")
        organisations = [tool.source_organisation for tool in tools if tool.source_organisation]
        pages = _specific([home, playbook, challenge, index])
        return [*themes, *dict.fromkeys(organisations), *pages, *tools]
    return []


def _specific(pages):
    return [page.specific for page in sorted(pages, key=lambda page: page.path)]


def translate_demo(log=print) -> dict[str, int]:
    from content import translations as localizing

    default = settings.LANGUAGE_CODE
    made: dict[str, int] = {}
    for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES:
        strings = catalogue(code) if code != default else {}
        if not strings:
            continue
        objects = demo_objects(code)
        if not objects:
            continue
        locale, _ = Locale.objects.get_or_create(language_code=code)
        log(f"Translating the demo into {code} ({len(strings)} strings)")
        count = 0
        with transaction.atomic():
            for instance in objects:
                if instance.get_translation_or_none(locale) is not None:
                    continue
                translate(instance, locale, strings)
                count += 1
        # After the commit: wagtail-localize publishes each translation when the
        # transaction commits, copying the source's relations again.
        localizing.localize(Page.objects.filter(locale=locale).values_list("pk", flat=True))
        made[code] = count
    if made.get("fr"):
        _change_source_after_translation()
    return made


def translate(instance, locale, strings: dict[str, str]):
    """Translate one object into ``locale`` with the catalogue's strings and publish
    it, the way wagtail-localize's editor does; the translated object."""
    source, _ = TranslationSource.get_or_create_from_instance(instance)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        text = strings.get(segment.string.data)
        if text is None:
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": text,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "tool_name": "demo catalogue",
            },
        )
    # A draft revision first, published here and now: wagtail-localize's own
    # publish=True waits for the commit and then saves the page object it held, whose
    # child count predates the translations made below it since (a tree left broken).
    if not isinstance(instance, Page):
        translation.save_target(publish=True)  # a snippet is saved at once
        return instance.get_translation(locale)
    translation.save_target(publish=False)
    translated = instance.get_translation(locale)
    translated.get_latest_revision().publish()
    return translated


def _change_source_after_translation():
    """One English tool changes after its translation: wagtail-localize then marks the
    French translation out of date, and the editor sees *Sync translated pages*."""
    from playbook_pages.models import ToolPage

    tool = ToolPage.objects.filter(slug=OUT_OF_DATE_TOOL, locale__language_code="en").first()
    if tool is None or tool.summary.endswith(OUT_OF_DATE_SENTENCE):
        return
    tool.summary += OUT_OF_DATE_SENTENCE
    tool.save_revision().publish()
