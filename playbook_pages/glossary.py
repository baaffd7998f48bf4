"""A machine translator for wagtail-localize that needs no network: a glossary.

Contract: ``GlossaryTranslator`` (``WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {"CLASS":
"playbook_pages.glossary.GlossaryTranslator", "OPTIONS": {"GLOSSARY_DIR": path}}``)
answers wagtail-localize's *Machine translate* with the translations an organisation
has already approved: every ``<language code>/*.po`` file in the folder maps a
source text to its translation (the format translators and wagtail-localize's own
PO download use). A string found there, exactly, is translated; any other is left
for a person. It translates from the default locale into each locale that has a
folder. Turned on in the settings by ``TRANSLATION_GLOSSARY_DIR``; off by default.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import polib
from django.utils.translation import gettext_lazy as _
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue


@lru_cache(maxsize=16)
def _glossary(folder: str, language_code: str, stamp: tuple) -> dict[str, str]:
    found: dict[str, str] = {}
    for path in sorted(Path(folder, language_code).glob("*.po")):
        for entry in polib.pofile(str(path)):
            if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags:
                found[entry.msgid] = entry.msgstr
    return found


class GlossaryTranslator(BaseMachineTranslator):
    display_name = _("the glossary")

    def _folder(self) -> Path:
        return Path(self.options["GLOSSARY_DIR"])

    def glossary(self, language_code: str) -> dict[str, str]:
        folder = self._folder() / language_code
        # Read again when a file changes (its name, size and time say so).
        stamp = tuple(
            (path.name, path.stat().st_size, path.stat().st_mtime_ns)
            for path in sorted(folder.glob("*.po"))
        )
        return _glossary(str(self._folder()), language_code, stamp)

    def can_translate(self, source_locale, target_locale) -> bool:
        from content.rules import default_locale

        return (
            source_locale.language_code == default_locale()
            and target_locale.language_code != source_locale.language_code
            and (self._folder() / target_locale.language_code).is_dir()
        )

    def translate(self, source_locale, target_locale, strings):
        known = self.glossary(target_locale.language_code)
        return {
            string: StringValue(known[string.data]) for string in strings if string.data in known
        }
