"""Rich text is HTML a frontend inserts as it is: links resolved, images as renditions."""

import pytest

from tests.api.conftest import document_link, make_image, page_link

pytestmark = pytest.mark.django_db


def why_it_matters(api, tree, html):
    challenge = tree.challenges[0]
    challenge.why_it_matters = html
    challenge.save()
    return api.json("/api/v1/challenges/challenge-1/")["why_it_matters"]


def test_page_links_point_at_the_frontend_path_and_the_api(api, playbook_tree):
    tool = playbook_tree.tools[1]
    html = why_it_matters(api, playbook_tree, f"<p>Try {page_link(tool, 'Tool 2')}.</p>")
    assert html == (
        f'<p>Try <a href="/playbook/tools/tool-2/" data-page-id="{tool.pk}" '
        f'data-page-type="tool" data-api-url="/api/v1/pages/{tool.pk}/">Tool 2</a>.</p>'
    )


def test_links_to_pages_readers_cannot_see_become_plain_text(api, playbook_tree):
    tool = playbook_tree.tools[1]
    tool.unpublish()
    html = why_it_matters(
        api,
        playbook_tree,
        f"<p>Try {page_link(tool, '<b>Tool 2</b>')} or "
        '<a linktype="page" id="999999">a deleted page</a>.</p>',
    )
    assert html == "<p>Try <b>Tool 2</b> or a deleted page.</p>"


def test_a_link_loses_its_target_when_the_page_it_names_is_deleted(api, playbook_tree):
    # Nothing else ties the summit to the challenge: only the link does.
    summit = playbook_tree.summit
    why_it_matters(api, playbook_tree, f"<p>Met at {page_link(summit, 'the summit')}.</p>")
    summit.delete()
    html = api.json("/api/v1/challenges/challenge-1/")["why_it_matters"]
    assert html == "<p>Met at the summit.</p>"


def test_document_links_download_the_file(api, rich_tree):
    document = rich_tree.document
    html = why_it_matters(api, rich_tree, f"<p>Get {document_link(document)}.</p>")
    assert html == (
        f'<p>Get <a href="{document.url}" data-document-id="{document.pk}" '
        f'data-content-type="text/plain" data-file-size="{document.file.size}">the file</a>.</p>'
    )


def test_embedded_images_become_renditions_with_size_and_alt(api, playbook_tree):
    image = make_image("Team photo")
    html = why_it_matters(
        api,
        playbook_tree,
        f'<embed embedtype="image" id="{image.pk}" format="left" alt="A team at work"/>',
    )
    assert html.startswith('<img src="/media/images/')
    assert 'width="500" height="375"' in html  # the "left" format is width-500
    assert 'alt="A team at work"' in html
    assert 'class="richtext-image left"' in html  # Wagtail's class for the format


def test_other_markup_is_kept_and_unknown_links_lose_only_the_tag(api, playbook_tree):
    html = why_it_matters(
        api,
        playbook_tree,
        '<p><a href="https://example.org/x">out</a> <a href="mailto:a@b.org">mail</a> '
        '<a linktype="mystery" id="1">odd</a></p><ul><li><i>kept</i></li></ul>',
    )
    assert html == (
        '<p><a href="https://example.org/x">out</a> <a href="mailto:a@b.org">mail</a> '
        "odd</p><ul><li><i>kept</i></li></ul>"
    )


def test_rich_text_inside_stream_blocks_is_resolved_too(api, rich_tree):
    step = api.json("/api/v1/tools/tool-1/")["how_to"][0]["value"]
    case = rich_tree.case_study
    assert f'href="/playbook/case-studies/case-1/" data-page-id="{case.pk}"' in step["instructions"]
