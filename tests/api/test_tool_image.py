"""A tool's main image reaches every shape of tool the API gives: card, list, detail."""

from tests.api.conftest import make_image


def test_tool_main_image_is_a_set_of_renditions_wherever_the_tool_appears(api, rich_tree):
    tool = rich_tree.tools[0]
    tool.image = make_image("Canvas on the wall", description="A filled-in canvas")
    tool.save_revision().publish()

    detail = api.json("/api/v1/tools/tool-1/")["image"]
    assert detail["title"] == "Canvas on the wall"
    assert detail["alt"] == "A filled-in canvas"
    assert (detail["width"], detail["height"]) == (640, 480)
    assert set(detail["renditions"]) == {"thumbnail", "medium", "large"}
    assert detail["renditions"]["thumbnail"]["url"].startswith("/media/images/")

    listed = {item["slug"]: item for item in api.json("/api/v1/tools/")["results"]}
    assert listed["tool-1"]["image"] == detail
    assert listed["tool-2"]["image"] is None

    challenge = api.json("/api/v1/challenges/challenge-1/")
    assert challenge["solutions"]["tools"][0]["page"]["image"] == detail
