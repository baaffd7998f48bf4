"""Draft previews for the headless frontend (wagtail-headless-preview).

Contract: ``GET /api/v1/preview/?content_type=app_label.model&token=...`` returns
the draft an editor is previewing, serialised exactly like the live detail endpoint
of its type. The token is the one the admin put in the preview URL; it is signed,
and it expires ``PREVIEW_TOKEN_MAX_AGE`` seconds (default 3600) after it was made.

* ``content_type`` or ``token`` missing, or a content type that is not a page type
  of this API: 400 naming the parameter.
* A forged or tampered token: 403. An expired token: 403 saying so.
* A valid token that was not issued for this content type, or whose preview is
  gone: 404. A token signed for one page never reads another: the page it was
  signed for (its id, or its parent and type for a new page) must match the draft.
* Responses are ``Cache-Control: no-store``, carry no ETag and are never cached.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.core.signing import BadSignature, SignatureExpired
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from wagtail_headless_preview.models import PagePreview

from api import registry, views
from api.exceptions import ParameterError, PreviewDenied
from api.lookup import any_page_detail

DEFAULT_MAX_AGE = 3600
# The content_type values a preview URL can carry: page types with a detail body.
PREVIEW_TYPE_LABELS = sorted(
    page_type.model._meta.label_lower
    for page_type in registry.PAGE_TYPES
    if page_type.detail_serializer is not None
)


def _token_matches(identifier: str, page) -> bool:
    """Whether the signed identifier names this draft (see HeadlessPreviewMixin)."""
    if identifier.startswith("id="):
        return page.pk is not None and identifier == f"id={page.pk}"
    fields = dict(part.split("=", 1) for part in identifier.split(";") if "=" in part)
    if page.pk is not None or fields.get("page_type") != page._meta.label:
        return False
    # A new page: the token names its parent and type; the draft has no tree path yet.
    return "parent_id" in fields


class PreviewView(views.ContentAPIMixin, GenericAPIView):
    cache_responses = False
    etag_in_schema = False
    may_refuse = True
    extra_query_parameters = frozenset({"content_type", "token"})

    @extend_schema(
        summary="Preview a draft",
        operation_id="preview",
        description="The draft behind a preview token, shaped like the live detail of its "
        "type. Never cached.",
        parameters=[
            OpenApiParameter(
                "content_type",
                {"type": "string", "enum": PREVIEW_TYPE_LABELS},
                required=True,
                description='The page type, "app_label.model", as in the preview URL.',
            ),
            OpenApiParameter(
                "token",
                {"type": "string", "minLength": 1},
                required=True,
                description="The token from the preview URL.",
            ),
        ],
        responses=any_page_detail(),
    )
    def get(self, request):
        page_type = self.requested_type()
        token = request.query_params.get("token") or ""
        if not token:
            raise ParameterError(token="token is required.")  # noqa: S106 - a message
        max_age = getattr(settings, "PREVIEW_TOKEN_MAX_AGE", DEFAULT_MAX_AGE)
        try:
            identifier = page_type.model.get_preview_signer().unsign(token, max_age=max_age)
        except SignatureExpired:
            raise PreviewDenied("This preview link has expired; open the preview again.") from None
        except BadSignature:
            raise PreviewDenied("This preview token is not valid.") from None
        try:
            preview = PagePreview.objects.get(
                token=token,
                content_type__app_label=page_type.model._meta.app_label,
                content_type__model=page_type.model._meta.model_name,
            )
        except PagePreview.DoesNotExist:
            raise exceptions.NotFound("No preview of this type was made with this token.") from None
        page = preview.as_page()
        if type(page) is not page_type.model or not _token_matches(identifier, page):
            raise exceptions.NotFound("No preview of this type was made with this token.")
        serializer = page_type.detail_serializer(page, context=self.get_serializer_context())
        return Response(self.resolve(serializer.data))

    def requested_type(self) -> registry.PageType:
        raw = self.request.query_params.get("content_type") or ""
        if not raw:
            raise ParameterError(
                content_type="content_type is required, e.g. playbook_pages.toolpage."
            )
        try:
            model = apps.get_model(raw)
        except (LookupError, ValueError):
            model = None
        page_type = registry.for_model(model) if model is not None else None
        if page_type is None or page_type.detail_serializer is None:
            raise ParameterError(content_type=f"{raw!r} is not a page type of this API.")
        return page_type
