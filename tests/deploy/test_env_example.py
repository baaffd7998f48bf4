""".env.example documents every variable the settings read, so none is a secret."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Set by the image or only meaningful outside production.
NOT_FOR_OPERATORS = {"DEBUG", "TEST_MEDIA_ROOT", "STATIC_ROOT", "MEDIA_ROOT"}


def variables_read_by_settings():
    names = set()
    for path in (ROOT / "cms" / "settings").glob("*.py"):
        names |= set(re.findall(r'\benv(?:_bool|_int|_list)?\(\s*"([A-Z0-9_]+)"', path.read_text()))
    return names - NOT_FOR_OPERATORS


def documented_variables():
    text = (ROOT / ".env.example").read_text()
    # Assignments, and the "#   NAME=..." lines for what compose sets by itself.
    return set(re.findall(r"^#?\s*([A-Z0-9_]+)=", text, flags=re.MULTILINE))


def test_every_setting_variable_is_documented():
    missing = variables_read_by_settings() - documented_variables()
    assert not missing, f"add these to .env.example with a comment: {sorted(missing)}"


def test_every_documented_line_has_an_explanation():
    lines = (ROOT / ".env.example").read_text().splitlines()
    for number, line in enumerate(lines):
        if re.match(r"^[A-Z0-9_]+=", line):
            above = lines[number - 1]
            assert above.startswith("#") or re.match(r"^[A-Z0-9_]+=", above), line


def test_no_secret_has_a_value():
    text = (ROOT / ".env.example").read_text()
    for name in ("SECRET_KEY", "POSTGRES_PASSWORD", "AWS_SECRET_ACCESS_KEY"):
        assert re.search(rf"^{name}=$", text, flags=re.MULTILINE), name
