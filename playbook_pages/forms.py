"""Admin forms of the playbook pages: what an editor's mistake turns into.

Contract:

* ``PlaybookPageForm`` is every page's base form. Titles show their length limit, slugs
  made from a long title are cut at a word to ``SLUG_MAX_LENGTH``, and a go-live date
  in the past is an error when publishing (Wagtail would publish at once and keep the
  old date) instead of being accepted silently. Saving a draft, and so autosave,
  accepts it: nothing is scheduled until the page is published.
* ``BlankRowsDroppedFormSet`` is the formset of an inline panel whose rows are
  optional: a row the editor added but left empty (every field blank) is dropped on
  save instead of failing it, so autosave does not pause on it. A row with anything
  in it is validated as usual.
* ``ChallengeSolutionFormSet`` also refuses the same page twice among a challenge's
  solutions, naming the page on the repeated row.
"""

import datetime

from django import forms
from django.forms.formsets import DELETION_FIELD_NAME, ORDERING_FIELD_NAME
from django.utils import timezone
from django.utils.formats import date_format
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets.slug import SlugInput

TITLE_MAX_LENGTH = 255
# Long enough for any title's first words, short enough to read in a link or a QR code.
SLUG_MAX_LENGTH = 80


def cut_slug(slug, limit=SLUG_MAX_LENGTH):
    """``slug`` shortened to ``limit`` characters, at a hyphen where there is one."""
    if len(slug) <= limit:
        return slug
    cut = slug[: limit + 1]
    if "-" in cut:
        cut = cut[: cut.rindex("-")]
    return cut[:limit].strip("-")


class PlaybookPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "title" in self.fields:
            self.fields["title"].widget.attrs.update(
                {"maxlength": TITLE_MAX_LENGTH, "data-playbook-count": ""}
            )
        if "slug" in self.fields:
            # The browser fills the slug from the title as the editor types; the
            # formatters cut it the same way clean_slug does, so what they see is saved.
            self.fields["slug"].widget = SlugInput(
                attrs={"maxlength": SLUG_MAX_LENGTH, "data-playbook-count": ""},
                formatters=[(rf"^(.{{{SLUG_MAX_LENGTH}}}).+$", "$1"), (r"-+$", "")],
            )
            self.fields["slug"].max_length = SLUG_MAX_LENGTH
            self.fields["slug"].help_text = (
                f"The last part of the page's web address, at most {SLUG_MAX_LENGTH} "
                "characters. Made from the title until you change it."
            )

    def clean_slug(self):
        return cut_slug(self.cleaned_data.get("slug") or "")

    def clean(self):
        cleaned_data = super().clean()
        go_live_at = cleaned_data.get("go_live_at")
        if (
            go_live_at
            and not self.is_deferred_validation
            and go_live_at <= timezone.now()
            and not self._is_stored_go_live(go_live_at)
        ):
            when = date_format(timezone.localtime(go_live_at), "j F Y, H:i")
            zone = timezone.get_current_timezone_name()
            self.add_error(
                "go_live_at",
                forms.ValidationError(
                    f"The go-live date {when} ({zone}) is in the past: publishing would "
                    "put the page live now and keep that date. Choose a future date to "
                    "schedule it, or clear the date to publish now.",
                    code="go_live_in_past",
                ),
            )
        return cleaned_data

    def _is_stored_go_live(self, go_live_at):
        # A page that went live on schedule keeps its date; the form shows it to the
        # minute, so an unchanged date comes back without its seconds.
        stored = self.instance.go_live_at
        return stored is not None and abs(stored - go_live_at) < datetime.timedelta(minutes=1)


class BlankRowsDroppedFormSet(BaseChildFormSet):
    # The fields that do not count as content: Wagtail fills them in for every row.
    bookkeeping_fields = {"id", ORDERING_FIELD_NAME, DELETION_FIELD_NAME}

    def is_blank(self, form):
        return all(
            form[name].data in form.fields[name].empty_values
            or (isinstance(form[name].data, str) and not form[name].data.strip())
            for name in form.fields
            if name not in self.bookkeeping_fields and name != self.fk.name
        )

    def _should_delete_form(self, form):
        # Wagtail asks this too (get_field_updates_for_resave), so a dropped row is
        # treated as deleted everywhere: not validated, not saved, no id handed back.
        return super()._should_delete_form(form) or self.is_blank(form)


class ChallengeSolutionFormSet(BlankRowsDroppedFormSet):
    def clean(self):
        super().clean()
        first_row = {}
        for number, form in enumerate(self.ordered_rows(), start=1):
            page = form.cleaned_data.get("page")
            if page is None:
                continue
            if page.pk in first_row:
                kind = page.specific_class._meta.verbose_name.capitalize()
                form.add_error(
                    "page",
                    f"{kind} “{page.title}” is already solution {first_row[page.pk]} of "
                    "this challenge. Remove this row, or choose another page.",
                )
            else:
                first_row[page.pk] = number

    def ordered_rows(self):
        """Valid rows that will be kept, in the order the editor arranged them."""
        rows = [
            form
            for form in self.forms
            if hasattr(form, "cleaned_data") and not self._should_delete_form(form)
        ]
        return sorted(rows, key=lambda form: form.cleaned_data.get(ORDERING_FIELD_NAME) or 0)
