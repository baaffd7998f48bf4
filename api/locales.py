"""The locale of an API request: ``?locale=`` and ``?fallback=``, on every endpoint.

Contract: ``read(request)`` validates both parameters (an unknown locale or a
fallback that is not ``true``/``false`` is a 400 naming it) and notes on the request
``content_locale`` (a language code of the content locales, the default when absent)
and ``content_fallback``. Views read the store in that locale; with ``fallback=true``
a page not translated into it is served in the default locale instead, its own
``locale`` field saying which. Every 200 answers ``Content-Language``: the locale of
the content given (``response.content_locale`` when a view set it, else the one
asked for). While a view runs, the locale's language is active (labels it
serialises itself). ``schema_parameters()`` documents both.
"""

from __future__ import annotations

from django.utils import translation
from drf_spectacular.utils import OpenApiParameter

from api.exceptions import ParameterError
from content.rules import content_locales, default_locale

PARAMETERS = frozenset({"locale", "fallback"})
BOOLEAN = {"true": True, "false": False, "1": True, "0": False}


def read(request) -> None:
    raw = request.query_params.get("locale")
    codes = content_locales()
    if raw is None:
        locale = default_locale()
    elif raw in codes:
        locale = raw
    else:
        raise ParameterError(
            locale=f"locale must be one of {', '.join(codes)} (the content languages), "
            f"not {raw[:20]!r}."
        )
    raw_fallback = request.query_params.get("fallback")
    if raw_fallback is not None and raw_fallback.lower() not in BOOLEAN:
        raise ParameterError(fallback="fallback must be true or false.")
    fallback = BOOLEAN.get((raw_fallback or "false").lower(), False)
    for target in (request, getattr(request, "_request", None)):
        if target is not None:
            target.content_locale = locale
            target.content_fallback = fallback and locale != default_locale()
    # What a view serialises itself (choice labels of snippets, facets) speaks the
    # locale's language; ``set_header`` ends it with the response.
    translation.activate(locale)


def locale_of(request) -> str:
    return getattr(request, "content_locale", None) or default_locale()


def falls_back(request) -> bool:
    return getattr(request, "content_fallback", False)


def set_header(request, response) -> None:
    translation.deactivate()
    if response.status_code == 200:
        response["Content-Language"] = getattr(response, "content_locale", None) or locale_of(
            request
        )


def schema_parameters() -> list[OpenApiParameter]:
    codes = content_locales()
    return [
        OpenApiParameter(
            "locale",
            {"type": "string", "enum": codes},
            OpenApiParameter.QUERY,
            description=f"The content language (default {codes[0]}). Links and related "
            "pages stay in it.",
        ),
        OpenApiParameter(
            "fallback",
            {"type": "boolean"},
            OpenApiParameter.QUERY,
            description="true: a page not translated into the locale is given in the "
            f"default locale ({codes[0]}), its locale field saying so. Default false: "
            "left out.",
        ),
        OpenApiParameter(
            "Content-Language",
            {"type": "string"},
            OpenApiParameter.HEADER,
            response=[200],
            description="The locale of the content given.",
        ),
    ]
