"""A JSON serialization format for backups that loses nothing: ``playbook-json``.

Django's JSON encoder cuts datetimes to milliseconds (for JavaScript), so a dumpdata /
loaddata round trip changes every ``first_published_at``, ``latest_revision_created_at``
and the like by up to a millisecond; the API then shows different timestamps after a
restore. This format writes datetimes and times with all their microseconds and is
otherwise Django's JSON format; reading it is Django's JSON deserializer.
"""

import datetime

from django.core.serializers import json as django_json
from django.core.serializers.json import DjangoJSONEncoder

FORMAT = "playbook-json"


class PreciseJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            # isoformat() keeps microseconds; a UTC offset is written as +00:00.
            return o.isoformat()
        return super().default(o)


class Serializer(django_json.Serializer):
    def _init_options(self):
        self.options["cls"] = PreciseJSONEncoder
        super()._init_options()


Deserializer = django_json.Deserializer
