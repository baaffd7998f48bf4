"""External resources: well-known publications on organisational learning.

Titles, authors, publishers and years are those of the real publications; the
summaries and the "why read it" notes are written for this playbook and do not quote
the works. Where the year of an online toolkit is unclear it is left empty.
"""

RESOURCES = [
    {
        "slug": "link-between-individual-and-organizational-learning",
        "title": "The link between individual and organizational learning",
        "url": "https://sloanreview.mit.edu/article/the-link-between-individual-and-"
        "organizational-learning/",
        "publisher": "MIT Sloan Management Review",
        "author": "Daniel H. Kim",
        "format": "article",
        "year": 1993,
        "summary": "A classic article on how what individuals learn becomes, or fails "
        "to become, something the whole organisation knows and acts on.",
        "why_read": "<p>It gives the idea behind this playbook's title: all "
        "organisations learn, so the real question is whether they do it deliberately. "
        "Read it for the distinction between individual mental models and the shared "
        "ones that shape an organisation's decisions.</p>",
        "themes": ["intentional-learning"],
    },
    {
        "slug": "challenge-of-organizational-learning",
        "title": "The challenge of organizational learning",
        "url": "https://ssir.org/articles/entry/the_challenge_of_organizational_learning",
        "publisher": "Stanford Social Innovation Review",
        "author": "Katie Smith Milway and Amy Saxton",
        "format": "article",
        "year": 2011,
        "summary": "Two Bridgespan Group authors look at why non-profits find it hard to "
        "learn from their own work and what the organisations that manage it do "
        "differently.",
        "why_read": "<p>It draws on the Bridgespan Group's research with non-profit "
        "leaders, the source of the three barriers this playbook cites: unclear goals, "
        "weak incentives and uncertainty about how to capture and share knowledge.</p>",
        "themes": ["intentional-learning", "learning-structures"],
    },
    {
        "slug": "is-yours-a-learning-organization",
        "title": "Is yours a learning organization?",
        "url": "https://hbr.org/2008/03/is-yours-a-learning-organization",
        "publisher": "Harvard Business Review",
        "author": "David A. Garvin, Amy C. Edmondson and Francesca Gino",
        "format": "article",
        "year": 2008,
        "summary": "Describes three building blocks of a learning organisation, a "
        "supportive environment, concrete learning processes and leadership that "
        "reinforces learning, with a diagnostic to score your own.",
        "why_read": "<p>Its building blocks map closely onto this playbook's four. "
        "Use the diagnostic alongside the learning culture pulse check if you want a "
        "fuller picture.</p>",
        "themes": ["leadership", "learning-culture", "learning-structures"],
    },
    {
        "slug": "building-a-learning-organization",
        "title": "Building a learning organization",
        "url": "https://hbr.org/1993/07/building-a-learning-organization",
        "publisher": "Harvard Business Review",
        "author": "David A. Garvin",
        "format": "article",
        "year": 1993,
        "summary": "An early, practical attempt to move the learning organisation from "
        "inspiring idea to everyday management practice.",
        "why_read": "<p>Read it for its insistence that learning must be managed and "
        "measured like any other activity, a useful counterweight to vaguer writing "
        "on the subject.</p>",
        "themes": ["intentional-learning", "knowledge-processes"],
    },
    {
        "slug": "teaching-smart-people-how-to-learn",
        "title": "Teaching smart people how to learn",
        "url": "https://hbr.org/1991/05/teaching-smart-people-how-to-learn",
        "publisher": "Harvard Business Review",
        "author": "Chris Argyris",
        "format": "article",
        "year": 1991,
        "summary": "Explains why capable professionals are often poor at learning from "
        "their own mistakes, and how defensive reasoning blocks the deeper kind of "
        "learning that questions assumptions.",
        "why_read": "<p>Essential if your organisation is full of experts. It explains "
        "why after-action reviews and story circles need ground rules, and why leaders "
        "must go first.</p>",
        "themes": ["learning-culture", "leadership"],
    },
    {
        "slug": "strategies-for-learning-from-failure",
        "title": "Strategies for learning from failure",
        "url": "https://hbr.org/2011/04/strategies-for-learning-from-failure",
        "publisher": "Harvard Business Review",
        "author": "Amy C. Edmondson",
        "format": "article",
        "year": 2011,
        "summary": "Argues that failures differ in kind, from preventable slips to the "
        "intelligent failures of well-designed experiments, and that each calls for a "
        "different response.",
        "why_read": "<p>A clear way to talk about failure without either excusing or "
        "punishing it. Useful background for anyone facilitating the safe-to-fail story "
        "circle.</p>",
        "themes": ["learning-culture"],
    },
    {
        "slug": "psychological-safety-and-learning-behavior",
        "title": "Psychological safety and learning behavior in work teams",
        "url": "https://journals.sagepub.com/doi/10.2307/2666999",
        "publisher": "Administrative Science Quarterly",
        "author": "Amy C. Edmondson",
        "format": "article",
        "year": 1999,
        "summary": "The research study that introduced psychological safety as a team "
        "property and linked it to learning behaviour and performance.",
        "why_read": "<p>The academic foundation under much of today's advice on "
        "learning culture. Read the introduction and discussion if the full study is "
        "more than you need.</p>",
        "themes": ["learning-culture"],
    },
    {
        "slug": "understanding-team-effectiveness",
        "title": "Guide: understand team effectiveness",
        "url": "https://rework.withgoogle.com/guides/understanding-team-effectiveness/",
        "publisher": "Google re:Work",
        "author": "",
        "format": "toolkit",
        "year": 2015,
        "summary": "A practical guide based on Google's research into what makes teams "
        "effective, in which psychological safety came out as the most important "
        "factor.",
        "why_read": "<p>Short, practical and full of discussion prompts that managers "
        "can use with their teams straight away.</p>",
        "themes": ["learning-culture", "leadership"],
    },
    {
        "slug": "usaid-cla-toolkit",
        "title": "Collaborating, Learning and Adapting (CLA) toolkit",
        "url": "https://usaidlearninglab.org/cla-toolkit",
        "publisher": "USAID Learning Lab",
        "author": "",
        "format": "toolkit",
        "year": None,
        "summary": "USAID's online toolkit for building collaboration, learning and "
        "adaptive management into development programmes, with guidance, templates "
        "and examples.",
        "why_read": "<p>A large, free collection of practical material. Start with the "
        "sections on pause-and-reflect and on learning agendas, which complement the "
        "tools in this playbook.</p>",
        "themes": ["learning-structures", "knowledge-processes"],
    },
    {
        "slug": "tools-for-knowledge-and-learning",
        "title": "Tools for knowledge and learning: a guide for development and "
        "humanitarian organisations",
        "url": "https://odi.org/en/publications/tools-for-knowledge-and-learning-a-guide-"
        "for-development-and-humanitarian-organisations/",
        "publisher": "Overseas Development Institute (ODI)",
        "author": "Ben Ramalingam",
        "format": "toolkit",
        "year": 2006,
        "summary": "A compact guide to dozens of knowledge and learning tools, from "
        "after-action reviews to communities of practice, written for aid agencies.",
        "why_read": "<p>Still one of the best single collections of knowledge tools for "
        "the sector. Use it to find alternatives when a tool in this playbook does not "
        "fit your context.</p>",
        "themes": ["knowledge-processes"],
    },
]
