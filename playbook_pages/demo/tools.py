"""The playbook's tools, each with a how-to guide and, where it has one, a template.

The tool names are invented examples (the sources do not give them); ``name_note``
tells the builder which note to add to each introduction. ``templates`` lists keys of
``files.TEMPLATE_FILES``; ``source`` is a key of ``organisations.ORGANISATIONS``.
"""

from playbook_pages.demo import palette
from playbook_pages.demo.stream import callout, checklist, step

EXAMPLE_NOTE = (
    "<p><i>Illustrative example: this tool's name and guide were written for the demo "
    "content, after the kinds of tools the playbook offers.</i></p>"
)
METHOD_NOTE = (
    "<p><i>The method is widely used and described in public toolkits; this guide was "
    "written for the demo content.</i></p>"
)

# The main images are banners in the challenges' colours, in turn.
TOOL_COLOURS = palette.CHALLENGE_COLOURS

TOOLS = [
    {
        "slug": "learning-agenda-canvas",
        "title": "Learning agenda canvas",
        "summary": "A one-page canvas for agreeing the three to five questions your team "
        "most needs answered this year, who owns each and which decision it feeds.",
        "tool_type": "template",
        "origin": "playbook_team",
        "time_needed": "Half a day, then 30 minutes each quarter",
        "participants": "A team leader, four to eight team members and a facilitator",
        "themes": ["intentional-learning", "learning-structures", "leadership"],
        "tags": ["learning agenda", "planning", "learning questions"],
        "introduction": "<p>Most teams have more questions than time. The canvas forces "
        "a choice: a handful of learning questions, each tied to a decision that is "
        "coming up, with an owner and a date. It is the backbone of intentional "
        "learning, because every other tool in this playbook is easier to use once the "
        "questions are agreed.</p><p>Use it at the start of a planning cycle or when a "
        "programme enters a new phase.</p>",
        "how_to": [
            step(
                "List the decisions coming up",
                "<p>Before the session, ask the team leader to list the decisions the "
                "team or its leaders will take in the next six to twelve months: "
                "products to launch or drop, regions to enter, partners to renew. Write "
                "each on a card.</p>",
                "30 minutes of preparation",
                "If nobody can name a decision, the learning agenda is premature. Start "
                "with the leadership learning commitment instead.",
            ),
            step(
                "Brainstorm questions",
                "<p>In the session, give everyone ten minutes to write questions, one per "
                "sticky note, that would help with those decisions. Cluster similar "
                "questions on the wall.</p>",
                "30 minutes",
            ),
            step(
                "Choose three to five",
                "<p>Each person gets three votes. Discuss the top questions against two "
                "tests: would the answer change a decision, and can we answer it in time? "
                "Rewrite the winners so that they are specific.</p>",
                "45 minutes",
                "A sharp question names who, what and where: not 'Why do clients leave?' "
                "but 'Why do a third of first-time borrowers in the north not take a "
                "second loan?'",
            ),
            step(
                "Fill in the canvas",
                "<p>For each chosen question, complete the canvas row: what you already "
                "know, how you will find out, who owns it and by when. Agree where the "
                "answers will be discussed.</p>",
                "45 minutes",
            ),
            step(
                "Review every quarter",
                "<p>Put a 30-minute review in the calendar each quarter. Mark questions "
                "answered, drop ones that no longer matter and add new ones. Record "
                "which decisions the answers changed.</p>",
                "30 minutes a quarter",
            ),
            checklist(
                [
                    "Every question is tied to a named decision",
                    "Every question has one owner, not a team",
                    "The answer is due before the decision is taken",
                    "The team knows where the canvas is kept",
                ],
                title="Before you close the session",
            ),
        ],
        "templates": [
            (
                "learning-agenda-canvas",
                "Word canvas with the five sections and an example row.",
            )
        ],
    },
    {
        "slug": "leadership-learning-commitment",
        "title": "Leadership learning commitment",
        "summary": "A one-page agreement in which a leader commits to the questions they "
        "will ask, the time and money they will protect and how they will show that "
        "learning counts.",
        "tool_type": "worksheet",
        "origin": "playbook_team",
        "time_needed": "90 minutes, then a 30-minute check after three months",
        "participants": "One leader and the team that reports to them",
        "themes": ["leadership", "intentional-learning"],
        "tags": ["leadership", "commitment", "incentives"],
        "introduction": "<p>Support for learning is easy to express and easy to forget. "
        "This worksheet turns it into a few visible promises that the team helps to "
        "write and can hold the leader to. It addresses the weak incentives that keep "
        "many organisations from learning.</p>",
        "how_to": [
            step(
                "Ask the team what support looks like",
                "<p>Start the session with one question to the team: 'What would you see "
                "me do differently if I really cared about learning?' Collect answers "
                "without comment.</p>",
                "20 minutes",
                "Leave the room for ten minutes so that people can write freely, then "
                "read the answers together.",
            ),
            step(
                "Pick the questions for every review",
                "<p>Agree two questions the leader will ask in every progress review "
                "alongside the usual numbers, such as 'What surprised us?' and 'What will "
                "we do differently?'</p>",
                "20 minutes",
            ),
            step(
                "Protect time and money",
                "<p>Name the meetings, days or budget lines that will not be cut when "
                "deadlines press, and how much they are worth.</p>",
                "20 minutes",
            ),
            step(
                "Choose how to show it",
                "<p>Agree one or two visible acts: sharing a mistake each quarter, "
                "mentioning a lesson in the board report, thanking people who raise "
                "problems early.</p>",
                "15 minutes",
            ),
            step(
                "Sign and review",
                "<p>The leader and one team member sign the sheet. Book a review in "
                "three months to check what happened.</p>",
                "15 minutes",
            ),
            callout(
                "<p>Keep the promises small enough to keep. A leader who commits to one "
                "question and asks it every time does more good than one who commits to "
                "ten and forgets.</p>",
                title="Watch out",
                kind="warning",
            ),
        ],
        "templates": [
            (
                "leadership-learning-commitment",
                "A printable PDF worksheet with space for each commitment.",
            )
        ],
    },
    {
        "slug": "learning-questions-for-reviews",
        "title": "Learning questions for everyday reviews",
        "summary": "A short checklist of questions leaders add to the meetings they "
        "already chair, so that every review asks what was learned as well as what was "
        "achieved.",
        "tool_type": "checklist",
        "origin": "playbook_team",
        "time_needed": "10 minutes in each existing meeting",
        "participants": "Anyone who chairs a regular review or management meeting",
        "themes": ["leadership", "learning-culture"],
        "tags": ["meetings", "leadership", "questions"],
        "introduction": "<p>The cheapest learning structure is a question asked in a "
        "meeting that already happens. This checklist offers questions for monthly "
        "reviews, project close-outs and board meetings. Pick two, ask them every time "
        "and let people know in advance that you will.</p>",
        "how_to": [
            step(
                "Choose the meeting",
                "<p>Pick one recurring meeting you chair where results are discussed. "
                "Add a standing ten-minute item called 'What we learned'.</p>",
                "5 minutes",
            ),
            step(
                "Pick two questions",
                "<p>Choose two questions from the checklist below and tell participants "
                "a week ahead that you will ask them.</p>",
                "5 minutes",
            ),
            checklist(
                [
                    "What surprised us since we last met?",
                    "What did we expect to happen that did not?",
                    "What would we do differently if we started again?",
                    "Who else needs to know what we found out?",
                    "Which decision should this change?",
                ],
                title="Questions to choose from",
            ),
            step(
                "Ask, listen, note",
                "<p>Ask the questions, listen without defending earlier decisions and "
                "note the answers in the minutes under their own heading.</p>",
                "10 minutes per meeting",
                "Speak last. If the chair answers first, everyone else agrees.",
            ),
            step(
                "Follow up",
                "<p>At the next meeting, start the item by saying what happened to last "
                "time's lessons. This is what convinces people the questions are "
                "real.</p>",
                "2 minutes",
            ),
        ],
        "templates": [],
    },
    {
        "slug": "learning-culture-pulse-check",
        "title": "Learning culture pulse check",
        "summary": "Twelve anonymous statements that show how safe, curious and "
        "reflective your team feels, and where to start a conversation about it.",
        "tool_type": "worksheet",
        "origin": "playbook_team",
        "time_needed": "15 minutes to fill in, one hour to discuss",
        "participants": "A whole team of five to thirty people and a neutral facilitator",
        "themes": ["learning-culture"],
        "tags": ["culture", "survey", "psychological safety"],
        "introduction": "<p>Culture is hard to change if you cannot see it. The pulse "
        "check asks people to score twelve statements in four areas: safe to speak, "
        "curiosity, time to reflect and learning turned into action. The results are a "
        "starting point for a frank team conversation, not a league table.</p>",
        "how_to": [
            step(
                "Explain the purpose",
                "<p>Tell the team why you are doing it, that answers are anonymous and "
                "that results will be shared with everyone. Say what will not happen: "
                "nobody's scores will be used in appraisals.</p>",
                "5 minutes",
            ),
            step(
                "Score alone",
                "<p>Hand out the sheet or copy the statements into an online form. Each "
                "person scores every statement from 1 to 5 without discussing it.</p>",
                "15 minutes",
                "Online forms work better for teams spread across offices; paper works "
                "better in the field.",
            ),
            step(
                "Add up and chart",
                "<p>The facilitator adds up each area and charts the spread as well as "
                "the average. Areas below 9 out of 15 are where to start.</p>",
                "30 minutes",
            ),
            step(
                "Talk it through",
                "<p>Share the chart and use the three questions on the sheet. Close by "
                "agreeing one thing to try in the next month and who will watch it.</p>",
                "One hour",
            ),
            step(
                "Repeat in six months",
                "<p>Run the same check again to see whether anything moved.</p>",
                "15 minutes",
            ),
            callout(
                "<p>In small teams, anonymity is fragile. With fewer than five people, "
                "discuss the statements together instead of scoring them.</p>",
                title="Small teams",
                kind="note",
            ),
        ],
        "templates": [
            (
                "learning-culture-pulse-check",
                "Printable PDF with the twelve statements and scoring guidance.",
            )
        ],
    },
    {
        "slug": "safe-to-fail-story-circle",
        "title": "Safe-to-fail story circle",
        "summary": "A facilitated circle in which colleagues tell short stories about "
        "something that went wrong and what it taught them, following rules that keep "
        "blame out.",
        "tool_type": "exercise",
        "origin": "partner",
        "source": "kafue-agro",
        "time_needed": "75 minutes",
        "participants": "Six to twelve colleagues, including at least one leader",
        "themes": ["learning-culture"],
        "tags": ["failure", "storytelling", "culture"],
        "introduction": "<p>Stories about failure spread quickly in corridors and slowly "
        "in reports. The story circle gives them a proper place: a short, structured "
        "session where people tell what happened, what they learned and what they "
        "would like others to know. Leaders go first.</p>",
        "how_to": [
            step(
                "Set the ground rules",
                "<p>Open by reading three rules aloud: talk about the work, not about "
                "people; listen without fixing; what is said stays in the room unless "
                "the teller agrees to share it.</p>",
                "5 minutes",
            ),
            step(
                "A leader tells the first story",
                "<p>The most senior person present tells a five-minute story of "
                "something they got wrong: what they expected, what happened and what "
                "they do differently now.</p>",
                "10 minutes",
                "Rehearse the story beforehand. A polished success dressed up as a "
                "failure undermines the whole session.",
            ),
            step(
                "Round of stories",
                "<p>Three or four volunteers each tell a story in the same shape. After "
                "each one, listeners may ask only questions that start with 'what' or "
                "'how'.</p>",
                "40 minutes",
            ),
            step(
                "Harvest the lessons",
                "<p>Together, write one lesson per story on a card. Ask each teller "
                "whether the lesson may be shared beyond the room.</p>",
                "15 minutes",
            ),
            step(
                "Pass it on",
                "<p>Add the shareable lessons to the insight log and thank the tellers "
                "in public, for example in the next staff newsletter.</p>",
                "5 minutes",
            ),
        ],
        "templates": [],
    },
    {
        "slug": "after-action-review",
        "title": "After-action review",
        "summary": "A short, structured conversation straight after an activity that "
        "compares plan with reality and ends with actions somebody owns.",
        "tool_type": "guide",
        "origin": "external",
        "name_note": "method",
        "time_needed": "30 to 60 minutes",
        "participants": "Everyone who took part in the activity, and a facilitator who did not",
        "themes": ["knowledge-processes", "learning-culture", "learning-structures"],
        "tags": ["after-action review", "AAR", "reflection"],
        "introduction": "<p>The after-action review began in the armed forces and is now "
        "used by aid agencies, hospitals and businesses. Four questions compare what was "
        "meant to happen with what did, so that the next attempt goes better. Held "
        "within days of an activity, it captures lessons while memories are fresh and "
        "while they can still be used.</p>",
        "how_to": [
            step(
                "Book it before the activity ends",
                "<p>Put the review in diaries before the activity finishes, ideally "
                "within three working days of its end. Invite everyone who took part, "
                "including drivers, agents and partners.</p>",
                "5 minutes",
            ),
            step(
                "Agree the ground rules",
                "<p>The facilitator explains that the review is about the work, not "
                "about people, and that everyone will speak. The most senior person "
                "agrees to speak last.</p>",
                "5 minutes",
            ),
            step(
                "Work through the four questions",
                "<p>Ask in turn: What did we set out to do? What actually happened? Why "
                "was there a difference? What will we do differently next time? Write "
                "answers where everyone can see them.</p>",
                "20 to 40 minutes",
                "Spend most of the time on the third question. The first two are facts; "
                "the third is where the learning is.",
            ),
            step(
                "Turn lessons into actions",
                "<p>For each lesson, agree one action with an owner and a date, and who "
                "outside the room should hear about it.</p>",
                "10 minutes",
            ),
            step(
                "Share and follow up",
                "<p>Send the filled-in record to participants the same day, add key "
                "insights to the insight log and check the actions at the next team "
                "meeting.</p>",
                "15 minutes",
            ),
            checklist(
                [
                    "Held within three working days",
                    "Everyone who took part was invited",
                    "Every lesson has an owner and a date",
                    "The record was shared the same day",
                ],
                title="A good review",
            ),
        ],
        "templates": [
            (
                "after-action-review",
                "Word record with the four questions, ground rules and action table.",
            )
        ],
    },
    {
        "slug": "learning-moments-calendar",
        "title": "Learning moments calendar",
        "summary": "A year planner that places reviews, reflection sessions and learning "
        "briefs in the meetings your organisation already holds, each with an owner and "
        "an output.",
        "tool_type": "template",
        "origin": "playbook_team",
        "time_needed": "Two hours once a year",
        "participants": "A learning or M&E lead with the heads of the teams involved",
        "themes": ["learning-structures"],
        "tags": ["planning", "calendar", "routines"],
        "introduction": "<p>Learning that is not in the calendar tends not to happen. "
        "This planner places a handful of learning moments across the year, attached "
        "wherever possible to meetings that already exist: planning cycles, board "
        "meetings, the end of a season. Each moment has an owner and produces something "
        "concrete.</p>",
        "how_to": [
            step(
                "Map the year you already have",
                "<p>List the fixed points of your year: planning and budget cycles, "
                "board meetings, seasons, campaigns, partner reporting dates.</p>",
                "30 minutes",
            ),
            step(
                "Attach learning moments",
                "<p>For each fixed point, decide whether a learning moment belongs "
                "there: an after-action review at the end of a campaign, a pause and "
                "reflect before planning, a learning slot at the board.</p>",
                "30 minutes",
                "Start with four to six moments. A calendar with twenty gets ignored.",
            ),
            step(
                "Name owners and outputs",
                "<p>Give each moment one owner and a concrete output: a completed review "
                "record, a decision, a two-page brief.</p>",
                "30 minutes",
            ),
            step(
                "Check the load",
                "<p>Look across the months. Spread the moments so that no month is "
                "crowded and no quarter is empty, and avoid the busiest weeks of the "
                "season.</p>",
                "15 minutes",
            ),
            step(
                "Publish it",
                "<p>Share the calendar, put the dates in everyone's diaries and review "
                "it at the half-year point.</p>",
                "15 minutes",
            ),
        ],
        "templates": [
            (
                "learning-moments-calendar",
                "Excel planner with an example year and guidance on a second sheet.",
            )
        ],
    },
    {
        "slug": "learning-roles-map",
        "title": "Learning roles map",
        "summary": "A simple framework for agreeing who asks the learning questions, who "
        "gathers evidence, who makes sense of it, who decides and who shares the result.",
        "tool_type": "framework",
        "origin": "partner",
        "source": "mavuno",
        "time_needed": "Two hours",
        "participants": "Team leaders, M&E staff and a senior sponsor",
        "themes": ["learning-structures", "leadership"],
        "tags": ["roles", "responsibilities", "governance"],
        "introduction": "<p>When everyone is responsible for learning, nobody is. The "
        "roles map names five roles, asker, gatherer, sense-maker, decider and sharer, "
        "and assigns them for each learning question. Many people hold more than one "
        "role; what matters is that none is empty.</p>",
        "how_to": [
            step(
                "Explain the five roles",
                "<p>Introduce the roles: the <b>asker</b> owns the question; the "
                "<b>gatherer</b> collects evidence; the <b>sense-maker</b> leads the "
                "analysis; the <b>decider</b> acts on it; the <b>sharer</b> makes sure "
                "others hear about it.</p>",
                "15 minutes",
            ),
            step(
                "Draw the grid",
                "<p>Write your learning questions down the side of a flip chart and the "
                "five roles across the top.</p>",
                "10 minutes",
            ),
            step(
                "Fill in names",
                "<p>For each question, agree a person for each role. Use names, not job "
                "titles or teams.</p>",
                "45 minutes",
                "If the decider is not in the room, the map is a draft until they agree.",
            ),
            step(
                "Look for gaps and overload",
                "<p>Circle empty cells and people whose name appears too often. Rebalance "
                "before you finish.</p>",
                "30 minutes",
            ),
            step(
                "Put it where people will see it",
                "<p>Attach the map to the learning agenda canvas and revisit it when "
                "people change jobs.</p>",
                "20 minutes",
            ),
            callout(
                "<p>The sense-maker is the role most often missing. Evidence is gathered "
                "and decisions are taken, but nobody is asked to work out what the "
                "evidence means.</p>",
                title="The usual gap",
                kind="tip",
            ),
        ],
        "templates": [],
    },
    {
        "slug": "pause-and-reflect-session",
        "title": "Pause-and-reflect session",
        "summary": "A planned half-day away from delivery in which a team looks at its "
        "evidence, tests its assumptions and decides what to adjust.",
        "tool_type": "exercise",
        "origin": "external",
        "source": "usaid",
        "name_note": "method",
        "external_url": "https://usaidlearninglab.org/cla-toolkit",
        "time_needed": "Half a day, two to four times a year",
        "participants": "A programme team, with partners where possible",
        "themes": ["learning-structures", "knowledge-processes"],
        "tags": ["adaptive management", "reflection", "CLA"],
        "introduction": "<p>Pausing to reflect is one of the practices in USAID's "
        "Collaborating, Learning and Adapting (CLA) approach. A team stops delivering "
        "for a few hours, looks at what the evidence says about its assumptions and "
        "agrees what to change. Regular pauses make adaptive management possible.</p>",
        "how_to": [
            step(
                "Prepare the evidence",
                "<p>A week ahead, ask two people to gather what the team knows: "
                "monitoring data, recent review records, entries from the insight log "
                "and partner feedback. Summarise it on no more than four pages.</p>",
                "Half a day of preparation",
            ),
            step(
                "Revisit the assumptions",
                "<p>Start the session by listing the assumptions the plan rests on. For "
                "each, ask: what does the evidence say now?</p>",
                "One hour",
            ),
            step(
                "Decide what to adjust",
                "<p>Sort possible changes into three groups: keep doing, stop doing, "
                "start doing. Agree no more than three changes.</p>",
                "One hour",
                "Invite someone from finance. Changes that need money die quietly without them.",
            ),
            step(
                "Record and communicate",
                "<p>Write the changes, owners and dates on one page and send it to "
                "everyone affected, including partners and funders.</p>",
                "30 minutes",
            ),
        ],
        "templates": [],
    },
    {
        "slug": "insight-log",
        "title": "Insight log",
        "summary": "A shared spreadsheet in which staff record insights as they appear, "
        "with the evidence, who needs to know and what happened next.",
        "tool_type": "template",
        "origin": "partner",
        "source": "kijani",
        "time_needed": "5 minutes per entry, 30 minutes a month to review",
        "participants": "Anyone who hears from clients, agents or partners; a log owner",
        "themes": ["knowledge-processes"],
        "tags": ["insights", "knowledge management", "spreadsheet"],
        "introduction": "<p>Insights are perishable. The insight log captures them in "
        "the week they appear, in one sentence, with the evidence and the person or "
        "meeting that needs to hear them. A monthly review moves each entry on, so "
        "the log does not become a graveyard.</p>",
        "how_to": [
            step(
                "Set up the log",
                "<p>Save the template in a shared folder everyone can edit. Name one "
                "owner who reviews it every month.</p>",
                "20 minutes",
            ),
            step(
                "Show people what an insight is",
                "<p>At a team meeting, go through the two example rows. An insight is "
                "something you now believe that you did not before, and that could "
                "change what you do.</p>",
                "15 minutes",
            ),
            step(
                "Log as you go",
                "<p>Staff add a row whenever they notice something: after a field "
                "visit, a client call or a review. One sentence is enough.</p>",
                "5 minutes per entry",
                "Lower the bar: a rough insight logged today beats a polished one that "
                "is never written.",
            ),
            step(
                "Review monthly",
                "<p>The owner and one or two colleagues go through new entries, mark "
                "their confidence, send them to the people who need them and update the "
                "status.</p>",
                "30 minutes a month",
            ),
            step(
                "Close the loop",
                "<p>Each quarter, tell contributors which of their insights were acted "
                "on. Nothing keeps a log alive like seeing it used.</p>",
                "15 minutes a quarter",
            ),
        ],
        "templates": [
            (
                "insight-log",
                "Excel log with drop-down lists for confidence and status, and guidance.",
            )
        ],
    },
    {
        "slug": "learning-brief",
        "title": "Two-page learning brief",
        "summary": "A template for turning one insight into a two-page note with a "
        "headline, the evidence and clear recommendations a busy reader can act on.",
        "tool_type": "template",
        "origin": "playbook_team",
        "time_needed": "Half a day to write",
        "participants": "One writer, one reviewer from the intended audience",
        "themes": ["knowledge-processes"],
        "tags": ["writing", "communication", "briefs"],
        "introduction": "<p>Long reports are rarely read by the people who decide. A "
        "learning brief does one job: it puts one insight, its evidence and what to do "
        "about it on two pages. It works as a board paper, a partner update or a "
        "contribution to a sector event.</p>",
        "how_to": [
            step(
                "Write the headline first",
                "<p>In one sentence, say what you found and why it matters. If you "
                "cannot, the insight is not ready to share.</p>",
                "30 minutes",
            ),
            step(
                "Pick your reader",
                "<p>Name the one person or group you are writing for and the decision "
                "they face. Cut everything they do not need.</p>",
                "15 minutes",
            ),
            step(
                "Fill in the template",
                "<p>Complete each section of the template: why you looked, what you "
                "did, what you found (with evidence and how sure you are), what it "
                "means and what you recommend.</p>",
                "2 hours",
                "Put numbers in a small table rather than in sentences.",
            ),
            step(
                "Test it on a reader",
                "<p>Give the draft to someone from the audience and ask them to tell you "
                "the headline and the first recommendation. If they cannot, rewrite.</p>",
                "45 minutes",
            ),
            step(
                "Send it, then talk about it",
                "<p>Send the brief ahead of a meeting where it is on the agenda, so "
                "that it leads to a conversation and a decision.</p>",
                "15 minutes",
            ),
        ],
        "templates": [
            (
                "learning-brief",
                "Word template with the sections, prompts and tables of a two-page brief.",
            )
        ],
    },
    {
        "slug": "sense-making-workshop",
        "title": "Sense-making workshop",
        "summary": "A structured workshop in which staff and partners work through a set "
        "of findings, group them into patterns and agree what they mean for decisions.",
        "tool_type": "exercise",
        "origin": "playbook_team",
        "time_needed": "Three hours",
        "participants": "Eight to twenty staff and partners, and an experienced facilitator",
        "themes": ["knowledge-processes", "co-design"],
        "tags": ["analysis", "synthesis", "workshop"],
        "introduction": "<p>Data and stories do not explain themselves. In a "
        "sense-making workshop the people closest to the evidence analyse it together: "
        "they spread the findings out, look for patterns, argue about what they mean "
        "and agree what follows. It is how partners can synthesise insights themselves "
        "rather than waiting for an outside report.</p>",
        "how_to": [
            step(
                "Prepare finding cards",
                "<p>Write each finding on its own card: a number, a quote, an "
                "observation. Aim for thirty to sixty cards from different sources.</p>",
                "Half a day of preparation",
            ),
            step(
                "Silent reading",
                "<p>Lay out the cards. Participants walk round and read them in "
                "silence, marking the ones that surprise them.</p>",
                "20 minutes",
            ),
            step(
                "Cluster into patterns",
                "<p>In small groups, participants move cards into clusters and give "
                "each cluster a name that says what it shows.</p>",
                "60 minutes",
                "Ban cluster names of one word. 'Women borrowers repay early but "
                "borrow less' says more than 'Gender'.",
            ),
            step(
                "Ask 'so what?'",
                "<p>For each cluster, groups answer: what does this mean for our "
                "clients, for our products, for our partners? Where do we disagree?</p>",
                "45 minutes",
            ),
            step(
                "Agree what follows",
                "<p>In plenary, agree the three to five insights that matter most and "
                "the decisions they should feed. Record who will take each one "
                "forward.</p>",
                "45 minutes",
            ),
            callout(
                "<p>Include at least one person who will not agree with the majority. "
                "Workshops of like-minded people find the patterns they expected.</p>",
                title="Mix the room",
                kind="tip",
            ),
        ],
        "templates": [],
    },
    {
        "slug": "partner-learning-conversation",
        "title": "Partner learning conversation guide",
        "summary": "A guide for funders and programme teams who want partners to analyse "
        "their own experience, rather than extracting lessons from them.",
        "tool_type": "guide",
        "origin": "playbook_team",
        "time_needed": "Two hours per partner, twice a year",
        "participants": "A partner's team and one or two people from the funder or lead "
        "organisation",
        "themes": ["knowledge-processes", "partnerships"],
        "tags": ["partners", "interviews", "partner-led learning"],
        "introduction": "<p>This guide reflects the playbook's own origin. Lessons "
        "collected from partners through document reviews and interviews took a lot of "
        "their time and reached them too late. A learning conversation turns that "
        "around: the partner sets the questions, does the analysis and keeps the "
        "results, and the funder listens and supports.</p>",
        "how_to": [
            step(
                "Let the partner set the agenda",
                "<p>Two weeks ahead, ask the partner which two or three questions they "
                "most want to think about. Offer questions of your own only if they "
                "ask.</p>",
                "20 minutes",
            ),
            step(
                "Bring evidence, not a questionnaire",
                "<p>Share any data you hold that bears on their questions, such as "
                "portfolio figures or comparisons with similar partners.</p>",
                "One hour of preparation",
            ),
            step(
                "Facilitate, do not interview",
                "<p>In the conversation, help the partner's team work through their "
                "questions with a simple structure: what we see, why we think it "
                "happens, what we will try. Take notes for them, not for you.</p>",
                "90 minutes",
                "Agree at the start what, if anything, may be shared beyond the partner.",
            ),
            step(
                "Hand back the notes",
                "<p>Send the partner the notes within two days. Ask their permission "
                "before using anything in your own reports.</p>",
                "30 minutes",
            ),
            step(
                "Connect partners",
                "<p>Where two partners face the same question, offer to introduce them. "
                "Peer learning is often worth more than anything the funder can say.</p>",
                "15 minutes",
            ),
        ],
        "templates": [],
    },
]
