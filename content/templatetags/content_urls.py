"""Template filters of the URL policy, for templates that print stored URLs (the PDF).

Contract: ``{{ value|safe_url }}`` is ``content.url_policy.safe_url(value)``, or ``""``
when the URL is refused, so ``{% with url=page.link|safe_url %}{% if url %}`` prints a
link only for a URL a reader may follow.
"""

from django import template

from content.url_policy import safe_url as policy_safe_url

register = template.Library()


@register.filter
def safe_url(value):
    return policy_safe_url(value) or ""
