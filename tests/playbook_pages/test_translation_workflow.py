"""An editor's translation workflow, through wagtail-localize's own admin views.

A tool's PO file goes out (download) and comes back filled (upload): every segment
arrives in the API, once, in French only, and in the French PDF. The glossary
translator (the project's offline machine translation) fills in what the glossary
knows and nothing else.
"""

import io
import re

import polib
import pytest
from django.urls import reverse
from pypdf import PdfReader
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from exports.services import render_playbook
from playbook_pages.demo.translations import translate

pytestmark = pytest.mark.django_db

MARKER = re.compile(r"FR\d{3} ")


@pytest.fixture
def tool_to_translate(playbook_tree):
    """French for the pages above tool 1, and tool 1 as an editor finds it after
    *Translate*: a French draft whose strings are all still the source's."""
    tree = playbook_tree
    tool = tree.tools[0].specific
    tool.summary = "A short canvas for agreeing what to learn."
    tool.time_needed = "Half a day"
    tool.introduction = "<p>Use it <b>before</b> planning. It keeps the team honest.</p>"
    tool.how_to = [
        (
            "step",
            {
                "title": "Agree the questions",
                "instructions": "<p>List the decisions coming up.</p>",
                "duration": "30 minutes",
                "tip": "Keep it short.",
            },
        ),
        (
            "checklist",
            {"title": "Before the session", "items": ["Book a room", "Print the canvas"]},
        ),
    ]
    tool.save_revision().publish()
    locale = Locale.objects.create(language_code="fr")
    for page in (tree.home, tree.playbook, tree.tool_index):
        translate(page.specific, locale, {})
    source, _ = TranslationSource.get_or_create_from_instance(tool)
    translation = Translation.objects.create(source=source, target_locale=locale)
    translation.save_target(publish=False)
    return tree, tool, translation


def test_a_po_file_goes_out_and_comes_back_with_every_segment(
    admin_client, client, tool_to_translate, django_capture_on_commit_callbacks
):
    tree, tool, translation = tool_to_translate
    download = admin_client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert download.status_code == 200
    po = polib.pofile(download.content.decode())
    sources = [entry.msgid for entry in po if entry.msgctxt != "slug"]
    assert "Agree the questions" in sources and "Print the canvas" in sources
    # A translator fills every entry (here: a numbered marker before the source text).
    for index, entry in enumerate(po):
        if entry.msgctxt != "slug":
            entry.msgstr = f"FR{index:03d} {entry.msgid}"
    upload = admin_client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": _uploaded(po)},
    )
    assert upload.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)

    french = client.get(f"/api/v1/tools/{tool.slug}/?locale=fr").json()
    english = client.get(f"/api/v1/tools/{tool.slug}/").json()
    # Each lists the other's title among its translations: compare the rest.
    french.pop("translations"), english.pop("translations")
    body = str(french)
    wanted = {f"FR{index:03d} " for index, entry in enumerate(po) if entry.msgctxt != "slug"}
    assert set(MARKER.findall(body)) == wanted  # none lost
    for index, entry in enumerate(po):
        if entry.msgctxt == "slug" or "<" in entry.msgid:
            continue
        # None duplicated: each appears where its source text appears in English.
        assert body.count(f"FR{index:03d} ") == str(english).count(entry.msgid), entry.msgid
    assert not MARKER.findall(str(english))  # the English page is untouched
    assert french["locale"] == "fr"

    # The French PDF prints every segment a reader sees (the SEO fields are not printed).
    printed = {
        f"FR{index:03d}"
        for index, entry in enumerate(po)
        if entry.msgctxt not in ("slug", "seo_title", "search_description")
    }
    target = io.BytesIO()
    render_playbook(tree.playbook.get_translation(translation.target_locale).specific, "a4", target)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(target.getvalue())).pages)
    assert printed <= set(re.findall(r"FR\d{3}", text)), sorted(printed - set(text.split()))


def test_the_glossary_translates_what_it_knows_and_leaves_the_rest(
    admin_client, tool_to_translate, settings, tmp_path
):
    tree, tool, translation = tool_to_translate
    (tmp_path / "fr").mkdir()
    glossary = polib.POFile()
    glossary.append(polib.POEntry(msgid="Agree the questions", msgstr="Convenir des questions"))
    glossary.append(polib.POEntry(msgid="Half a day", msgstr="Une demi-journée"))
    glossary.save(str(tmp_path / "fr" / "terms.po"))
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "playbook_pages.glossary.GlossaryTranslator",
        "OPTIONS": {"GLOSSARY_DIR": str(tmp_path)},
    }
    response = admin_client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.pk]),
        {"next": "/admin/"},
    )
    assert response.status_code == 302
    made = dict(
        StringTranslation.objects.filter(locale=translation.target_locale).values_list(
            "translation_of__data", "data"
        )
    )
    assert made["Agree the questions"] == "Convenir des questions"
    assert made["Half a day"] == "Une demi-journée"
    assert "Keep it short." not in made  # not in the glossary: left for a person
    assert set(
        StringTranslation.objects.filter(locale=translation.target_locale).values_list(
            "translation_type", flat=True
        )
    ) == {StringTranslation.TRANSLATION_TYPE_MACHINE}


def _uploaded(po):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(
        "tool.po", str(po).encode(), content_type="text/x-gettext-translation"
    )


def test_an_editor_is_told_when_a_translation_is_out_of_date(admin_client, tool_to_translate):
    tree, tool, translation = tool_to_translate
    french = tool.get_translation(translation.target_locale)
    edit = reverse("wagtailadmin_pages:edit", args=[tool.pk])
    assert "Out of date" not in admin_client.get(edit).content.decode()
    tool.summary = "A shorter canvas."
    tool.save_revision().publish()
    for page in (tool, french):
        notice = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert "Out of date" in notice.content.decode(), page
        assert "Sync translated pages" in notice.content.decode()
    # Syncing (wagtail-localize's own view) brings the source up to date: no notice.
    sync = reverse("wagtail_localize:update_translations", args=[translation.source.pk])
    assert admin_client.post(sync, {"next": edit}).status_code == 302
    assert "Out of date" not in admin_client.get(edit).content.decode()


def test_the_content_languages_are_under_settings_locales(admin_client, playbook_tree):
    Locale.objects.create(language_code="fr")
    listing = admin_client.get("/admin/locales/")
    assert listing.status_code == 200
    text = listing.content.decode()
    assert "English" in text and "Français" in text
    # A language of the settings without a locale yet can be added there.
    assert "العربية" in admin_client.get("/admin/locales/new/").content.decode()
