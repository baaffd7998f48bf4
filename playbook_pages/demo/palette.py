"""The demo's colours, in one place: challenges, tool banners and their names.

Every challenge colour is used for small text, so each passes
``content.colours.validate_text_colour`` (a test checks it).
"""

TEAL = "#1f6f8b"
TERRACOTTA = "#b14a35"
LEAF_GREEN = "#4f7450"
VIOLET = "#7b5ea7"

CHALLENGE_COLOURS = [TEAL, TERRACOTTA, LEAF_GREEN, VIOLET]

COLOUR_NAMES = {
    TEAL: "teal blue",
    TERRACOTTA: "terracotta",
    LEAF_GREEN: "leaf green",
    VIOLET: "violet",
    "#8a5a44": "warm brown",
    "#2f5d62": "deep green-blue",
    "#b08436": "ochre",
}
