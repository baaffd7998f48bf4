"""Abstract pieces shared by the page types."""

from django.db import IntegrityError, models, transaction
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail_headless_preview.models import HeadlessMixin

from playbook_pages.blocks import RICH_TEXT_FEATURES
from playbook_pages.forms import PlaybookPageForm


class BasePage(HeadlessMixin, Page):
    """Every playbook page: a summary readers see in cards and search.

    Pages are headless: previews open in the reader frontend (wagtail-headless-preview)
    and serving a page redirects to the same path on the frontend.
    """

    summary = models.TextField(
        blank=True,
        max_length=600,
        help_text="One or two sentences shown on cards, in search results and in the PDF's lists.",
    )

    base_form_class = PlaybookPageForm

    # The admin's page search matches by autocomplete, so summaries are indexed for
    # it too: editors find a page by what it is about, not only by its title.
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.AutocompleteField("summary"),
    ]

    class Meta:
        abstract = True

    def create_page_preview(self):
        # The token names the revision and publication it was made for (api.preview),
        # so a save, an unpublish, a restriction or a deletion ends it.
        from api.preview import PreviewBinding

        identifier = PreviewBinding.for_page(self).identifier()
        preview, _ = self.update_page_preview(self.get_preview_signer().sign(identifier))
        return preview

    def update_page_preview(self, token):
        # The admin's preview panel and "Preview in new tab" can ask for the same
        # page's preview at the same moment; both then try to insert the token's row.
        # The loser updates the row the winner made instead of failing with a 500.
        try:
            with transaction.atomic():
                return super().update_page_preview(token)
        except IntegrityError:
            return super().update_page_preview(token)

    # Besides the headless preview (the default mode), pages that have a section in
    # the playbook PDF offer a preview of that section as it will print (exports/).
    @property
    def preview_modes(self):
        from exports.preview import PDF_PREVIEW_MODE, supports_pdf_preview

        modes = super().preview_modes
        return [*modes, PDF_PREVIEW_MODE] if supports_pdf_preview(self) else modes

    def serve_preview(self, request, mode_name):
        if mode_name == PDF_PREVIEW_MODE_NAME:
            from exports.preview import serve_pdf_preview

            return serve_pdf_preview(self, request)
        return super().serve_preview(request, mode_name)


PDF_PREVIEW_MODE_NAME = "pdf"


class IndexPage(BasePage):
    """A folder page that holds one kind of child page and introduces it."""

    intro = RichTextField(
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="A short introduction shown above the list.",
    )

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    # One folder of each kind per playbook keeps the tree predictable for editors.
    max_count_per_parent = 1

    class Meta:
        abstract = True
