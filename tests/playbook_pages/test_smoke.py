from playbook_pages.models import ChallengePage


def test_tree_fixture_stores_solutions_in_the_database(playbook_tree):
    challenge = ChallengePage.objects.get(pk=playbook_tree.challenges[0].pk)
    assert [s.page.specific_class.__name__ for s in challenge.solutions.all()] == [
        "ToolPage",
        "CaseStudyPage",
        "ExternalResourcePage",
        "AlliancePublicationPage",
    ]
