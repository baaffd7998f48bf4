"""The dynamic learning playbook: home page, front matter and its four challenges.

Facts (origin, partners, building blocks, the four reading steps, the Bridgespan
survey, Daniel H. Kim's article) come from the design card; the wording is ours.
The exact wording of each challenge is not known, so the challenges below are our
own phrasing of the four building blocks. Solutions point at other demo pages by
``(kind, slug)``: kind is ``tool``, ``case``, ``resource`` or ``publication``.
"""

import datetime

from playbook_pages.demo import palette
from playbook_pages.demo.stream import (
    callout,
    heading,
    paragraph,
    questions,
    quote,
    term,
    titled,
    usage_step,
)

HOME = {
    "title": "Learning playbooks knowledge hub",
    "slug": "home",
    "summary": "Practical guides that help organisations learn on purpose, and the "
    "communities of practice that produce them.",
    "intro": "<p>This hub gathers playbooks for <b>intentional learning</b>: tools, case "
    "studies and resources that help teams turn experience into better decisions. It "
    "also records the work of a community of practice, the Practical Impact Alliance, "
    "whose learning labs turned members' experience into public toolkits.</p>"
    "<p>Start with the Dynamic Learning Playbook if you want to improve how your own "
    "organisation learns; browse the alliance if you are looking for co-design, "
    "partnership and scaling tools.</p>",
}

KIM_ARTICLE_URL = (
    "https://sloanreview.mit.edu/article/the-link-between-individual-and-organizational-learning/"
)

PLAYBOOK = {
    "title": "Dynamic Learning Playbook",
    "slug": "dynamic-learning-playbook",
    "subtitle": "Intentional learning practices to achieve social impact",
    "summary": "How organisations working for social impact can learn on purpose: four "
    "common challenges, and the tools, cases and resources that help with each.",
    "intro": "<p>Every organisation learns something from its work. Far fewer decide "
    "<i>what</i> they want to learn, make time for it and change course because of "
    "it. This playbook is for managers, programme teams and learning staff in "
    "organisations that want to close that gap.</p>"
    "<p>It is organised around four building blocks of intentional learning. For each "
    "one it names a challenge many teams recognise, explains why it matters and offers "
    "solutions you can try next week: practical tools with step-by-step guides and "
    "templates, stories from partners who tried them, and further reading.</p>",
    "publisher": "raf-lab",
    "contributors": [
        "dalberg-design",
        "agra",
        "caribou",
        "icco",
        "kcb",
        "kiva",
        "frp",
        "one-acre-fund",
    ],
    "edition_date": datetime.date(2019, 4, 1),
    "contact_email": "playbook-team@example.org",
    "how_to_use": [
        usage_step(
            "Reflect",
            "Read the four challenges and their questions. Note where learning stalls "
            "in your organisation today.",
        ),
        usage_step(
            "Consider",
            "For the challenges that matter most, read why they matter and use the "
            "design principles to judge which solutions fit.",
        ),
        usage_step(
            "Explore",
            "Open the linked tools, case studies and resources. Each tool has a how-to "
            "guide; many have a template to adapt.",
        ),
        usage_step(
            "Apply",
            "Try one tool with one team within a month, review how it went and share what worked.",
        ),
    ],
    "background": [
        heading("Where this playbook comes from"),
        paragraph(
            "<p>From 2016 the Mastercard Foundation Rural and Agricultural Finance "
            "Learning Lab gathered lessons from its partners the usual way: it read "
            "their reports and interviewed their staff, then wrote up what it found. "
            "Partners told the Lab that the process took a lot of their time, and the "
            "insights reached them too late to change anything.</p>"
            "<p>So the Lab changed its approach. Instead of extracting lessons, it set "
            "out to help partners capture, analyse and synthesise insights themselves, "
            "as part of their everyday work. Over six months the Lab and Dalberg Design "
            "co-designed solutions with partners, and three partners piloted them. "
            "This playbook, announced in April 2019 and later also published as an "
            "interactive website, collects what came out of that work.</p>"
        ),
        heading("What we mean by intentional learning"),
        paragraph(
            "<p>Intentional learning is learning with a purpose and a route to action. "
            "It has goals that tell people what is worth learning, and systems that "
            "turn what they learn into decisions in line with the organisation's "
            "objectives. It is the opposite of hoping that lessons will surface by "
            "themselves.</p>"
        ),
        quote(
            "Organisations learn whether or not they set out to; the choice they have "
            "is whether that learning is deliberate.",
            attribution="Paraphrasing Daniel H. Kim",
            source="The link between individual and organizational learning, "
            "MIT Sloan Management Review",
            source_url=KIM_ARTICLE_URL,
        ),
        heading("Four building blocks"),
        paragraph(
            "<p>The playbook rests on four building blocks. Each has a challenge that "
            "partners met again and again:</p>"
            "<ol><li><b>Supportive leadership</b>: leaders who ask for lessons, not only "
            "for results, and protect time and money for learning.</li>"
            "<li><b>Learning culture</b>: a climate where people can admit doubt and "
            "failure and are curious about why things happen.</li>"
            "<li><b>Defined learning structures</b>: clear learning goals, roles, "
            "routines and budgets, so learning does not depend on goodwill.</li>"
            "<li><b>Intuitive knowledge processes</b>: simple ways to capture, analyse "
            "and share insights that fit how people already work.</li></ol>"
        ),
        heading("Why learning stalls"),
        paragraph(
            "<p>A 2010 survey of 116 non-profits by the Bridgespan Group found three "
            "barriers that keep organisations from learning: no clear and measurable "
            "goals to learn against, weak incentives to do it, and uncertainty about "
            "how to capture and share what has been learned. Each of the four "
            "challenges in this playbook touches at least one of those barriers.</p>"
        ),
        callout(
            "<p>The tools in this demo have invented names, such as the learning agenda "
            "canvas or the insight log. They are illustrative examples of the kinds of "
            "tools the playbook offers, not the original tools. The case studies are "
            "composites about invented organisations, marked “(example)”, because the "
            "partners who piloted the tools are not named in our sources.</p>",
            title="About the tools and case studies in this demo",
            kind="note",
        ),
        heading("Who helped"),
        paragraph(
            "<p>The content was developed with AGRA, Caribou Digital, ICCO Cooperation, "
            "Kenya Commercial Bank, Kiva, the Mastercard Foundation Fund for Rural "
            "Prosperity and One Acre Fund. AgDevCo took part in a webinar that "
            "introduced the playbook.</p>"
        ),
    ],
    "glossary": [
        term(
            "Intentional learning",
            "Learning guided by goals and backed by systems that turn it into action "
            "consistent with the organisation's objectives.",
        ),
        term(
            "Learning agenda",
            "A short list of the questions an organisation most needs answered in a "
            "given period, each tied to a decision and an owner.",
        ),
        term(
            "Learning question",
            "A specific question the team can answer within the period and whose "
            "answer would change what it does.",
        ),
        term(
            "Insight",
            "Something the team now believes about its clients, partners or work that "
            "it did not believe before, and that could change a decision.",
        ),
        term(
            "After-action review",
            "A short, structured conversation after an activity that compares what was "
            "planned with what happened and agrees what to do differently.",
        ),
        term(
            "Pause and reflect",
            "A planned break from delivery in which a team steps back to look at "
            "evidence and decide whether to adjust course.",
        ),
        term(
            "Sense-making",
            "Working through a set of observations together until the group agrees "
            "what they mean and what follows from them.",
        ),
        term(
            "Psychological safety",
            "The shared belief in a team that people will not be punished or mocked "
            "for raising doubts, questions or mistakes.",
        ),
        term(
            "Partner-led learning",
            "An approach in which partners capture and analyse their own insights, "
            "rather than an outside team extracting lessons from them.",
        ),
        term(
            "Adaptive management",
            "Running a programme so that evidence gathered along the way can change "
            "its plans, budgets and targets.",
        ),
    ],
}

INDEXES = {
    "tools": {
        "title": "Tools",
        "slug": "tools",
        "summary": "Practical tools with step-by-step guides; many come with a template.",
        "intro": "<p>Each tool has a how-to guide that says who takes part, how long it "
        "takes and what comes out. Templates can be downloaded and adapted. The tool "
        "names in this demo are illustrative examples.</p>",
    },
    "cases": {
        "title": "Case studies",
        "slug": "case-studies",
        "summary": "How organisations tried the tools, and what they learned.",
        "intro": "<p>Stories of teams that tried a tool: the situation, what they did, "
        "what changed and what they would tell you. The organisations in this demo are "
        "invented composites, marked “(example)”.</p>",
    },
    "resources": {
        "title": "Resources",
        "slug": "resources",
        "summary": "Articles, reports and toolkits from leaders in the field.",
        "intro": "<p>Further reading from researchers and practitioners who have "
        "thought hard about how organisations learn. Each entry says why it is worth "
        "your time.</p>",
    },
}

CHALLENGES = [
    {
        "slug": "supportive-leadership",
        "title": "Leaders ask for results, not for lessons",
        "element_name": "Supportive leadership",
        "colour": palette.TEAL,
        "icon": "leadership",
        "image_variant": 0,
        "summary": "When leaders only ask about targets, teams learn that learning is "
        "optional. Leaders set the tone by what they ask, fund and model.",
        "challenge_statement": "Our leaders say learning matters, but in meetings they "
        "ask about targets and spending, not about what we found out. Nobody has the "
        "time or the mandate to learn, so it keeps slipping down the list.",
        "reflection_questions": questions(
            "When did a senior leader last ask your team what it had learned?",
            "Is there a budget line or protected time for learning in your plans?",
            "Can you name a decision this year that changed because of evidence?",
            "Do leaders share their own mistakes, or only their successes?",
        ),
        "why_it_matters": "<p>People watch what their leaders pay attention to. If "
        "reviews only cover numbers, staff conclude that reflection is a luxury and drop "
        "it the moment a deadline looms. A learning effort without a visible sponsor "
        "rarely outlives the person who started it.</p>"
        "<p>When leaders ask for lessons, protect time for them and act on them, "
        "learning stops being extra work and becomes part of how performance is "
        "judged.</p>",
        "design_principles": titled(
            "principle",
            (
                "Ask, do not announce",
                "A regular question from a leader does more than a policy on learning.",
            ),
            (
                "Protect time and money",
                "Learning needs a line in the budget and a slot in the calendar that "
                "survive a busy quarter.",
            ),
            (
                "Close the loop visibly",
                "When a lesson changes a decision, say so, so that people see learning pays off.",
            ),
        ),
        "solutions": [
            (
                "tool",
                "leadership-learning-commitment",
                "Start here: a one-page agreement that makes a leader's support concrete.",
            ),
            (
                "tool",
                "learning-questions-for-reviews",
                "Small change, big signal: add learning questions to meetings that exist.",
            ),
            ("tool", "learning-agenda-canvas", "Gives leaders a short list of questions to back."),
            (
                "case",
                "tumaini-leaders-ask-what-we-learned",
                "A lender whose managing director changed one agenda item.",
            ),
            (
                "resource",
                "is-yours-a-learning-organization",
                "Explains why leadership behaviour is one of three building blocks.",
            ),
            (
                "publication",
                "pia-theory-of-change",
                "How an alliance of leaders framed the change they wanted to see.",
            ),
        ],
    },
    {
        "slug": "learning-culture",
        "title": "It does not feel safe to say what went wrong",
        "element_name": "Learning culture",
        "colour": palette.TERRACOTTA,
        "icon": "culture",
        "image_variant": 1,
        "summary": "If admitting a mistake feels risky, problems surface late and lessons "
        "are lost. A learning culture makes doubt and curiosity normal.",
        "challenge_statement": "People keep problems to themselves until they cannot be "
        "hidden any more. Reports describe successes; the failures we could learn most "
        "from are discussed in corridors, if at all.",
        "reflection_questions": questions(
            "Would a junior colleague tell you that your idea will not work?",
            "What happens to the person who reports a failed pilot?",
            "How often do surprising results lead to a conversation rather than an explanation?",
            "Do field staff and head office hear the same stories?",
        ),
        "why_it_matters": "<p>The most useful lessons often come from what did not go "
        "to plan, but those are exactly the stories people hide when they fear blame. "
        "In organisations that serve rural clients, field staff see problems first; if "
        "they do not feel safe to speak, head office learns late and at a higher "
        "cost.</p><p>A learning culture does not mean accepting poor work. It means "
        "treating errors as information and asking why before asking who.</p>",
        "design_principles": titled(
            "principle",
            (
                "Separate learning from judging",
                "Keep reviews that look for lessons apart from appraisals that rate people.",
            ),
            (
                "Make the first story a leader's",
                "When a senior person shares a mistake first, others follow.",
            ),
            (
                "Reward early warnings",
                "Thank people who raise problems early, even when the news is bad.",
            ),
        ),
        "solutions": [
            (
                "tool",
                "learning-culture-pulse-check",
                "Measure the climate anonymously before you try to change it.",
            ),
            (
                "tool",
                "safe-to-fail-story-circle",
                "A structured way to talk about failure without blame.",
            ),
            ("tool", "after-action-review", "Ground rules that keep reviews about the work."),
            (
                "case",
                "kafue-agro-dealers-talk-about-failure",
                "An input network where shop owners began to share what went wrong.",
            ),
            (
                "resource",
                "strategies-for-learning-from-failure",
                "Why not all failures are equal, and what to do about each kind.",
            ),
            (
                "resource",
                "understanding-team-effectiveness",
                "Practical guidance on building psychological safety in teams.",
            ),
            (
                "publication",
                "fostering-effective-co-design-in-the-bop",
                "Listening to users as equals starts with the same humility.",
            ),
        ],
    },
    {
        "slug": "defined-learning-structures",
        "title": "Learning happens by chance, not by design",
        "element_name": "Defined learning structures",
        "colour": palette.LEAF_GREEN,
        "icon": "structure",
        "image_variant": 2,
        "summary": "Without learning goals, roles and routines, learning depends on "
        "goodwill and disappears when people are busy.",
        "challenge_statement": "We learn when someone happens to have the time and the "
        "interest. There are no agreed learning questions, nobody is clearly "
        "responsible, and reflection is the first thing cut when work piles up.",
        "reflection_questions": questions(
            "Could your team write down its three most important learning questions?",
            "Who is responsible for making sure lessons are captured and used?",
            "Which regular meetings include time to reflect?",
            "What happens to learning plans when a deadline moves?",
        ),
        "why_it_matters": "<p>Good intentions do not survive a busy quarter. The "
        "Bridgespan survey cited in the background found that a lack of clear, "
        "measurable goals is one of the main barriers to learning in non-profits. "
        "Structures give learning a place: questions worth answering, people who own "
        "them, moments in the calendar and a modest budget.</p>"
        "<p>Structure does not have to mean bureaucracy. The lightest version is a "
        "one-page agenda, a named owner and a few dates that everyone knows.</p>",
        "design_principles": titled(
            "principle",
            (
                "Few questions, tied to decisions",
                "Three to five questions that feed decisions beat a long wish-list.",
            ),
            (
                "Use the meetings you already have",
                "Add learning to existing planning and review moments before creating new ones.",
            ),
            (
                "Name an owner for each question",
                "Shared responsibility for learning usually means nobody's responsibility.",
            ),
        ),
        "solutions": [
            (
                "tool",
                "learning-agenda-canvas",
                "The core tool for this challenge: questions, owners and decisions on one page.",
            ),
            (
                "tool",
                "learning-moments-calendar",
                "Plan a year of learning moments around meetings that already exist.",
            ),
            (
                "tool",
                "learning-roles-map",
                "Make clear who asks, who gathers, who decides and who shares.",
            ),
            ("tool", "pause-and-reflect-session", "A regular, planned moment to adjust course."),
            (
                "case",
                "mavuno-learning-agenda",
                "A farmer-support organisation that cut its questions from twenty to four.",
            ),
            (
                "case",
                "savannah-union-learning-calendar",
                "A cooperative union that tied learning to its crop calendar.",
            ),
            (
                "resource",
                "usaid-cla-toolkit",
                "A public toolkit full of ideas for learning routines and roles.",
            ),
            (
                "publication",
                "the-metrics-cafe",
                "A convivial format for agreeing what to measure, from the alliance.",
            ),
        ],
    },
    {
        "slug": "intuitive-knowledge-processes",
        "title": "Insights are captured but never used",
        "element_name": "Intuitive knowledge processes",
        "colour": palette.VIOLET,
        "icon": "process",
        "image_variant": 3,
        "summary": "Capturing lessons is often slow and separate from daily work, so "
        "insights arrive too late. Simple processes put them in front of decision-"
        "makers in time.",
        "challenge_statement": "We write long reports that few people read, and by the "
        "time lessons are written up the decisions have already been taken. Capturing "
        "and sharing what we know feels like extra work on top of the real job.",
        "reflection_questions": questions(
            "How long does it take for a lesson from the field to reach a decision-maker?",
            "Where would a new colleague find what the team learned last year?",
            "Which learning products did anyone actually use in the last six months?",
            "Do partners get anything back from the information they give you?",
        ),
        "why_it_matters": "<p>The playbook itself began with this challenge: partners "
        "found that lessons gathered through document reviews and interviews were "
        "onerous to produce and arrived too late to act on. Processes that are slow or "
        "foreign to daily work get skipped, and insights that arrive after a decision "
        "are wasted.</p><p>Intuitive processes are light enough to use in the flow of "
        "work and deliver insights in a form and at a time that fits the decision they "
        "serve.</p>",
        "design_principles": titled(
            "principle",
            ("Capture close to the work", "Log insights when and where they appear."),
            (
                "Short beats complete",
                "Two pages read by the right person beat fifty pages read by nobody.",
            ),
            (
                "Give back to those who gave",
                "Share findings with the partners and staff who supplied the evidence.",
            ),
        ),
        "solutions": [
            ("tool", "insight-log", "A shared spreadsheet that keeps insights moving."),
            (
                "tool",
                "learning-brief",
                "Turn one insight into two pages a director will read.",
            ),
            (
                "tool",
                "sense-making-workshop",
                "Work through a pile of findings together and agree what they mean.",
            ),
            (
                "tool",
                "partner-learning-conversation",
                "Help partners analyse their own experience instead of extracting it.",
            ),
            (
                "case",
                "kijani-insight-log",
                "A payments company that cut the time from field insight to decision.",
            ),
            (
                "case",
                "imbuto-sense-making",
                "An insurer that made sense of claims data with its partners.",
            ),
            (
                "resource",
                "tools-for-knowledge-and-learning",
                "A classic collection of knowledge-sharing tools for development work.",
            ),
            (
                "publication",
                "ready-steady-scale",
                "A checklist that turns pilot lessons into a decision about scale.",
            ),
        ],
    },
]
