"""A fingerprint of all content, to prove that a restore gave back what was backed up.

Contract: ``content_snapshot()`` returns plain JSON-able data that is equal for two
databases (and media storages) exactly when they hold the same content: every page
with all its fields, child objects and revisions; snippets, images, documents, sites,
users and groups; a SHA-256 of every media file; and, when the content API is
installed, the body of every GET endpoint it lists, for every item it lists (so that
"every page's API output" is compared as a frontend would read it).
Password hashes only appear as digests, so the output is safe to print.
"""

import hashlib
import json
import re

from django.apps import apps
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from django.forms.models import model_to_dict
from django.test import Client
from wagtail.models import Page, Revision, Site

from ops.backup import storage_files
from ops.serializers import PreciseJSONEncoder

API_PREFIX = "/api/v1/"
# Not content: the schema/docs describe the API; preview needs a token; the PDF
# carries its creation time; search needs a query; the change feed is a log of when
# things changed, which a restore starts afresh (clients resync after one).
SKIPPED_API_PATHS = re.compile(r"/(schema|docs|preview|pdf|search|changes)/")
MAX_LIST_PAGES = 50


def _plain(value):
    # Microseconds kept: a restore that rounded timestamps must show up as a difference.
    return json.loads(json.dumps(value, cls=PreciseJSONEncoder, sort_keys=True))


def _digest(data):
    return hashlib.sha256(data).hexdigest()


def _file_digest(field_file):
    with field_file.storage.open(field_file.name, "rb") as handle:
        return _digest(handle.read())


def _pages():
    pages = {}
    for page in Page.objects.order_by("path").specific():
        revisions = Revision.page_revisions.filter(object_id=str(page.pk)).order_by("pk")
        pages[page.url_path] = {
            "type": page._meta.label,
            "data": _plain(page.serializable_data()),
            "revisions": [
                {"pk": r.pk, "content": _digest(json.dumps(r.content, sort_keys=True).encode())}
                for r in revisions
            ],
            "view_restrictions": sorted(
                page.view_restrictions.values_list("restriction_type", flat=True)
            ),
        }
    return pages


def _snippets():
    snippets = {}
    for label in ("playbook_pages.Organisation", "playbook_pages.Theme"):
        model = apps.get_model(label)
        snippets[label] = [_plain(model_to_dict(obj)) for obj in model.objects.order_by("pk")]
    return snippets


def _files(model_label):
    model = apps.get_model(model_label)
    items = []
    for obj in model.objects.order_by("pk"):
        row = _plain(model_to_dict(obj, exclude=["file", "tags"]))
        row["file"] = obj.file.name
        row["sha256"] = _file_digest(obj.file)
        items.append(row)
    return items


def _users():
    user_model = apps.get_model("auth", "User")
    return [
        {
            "username": user.username,
            "email": user.email,
            "is_superuser": user.is_superuser,
            "is_active": user.is_active,
            "groups": sorted(user.groups.values_list("name", flat=True)),
            "password": _digest(user.password.encode())[:16],
        }
        for user in user_model.objects.order_by("pk")
    ]


def _media():
    digests = {}
    for name in storage_files(default_storage):
        with default_storage.open(name, "rb") as handle:
            digests[name] = _digest(handle.read())
    return digests


def _api_paths():
    """GET paths of the content API, from its own OpenAPI schema."""
    try:
        from drf_spectacular.generators import SchemaGenerator
    except ImportError:
        return []
    from django.urls import include
    from django.urls import path as route

    # Only the content API's own routes: Wagtail's admin API is not content.
    patterns = [route(API_PREFIX.lstrip("/"), include("api.urls"))]
    schema = SchemaGenerator(patterns=patterns).get_schema(request=None, public=True)
    paths = []
    for path, operations in sorted(schema.get("paths", {}).items()):
        get = operations.get("get")
        if not get or not path.startswith(API_PREFIX) or SKIPPED_API_PATHS.search(path):
            continue
        required_query = [
            p["name"]
            for p in get.get("parameters", [])
            if p.get("in") == "query" and p.get("required")
        ]
        if not required_query:
            paths.append(path)
    return paths


def _list_items(client, path):
    items, url, pages = [], path, 0
    while url and pages < MAX_LIST_PAGES:
        response = client.get(url)
        if response.status_code != 200:
            break
        body = response.json()
        results = body.get("results", body) if isinstance(body, dict) else body
        if isinstance(results, list):
            items.extend(item for item in results if isinstance(item, dict))
        url = body.get("next") if isinstance(body, dict) else None
        pages += 1
    return items


def _api():
    client = Client()
    paths = _api_paths()
    outputs = {}
    list_items = {}
    for path in paths:
        if "{" in path:
            continue
        response = client.get(path)
        outputs[path] = {"status": response.status_code, "body": response.content.decode()}
        list_items[path] = _list_items(client, path)
    for path in paths:
        match = re.fullmatch(r"(.*/)\{(\w+)\}/", path)
        if not match:
            continue
        collection, parameter = match.groups()
        for item in list_items.get(collection, []):
            value = item.get(parameter)
            if value is None:
                continue
            url = f"{collection}{value}/"
            response = client.get(url)
            outputs[url] = {"status": response.status_code, "body": response.content.decode()}
    return outputs


def content_snapshot(include_api=True):
    return {
        "pages": _pages(),
        "sites": [_plain(model_to_dict(site)) for site in Site.objects.order_by("pk")],
        "snippets": _snippets(),
        "images": _files("wagtailimages.Image"),
        "documents": _files("wagtaildocs.Document"),
        "users": _users(),
        "groups": sorted(Group.objects.values_list("name", flat=True)),
        "media": _media(),
        "api": _api() if include_api else {},
    }
