"""The PDF of a playbook over the API: ``/api/v1/playbooks/{slug}/pdf/`` and its status.

Contract:

* ``GET …/pdf/?paper=a4|letter&edition=screen|print&disposition=attachment|inline``
  (``screen``: tabs, form fields, in-document links; ``print``: URLs and QR codes,
  "p. N" references, no form fields; each has its own stored file) answers 200 with the
  current PDF (``Content-Disposition``, ``ETag``, ``Last-Modified``, 304 on a matching
  conditional request). While a newer PDF is being made the previous one is served,
  with ``X-PDF-Status`` saying so. When there is no PDF yet it queues one and answers
  202 with the export status (and ``Retry-After``); when the last export failed and
  there is nothing to serve, 503 with the status.
* ``GET …/pdf/?challenges=a,b`` (or ``challenges=a&challenges=b``, in any order) is a
  personal PDF of those challenges and the solutions they cite (``exports.personal``):
  200 with the PDF once rendered, before that 202 with ``status_url`` (also in
  ``Location``) and ``Retry-After``. A slug that names no challenge of the playbook
  readers may see is a 400 naming ``challenges``.
* ``GET …/pdf/personal/{key}/`` answers the status of one personal PDF.
* ``GET …/pdf/status/`` answers the export status of both paper sizes.
* Only a live, public, unexpired playbook of the request's site is found; anything
  else is a 404. Unknown or invalid parameters, and a malformed slug, are a 400
  naming the parameter. Every error is JSON in the API's error shape
  ``{"errors": [{"parameter": …, "message": …}]}`` (and documented so).
"""

import datetime
from urllib.parse import urlencode

from django.core.files.storage import default_storage
from django.http import FileResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
)
from rest_framework import serializers
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from api.filters import joined_values
from api.schema import URI_TOO_LONG
from api.slugs import SLUG_PATTERN, SLUG_RULE, SLUG_SCHEMA
from content import store
from content.rules import ReaderScope, SiteNotFound, content_locales, default_locale
from exports import personal
from exports.content import UnknownChallenges, public_url
from exports.models import EDITIONS, PersonalExport, PlaybookExport
from exports.services import STALE_AFTER, schedule_export
from exports.status import export_status_for, locale_query, paper_status
from playbook_pages.models import PlaybookPage

PAPERS = PlaybookPage.PaperSize.values
DISPOSITIONS = ("attachment", "inline")
# A failed export is retried on download at most this often (a fix without a
# publish, such as a replaced image file, is picked up without an editor).
RETRY_FAILED_AFTER = datetime.timedelta(minutes=10)
RETRY_AFTER_SECONDS = 15
PERSONAL_RETRY_AFTER_SECONDS = 3


class PdfPaperStatusSerializer(serializers.Serializer):
    paper = serializers.ChoiceField(choices=PAPERS)
    status = serializers.ChoiceField(
        choices=["none"] + PlaybookExport.Status.values,
        help_text="`none`: never asked for; `pending`/`running`: being made; "
        "`ready`: up to date; `failed`: the last attempt failed (an older PDF may "
        "still be available).",
    )
    available = serializers.BooleanField(help_text="A PDF can be downloaded now.")
    url = serializers.URLField()
    generated_at = serializers.DateTimeField(allow_null=True)
    requested_at = serializers.DateTimeField(allow_null=True)
    pages = serializers.IntegerField(allow_null=True)
    size = serializers.IntegerField(allow_null=True, help_text="Bytes.")
    version = serializers.CharField(allow_null=True, help_text="Content version of the PDF.")


class PdfExportStatusSerializer(serializers.Serializer):
    default_paper = serializers.ChoiceField(choices=PAPERS)
    edition = serializers.ChoiceField(choices=EDITIONS)
    exports = serializers.DictField(child=PdfPaperStatusSerializer())


class PdfPendingSerializer(serializers.Serializer):
    message = serializers.CharField()
    export = PdfPaperStatusSerializer()


class PersonalPdfStatusSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Identifies the selection and the content version.")
    status = serializers.ChoiceField(choices=PersonalExport.Status.values)
    available = serializers.BooleanField(help_text="The PDF can be downloaded now.")
    challenges = serializers.ListField(
        child=serializers.CharField(), help_text="Slugs of the chosen challenges, sorted."
    )
    paper = serializers.ChoiceField(choices=PAPERS)
    edition = serializers.ChoiceField(choices=EDITIONS)
    url = serializers.URLField(help_text="Where the PDF is downloaded.")
    status_url = serializers.URLField()
    generated_at = serializers.DateTimeField(allow_null=True)
    pages = serializers.IntegerField(allow_null=True)
    size = serializers.IntegerField(allow_null=True, help_text="Bytes.")


class PersonalPdfPendingSerializer(serializers.Serializer):
    message = serializers.CharField()
    status_url = serializers.URLField()
    export = PersonalPdfStatusSerializer()


class PdfErrorItemSerializer(serializers.Serializer):
    parameter = serializers.CharField(allow_null=True)
    message = serializers.CharField()


class PdfErrorSerializer(serializers.Serializer):
    errors = PdfErrorItemSerializer(many=True)


class JSONOnlyNegotiation(BaseContentNegotiation):
    """Errors and statuses are always JSON; the PDF itself bypasses renderers."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def error_response(status, message, parameter=None):
    return Response({"errors": [{"parameter": parameter, "message": message}]}, status=status)


def check_parameters(request, allowed, repeatable=()):
    """A 400 response for unknown or repeated parameters, or ``None``."""
    errors = []
    for name in request.query_params:
        if name not in allowed:
            errors.append(
                {
                    "parameter": name,
                    "message": f"Unknown parameter. Allowed: {', '.join(sorted(allowed))}.",
                }
            )
        elif name not in repeatable and len(request.query_params.getlist(name)) > 1:
            errors.append({"parameter": name, "message": "Give this parameter once."})
    return Response({"errors": errors}, status=400) if errors else None


def choice(request, name, choices, default):
    value = request.query_params.get(name)
    if value is None:
        return default, None
    if value not in choices:
        return None, error_response(
            400, f"{value!r} is not one of: {', '.join(choices)}.", parameter=name
        )
    return value, None


def slug_problem(slug):
    """A 400 response for a malformed slug, or ``None``."""
    if SLUG_PATTERN.fullmatch(slug):
        return None
    return error_response(400, SLUG_RULE, parameter="slug")


def locale_problem(request):
    """A 400 response for a locale that is not a content locale, or ``None``."""
    return choice(request, "locale", content_locales(), default_locale())[1]


def locale_parameter():
    return OpenApiParameter(
        "locale",
        {"type": "string", "enum": content_locales()},
        OpenApiParameter.QUERY,
        description="The playbook's translation to give (default: the default locale); "
        "each locale has a PDF of its own.",
    )


def find_playbook(request, slug):
    """The playbook with this slug whose detail the store serves in the request's site.

    The same look-up as the API's playbook detail (``content.store``): live, public,
    unexpired and in the site, as ``content.rules`` decides.
    """
    try:
        scope = ReaderScope.for_request(request)
    except SiteNotFound:
        return None
    locale = request.GET.get("locale") or default_locale()
    rows = store.detail_rows(scope.site.id, kind="playbook", slug=slug, limit=1, locale=locale)
    return PlaybookPage.objects.filter(pk=rows[0].page_id).first() if rows else None


class PlaybookPdfBaseView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = JSONOnlyNegotiation


class PlaybookPdfView(PlaybookPdfBaseView):
    """The printable, interactive PDF of a playbook."""

    @extend_schema(
        operation_id="playbooks_pdf_retrieve",
        summary="Download the playbook as one PDF",
        description="The whole playbook as a tagged, interactive PDF: table of contents "
        "with page numbers, bookmarks, internal links between challenges and "
        "solutions, tool templates embedded as attachments. Generated in the "
        "background from published content; the first request for a paper size "
        "answers 202 until the PDF exists.",
        tags=["playbooks"],
        parameters=[
            OpenApiParameter(
                "slug", SLUG_SCHEMA, OpenApiParameter.PATH, description="Playbook slug."
            ),
            locale_parameter(),
            OpenApiParameter(
                "paper",
                OpenApiTypes.STR,
                enum=PAPERS,
                description="Paper size; defaults to the playbook's own setting.",
            ),
            OpenApiParameter(
                "edition",
                OpenApiTypes.STR,
                enum=EDITIONS,
                description="`screen` (default): tabs, fillable fields, in-document links. "
                "`print`: addresses and QR codes for templates, downloads and the online "
                "playbook, “p. N” references, no form fields.",
            ),
            OpenApiParameter(
                "disposition",
                OpenApiTypes.STR,
                enum=DISPOSITIONS,
                description="`attachment` (default) downloads, `inline` opens in the browser.",
            ),
            OpenApiParameter(
                "challenges",
                {"type": "array", "items": SLUG_SCHEMA},
                style="form",
                explode=True,
                description="A personal PDF: only these challenges (slugs) and the "
                "solutions they cite, with contents, bookmarks and links (links to pages "
                "left out open them online). Repeat the parameter for several, or "
                "separate them with commas; the order does not matter. A slug that names "
                "no challenge of this playbook is a 400. The first request for a "
                "selection answers 202 with a `status_url` until the PDF is rendered.",
            ),
        ],
        responses={
            (200, "application/pdf"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The PDF, with ETag and Last-Modified."
            ),
            202: OpenApiResponse(
                PolymorphicProxySerializer(
                    component_name="PdfPendingOrPersonal",
                    serializers=[PdfPendingSerializer, PersonalPdfPendingSerializer],
                    resource_type_field_name=None,
                ),
                description="No PDF yet; one is queued. For a personal PDF the body "
                "has a `status_url` (also in `Location`); `Retry-After` says when to "
                "ask again.",
            ),
            304: OpenApiResponse(description="Not modified since the given ETag/date."),
            400: OpenApiResponse(PdfErrorSerializer, description="A parameter is invalid."),
            404: OpenApiResponse(PdfErrorSerializer, description="No such public playbook."),
            414: OpenApiResponse(description=URI_TOO_LONG),
            503: OpenApiResponse(
                PdfPendingSerializer, description="The export failed and no PDF exists yet."
            ),
        },
    )
    def get(self, request, slug):
        problem = (
            check_parameters(
                request,
                {"paper", "edition", "disposition", "challenges", "locale"},
                repeatable={"challenges"},
            )
            or slug_problem(slug)
            or locale_problem(request)
        )
        if problem:
            return problem
        playbook = find_playbook(request, slug)
        if playbook is None:
            return error_response(404, "No public playbook has this slug.", parameter="slug")
        paper, problem = choice(request, "paper", PAPERS, playbook.pdf_paper_size)
        if problem:
            return problem
        disposition, problem = choice(request, "disposition", DISPOSITIONS, "attachment")
        if problem:
            return problem
        edition, problem = choice(request, "edition", EDITIONS, "screen")
        if problem:
            return problem
        raw_challenges = joined_values(request.query_params, "challenges")
        if raw_challenges is not None:
            return personal_pdf(request, playbook, raw_challenges, paper, disposition, edition)

        export = PlaybookExport.objects.filter(
            playbook=playbook, paper=paper, edition=edition
        ).first()
        if marked_without_task(export):
            # Content changed while the task backend could not defer: render now.
            export = schedule_export(
                playbook, paper, edition=edition, reason="download after changes", delay=0
            )
        if not servable(export):
            if needs_request(export):
                # A reader is waiting: no debounce.
                export = schedule_export(
                    playbook, paper, edition=edition, reason="download requested", delay=0
                )
            if not servable(export):
                return pending_response(export, playbook, paper, request, edition)
        return pdf_response(request, export, playbook, paper, disposition, edition)


def marked_without_task(export):
    return (
        export is not None
        and export.status == PlaybookExport.Status.PENDING
        and not export.task_result_id
    )


def servable(export):
    return export is not None and export.has_file and default_storage.exists(export.file_name)


def needs_request(export):
    now = timezone.now()
    if export is None:
        return True
    if export.status == PlaybookExport.Status.FAILED:
        return export.finished_at is None or export.finished_at < now - RETRY_FAILED_AFTER
    if export.status in (PlaybookExport.Status.PENDING, PlaybookExport.Status.RUNNING):
        started = export.started_at or export.scheduled_for or export.requested_at
        return started is None or started < now - STALE_AFTER
    return True  # "ready" without a file: the file was removed


def pending_response(export, playbook, paper, request, edition="screen"):
    failed = export is not None and export.status == PlaybookExport.Status.FAILED
    body = {
        "message": (
            "The PDF could not be generated. The editors have been told; try again later."
            if failed
            else "The PDF is being generated. Try again in a few seconds."
        ),
        "export": paper_status(export, playbook, paper, request, edition),
    }
    response = Response(body, status=503 if failed else 202)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS if not failed else 600)
    return response


def stored_pdf_response(request, export, *, etag, made_at, filename, disposition):
    """A stored PDF file as the answer (or a 304), with its validators and page count."""
    last_modified = int(made_at.timestamp()) if made_at else None
    conditional = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if conditional is not None:
        conditional["ETag"] = etag
        return conditional
    response = FileResponse(
        default_storage.open(export.file_name, "rb"),
        content_type="application/pdf",
        as_attachment=disposition == "attachment",
        filename=filename,
    )
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    # Shared caches may keep it but must check the ETag: a publish can change it.
    response["Cache-Control"] = "public, no-cache"
    if export.page_count:
        response["X-PDF-Pages"] = str(export.page_count)
    return response


def pdf_response(request, export, playbook, paper, disposition, edition="screen"):
    response = stored_pdf_response(
        request,
        export,
        etag=f'"{export.content_hash[:32]}-{paper}-{edition}"',
        made_at=export.generated_at,
        filename=f"{playbook.slug}-{paper}{'' if edition == 'screen' else '-' + edition}.pdf",
        disposition=disposition,
    )
    if response.status_code == 200:
        response["X-PDF-Status"] = export.status
    return response


class PlaybookPdfStatusView(PlaybookPdfBaseView):
    """Whether a playbook's PDF exists, is being made or failed, per paper size."""

    @extend_schema(
        operation_id="playbooks_pdf_status_retrieve",
        summary="Export status of the playbook's PDF",
        tags=["playbooks"],
        parameters=[
            OpenApiParameter(
                "slug", SLUG_SCHEMA, OpenApiParameter.PATH, description="Playbook slug."
            ),
            locale_parameter(),
            OpenApiParameter(
                "edition",
                OpenApiTypes.STR,
                enum=EDITIONS,
                description="`screen` (default) or `print`.",
            ),
        ],
        responses={
            200: PdfExportStatusSerializer,
            400: OpenApiResponse(PdfErrorSerializer, description="A parameter is invalid."),
            404: OpenApiResponse(PdfErrorSerializer, description="No such public playbook."),
            414: OpenApiResponse(description=URI_TOO_LONG),
        },
    )
    def get(self, request, slug):
        problem = (
            check_parameters(request, {"edition", "locale"})
            or slug_problem(slug)
            or locale_problem(request)
        )
        if problem:
            return problem
        playbook = find_playbook(request, slug)
        if playbook is None:
            return error_response(404, "No public playbook has this slug.", parameter="slug")
        edition, problem = choice(request, "edition", EDITIONS, "screen")
        if problem:
            return problem
        response = Response(export_status_for(playbook, request, edition))
        response["Cache-Control"] = "no-cache"
        return response


def personal_pdf(request, playbook, raw_challenges, paper, disposition, edition="screen"):
    """The personal PDF of a selection: the file, or 202 while it renders."""
    try:
        slugs = personal.parse_challenges(raw_challenges)
        export = personal.request_personal_pdf(playbook, slugs, paper, edition)
    except (personal.SelectionError, UnknownChallenges) as exc:
        return error_response(400, str(exc), parameter="challenges")
    if not personal.servable(export):
        return personal_pending_response(request, export, playbook)
    return stored_pdf_response(
        request,
        export,
        etag=f'"personal-{export.key[:32]}"',
        made_at=export.finished_at,
        filename=f"{playbook.slug}-selection-{paper}-{export.edition}.pdf",
        disposition=disposition,
    )


def personal_status(request, export, playbook):
    query = {"challenges": ",".join(export.challenges), "paper": export.paper}
    if export.edition != "screen":
        query["edition"] = export.edition
    query = urlencode({**query, **locale_query(playbook)})
    url = reverse("playbook-pdf", kwargs={"slug": playbook.slug}) + "?" + query
    status_url = reverse("playbook-pdf-personal", kwargs={"slug": playbook.slug, "key": export.key})
    if locale_query(playbook):
        status_url += "?" + urlencode(locale_query(playbook))
    available = personal.servable(export)
    return {
        "key": export.key,
        "status": export.status,
        "available": available,
        "challenges": export.challenges,
        "paper": export.paper,
        "edition": export.edition,
        "url": public_url(url),
        "status_url": public_url(status_url),
        "generated_at": export.finished_at.isoformat()
        if available and export.finished_at
        else None,
        "pages": export.page_count if available else None,
        "size": export.file_size if available else None,
    }


def personal_pending_response(request, export, playbook):
    status = personal_status(request, export, playbook)
    failed = export.status == PersonalExport.Status.FAILED
    body = {
        "message": (
            "This PDF could not be generated; try again later."
            if failed
            else "The PDF of your selection is being generated. Try again in a few seconds."
        ),
        "status_url": status["status_url"],
        "export": status,
    }
    response = Response(body, status=503 if failed else 202)
    response["Retry-After"] = "600" if failed else str(PERSONAL_RETRY_AFTER_SECONDS)
    response["Location"] = status["status_url"]
    response["Cache-Control"] = "no-store"
    return response


class PersonalPdfStatusView(PlaybookPdfBaseView):
    """Whether the personal PDF of a selection is ready."""

    @extend_schema(
        operation_id="playbooks_pdf_personal_status_retrieve",
        summary="Status of a personal PDF",
        description="The `status_url` of a personal PDF request (`challenges=`): "
        "`pending` or `running` while it renders, then `ready` with the `url` to "
        "download it.",
        tags=["playbooks"],
        parameters=[
            OpenApiParameter(
                "slug", SLUG_SCHEMA, OpenApiParameter.PATH, description="Playbook slug."
            ),
            locale_parameter(),
            OpenApiParameter(
                "key",
                {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                OpenApiParameter.PATH,
                description="The personal PDF's key, from its `status_url`.",
            ),
        ],
        responses={
            200: PersonalPdfStatusSerializer,
            400: OpenApiResponse(PdfErrorSerializer, description="A parameter is invalid."),
            404: OpenApiResponse(
                PdfErrorSerializer, description="No such public playbook or personal PDF."
            ),
            414: OpenApiResponse(description=URI_TOO_LONG),
        },
    )
    def get(self, request, slug, key):
        problem = (
            check_parameters(request, {"locale"}) or slug_problem(slug) or locale_problem(request)
        )
        if problem:
            return problem
        playbook = find_playbook(request, slug)
        if playbook is None:
            return error_response(404, "No public playbook has this slug.", parameter="slug")
        export = PersonalExport.objects.filter(playbook=playbook, key=key).first()
        if export is None:
            return error_response(
                404, "No personal PDF has this key (it may have been cleaned up).", "key"
            )
        response = Response(personal_status(request, export, playbook))
        response["Cache-Control"] = "no-cache"
        return response
