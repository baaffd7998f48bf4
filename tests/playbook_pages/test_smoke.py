def test_tree_builds(playbook_tree):
    assert playbook_tree.challenges[0].solutions.count() == 4
