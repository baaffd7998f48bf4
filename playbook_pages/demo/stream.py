"""Short constructors for StreamField values, so the content modules read like prose.

Each function returns one ``(block_type, value)`` pair in the shape the blocks in
``playbook_pages.blocks`` expect; Wagtail normalises them when a page is saved.
"""


def heading(text, level="h2"):
    return ("heading", {"text": text, "level": level})


def paragraph(html):
    return ("paragraph", html)


def quote(text, attribution="", source="", source_url=""):
    return (
        "quote",
        {"quote": text, "attribution": attribution, "source": source, "source_url": source_url},
    )


def callout(body_html, title="", kind="tip"):
    return ("callout", {"kind": kind, "title": title, "body": body_html})


def checklist(items, title=""):
    return ("checklist", {"title": title, "items": list(items)})


def step(title, instructions_html, duration="", tip=""):
    return (
        "step",
        {"title": title, "instructions": instructions_html, "duration": duration, "tip": tip},
    )


def usage_step(title, description):
    return ("step", {"title": title, "description": description})


def term(name, definition):
    return ("term", {"term": name, "definition": definition})


def titled(block_type, *pairs):
    """TitledTextBlock entries (principles, objectives, lessons, insights) from pairs."""
    return [(block_type, {"title": title, "description": text}) for title, text in pairs]


def questions(*texts):
    return [("question", text) for text in texts]
