"""System checks for the API's settings, so a typo fails at start-up, not at request time."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def check_throttle_rate(app_configs, **kwargs):
    rate = settings.REST_FRAMEWORK.get("DEFAULT_THROTTLE_RATES", {}).get("anon")
    if not rate:
        return []
    try:
        count, period = rate.split("/")
        valid = int(count) > 0 and period[:1] in {"s", "m", "h", "d"}
    except ValueError:
        valid = False
    if valid:
        return []
    return [
        Error(
            f"API_ANON_THROTTLE_RATE is {rate!r}; use a count per period such as "
            "'120/min' or '5000/day', or leave it empty to turn throttling off.",
            id="api.E001",
        )
    ]


@register()
def check_page_sizes(app_configs, **kwargs):
    default = getattr(settings, "API_DEFAULT_PAGE_SIZE", 20)
    maximum = getattr(settings, "API_MAX_PAGE_SIZE", 100)
    if 1 <= default <= maximum:
        return []
    return [
        Error(
            f"API_DEFAULT_PAGE_SIZE ({default}) must be between 1 and API_MAX_PAGE_SIZE "
            f"({maximum}).",
            id="api.E002",
        )
    ]
