"""Throttling of anonymous reads, configured by ``API_ANON_THROTTLE_RATE``.

Contract: the rate comes from ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"]``
(base settings fill it from the ``API_ANON_THROTTLE_RATE`` environment variable,
e.g. ``120/min``); empty or missing means no throttling. It is read at request
time, so a settings change takes effect without a restart. Cached responses are
throttled too. A request over the rate gets a 429 with ``Retry-After``.
"""

from __future__ import annotations

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle


class AnonReadThrottle(AnonRateThrottle):
    def get_rate(self):
        # DRF binds THROTTLE_RATES at import time; read the live settings instead.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope) or None
