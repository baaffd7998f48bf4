"""Case studies: how organisations tried the tools and what they learned.

The sources do not name the partners who piloted the playbook's tools, so every case
here is an illustrative composite about an invented organisation (names end in
"(example)"); the builder adds a note saying so to each one. ``organisation`` is a
key of ``organisations.ORGANISATIONS``; ``tools`` are tool slugs.
"""

from playbook_pages.demo import palette
from playbook_pages.demo.stream import checklist, paragraph, titled

COMPOSITE_NOTE = (
    "<p>This case study is an illustrative composite written for the demo content. The "
    "organisation is invented; the situation reflects the kinds of problems partners "
    "described, not the record of a named partner.</p>"
)

CASES = [
    {
        "slug": "tumaini-leaders-ask-what-we-learned",
        "title": "A managing director changes one agenda item",
        "organisation": "tumaini",
        "country": "Kenya",
        "sector": "Agricultural finance",
        "colour": palette.TEAL,
        "summary": "An agricultural lender's monthly reviews only covered disbursements "
        "and arrears. One standing question from the managing director changed what "
        "branch managers paid attention to.",
        "situation": "<p>Tumaini lends to smallholder farmers through twelve rural "
        "branches. Its monthly management review ran through a dashboard of "
        "disbursements, portfolio at risk and staff targets. Branch managers "
        "prepared for it carefully, and learned that the meeting rewarded good numbers "
        "and punished bad ones.</p><p>Loan officers in two branches had noticed early "
        "that a new maize loan was being repaid late, but the problem only reached the "
        "review when arrears were already high.</p>",
        "what_they_did": [
            paragraph(
                "<p>The managing director filled in a leadership learning commitment "
                "with her direct reports. They agreed that every monthly review would "
                "open with one question for each branch: 'What did you learn this month "
                "that head office should know?'</p>"
            ),
            paragraph(
                "<p>She answered the question herself first, describing a pricing "
                "decision she now thought had been wrong. Branch answers were noted in "
                "the minutes under their own heading, and the next review began by "
                "reporting what had been done with them.</p>"
            ),
            checklist(
                [
                    "Standing learning question at the top of the agenda",
                    "Leader answers first",
                    "Answers minuted and followed up at the next review",
                ],
                title="What changed in the meeting",
            ),
        ],
        "results": "<p>Within a few months branch managers were raising problems while "
        "they were still small. A repayment schedule mismatch on the maize loan was "
        "raised by one branch and fixed for the next season across all of them. Managers "
        "said the review felt less like an exam.</p>",
        "lessons": titled(
            "lesson",
            (
                "One question, asked every time",
                "Consistency mattered more than the wording of the question.",
            ),
            (
                "Follow-up is the proof",
                "People answered honestly once they saw their answers acted on.",
            ),
            (
                "The leader goes first",
                "Sharing her own mistake made it acceptable for others to share theirs.",
            ),
        ),
        "pull_quote": "The numbers tell us what happened last month. The question tells "
        "us what is about to happen.",
        "pull_quote_attribution": "Managing director, Tumaini Rural Finance (illustrative)",
        "tools": ["leadership-learning-commitment", "learning-questions-for-reviews"],
        "themes": ["leadership", "agricultural-finance"],
    },
    {
        "slug": "mavuno-learning-agenda",
        "title": "From twenty questions to four",
        "organisation": "mavuno",
        "country": "Tanzania",
        "sector": "Farmer services and extension",
        "colour": palette.LEAF_GREEN,
        "summary": "A farmer-support organisation had a long list of research questions "
        "and answers to none of them. A learning agenda canvas cut the list to four "
        "questions that fed real decisions.",
        "situation": "<p>Mavuno trains farmer groups and links them to buyers. Its "
        "monitoring plan listed twenty learning questions agreed with three funders. "
        "Staff collected data on all of them, analysed few and could not say which "
        "answers had changed anything.</p>",
        "what_they_did": [
            paragraph(
                "<p>The programme director listed the decisions due in the coming year, "
                "including whether to expand to a new region and whether to keep "
                "charging farmer groups a fee for training. In a half-day workshop, "
                "staff tested each of the twenty questions against those "
                "decisions.</p>"
            ),
            paragraph(
                "<p>Four questions survived. Each got an owner and a deadline set before "
                "the relevant decision. The team used a learning roles map to agree "
                "who would gather evidence and who would make sense of it, and shared "
                "the canvas with its funders.</p>"
            ),
        ],
        "results": "<p>Data collection shrank, and the four answers arrived before the "
        "decisions they fed. The funders accepted the shorter agenda once they saw how "
        "each question was tied to a decision. The fee question was answered in time to "
        "change the training model for the next year.</p>",
        "lessons": titled(
            "lesson",
            (
                "Start from decisions",
                "Questions that did not feed a decision were easy to drop once that was visible.",
            ),
            (
                "Bring funders along",
                "Sharing the canvas turned a reporting negotiation into a shared plan.",
            ),
            (
                "Owners make deadlines real",
                "Questions with a named owner were answered; shared ones drifted.",
            ),
        ),
        "pull_quote": "We were collecting data for twenty questions and using it for none.",
        "pull_quote_attribution": "Monitoring and evaluation lead, Mavuno Farmer Services "
        "(illustrative)",
        "tools": ["learning-agenda-canvas", "learning-roles-map"],
        "themes": ["learning-structures", "measuring-impact"],
    },
    {
        "slug": "kijani-insight-log",
        "title": "Insights that reach the product team in a week",
        "organisation": "kijani",
        "country": "Uganda",
        "sector": "Digital payments",
        "colour": palette.VIOLET,
        "summary": "A payments company's agents heard about client problems long before "
        "head office did. An insight log and short briefs cut the delay from months to "
        "days.",
        "situation": "<p>Kijani Pay runs a network of agents who help rural clients pay "
        "for farm inputs by mobile phone. Agents heard complaints and ideas every day, "
        "but they reached the product team only through a quarterly report that "
        "summarised everything and highlighted nothing.</p>",
        "what_they_did": [
            paragraph(
                "<p>The company set up a shared insight log. Agent supervisors added a "
                "row whenever they heard something new, in one sentence with the "
                "evidence. A product analyst owned the log and reviewed it with a "
                "supervisor every month.</p>"
            ),
            paragraph(
                "<p>When an insight kept recurring, the analyst wrote a two-page "
                "learning brief for the product meeting. The first brief showed that "
                "clients abandoned payments when a confirmation message arrived in "
                "English only.</p>"
            ),
        ],
        "results": "<p>The language problem was fixed within a month of the first log "
        "entries. Supervisors kept logging because each quarter they were told which "
        "of their entries had led to a change. The quarterly report became shorter and "
        "pointed to the log for detail.</p>",
        "lessons": titled(
            "lesson",
            (
                "Keep the entry tiny",
                "One sentence plus evidence was all supervisors had time for.",
            ),
            (
                "Someone must own the log",
                "Without a monthly review, entries piled up unread.",
            ),
            (
                "Show contributors the effect",
                "Telling supervisors what their insights changed kept the log alive.",
            ),
        ),
        "pull_quote": "Our agents knew about the problem in March. Now the product team "
        "knows in March too.",
        "pull_quote_attribution": "Head of product, Kijani Pay (illustrative)",
        "tools": ["insight-log", "learning-brief"],
        "themes": ["knowledge-processes", "agricultural-finance"],
    },
    {
        "slug": "savannah-union-learning-calendar",
        "title": "Learning on the rhythm of the crop calendar",
        "organisation": "savannah-union",
        "country": "Ghana",
        "sector": "Producer cooperatives",
        "colour": palette.LEAF_GREEN,
        "summary": "A union of cooperatives planned its learning moments around planting "
        "and harvest, instead of around its funders' reporting dates.",
        "situation": "<p>The union supports forty cooperatives of grain farmers. Its "
        "reviews followed the funders' reporting calendar, which meant staff reflected "
        "on the season in the middle of the harvest, their busiest weeks, or months "
        "after the next season's plans were made.</p>",
        "what_they_did": [
            paragraph(
                "<p>The union's learning lead drew up a learning moments calendar with "
                "cooperative leaders. They placed an after-action review two weeks after "
                "harvest, a pause-and-reflect session before planting plans were "
                "finalised, and a short learning slot at each annual general "
                "meeting.</p>"
            ),
            paragraph(
                "<p>Each moment had an owner and an output. The union then agreed with "
                "its funders that reports would draw on these moments rather than on "
                "separate data collection.</p>"
            ),
        ],
        "results": "<p>Reviews happened while memories were fresh and early enough to "
        "shape the next season. Cooperative leaders began to bring their own questions "
        "to the pause-and-reflect sessions. Funders received fewer but more useful "
        "reports.</p>",
        "lessons": titled(
            "lesson",
            (
                "Follow the work's own rhythm",
                "Learning moments timed to the season got full attendance.",
            ),
            (
                "Reuse the outputs",
                "Using the same reviews for reports removed a duplicate workload.",
            ),
        ),
        "pull_quote": "We used to reflect on the harvest while we were still harvesting.",
        "pull_quote_attribution": "Learning lead, Savannah Growers' Cooperative Union "
        "(illustrative)",
        "tools": ["learning-moments-calendar", "after-action-review", "pause-and-reflect-session"],
        "themes": ["learning-structures", "agricultural-finance"],
    },
    {
        "slug": "kafue-agro-dealers-talk-about-failure",
        "title": "Shop owners start talking about what went wrong",
        "organisation": "kafue-agro",
        "country": "Zambia",
        "sector": "Agricultural inputs",
        "colour": palette.TERRACOTTA,
        "summary": "Agro-dealers in a franchise network hid failed experiments from "
        "each other. A pulse check and story circles made failure a topic for "
        "learning instead of embarrassment.",
        "situation": "<p>The network franchises small rural shops that sell seed, "
        "fertiliser and tools. Shop owners tried ideas of their own, such as credit for "
        "regular customers or group deliveries, but only talked about those that "
        "worked. The same failed ideas were tried again in other districts.</p>",
        "what_they_did": [
            paragraph(
                "<p>The network's coordinators ran the learning culture pulse check at "
                "the annual meeting of shop owners. Scores for 'safe to speak' were the "
                "lowest of the four areas.</p>"
            ),
            paragraph(
                "<p>They then held a safe-to-fail story circle at each district meeting. "
                "The network's founder told the first story, about a bulk purchase that "
                "left shops with seed nobody wanted. Shop owners followed with stories "
                "of their own, and lessons they agreed to share went into a short "
                "newsletter.</p>"
            ),
        ],
        "results": "<p>Shop owners began asking each other before trying a new idea, "
        "and two ideas that had failed in one district were adapted successfully in "
        "another. When the pulse check was repeated, 'safe to speak' scores had "
        "risen.</p>",
        "lessons": titled(
            "lesson",
            (
                "Measure before you preach",
                "The pulse check showed the problem in the members' own numbers.",
            ),
            (
                "The founder's story opened the door",
                "People shared only after someone with status had done so first.",
            ),
            (
                "Ask before sharing",
                "Letting tellers decide what left the room made people more open.",
            ),
        ),
        "pull_quote": "Nobody wants to be the shop owner who lost money. Now we lose it "
        "once and tell everyone.",
        "pull_quote_attribution": "Shop owner and district representative, Kafue Agro-Dealer "
        "Network (illustrative)",
        "tools": ["learning-culture-pulse-check", "safe-to-fail-story-circle"],
        "themes": ["learning-culture"],
    },
    {
        "slug": "imbuto-sense-making",
        "title": "Making sense of claims data with partners",
        "organisation": "imbuto",
        "country": "Rwanda",
        "sector": "Agricultural insurance",
        "colour": palette.VIOLET,
        "summary": "An insurer had years of claims data and no shared view of what it "
        "meant. A sense-making workshop with cooperatives and lenders turned it into "
        "three product changes.",
        "situation": "<p>Imbuto sells crop insurance through cooperatives and lenders. "
        "Its analysts produced detailed reports on claims, but partners rarely read "
        "them, and the insurer rarely heard partners' explanations for the patterns in "
        "the data.</p>",
        "what_they_did": [
            paragraph(
                "<p>Instead of another report, the insurer prepared fifty finding cards "
                "from its claims data, partner feedback and a handful of farmer "
                "interviews. It invited staff from six cooperatives and two lenders to "
                "a three-hour sense-making workshop.</p>"
            ),
            paragraph(
                "<p>Mixed groups clustered the cards and named the patterns. The most "
                "debated cluster showed that claims were often rejected because farmers "
                "reported damage after the deadline, which cooperatives explained by "
                "the distance to the nearest agent. The insurer followed up with partner "
                "learning conversations with each cooperative.</p>"
            ),
        ],
        "results": "<p>The workshop produced three product changes, including reporting "
        "damage through cooperative leaders by phone. Partners asked for the workshop "
        "to be repeated every year, and the insurer replaced its long claims report "
        "with a short brief for each partner.</p>",
        "lessons": titled(
            "lesson",
            (
                "Partners hold the explanations",
                "The data showed what happened; partners knew why.",
            ),
            (
                "Cards beat reports",
                "Short findings that people could handle and move invited discussion.",
            ),
            (
                "Give something back",
                "A brief for each partner made the exchange worth their time.",
            ),
        ),
        "pull_quote": "We had the numbers for years. It took the cooperatives one "
        "afternoon to tell us what they meant.",
        "pull_quote_attribution": "Actuarial analyst, Imbuto Crop Cover (illustrative)",
        "tools": ["sense-making-workshop", "partner-learning-conversation"],
        "themes": ["knowledge-processes", "partnerships", "agricultural-finance"],
    },
]
