"""POST data for the Wagtail admin page forms, built the way the browser sends it.

Each page type gets the smallest valid form: its required fields, every StreamField
as an empty stream and every inline panel as an empty formset, so a test can add
the one thing it cares about.
"""

from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from playbook_pages import models

STREAM_FIELDS = {
    models.HomePage: [],
    models.PlaybookPage: ["how_to_use", "background", "glossary"],
    models.ChallengePage: ["reflection_questions", "design_principles", "body"],
    models.ToolIndexPage: [],
    models.ToolPage: ["how_to"],
    models.CaseStudyIndexPage: [],
    models.CaseStudyPage: ["what_they_did", "lessons_learned"],
    models.ResourceIndexPage: [],
    models.ExternalResourcePage: [],
    models.AlliancePage: ["objectives", "theory_of_change"],
    models.LearningLabPage: ["body"],
    models.PublicationIndexPage: [],
    models.AlliancePublicationPage: ["key_insights", "body"],
    models.SummitPage: ["outcomes"],
}

INLINE_PANELS = {
    models.ChallengePage: ["solutions"],
    models.ToolPage: ["templates"],
}

REQUIRED_FIELDS = {
    models.ChallengePage: {
        "element_name": "Supportive leadership",
        "challenge_statement": "Leaders ask for results, not lessons.",
        "colour": "#1f6f8b",
        "icon": "leadership",
    },
    models.ToolPage: {"tool_type": "template", "origin": "playbook_team"},
    models.ExternalResourcePage: {"url": "https://example.org/report", "format": "report"},
    models.LearningLabPage: {"start_year": "2016"},
    models.AlliancePublicationPage: {"year": "2017", "publication_type": "guide"},
    models.SummitPage: {"year": "2016", "country": "Zambia"},
    models.PlaybookPage: {"pdf_paper_size": "a4"},
}


def page_form_data(model, title, slug=None, streams=None, inlines=None, **fields):
    """Form data for ``model``'s add/edit view; override streams, inlines or fields."""
    data = {
        "title": title,
        "slug": slug or title.lower().replace(" ", "-"),
        "comments": inline_formset([]),
    }
    data.update(REQUIRED_FIELDS.get(model, {}))
    for name in STREAM_FIELDS[model]:
        data[name] = streamfield([])
    for name in INLINE_PANELS.get(model, []):
        data[name] = inline_formset([])
    data.update(streams or {})
    data.update(inlines or {})
    data.update(fields)
    return nested_form_data(data)


def add_url(model, parent):
    return reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


__all__ = ["add_url", "edit_url", "page_form_data", "rich_text", "streamfield", "inline_formset"]
