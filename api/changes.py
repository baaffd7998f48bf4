"""The change feed: ``GET /api/v1/changes/?since=CURSOR``, for clients that sync.

Contract: the entries of the change ledger (``content.ledger``) of the request's
site, oldest first, after the cursor: each says a page was ``created`` (now served),
``updated`` (served differently; ``previous_path`` when it moved) or ``deleted`` (no
longer served: unpublished, deleted, made private, expired). A created or updated
entry carries ``data``, the page's detail exactly as the API serves it now (null if
it is no longer served: a later entry says so); a deleted one is a tombstone and
never carries content. ``next_cursor`` continues after the last entry; with
``has_more`` false the client is up to date and polls again later with it.

Without ``since`` the feed starts at its oldest retained entry; ``since=latest``
gives no entries, only the cursor of now (fetch everything, then follow from it).
A cursor that is malformed is a 400 with reason ``cursor_invalid``; one older than
the retention (``CHANGE_FEED_RETENTION_DAYS``) a 400 with reason ``cursor_expired``:
the client must resync (fetch everything again, then continue from ``since=latest``).
"""

from __future__ import annotations

from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    PolymorphicProxySerializer,
    extend_schema,
)
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from api import views
from api.exceptions import ParameterError
from api.pagination import WHOLE_NUMBER
from api.serializers.fields import page_api_url
from content import generation, kinds, ledger, store
from content.models import ChangeAction, Shape
from content.rules import site_for_request

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
LATEST = "latest"


class CursorRefused(ParameterError):
    """A 400 about ``since`` with a ``reason`` code the client can act on."""

    def __init__(self, reason: str, message: str):
        self.reason = reason
        super().__init__(since=message)


class ChangedPageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    type = serializers.CharField(help_text="The page type (the same as in its detail).")
    path = serializers.CharField(help_text="Its path on the reader frontend.")
    api_url = serializers.CharField(help_text="Its detail in this API.")
    previous_path = serializers.CharField(
        allow_null=True, help_text="The path it had before it moved; null if it did not."
    )


class ChangeEntrySerializer(serializers.Serializer):
    cursor = serializers.CharField(help_text="The feed's cursor after this entry.")
    action = serializers.ChoiceField(choices=ChangeAction.choices)
    changed_at = serializers.DateTimeField()
    locale = serializers.CharField(help_text="The locale of the page (its language code).")
    page = ChangedPageSerializer()
    representations = serializers.ListField(
        child=serializers.ChoiceField(choices=Shape.choices),
        help_text="The stored shapes that changed (detail, list item, card).",
    )
    data = PolymorphicProxySerializer(
        component_name="PageDetail",
        serializers={kind.name: kind.detail_serializer for kind in kinds.PAGE_KINDS},
        resource_type_field_name="type",
        allow_null=True,
        help_text="The page's detail as the API serves it now; null for a tombstone, or "
        "when the page is no longer served (a later entry says so).",
    )


class ChangeFeedSerializer(serializers.Serializer):
    results = ChangeEntrySerializer(many=True)
    next_cursor = serializers.CharField(help_text="Pass as ?since= for what follows.")
    has_more = serializers.BooleanField(help_text="False: the client is up to date.")


class ChangeFeedView(views.ContentAPIMixin, GenericAPIView):
    extra_query_parameters = frozenset({"since", "limit"})

    @extend_schema(
        summary="What changed since a cursor",
        operation_id="changes",
        description="The ordered feed of what changed in this site, oldest first: each entry "
        "says a page was created (now served), updated (served differently; previous_path "
        "when it moved) or deleted (no longer served: a tombstone, never with content). "
        "Created and updated entries carry the page's detail as served now. Follow "
        "next_cursor until has_more is false, then poll again with it. A malformed cursor "
        "is a 400 with reason cursor_invalid; one older than the feed keeps "
        "(CHANGE_FEED_RETENTION_DAYS) a 400 with reason cursor_expired: resync (fetch "
        "everything again, then follow ?since=latest).",
        parameters=[
            OpenApiParameter(
                "since",
                {"type": "string", "pattern": r"^([0-9]{1,18}\.[0-9]{1,12}|latest)$"},
                OpenApiParameter.QUERY,
                description="A next_cursor (or an event's cursor) from before; 'latest' for "
                "the cursor of now; absent for the oldest retained entry.",
            ),
            OpenApiParameter(
                "limit",
                {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
                OpenApiParameter.QUERY,
                description=f"Entries per response (default {DEFAULT_LIMIT}).",
            ),
        ],
        responses={200: ChangeFeedSerializer},
        examples=[
            OpenApiExample(
                "A tombstone",
                response_only=True,
                value={
                    "results": [
                        {
                            "cursor": "1042.1764633600",
                            "action": "deleted",
                            "changed_at": "2026-12-02T00:00:00Z",
                            "locale": "en",
                            "page": {
                                "id": 31,
                                "type": "tool",
                                "path": "/playbook/tools/canvas/",
                                "api_url": "/api/v1/pages/31/",
                                "previous_path": None,
                            },
                            "representations": ["card", "detail", "list"],
                            "data": None,
                        }
                    ],
                    "next_cursor": "1042.1764633601",
                    "has_more": False,
                },
            )
        ],
    )
    def get(self, request):
        # The cursor and the limit are checked on every request, a kept answer's too:
        # a cursor past the retention is refused the moment it is.
        params = self.request.query_params
        limit = self._limit(params.get("limit"))
        raw = params.get("since")
        last_id = None if raw == LATEST else 0 if raw is None else self._last_id(raw)
        return self.reused(lambda: self.build(limit, last_id), (generation.PAGES,))

    def build(self, limit: int, last_id: int | None):
        """The entries after ``last_id``; ``None``: none, only the cursor of now."""
        if last_id is None:
            return Response(
                {
                    "results": [],
                    "next_cursor": ledger.make_cursor(ledger.latest_id()),
                    "has_more": False,
                }
            )
        site_id = site_for_request(self.request).id
        found = ledger.after(site_id, last_id, limit + 1, self.locale)
        has_more = len(found) > limit
        found = found[:limit]
        served = store.bodies(
            site_id,
            Shape.DETAIL,
            {change.page_id for change in found if change.action != ChangeAction.DELETED},
            self.locale,
        )
        results = []
        for change in found:
            row = served.get(change.page_id) if change.action != ChangeAction.DELETED else None
            results.append(
                {
                    "cursor": ledger.make_cursor(change.id, change.changed_at),
                    "action": change.action,
                    "changed_at": change.changed_at.isoformat().replace("+00:00", "Z"),
                    "locale": change.locale,
                    "page": {
                        "id": change.page_id,
                        "type": change.kind,
                        "path": change.path,
                        "api_url": page_api_url(change.page_id),
                        "previous_path": change.previous_path or None,
                    },
                    "representations": change.shapes.split(",") if change.shapes else [],
                    "data": views.stored_body(row) if row is not None else None,
                }
            )
        next_id = found[-1].id if found else last_id
        return Response(
            {"results": results, "next_cursor": ledger.make_cursor(next_id), "has_more": has_more}
        )

    def _limit(self, raw) -> int:
        if raw is None:
            return DEFAULT_LIMIT
        if not WHOLE_NUMBER.fullmatch(raw) or not 1 <= int(raw) <= MAX_LIMIT:
            raise ParameterError(limit=f"limit must be a whole number from 1 to {MAX_LIMIT}.")
        return int(raw)

    def _last_id(self, raw: str) -> int:
        try:
            return ledger.parse_cursor(raw)
        except ledger.CursorExpired:
            raise CursorRefused(
                "cursor_expired",
                "This cursor is older than the change feed keeps: changes after it may be "
                "missing. Resync: fetch the content again, then follow ?since=latest.",
            ) from None
        except ledger.CursorInvalid:
            raise CursorRefused(
                "cursor_invalid",
                "since must be a next_cursor this feed gave (e.g. '1042.1764633600'), or "
                "'latest'. Resync if you have lost it: fetch the content again, then follow "
                "?since=latest.",
            ) from None
