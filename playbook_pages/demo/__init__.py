"""Demo content for ``manage.py load_demo_content``.

The content lives in plain Python data modules (``playbook``, ``tools``, ``cases``,
``resources``, ``alliance``, ``organisations``); ``files`` generates the templates,
publication files and images they refer to; ``builder`` turns it all into pages.
Facts come from the design card ``domain-facts.md``; the prose is written for this
project. Anything uncertain or invented (tool names, case-study organisations, some
co-leads and dates) is labelled as an example in the content itself.
"""
