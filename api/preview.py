"""Draft previews for the headless frontend (wagtail-headless-preview).

Contract: ``GET /api/v1/preview/?content_type=app_label.model&token=...`` returns
the draft an editor is previewing, serialised exactly like the live detail endpoint
of its type. The token is the one the admin put in the preview URL; it is signed,
and it expires ``PREVIEW_TOKEN_MAX_AGE`` seconds (default 3600) after it was made.

What a token names (``PreviewBinding``, signed into it when the admin makes it):
a saved page, the revision the editor was working on and the publication it was
made under (when the page was last published, or "not live"); or, for a page not
saved yet, its parent and type. Each request checks that against the database,
so a change is honoured by the next request, whichever process made it:

* ``content_type`` or ``token`` missing, or a content type that is not a page type
  of this API: 400 naming the parameter.
* 403 ``invalid``: forged, altered or malformed; 403 ``expired``: too old.
* 404 ``deleted``: the page (for a new page: its parent) no longer exists.
* 403 ``private``: the page or any section above it has a view restriction
  (password, login or group), whenever it was added. A private page is never
  previewed here: whoever holds the link would read it.
* 403 ``unpublished`` and 404 ``superseded``, by this rule. A draft that was never
  published, or that was already unpublished (or expired) when the token was made,
  stays previewable: that is an editor working on it. A token made while the page
  was live is revoked once the page is unpublished or expires (``unpublished``),
  and stays revoked if it goes live again, since that is a new publication
  (``superseded``). Saving a new revision, or publishing, supersedes every
  earlier token of the page; the admin's preview panel makes a fresh token each
  time it refreshes, so an editor never sees this.
* A new page's tokens are superseded as soon as any page is created under that
  parent (the saved page then has tokens of its own), and every token of a
  section is deleted when a view restriction is put on it, so neither comes back
  when the restriction is lifted or the created page deleted (404 ``not_found``).
* 404 ``not_found``: no stored preview of this type has this token, the stored
  draft is not the page the token names, or the page is on another site.
* Errors carry ``reason`` (``api.exceptions.PreviewReason``) besides the message.
* Responses are ``Cache-Control: no-store``, carry no ETag and are never cached.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.signing import BadSignature, SignatureExpired
from django.db.models.signals import post_save
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from wagtail.models import Page, PageViewRestriction
from wagtail_headless_preview.models import PagePreview

from api import views
from api.exceptions import ParameterError, PreviewDenied, PreviewGone, PreviewReason
from api.lookup import any_page_detail
from api.serializers.common import ErrorDetailSerializer
from content import kinds, rules, store
from content.rules import ReaderScope, page_locale

DEFAULT_MAX_AGE = 3600
# The content_type values a preview URL can carry: page types with a detail body.
PREVIEW_TYPE_LABELS = sorted(
    page_type.model._meta.label_lower
    for page_type in kinds.PAGE_KINDS
    if page_type.detail_serializer is not None
)
NOT_LIVE = "none"
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
# What the rules read of a page, and what binds a token to its publication.
_STATE_FIELDS = (*rules.VISIBILITY_FIELDS, "alias_of", "last_published_at", "latest_revision")


def _publication(page: Page) -> str:
    """When the page was last published if readers may see it now, else NOT_LIVE."""
    if not rules.is_published_now(page):
        return NOT_LIVE
    if page.last_published_at is None:
        return "live"  # made live without a publish (fixtures, imports)
    return str((page.last_published_at - _EPOCH) // datetime.timedelta(microseconds=1))


def _saved(page_id) -> Page | None:
    return (
        Page.objects.filter(pk=page_id)
        .select_related("locale")
        .only(*_STATE_FIELDS, "locale__language_code")
        .first()
    )


@dataclass(frozen=True)
class PreviewBinding:
    """What a preview token names; the identifier is what the token signs."""

    page_id: int | None = None
    revision: str = NOT_LIVE
    publication: str = NOT_LIVE
    parent_id: int | None = None
    page_type: str = ""

    @classmethod
    def for_page(cls, page) -> PreviewBinding:
        """The binding of a token made now for ``page`` (a draft, possibly unsaved)."""
        if page.pk is None:
            return cls(parent_id=page.get_parent().pk, page_type=page._meta.label)
        saved = _saved(page.pk)
        return cls.of_saved(saved) if saved is not None else cls(page_id=page.pk)

    @classmethod
    def of_saved(cls, saved: Page) -> PreviewBinding:
        return cls(
            page_id=saved.pk,
            revision=str(saved.latest_revision_id or NOT_LIVE),
            publication=_publication(saved),
        )

    @classmethod
    def parse(cls, identifier: str) -> PreviewBinding | None:
        fields = dict(part.split("=", 1) for part in identifier.split(";") if "=" in part)
        try:
            if set(fields) == {"id", "revision", "published"}:
                return cls(
                    page_id=int(fields["id"]),
                    revision=fields["revision"],
                    publication=fields["published"],
                )
            if set(fields) == {"parent_id", "page_type"}:
                return cls(parent_id=int(fields["parent_id"]), page_type=fields["page_type"])
        except ValueError:
            return None
        return None  # e.g. a token made before tokens named their revision

    @classmethod
    def of_token(cls, token: str) -> PreviewBinding | None:
        """The binding a token claims, unverified (for revoking, never for serving)."""
        return cls.parse(token.rsplit(":", 2)[0])

    def identifier(self) -> str:
        if self.page_id is None:
            return f"parent_id={self.parent_id};page_type={self.page_type}"
        return f"id={self.page_id};revision={self.revision};published={self.publication}"

    def names(self, page) -> bool:
        """Whether the stored draft ``page`` is the page this binding was made for."""
        if self.page_id is not None:
            return page.pk == self.page_id
        return page.pk is None and page._meta.label == self.page_type

    def check_current(self, request) -> None:
        """Raise the refusal this binding earns today, if any (see the module's rules)."""
        saved = _saved(self.page_id if self.page_id is not None else self.parent_id)
        if saved is None:
            if self.page_id is not None:
                raise PreviewGone(PreviewReason.DELETED, "This page was deleted.")
            raise PreviewGone(
                PreviewReason.DELETED, "The page this new page was being added under was deleted."
            )
        scope = scope_for(request, saved)
        if not scope.in_site(saved):
            raise PreviewGone(
                PreviewReason.NOT_FOUND,
                "This page belongs to another site; preview it from that site's address.",
            )
        if scope.is_private(saved):
            raise PreviewDenied(
                PreviewReason.PRIVATE,
                "This page is private (it or a section above it needs a password, a login or "
                "a group), so it cannot be previewed here.",
            )
        if self.page_id is None:
            return
        current = self.of_saved(saved)
        if self.publication != NOT_LIVE and current.publication == NOT_LIVE:
            raise PreviewDenied(
                PreviewReason.UNPUBLISHED,
                "This page was unpublished (or expired) after this preview link was made.",
            )
        if current != self:
            raise PreviewGone(
                PreviewReason.SUPERSEDED,
                "This page was saved or published again after this preview link was made; "
                "press Preview in the editor for a fresh one.",
            )


def scope_for(request, page) -> ReaderScope:
    """What readers of the request's site see in the page's own locale."""
    return ReaderScope.for_request(request, page_locale(page))


def _revoke_new_page_previews(sender, instance, created, raw=False, **kwargs):
    """A page was created: the previews of new pages under its parent end."""
    if not created or raw or not isinstance(instance, Page) or instance.depth <= 1:
        return
    parent_path = instance.path[: -Page.steplen]
    parent_id = Page.objects.filter(path=parent_path).values_list("pk", flat=True).first()
    PagePreview.objects.filter(token__startswith=f"parent_id={parent_id};").delete()


def _revoke_section_previews(sender, instance, raw=False, **kwargs):
    """A view restriction was saved: every preview inside its section ends for good."""
    if raw:
        return
    claimed = {}
    for preview_id, token in PagePreview.objects.values_list("pk", "token"):
        binding = PreviewBinding.of_token(token)
        if binding is not None:
            claimed[preview_id] = binding.page_id or binding.parent_id
    section = Page.objects.filter(pk=instance.page_id).values_list("path", flat=True).first()
    inside = set(
        Page.objects.filter(pk__in=set(claimed.values()), path__startswith=section).values_list(
            "pk", flat=True
        )
    )
    revoked = [preview_id for preview_id, page_id in claimed.items() if page_id in inside]
    PagePreview.objects.filter(pk__in=revoked).delete()


def connect_signals() -> None:
    post_save.connect(_revoke_new_page_previews, dispatch_uid="api-preview-new-page")
    post_save.connect(
        _revoke_section_previews, sender=PageViewRestriction, dispatch_uid="api-preview-private"
    )


class PreviewErrorDetailSerializer(ErrorDetailSerializer):
    reason = serializers.ChoiceField(
        choices=PreviewReason.choices,
        help_text="Why the preview is refused, as a code a frontend can act on.",
    )


class PreviewErrorResponseSerializer(serializers.Serializer):
    errors = PreviewErrorDetailSerializer(many=True)


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
        responses={
            200: any_page_detail(),
            403: OpenApiResponse(
                PreviewErrorResponseSerializer,
                "Refused: the token is invalid or expired, or the page is private or was "
                "unpublished after the token was made; ``reason`` says which.",
            ),
            404: OpenApiResponse(
                PreviewErrorResponseSerializer,
                "No such preview, or its page was deleted or saved again since the token was "
                "made; ``reason`` says which.",
            ),
        },
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
            raise PreviewDenied(
                PreviewReason.EXPIRED, "This preview link has expired; open the preview again."
            ) from None
        except BadSignature:
            raise PreviewDenied(PreviewReason.INVALID, "This preview token is not valid.") from None
        binding = PreviewBinding.parse(identifier)
        if binding is None:
            raise PreviewDenied(PreviewReason.INVALID, "This preview token is not valid.")
        # Before the stored draft: a revoked token says why even once its row is gone.
        binding.check_current(request)
        not_found = PreviewGone(
            PreviewReason.NOT_FOUND, "No preview of this type was made with this token."
        )
        preview = PagePreview.objects.filter(
            token=token,
            content_type__app_label=page_type.model._meta.app_label,
            content_type__model=page_type.model._meta.model_name,
        ).first()
        if preview is None:
            raise not_found
        page = preview.as_page()
        if type(page) is not page_type.model or not binding.names(page):
            raise not_found
        # The same builder as the stored representations, on the draft, unstored.
        built = store.build(scope_for(request, page), page)
        return Response(built.shapes["detail"])

    def requested_type(self) -> kinds.PageKind:
        raw = self.request.query_params.get("content_type") or ""
        if not raw:
            raise ParameterError(
                content_type="content_type is required, e.g. playbook_pages.toolpage."
            )
        try:
            model = apps.get_model(raw)
        except (LookupError, ValueError):
            model = None
        page_type = kinds.for_model(model) if model is not None else None
        if page_type is None or page_type.detail_serializer is None:
            raise ParameterError(content_type=f"{raw!r} is not a page type of this API.")
        return page_type
