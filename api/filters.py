"""Filter sets of the list endpoints; every value is checked, never silently ignored.

Contract:

* Choice filters (``type``, ``origin``, ``format``...) and slug filters
  (``playbook``, ``challenge``, ``theme``, ``organisation``...) are multi-value:
  they take one value or several, separated by commas (``?type=a,b``) or with the
  parameter repeated (``?type=a&type=b``, what generated clients send), or both,
  with the same result, matching any of them. An unknown choice, a
  malformed slug, or a slug that names nothing (a page the request may not see
  counts as nothing) is a 400 naming the parameter and listing what is allowed or
  missing.
* ``year`` is a whole number from 1900 to 2100; ``ordering`` takes the listed
  fields, ``-`` in front for descending, several separated by commas. Any
  parameter but a multi-value one given twice is a 400 (``api.views``).
* ``search`` (at most 200 characters) keeps the items that Wagtail's search finds
  for the words given; a search with no words in it finds nothing.
* Free-text values never hold a NUL character (a 400). Any other parameter given
  empty (``?type=``), or with an empty item (``?type=a,,b``), is a 400: leave it out.
* The schema states each of these rules (enums, patterns, bounds), so a value the
  schema allows is never a 400, except a slug that names nothing today (the schema
  cannot list what exists).
* ``ContentFilterSet.parameters()`` is the set of parameter names a list accepts
  (with pagination's); the views answer any other parameter with a 400.
  ``multi_value_parameters()`` are those that may be repeated; the schema
  (``api.schema``) describes them as exploded form arrays.
"""

from __future__ import annotations

import re

import django_filters
from django import forms
from django.db.models import Q
from django_filters.rest_framework import DjangoFilterBackend
from taggit.models import Tag

from api import locales
from api.exceptions import ParameterError
from api.facets import Facet
from api.slugs import SLUG_PATTERN, SLUG_RULE, SLUG_SCHEMA
from content import kinds, store
from content.models import Shape
from content.rules import site_for_request
from playbook_pages.models import (
    AlliancePage,
    AlliancePublicationPage,
    CaseStudyPage,
    ChallengePage,
    ChallengeSolution,
    ExternalResourcePage,
    LearningLabPage,
    Organisation,
    PlaybookPage,
    SummitPage,
    Theme,
    ToolPage,
)


def joined_values(data, name: str) -> str | None:
    """A multi-value parameter as one comma-separated text; None when it is absent.

    ``?x=a,b``, ``?x=a&x=b`` and ``?x=a&x=b,c`` all read as the same list, each
    repetition adding its items (an empty one stays empty, for the filters to refuse).
    """
    values = data.getlist(name)
    return ",".join(values) if values else None


def _choices_text(choices) -> str:
    return ", ".join(str(value) for value, _ in choices)


class StatedRuleMixin:
    """A filter whose parameter schema states the rule its values follow.

    ``value_schema()`` is the schema of one value (of each, for comma-separated
    filters); the help text stays the parameter's description.
    """

    rule_schema: dict = {}

    def value_schema(self) -> dict:
        return self.rule_schema

    @property
    def _spectacular_annotation(self):
        # drf-spectacular's hook for a filter's parameter schema (what
        # @extend_schema_field sets), read when the schema is generated.
        description = self.extra.get("help_text") or ""
        return {"field": {**self.value_schema(), "description": description}}


SEVERAL = "Repeat the parameter for several (or separate them with commas); any matches."


class ChoiceInFilter(django_filters.BaseInFilter, django_filters.ChoiceFilter):
    """Comma-separated values of a choice field, matching any of them."""

    def __init__(self, *args, choices, **kwargs):
        allowed = _choices_text(choices)
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": f"%(value)s is not one of the allowed values: {allowed}."},
        )
        kwargs.setdefault("help_text", f"One or more of: {allowed}. {SEVERAL}")
        super().__init__(*args, choices=choices, **kwargs)


# What Django's form fields accept as text: anything but NUL (PostgreSQL refuses it).
TEXT_SCHEMA = {"type": "string", "pattern": "^[^\\x00]*$"}


class TextFilter(StatedRuleMixin, django_filters.CharFilter):
    """A free-text filter (country, sector): any text but NUL."""

    rule_schema = TEXT_SCHEMA


class YearFilter(StatedRuleMixin, django_filters.NumberFilter):
    field_class = forms.IntegerField
    rule_schema = {"type": "integer", "minimum": 1900, "maximum": 2100}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1900)
        kwargs.setdefault("max_value", 2100)
        kwargs.setdefault("help_text", "A year, e.g. 2017.")
        super().__init__(*args, **kwargs)


class StrictOrderingFilter(django_filters.OrderingFilter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = _choices_text(self.extra["choices"])
        self.extra["error_messages"] = {
            "invalid_choice": f"%(value)s is not a field to order by; use one of: {allowed}."
        }
        self.extra["help_text"] = (
            f"Order by one or more (comma-separated) of: {allowed}. "
            "A leading '-' sorts in descending order."
        )

    def filter(self, qs, value):
        ordering = [self.get_ordering_value(param) for param in value or [] if param]
        if not ordering:
            return qs
        # A unique last key keeps pages stable when the chosen fields tie.
        return qs.order_by(*ordering, "pk")


class SlugsFilter(StatedRuleMixin, django_filters.BaseInFilter, django_filters.CharFilter):
    """Slugs of related objects; each must name something the request may see.

    ``candidates(filterset)`` gives the queryset slugs are looked up in;
    ``apply(queryset, matches)`` narrows the list to what relates to the matches.
    """

    rule_schema = {"type": "string", "pattern": SLUG_SCHEMA["pattern"]}

    def __init__(self, *args, noun, candidates, apply, **kwargs):
        self.noun = noun
        self.candidates = candidates
        self.apply = apply
        kwargs.setdefault(
            "help_text",
            f"One or more {noun} slugs; a slug that names no {noun} readers can see is a "
            f"400 naming this parameter. {SEVERAL}",
        )
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        wanted = [slug for slug in value if slug]
        malformed = [slug for slug in wanted if not SLUG_PATTERN.fullmatch(slug)]
        if malformed:
            names = ", ".join(repr(slug) for slug in malformed)
            raise ParameterError(**{self.field_name: f"{names}: {SLUG_RULE}"})
        matches = list(self.candidates(self.parent).filter(slug__in=wanted))
        missing = sorted(set(wanted) - {match.slug for match in matches})
        if missing:
            names = ", ".join(repr(slug) for slug in missing)
            # api.md: an unknown filter value is a 400 (the request asks for a thing
            # that is not there), though the slug itself is well formed.
            raise ParameterError(**{self.field_name: f"No {self.noun} with the slug {names}."})
        return self.apply(qs, matches)


def _visible(model):
    # What readers may see is what the store serves (content.rules decided it there).
    def candidates(filterset):
        site_id = site_for_request(filterset.request).id
        locale = locales.locale_of(filterset.request)
        kind = kinds.for_model(model).name
        visible = store.visible_page_ids(site_id, Shape.DETAIL, locale, kind=kind)
        return model.objects.filter(pk__in=visible)

    return candidates


def _under(qs, pages):
    condition = Q()
    for page in pages:
        condition |= Q(path__startswith=page.path)
    return qs.filter(condition)


def _related_ids(model, lookup):
    def apply(qs, matches):
        ids = model.objects.filter(**{lookup: [match.pk for match in matches]}).values("pk")
        return qs.filter(pk__in=ids)

    return apply


def playbook_filter():
    return SlugsFilter(noun="playbook", candidates=_visible(PlaybookPage), apply=_under)


def alliance_filter():
    return SlugsFilter(noun="alliance", candidates=_visible(AlliancePage), apply=_under)


def challenge_filter():
    def apply(qs, challenges):
        cited = ChallengeSolution.objects.filter(challenge__in=challenges).values("page_id")
        return qs.filter(pk__in=cited)

    return SlugsFilter(noun="challenge", candidates=_visible(ChallengePage), apply=apply)


def theme_filter(model, lookup="themes__in"):
    return SlugsFilter(
        noun="theme", candidates=lambda fs: Theme.objects.all(), apply=_related_ids(model, lookup)
    )


def organisation_filter(model, *lookups):
    def apply(qs, organisations):
        condition = Q()
        for lookup in lookups:
            condition |= Q(**{lookup: organisations})
        return qs.filter(pk__in=model.objects.filter(condition).values("pk"))

    return SlugsFilter(
        noun="organisation", candidates=lambda fs: Organisation.objects.all(), apply=apply
    )


MAX_SEARCH_LENGTH = 200
WORD = re.compile(r"\w+")


def search_words(raw: str | None, parameter: str) -> str | None:
    """The words of a search ("" if it has none), or None when nothing was given.

    Only words reach the search backend: quotes and operators would be full-text
    query syntax there (SQLite FTS5 fails on an unbalanced quote). The length is
    the raw value's, as the schema's ``maxLength`` counts it.
    """
    raw = raw or ""
    if len(raw) > MAX_SEARCH_LENGTH:
        raise ParameterError(
            **{parameter: f"{parameter} must be at most {MAX_SEARCH_LENGTH} characters long."}
        )
    if not raw.strip():
        return None
    return " ".join(WORD.findall(raw))


class SearchFilter(StatedRuleMixin, django_filters.CharFilter):
    """Words to find with Wagtail search (the same index as /api/v1/search/)."""

    rule_schema = {**TEXT_SCHEMA, "maxLength": MAX_SEARCH_LENGTH}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", "Words to look for; only matching items are listed.")
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        words = search_words(value, self.field_name)
        if words is None:
            return qs
        if not words:
            return qs.none()  # only punctuation: no item has those words
        # Search the model's own index, then keep the list's other filters and order.
        found = [result.pk for result in qs.model.objects.search(words, operator="and")]
        return qs.filter(pk__in=found)


_FORM_CLASSES: dict[tuple[type, type], type] = {}


class ContentFilterSet(django_filters.FilterSet):
    def __init__(self, data=None, *args, **kwargs):
        if hasattr(data, "getlist"):  # a QueryDict (tests may give a plain dict)
            # django-filter reads one value per name: fold repetitions into commas.
            data = data.copy()
            for name in self.multi_value_parameters():
                if len(data.getlist(name)) > 1:
                    data[name] = joined_values(data, name)
        super().__init__(data, *args, **kwargs)

    def get_form_class(self):
        # django-filter builds a new form class for every filter set it makes (one
        # field per filter, labels looked up on the model): per request the same for
        # a class and model, so built once. Forms copy their fields per instance.
        key = (type(self), self.queryset.model)
        form_class = _FORM_CLASSES.get(key)
        if form_class is None:
            form_class = _FORM_CLASSES.setdefault(key, super().get_form_class())
        return form_class

    @classmethod
    def parameters(cls) -> set[str]:
        return set(cls.base_filters)

    @classmethod
    def free_text_parameters(cls) -> set[str]:
        """Parameters taking any words (names, countries, a search), not a listed value."""
        return {
            name
            for name, filter_ in cls.base_filters.items()
            if isinstance(filter_, (TextFilter, SearchFilter))
        }

    @classmethod
    def multi_value_parameters(cls) -> set[str]:
        """Parameters matching any of several values (``ordering`` is a single list)."""
        return {
            name
            for name, filter_ in cls.base_filters.items()
            if isinstance(filter_, django_filters.BaseInFilter)
        }

    def is_valid(self):
        # django-filter skips an empty value, and keeps empty items of a list; the
        # schema has neither (a client sending them has a bug worth telling).
        errors = []
        free_text = self.free_text_parameters()
        for name, filter_ in self.filters.items():
            raw = self.data.get(name)
            if raw is None or name in free_text:
                continue
            if raw == "":
                errors.append((name, f"{name} is empty; give a value or leave it out."))
            elif isinstance(filter_, django_filters.BaseCSVFilter) and "" in raw.split(","):
                errors.append((name, f"{name} has an empty item: {raw!r}."))
        if errors:
            raise ParameterError(errors)
        return super().is_valid()


class PageFilterSet(ContentFilterSet):
    search = SearchFilter()
    # Filters whose values ``/facets/`` counts (``api.facets``), by parameter name.
    facets: dict[str, Facet] = {}


THEMES_FACET = Facet("themes__slug", "themes__name")
CHALLENGE_FACET = Facet(
    "solution_for__challenge__slug", "solution_for__challenge__title", visible_pages=True
)
YEAR_FACET = Facet("year", newest_first=True)


# Playbook side ---------------------------------------------------------------

POSITION_AND_DATES = (
    ("path", "position"),
    ("title", "title"),
    ("first_published_at", "first_published_at"),
    ("last_published_at", "last_published_at"),
)


class PlaybookFilterSet(PageFilterSet):
    ordering = StrictOrderingFilter(fields=POSITION_AND_DATES + (("edition_date", "edition_date"),))


class ChallengeFilterSet(PageFilterSet):
    playbook = playbook_filter()
    ordering = StrictOrderingFilter(fields=POSITION_AND_DATES)


class ToolFilterSet(PageFilterSet):
    playbook = playbook_filter()
    challenge = challenge_filter()
    type = ChoiceInFilter(field_name="tool_type", choices=ToolPage.ToolType.choices)
    origin = ChoiceInFilter(field_name="origin", choices=ToolPage.Origin.choices)
    theme = theme_filter(ToolPage)
    organisation = organisation_filter(ToolPage, "source_organisation__in")
    tag = SlugsFilter(
        noun="tag",
        candidates=lambda fs: Tag.objects.all(),
        apply=_related_ids(ToolPage, "tags__in"),
    )
    ordering = StrictOrderingFilter(fields=POSITION_AND_DATES)
    facets = {
        "theme": THEMES_FACET,
        "challenge": CHALLENGE_FACET,
        "type": Facet("tool_type", choices=tuple(ToolPage.ToolType.choices)),
        "origin": Facet("origin", choices=tuple(ToolPage.Origin.choices)),
    }


class CaseStudyFilterSet(PageFilterSet):
    playbook = playbook_filter()
    challenge = challenge_filter()
    theme = theme_filter(CaseStudyPage)
    organisation = organisation_filter(CaseStudyPage, "organisation__in")
    tool = SlugsFilter(
        noun="tool",
        candidates=_visible(ToolPage),
        apply=_related_ids(CaseStudyPage, "tools_used__in"),
    )
    country = TextFilter(
        field_name="country", lookup_expr="iexact", help_text="Country or region, any case."
    )
    sector = TextFilter(field_name="sector", lookup_expr="iexact", help_text="Sector, any case.")
    ordering = StrictOrderingFilter(fields=POSITION_AND_DATES)
    facets = {"theme": THEMES_FACET, "challenge": CHALLENGE_FACET}


class ResourceFilterSet(PageFilterSet):
    playbook = playbook_filter()
    challenge = challenge_filter()
    theme = theme_filter(ExternalResourcePage)
    format = ChoiceInFilter(field_name="format", choices=ExternalResourcePage.Format.choices)
    year = YearFilter(field_name="year")
    ordering = StrictOrderingFilter(fields=POSITION_AND_DATES + (("year", "year"),))
    facets = {
        "theme": THEMES_FACET,
        "challenge": CHALLENGE_FACET,
        "format": Facet("format", choices=tuple(ExternalResourcePage.Format.choices)),
        "year": YEAR_FACET,
    }


# Alliance side ---------------------------------------------------------------


class AllianceFilterSet(PageFilterSet):
    ordering = StrictOrderingFilter(fields=POSITION_AND_DATES + (("start_year", "start_year"),))


class LearningLabFilterSet(PageFilterSet):
    alliance = alliance_filter()
    theme = theme_filter(LearningLabPage, "theme__in")
    organisation = organisation_filter(
        LearningLabPage, "facilitator__in", "co_leads__in", "members__in"
    )
    year = YearFilter(method="filter_year", help_text="Labs that ran during this year.")
    ordering = StrictOrderingFilter(fields=POSITION_AND_DATES + (("start_year", "start_year"),))
    facets = {"theme": Facet("theme__slug", "theme__name")}

    def filter_year(self, qs, name, value):
        return qs.filter(start_year__lte=value).filter(
            Q(end_year__gte=value) | Q(end_year__isnull=True, start_year=value)
        )


class PublicationFilterSet(PageFilterSet):
    alliance = alliance_filter()
    challenge = challenge_filter()
    theme = theme_filter(AlliancePublicationPage)
    lab = SlugsFilter(
        noun="learning lab",
        candidates=_visible(LearningLabPage),
        apply=lambda qs, labs: qs.filter(learning_lab__in=labs),
    )
    organisation = organisation_filter(AlliancePublicationPage, "contributing_organisations__in")
    type = ChoiceInFilter(
        field_name="publication_type", choices=AlliancePublicationPage.PublicationType.choices
    )
    year = YearFilter(field_name="year")
    ordering = StrictOrderingFilter(fields=POSITION_AND_DATES + (("year", "year"),))
    facets = {
        "theme": THEMES_FACET,
        "challenge": CHALLENGE_FACET,
        "type": Facet(
            "publication_type", choices=tuple(AlliancePublicationPage.PublicationType.choices)
        ),
        "year": YEAR_FACET,
    }


class SummitFilterSet(PageFilterSet):
    alliance = alliance_filter()
    theme = theme_filter(SummitPage)
    organisation = organisation_filter(SummitPage, "host_organisations__in")
    country = TextFilter(field_name="country", lookup_expr="iexact", help_text="Country, any case.")
    year = YearFilter(field_name="year")
    ordering = StrictOrderingFilter(
        fields=POSITION_AND_DATES + (("year", "year"), ("start_date", "start_date"))
    )
    facets = {"theme": THEMES_FACET, "year": YEAR_FACET}


# Snippets --------------------------------------------------------------------


class NameSearchFilter(TextFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", "Part of the name, any case.")
        super().__init__(*args, field_name="name", lookup_expr="icontains", **kwargs)


class OrganisationFilterSet(ContentFilterSet):
    search = NameSearchFilter()
    kind = ChoiceInFilter(field_name="kind", choices=Organisation.Kind.choices)
    country = TextFilter(field_name="country", lookup_expr="iexact", help_text="Country, any case.")
    ordering = StrictOrderingFilter(fields=(("name", "name"), ("country", "country")))


class ThemeFilterSet(ContentFilterSet):
    search = NameSearchFilter()
    ordering = StrictOrderingFilter(fields=(("name", "name"),))


class ContentFilterBackend(DjangoFilterBackend):
    """django-filter, raising the API's 400 for every invalid value."""

    raise_exception = True
