"""A request reads stored representations: a fixed, small number of queries.

Each test builds the same shape of content small and large and counts the queries
of one request after a warm-up (which builds the store and caches the site): a
detail is one indexed read, an unfiltered list its page of stored items with their
total in one statement, a filtered list its count and then its page, search the
backend's hits and their stored cards; the same for 5 and 20
(no count may grow with the content).
"""

import pytest
from django.db import connection

from tests.api.test_queries import make_case_studies, make_tools, shared  # noqa: F401

pytestmark = pytest.mark.django_db

DETAIL_QUERIES = 1
LIST_QUERIES = 1  # the page of stored items and the total (a window count)
FILTERED_LIST_QUERIES = 2  # count, then the page of ids with their stored items
# PostgreSQL ranks and counts in one statement (api.ranking); then the stored cards.
SEARCH_QUERIES = {"sqlite": 3, "postgresql": 2}


def count_queries(api, url, django_assert_num_queries, expected):
    api.json(url)  # warm-up: the store is built, the site is looked up once
    with django_assert_num_queries(expected):
        return api.json(url)


@pytest.mark.parametrize("total", [5, 20])
def test_details_are_one_read(api, playbook_tree, shared, total, django_assert_num_queries):  # noqa: F811
    make_tools(playbook_tree, shared, total)
    make_case_studies(playbook_tree, shared, total)
    for url in [
        "/api/v1/playbooks/playbook/",
        "/api/v1/challenges/challenge-1/",
        "/api/v1/challenges/challenge-2/",
        "/api/v1/tools/tool-1/",
        f"/api/v1/pages/{playbook_tree.tools[0].pk}/",
        "/api/v1/pages/?path=/playbook/tools/tool-1/",
    ]:
        count_queries(api, url, django_assert_num_queries, DETAIL_QUERIES)


@pytest.mark.parametrize("total", [5, 20])
def test_lists(api, playbook_tree, shared, total, django_assert_num_queries):  # noqa: F811
    make_tools(playbook_tree, shared, total)
    make_case_studies(playbook_tree, shared, total)
    data = count_queries(
        api, "/api/v1/tools/?page_size=50", django_assert_num_queries, LIST_QUERIES
    )
    assert len(data["results"]) == min(total, 50)
    count_queries(
        api, "/api/v1/case-studies/?page_size=50", django_assert_num_queries, LIST_QUERIES
    )
    data = count_queries(
        api,
        "/api/v1/tools/?page_size=50&type=template,worksheet,framework,checklist,guide,exercise",
        django_assert_num_queries,
        FILTERED_LIST_QUERIES,
    )
    assert len(data["results"]) == min(total, 50)


@pytest.mark.parametrize("total", [5, 20])
def test_search(api, playbook_tree, shared, total, django_assert_num_queries, settings):  # noqa: F811
    # The search itself: a kept answer is reused without a query (tests/api/test_answers.py).
    settings.API_REUSE_ANSWERS = False
    make_tools(playbook_tree, shared, total)
    make_case_studies(playbook_tree, shared, total)
    data = count_queries(
        api,
        "/api/v1/search/?q=tool&page_size=100&type=tool,case_study",
        django_assert_num_queries,
        SEARCH_QUERIES[connection.vendor],
    )
    assert {hit["type"] for hit in data["results"]} == {"tool", "case_study"}
    assert data["count"] >= total
