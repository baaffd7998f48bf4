"""The PDF in the reader's language: French and Arabic translations of the realistic playbook.

The translations (home page, playbook, first challenge, tools folder and that
challenge's tools) are made with wagtail-localize's own records, as an editor's
(``playbook_pages.demo.translations.translate``), and each is rendered once for the
module with real WeasyPrint. What a reader notices: the playbook's titles and every
word the PDF prints itself in their language, the language in the metadata, Arabic
laid out right to left in a font that has all its letters, and the same accessible
structure as the English PDF.
"""

import io
import logging
import re
import subprocess
import unicodedata
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import pikepdf
import pytest
from django.db import transaction
from pypdf import PdfReader
from wagtail.models import Locale

from exports.services import render_playbook
from playbook_pages.demo.translations import translate
from tests.exports.conftest import assert_test_database, make_home
from tests.exports.page_fill import footer_words
from tests.exports.pdf_reading import outline_tree, page_texts
from tests.exports.pdf_structure import structure_problems
from tests.exports.playbook_builder import build_playbook

pytestmark = pytest.mark.django_db

CATALOGUES = Path(__file__).resolve().parents[2] / "exports" / "locale"

FRENCH = {
    "Dynamic Learning Playbook": "Guide pratique de l'apprentissage dynamique",
    "Leaders ask for results, not for lessons": "Les dirigeants veulent des résultats",
    "Supportive leadership": "Leadership de soutien",
    "Tools": "Outils",
    "After-action review": "Revue après action",
    "Failure report": "Rapport d'échecs",
}
ARABIC = {
    "Dynamic Learning Playbook": "الدليل العملي للتعلّم الديناميكي",
    "Leaders ask for results, not for lessons": "القادة يطلبون النتائج لا الدروس",
    "Supportive leadership": "قيادة داعمة",
    "Tools": "الأدوات",
    "After-action review": "مراجعة ما بعد التنفيذ",
    "Failure report": "تقرير الإخفاقات",
}
# Words the PDF prints itself, as the catalogues (exports/locale) give them.
FRENCH_LABELS = ["Sommaire", "Comment utiliser ce guide pratique", "Défis", "Aide à relever"]
FRENCH_LABELS += ["Mode d'emploi", "Défi 1", "Réfléchir", "Pistes de solutions"]
ARABIC_LABELS = ["المحتويات", "التحديات", "يساعد في", "طريقة الاستخدام", "تأمّل"]


@pytest.fixture(scope="module")
def translated(django_db_setup, django_db_blocker):
    """{language: SimpleNamespace(pdf, reader, texts, titles)}: one A4 render per language."""
    for code in ("fr", "ar"):
        if not (CATALOGUES / code / "LC_MESSAGES" / "django.mo").exists():
            pytest.fail(f"exports/locale/{code} is not compiled: run `make install`.")
    rendered = {}
    with django_db_blocker.unblock(), transaction.atomic():
        assert_test_database()
        home = make_home()
        # Smaller than the other modules' build (what is translated is the same).
        tree = build_playbook(home, tools=5, case_studies=1, resources=1)
        challenge = tree.challenges[0]
        cited = set(challenge.solutions.values_list("page_id", flat=True))
        tools = [tool for tool in tree.tools if tool.pk in cited]
        tool_index = tree.playbook.get_children().get(slug="tools").specific
        for code, strings in (("fr", FRENCH), ("ar", ARABIC)):
            locale, _ = Locale.objects.get_or_create(language_code=code)
            for page in (home, tree.playbook, challenge, tool_index, *tools):
                translate(page.specific, locale, strings)
            playbook = tree.playbook.get_translation(locale).specific
            target = io.BytesIO()
            with weasyprint_warnings() as warnings:
                render_playbook(playbook, "a4", target)
            data = target.getvalue()
            reader = PdfReader(io.BytesIO(data))
            rendered[code] = SimpleNamespace(
                pdf=data,
                reader=reader,
                texts=page_texts(reader),
                titles=[strings[tool.title] for tool in tools],
                strings=strings,
                notdef=[message for message in warnings if ".notdef" in message],
            )
        transaction.set_rollback(True)
    return rendered


@contextmanager
def weasyprint_warnings():
    """The messages WeasyPrint logs meanwhile (a missing glyph is one)."""
    messages = []

    class Collect(logging.Handler):
        def emit(self, record):
            messages.append(record.getMessage())

    handler = Collect(logging.WARNING)
    weasyprint_logger = logging.getLogger("weasyprint")
    weasyprint_logger.addHandler(handler)
    try:
        yield messages
    finally:
        weasyprint_logger.removeHandler(handler)


def flat(text):
    """Text as compared: NFKC (Arabic presentation forms are their letters), caseless
    (headings and labels may print in capitals), one space."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def test_titles_and_fixed_words_are_in_french(translated):
    french = translated["fr"]
    text = flat(" ".join(french.texts))
    shown = ["Dynamic Learning Playbook", "Leaders ask for results, not for lessons", "Tools"]
    for words in [*french.titles, *(FRENCH[source] for source in shown), *FRENCH_LABELS]:
        assert flat(words) in text, words
    assert flat("Page 2 sur") in text
    for english in ("Contents", "How to use it", "Helps with", "Consider these solutions"):
        assert flat(english) not in text, english


def test_titles_and_fixed_words_are_in_arabic(translated):
    arabic = translated["ar"]
    text = flat(" ".join(arabic.texts))
    for words in [*arabic.titles, ARABIC["Dynamic Learning Playbook"], *ARABIC_LABELS]:
        assert flat(words) in text, words
    # "Challenge 1" (its number may come out on either side of the word).
    assert re.search(r"التحدي\s*1\b|\b1\s*التحدي\b", text)
    for english in ("Contents", "Page 2 of", "How to use it", "Helps with", "Challenge 1"):
        assert flat(english) not in text, english


def test_the_outline_is_in_the_pdf_language(translated):
    for code, first, tools in (("fr", "Sommaire", "Outils"), ("ar", "المحتويات", "الأدوات")):
        document = translated[code]
        tree = outline_tree(document.reader)
        parts = [title for title, _, _ in tree]
        assert parts[0] == first and tools in parts, parts
        children = dict((title, kids) for title, _, kids in tree)[tools]
        assert [title for title, _, _ in children] == document.titles


def test_language_and_metadata_follow_the_locale(translated):
    for code in ("fr", "ar"):
        document = translated[code]
        with pikepdf.open(io.BytesIO(document.pdf)) as pdf:
            assert str(pdf.Root.Lang) == code
            with pdf.open_metadata() as meta:
                assert meta.get("dc:title") == document.strings["Dynamic Learning Playbook"]
        keywords = document.reader.metadata.get("/Keywords", "")
        assert document.strings["Supportive leadership"] in keywords
        assert "learning playbook" not in keywords


def test_both_pass_the_structure_checker(translated):
    for code in ("fr", "ar"):
        assert structure_problems(translated[code].pdf) == [], code


def test_no_glyph_is_missing_and_arabic_text_copies_as_letters(translated, tmp_path):
    """No character fell through every font (WeasyPrint then draws .notdef, the empty
    box, and says so), every font is embedded, Arabic is printed with the Arabic fonts
    and its text maps back to Arabic letters, not to presentation forms."""
    for code in ("fr", "ar"):
        assert translated[code].notdef == [], (code, translated[code].notdef)
        path = tmp_path / f"{code}.pdf"
        path.write_bytes(translated[code].pdf)
        fonts = subprocess.run(  # noqa: S603 (a fixed program on a file of this test)
            ["/usr/bin/pdffonts", str(path)], capture_output=True, check=True, text=True
        ).stdout
        assert all(" yes " in line for line in fonts.splitlines()[2:]), fonts  # embedded
        if code == "ar":
            assert "Noto-Sans-Arabic" in fonts and "Noto-Naskh-Arabic" in fonts, fonts
    raw = " ".join(translated["ar"].texts)
    assert not re.search("[\ufb50-\ufdff\ufe70-\ufeff]", raw), "presentation forms in the text"
    # The round trip: the titles come back letter for letter.
    for title in translated["ar"].titles:
        assert title in raw, title


def test_arabic_pages_run_right_to_left(translated):
    """The tabs start at the right edge and the page number sits at the left."""
    arabic = translated["ar"]
    for number, (width, words) in enumerate(footer_words(arabic.pdf)[1:], start=2):
        text = " ".join(word.text for word in words)
        assert "…" not in text, (number, text)
        # Left to right: the page number ("الصفحة N من M") first, the "contents" tab last
        # (pdftotext gives each word's letters in the order they stand on the page).
        assert words[-1].text[::-1] == "المحتويات", (number, text)
        assert words[0].left < width / 4 and words[-1].right > width * 3 / 4, (number, text)
        for before, after in zip(words, words[1:], strict=False):
            assert before.right <= after.left + 0.5, (number, before, after)


def test_french_footer_fits_beside_the_page_number(translated):
    for number, (width, words) in enumerate(footer_words(translated["fr"].pdf)[1:], start=2):
        text = " ".join(word.text for word in words)
        assert text.startswith("Sommaire") and f"Page {number} sur" in text, text
        assert words[0].left >= 0 and words[-1].right <= width - 10, (number, text)
        for before, after in zip(words, words[1:], strict=False):
            assert before.right <= after.left + 0.5, (number, before, after)
