"""Editor panels for rows an editor adds to a page (templates, solutions).

Contract: ``OptionalRowsInlinePanel`` is Wagtail's ``InlinePanel`` whose rows left
empty are dropped on save (``forms.BlankRowsDroppedFormSet``), so a click on "Add …"
never blocks saving or autosave. ``SolutionsInlinePanel`` adds the solution rules
(``forms.ChallengeSolutionFormSet``) and names each collapsed row by the kind and
title of its page ("Tool: Learning agenda canvas") instead of "Solution 3"; the
browser keeps the name up to date when the editor chooses another page
(``static/playbook_pages/admin.js``).
"""

import json

from django.utils.functional import cached_property
from wagtail.admin.panels import InlinePanel
from wagtail.models import Page

from playbook_pages.forms import BlankRowsDroppedFormSet, ChallengeSolutionFormSet


def page_kind(page):
    """A page's kind as editors read it: "Tool", "Case study"..."""
    return page.specific_class._meta.verbose_name.capitalize()


def _as_int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class OptionalRowsInlinePanel(InlinePanel):
    formset_class = BlankRowsDroppedFormSet

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = self.formset_class
        return options


class SolutionsInlinePanel(OptionalRowsInlinePanel):
    formset_class = ChallengeSolutionFormSet

    def __init__(self, *args, page_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.page_types = list(page_types)

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "page_types": self.page_types}

    @cached_property
    def kinds(self):
        """Labels of the solution page types by their Wagtail API type name."""
        from django.apps import apps

        kinds = {}
        for label in self.page_types:
            model = apps.get_model(label)
            kinds[f"{model._meta.app_label}.{model.__name__}"] = (
                model._meta.verbose_name.capitalize()
            )
        return kinds

    class BoundPanel(InlinePanel.BoundPanel):
        template_name = "playbook_pages/panels/solutions_inline_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            # What the form holds, not the saved row: after a form error the editor's
            # new choices are named too.
            chosen = {child: child.form["page"].value() for child in self.children}
            pages = Page.objects.in_bulk([pk for pk in chosen.values() if pk])
            for child in self.children:
                page = pages.get(_as_int(chosen[child]))
                child.solution_heading = f"{page_kind(page)}: {page.title}" if page else ""
            context["kinds_json"] = json.dumps(self.panel.kinds)
            return context
