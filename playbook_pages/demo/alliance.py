"""The Practical Impact Alliance (MIT D-Lab, 2014-2019): labs, publications, summits.

Facts come from the design card. What the sources leave open is marked in the content:
``co_lead_confirmed=False`` adds a note that a lab's co-lead is an example;
``year_confirmed=False`` adds a note that a publication's year is approximate;
``details_confirmed=False`` on a summit tells readers its place or dates are uncertain.
Publication summaries describe each title in our words; the generated files are
summary sheets that say they stand in for the real documents.
"""

import datetime

from playbook_pages.demo.stream import callout, heading, paragraph, titled

ALLIANCE = {
    "title": "Practical Impact Alliance",
    "slug": "practical-impact-alliance",
    "summary": "A community of practice convened by MIT D-Lab from 2014 to 2019, in "
    "which companies, non-profits, social enterprises and government agencies worked "
    "together on solutions to global poverty.",
    "intro": "<p>The Practical Impact Alliance brought together practitioners in "
    "business and innovation from corporations, non-profits, social enterprises and "
    "government. MIT D-Lab convened it to develop and scale solutions to global "
    "poverty. In 2016 it counted more than 60 practitioners from 15 member "
    "organisations.</p><p>Members learned from each other in learning labs, small "
    "working groups that met online every month around a theme they chose, and from "
    "communities in annual Co-Design Summits. The alliance also offered an online "
    "participatory design course, a co-design toolkit and an annual meeting at MIT.</p>",
    "mission": "<p>To help organisations that work with people living in poverty "
    "design better products and services together with those people, learn from one "
    "another across sectors, and take what works to scale.</p>",
    "objectives": titled(
        "objective",
        (
            "Co-design",
            "Develop solutions with the communities who will use them, using "
            "participatory design rather than designing for them from afar.",
        ),
        (
            "Co-learning",
            "Turn members' experience into shared knowledge through facilitated "
            "learning labs and the publications they produce.",
        ),
        (
            "Convening",
            "Bring practitioners from different sectors together, at MIT and in the "
            "field, so that they build the relationships that joint work needs.",
        ),
    ),
    "theory_of_change": [
        heading("How the alliance expected change to happen"),
        paragraph(
            "<p>The reasoning behind the alliance ran in four steps. Practitioners from "
            "different sectors meet and build trust (convening). Working together in "
            "learning labs, they turn what each has learned into shared tools and "
            "frameworks (co-learning). With communities, they practise designing "
            "solutions together rather than for them (co-design). Back in their own "
            "organisations, they change how products, services and partnerships are "
            "designed, and that is where the effect on poverty is made.</p>"
        ),
        paragraph(
            "<p>The alliance set out its theory of change in a 2019 publication, listed "
            "among its publications. The summary here is written for the demo and "
            "does not reproduce that document.</p>"
        ),
        callout(
            "<p>Read the learning labs and the publications they produced side by side: "
            "each publication is the visible output of a year of monthly conversations "
            "between members.</p>",
            title="Reading tip",
            kind="tip",
        ),
    ],
    "convenor": "mit-d-lab",
    "members": [
        "danone",
        "world-vision",
        "mercy-corps",
        "greenlight",
        "philips",
        "ajinomoto",
        "usaid",
        "sc-johnson",
        "siemens-stiftung",
        "greif",
        "grameen-foundation",
        "pact",
        "jnj",
        "intellecap",
        "blood-orange",
        "phosboucraa",
    ],
    "start_year": 2014,
    "end_year": 2019,
}

MEMBERS_NOTE = (
    "<p>The member list records organisations seen in the alliance's working groups. "
    "Some of them may have taken part as presenters rather than as members.</p>"
)

PUBLICATION_INDEX = {
    "title": "Publications",
    "slug": "publications",
    "summary": "Toolkits, frameworks, guides, case studies and courses produced by the "
    "alliance and its learning labs.",
    "intro": "<p>Over five years the alliance published more than ten toolkits, guides "
    "and frameworks, most of them produced by a learning lab. The files attached here "
    "are summary sheets written for the demo, not the original documents.</p>",
}

LAB_EXAMPLE_CO_LEAD_NOTE = (
    "<p>Example link: each learning lab was co-led by a member organisation, but the "
    "sources behind this demo do not name this lab's co-lead. The co-lead shown was "
    "chosen for the demo and is not a confirmed fact.</p>"
)

LABS = [
    {
        "slug": "food-loss-and-waste",
        "title": "Food Loss & Waste",
        "theme": "food-loss",
        "start_year": 2015,
        "summary": "A 2015 lab on the food that is lost between the farm and the "
        "consumer, and on practical ways to reduce it.",
        "body": [
            paragraph(
                "<p>A large share of the food grown by smallholders never reaches a "
                "plate: it spoils in storage, is damaged in transport or cannot be sold "
                "in time. Members chose this theme to compare what their organisations "
                "saw along different value chains.</p>"
            ),
            paragraph(
                "<p>The lab's best-known output is a research report on food loss and "
                "waste in Zambia.</p>"
            ),
        ],
        "co_leads": [],
    },
    {
        "slug": "fostering-local-innovation-and-co-creation",
        "title": "Fostering Local Innovation & Co-Creation",
        "theme": "co-design",
        "start_year": 2015,
        "summary": "A 2015 lab on how organisations can support innovation that starts in "
        "communities, and create solutions together with them.",
        "body": [
            paragraph(
                "<p>People living in poverty are inventors as well as customers. The lab "
                "explored how companies and non-profits can recognise and support local "
                "innovators, and how co-creation changes the role of the outside "
                "organisation from designer to partner.</p>"
            ),
        ],
        "co_leads": [],
    },
    {
        "slug": "inclusive-recycling",
        "title": "Inclusive Recycling",
        "theme": "recycling",
        "start_year": 2016,
        "summary": "A 2016 lab on recycling systems in low and middle income countries "
        "that include the informal waste pickers who already do much of the work.",
        "body": [
            paragraph(
                "<p>In many cities informal waste pickers recover most of the material "
                "that gets recycled, often in unsafe conditions and for little pay. "
                "Companies that want their packaging recycled depend on them. The lab "
                "looked at how recycling systems can be built to include these "
                "workers fairly.</p>"
            ),
            paragraph(
                "<p>It produced a framework of five building blocks for sustainable, "
                "inclusive recycling systems.</p>"
            ),
        ],
        "co_leads": ["danone"],
        "co_lead_confirmed": False,
    },
    {
        "slug": "measuring-impact",
        "title": "Measuring Impact",
        "theme": "measuring-impact",
        "start_year": 2016,
        "summary": "A 2016 lab in which members compared how they measure the social "
        "impact of products and programmes, and what they do with the results.",
        "body": [
            paragraph(
                "<p>Members measured impact in very different ways, from randomised "
                "trials to a handful of customer interviews. The lab compared approaches "
                "and asked a practical question: which measures actually help teams "
                "make better decisions?</p>"
            ),
            paragraph(
                "<p>The Metrics Café, a publication on impact metrics, matches its theme.</p>"
            ),
        ],
        "co_leads": [],
    },
    {
        "slug": "participatory-design-and-innovation",
        "title": "Participatory Design & Innovation",
        "theme": "co-design",
        "start_year": 2016,
        "summary": "A 2016 lab on involving users in every stage of design, from "
        "defining the problem to testing prototypes.",
        "body": [
            paragraph(
                "<p>Participatory design sits at the heart of MIT D-Lab's approach. In "
                "this lab, members shared how they involve users in their own design "
                "processes and where it becomes difficult: in large companies, under "
                "time pressure and across languages.</p>"
            ),
        ],
        "co_leads": [],
    },
    {
        "slug": "pilots-to-scale",
        "title": "Pilots to Scale",
        "theme": "scaling",
        "start_year": 2016,
        "summary": "A 2016 lab on why promising pilots so often fail to grow, and how to "
        "judge whether a solution is ready to scale.",
        "body": [
            paragraph(
                "<p>Many pilots succeed and then stop. Members looked at what separates "
                "a pilot that grows from one that does not: evidence, financing, "
                "partners, operations and the organisation's own readiness.</p>"
            ),
            paragraph(
                "<p>The lab is associated with a scale-readiness checklist, probably "
                "the one titled Ready Steady Scale!</p>"
            ),
        ],
        "co_leads": ["mercy-corps"],
        "co_lead_confirmed": False,
    },
    {
        "slug": "hybrid-partnerships-for-impact",
        "title": "Hybrid Partnerships for Impact",
        "theme": "partnerships",
        "start_year": 2017,
        "summary": "A 2017 lab on partnerships between companies, non-profits and "
        "public bodies, and how to start them on the right footing.",
        "body": [
            paragraph(
                "<p>Partnerships across sectors promise a lot and often disappoint, "
                "because partners bring different goals, cultures and ideas of risk. "
                "The lab worked on the early conversations that decide whether a "
                "partnership will work.</p>"
            ),
            paragraph(
                "<p>It produced P-ACT, the Partnership Activation Tool, a card deck for "
                "those conversations.</p>"
            ),
        ],
        "co_leads": ["world-vision"],
        "co_lead_confirmed": False,
    },
    {
        "slug": "bop-business-training",
        "title": "BoP Business Training",
        "theme": "business-training",
        "start_year": 2017,
        "summary": "A 2017 lab on training for small entrepreneurs at the base of the "
        "pyramid: retailers, agents and micro-franchisees.",
        "body": [
            paragraph(
                "<p>Many members rely on networks of small entrepreneurs to reach "
                "customers with low incomes, and all of them train those entrepreneurs "
                "in some way. The lab compared training approaches and what makes them "
                "stick.</p>"
            ),
            paragraph("<p>It produced a practitioner's guide to BoP business training.</p>"),
        ],
        "co_leads": ["grameen-foundation"],
        "co_lead_confirmed": False,
    },
    {
        "slug": "technology-transfer-in-action",
        "title": "Technology Transfer in Action",
        "theme": "technology-transfer",
        "start_year": 2017,
        "summary": "A 2017 lab, run with Siemens Stiftung, on adapting proven "
        "technologies so that local organisations can own and run them.",
        "body": [
            paragraph(
                "<p>A technology that works in one place does not simply travel to "
                "another: it needs local owners, skills, suppliers and a business "
                "model. Together with Siemens Stiftung, the lab studied what a "
                "successful transfer takes.</p>"
            ),
            paragraph("<p>Its output includes the Aguajira technology transfer case study.</p>"),
        ],
        "co_leads": ["siemens-stiftung"],
        "members": ["siemens-stiftung"],
        "co_lead_confirmed": True,
    },
    {
        "slug": "local-innovation-and-entrepreneurship-ecosystems",
        "title": "Local Innovation and Entrepreneurship Ecosystems",
        "theme": "innovation-ecosystems",
        "start_year": 2018,
        "summary": "A 2018 lab on the networks of people, organisations and rules that "
        "help local innovators and entrepreneurs start and grow.",
        "body": [
            paragraph(
                "<p>Individual entrepreneurs succeed or fail partly because of what "
                "surrounds them: finance, mentors, markets, regulation, universities. "
                "The lab looked at how organisations can analyse such an ecosystem "
                "together and decide where to act.</p>"
            ),
            paragraph(
                "<p>It produced Understanding Innovation Ecosystems, a framework for "
                "joint analysis and action.</p>"
            ),
        ],
        "co_leads": [],
    },
]

LAB_COMMON_BODY = [
    heading("How the lab worked", level="h3"),
    paragraph(
        "<p>Like every learning lab of the alliance, it was facilitated by MIT D-Lab, "
        "co-led by a member organisation and met online once a month. Members chose "
        "the theme. Over five years the alliance ran fourteen labs; this demo records "
        "the ten whose names are known.</p>"
    ),
]

YEAR_NOTE = (
    "<p>The publication year shown is approximate: it is the year of the learning lab "
    "that produced it or our best estimate.</p>"
)

PUBLICATIONS = [
    {
        "slug": "bop-distribution-compass",
        "title": "BoP Distribution Compass",
        "publication_type": "framework",
        "year": 2015,
        "year_confirmed": False,
        "lab": None,
        "themes": ["distribution"],
        "summary": "As its name suggests, a tool for finding your way through the "
        "choices involved in distributing products to customers at the base of the "
        "pyramid.",
        "key_insights": titled(
            "insight",
            (
                "Distribution is a design choice",
                "How a product reaches customers deserves as much design effort as the "
                "product itself.",
            ),
            (
                "Compare models side by side",
                "Looking at several channel options together makes their trade-offs visible.",
            ),
        ),
    },
    {
        "slug": "door-to-door-distribution-best-practices",
        "title": "Best Practices Guide for Door-to-Door Distribution in the BoP",
        "publication_type": "guide",
        "year": 2015,
        "year_confirmed": False,
        "lab": None,
        "themes": ["distribution", "business-training"],
        "summary": "A guide to running door-to-door sales networks that reach customers "
        "with low incomes, drawing on the experience of alliance members.",
        "key_insights": titled(
            "insight",
            (
                "Sales agents are customers too",
                "A network only lasts if the work pays and suits the people doing it.",
            ),
            (
                "Trust travels door to door",
                "Personal relationships help new products win over cautious buyers.",
            ),
        ),
    },
    {
        "slug": "fostering-effective-co-design-in-the-bop",
        "title": "Fostering Effective Co-Design in the BoP",
        "publication_type": "guide",
        "year": 2016,
        "year_confirmed": False,
        "lab": "fostering-local-innovation-and-co-creation",
        "themes": ["co-design"],
        "summary": "A guide for organisations that want to design products and services "
        "together with customers at the base of the pyramid, rather than for them.",
        "lab_link_confirmed": False,
        "key_insights": titled(
            "insight",
            (
                "Co-design starts with listening",
                "Communities need to shape the problem, not only react to solutions.",
            ),
            (
                "Plan for the time it takes",
                "Real participation is slower than designing alone, and worth it.",
            ),
        ),
    },
    {
        "slug": "good-practices-mobile-health-platforms",
        "title": "Good Practices for Developing Mobile Health Platforms",
        "publication_type": "guide",
        "year": 2016,
        "year_confirmed": False,
        "lab": None,
        "themes": ["health"],
        "summary": "Practical advice for teams building mobile health services for "
        "people in low-resource settings.",
        "key_insights": titled(
            "insight",
            (
                "Design for the phones people have",
                "Services must work on basic handsets and patchy networks.",
            ),
            (
                "Health workers are users too",
                "Platforms succeed when they make community health workers' jobs easier.",
            ),
        ),
    },
    {
        "slug": "food-loss-and-waste-in-zambia",
        "title": "Research Report on Food Loss and Waste in Zambia",
        "publication_type": "report",
        "year": 2016,
        "year_confirmed": False,
        "lab": "food-loss-and-waste",
        "themes": ["food-loss"],
        "summary": "A research report from the Food Loss & Waste lab on where and why "
        "food is lost along value chains in Zambia.",
        "key_insights": titled(
            "insight",
            (
                "Losses cluster at a few points",
                "Storage and transport are usual suspects; finding the real hot spots "
                "needs data from the chain itself.",
            ),
            (
                "Solutions cross organisations",
                "Reducing loss usually needs farmers, traders and buyers to act together.",
            ),
        ),
    },
    {
        "slug": "inclusive-recycling-five-building-blocks",
        "title": "Inclusive Recycling: Five Building Blocks for Sustainable Systems in Low "
        "and Middle Income Countries",
        "publication_type": "framework",
        "year": 2017,
        "year_confirmed": False,
        "lab": "inclusive-recycling",
        "themes": ["recycling"],
        "summary": "A framework from the Inclusive Recycling lab that sets out five "
        "building blocks for recycling systems that include informal waste pickers "
        "and can sustain themselves.",
        "key_insights": titled(
            "insight",
            (
                "Waste pickers are part of the system",
                "Designs that ignore informal workers tend to fail or to push them out.",
            ),
            (
                "Sustainability is economic as well as environmental",
                "A recycling system lasts only if the money works for everyone in it.",
            ),
        ),
        "file": True,
    },
    {
        "slug": "the-metrics-cafe",
        "title": "The Metrics Café",
        "publication_type": "guide",
        "year": 2016,
        "year_confirmed": False,
        "lab": "measuring-impact",
        "themes": ["measuring-impact"],
        "summary": "A resource on choosing and using impact metrics in practice, "
        "matching the theme of the Measuring Impact lab.",
        "lab_link_confirmed": False,
        "key_insights": titled(
            "insight",
            (
                "Start from the decision",
                "A metric is worth collecting if someone will act on it.",
            ),
            (
                "Mix numbers and stories",
                "Quantitative measures show scale; qualitative ones explain why.",
            ),
        ),
        "file": True,
    },
    {
        "slug": "ready-steady-scale",
        "title": "Ready Steady Scale!",
        "publication_type": "toolkit",
        "year": 2017,
        "year_confirmed": False,
        "lab": "pilots-to-scale",
        "themes": ["scaling"],
        "summary": "A checklist for judging whether a pilot is ready to scale. Its exact "
        "title is uncertain; sources suggest it was called Ready Steady Scale!",
        "key_insights": titled(
            "insight",
            (
                "Readiness has many sides",
                "Evidence that a pilot works is necessary but not enough; money, "
                "partners and operations must be ready too.",
            ),
            (
                "Use it before committing",
                "A checklist is most useful when there is still time to fill the gaps.",
            ),
        ),
        "file": True,
    },
    {
        "slug": "p-act-partnership-activation-tool",
        "title": "P-ACT: the Partnership Activation Tool",
        "publication_type": "card_deck",
        "year": 2017,
        "year_confirmed": False,
        "lab": "hybrid-partnerships-for-impact",
        "themes": ["partnerships"],
        "summary": "A card deck from the Hybrid Partnerships for Impact lab that helps "
        "prospective partners talk through four areas before they commit: partnership "
        "goals, culture, risks and benefits, and capabilities and resources.",
        "key_insights": titled(
            "insight",
            ("Partnership goals", "Agree what each partner wants from the partnership."),
            ("Culture", "Name the differences in how each partner works and decides."),
            ("Risks and benefits", "Put each side's risks and gains on the table early."),
            (
                "Capabilities and resources",
                "Be clear about what each partner brings and what it expects from others.",
            ),
        ),
        "file": True,
    },
    {
        "slug": "bop-business-training-practitioners-guide",
        "title": "BoP Business Training: A Practitioner's Guide",
        "publication_type": "guide",
        "year": 2017,
        "year_confirmed": False,
        "lab": "bop-business-training",
        "themes": ["business-training"],
        "summary": "A guide for organisations that train small entrepreneurs, such as "
        "retailers and sales agents, who serve customers with low incomes.",
        "key_insights": titled(
            "insight",
            (
                "Train for the job people do",
                "Practical, hands-on content beats general business theory.",
            ),
            (
                "Follow-up makes it stick",
                "Coaching after the course matters as much as the course.",
            ),
        ),
    },
    {
        "slug": "aguajira-technology-transfer-case-study",
        "title": "Aguajira: Technology Transfer Case Study",
        "publication_type": "case_study",
        "year": 2018,
        "year_confirmed": False,
        "lab": "technology-transfer-in-action",
        "themes": ["technology-transfer"],
        "contributors": ["siemens-stiftung"],
        "summary": "A case study from the Technology Transfer in Action lab that follows "
        "one technology transfer from start to finish.",
        "key_insights": titled(
            "insight",
            (
                "Ownership decides the outcome",
                "Transfer succeeds when local organisations run the technology as their own.",
            ),
            (
                "A case makes principles concrete",
                "One detailed story teaches more than a list of success factors.",
            ),
        ),
    },
    {
        "slug": "understanding-innovation-ecosystems",
        "title": "Understanding Innovation Ecosystems: A Framework for Joint Analysis and Action",
        "publication_type": "framework",
        "year": 2019,
        "year_confirmed": False,
        "lab": "local-innovation-and-entrepreneurship-ecosystems",
        "themes": ["innovation-ecosystems"],
        "summary": "A framework from the Local Innovation and Entrepreneurship "
        "Ecosystems lab that helps organisations map an innovation ecosystem together "
        "and agree where to act.",
        "key_insights": titled(
            "insight",
            (
                "Analyse together",
                "A shared map built by several organisations reveals more than any one can see.",
            ),
            (
                "From analysis to action",
                "The point of the map is to agree who will do what to strengthen the ecosystem.",
            ),
        ),
        "file": True,
    },
    {
        "slug": "pia-theory-of-change",
        "title": "PIA Theory of Change",
        "publication_type": "framework",
        "year": 2019,
        "year_confirmed": True,
        "lab": None,
        "themes": ["partnerships", "co-design"],
        "contributors": ["mit-d-lab"],
        "summary": "The alliance's own account, published in 2019, of how convening, "
        "co-learning and co-design were meant to lead to change.",
        "key_insights": titled(
            "insight",
            (
                "Three objectives, one logic",
                "Convening builds trust, co-learning builds shared knowledge and "
                "co-design puts it into practice with communities.",
            ),
            (
                "Change happens in members' organisations",
                "The alliance's impact depends on what members take home.",
            ),
        ),
        "file": True,
    },
    {
        "slug": "co-design-toolkit",
        "title": "Co-design toolkit",
        "publication_type": "toolkit",
        "year": 2016,
        "year_confirmed": False,
        "lab": None,
        "themes": ["co-design"],
        "contributors": ["mit-d-lab"],
        "summary": "The alliance offered its members a toolkit for co-design. This entry "
        "uses a descriptive title because the toolkit's own title is not recorded here.",
        "key_insights": titled(
            "insight",
            (
                "Methods for working with communities",
                "Activities that help outsiders and community members design side by side.",
            ),
        ),
    },
    {
        "slug": "participatory-design-online-course",
        "title": "Participatory design online course",
        "publication_type": "course",
        "year": 2016,
        "year_confirmed": False,
        "lab": None,
        "themes": ["co-design"],
        "contributors": ["mit-d-lab"],
        "summary": "An online course in participatory design that the alliance offered "
        "to practitioners in member organisations. The title is descriptive.",
        "key_insights": titled(
            "insight",
            (
                "Learn by doing",
                "Participants practise the methods on a design challenge of their own.",
            ),
        ),
    },
]

SUMMITS = [
    {
        "slug": "co-design-summit-2016-zambia",
        "title": "Co-Design Summit 2016, Zambia",
        "country": "Zambia",
        "place": "Naboye village, Kafue district",
        "year": 2016,
        "details_confirmed": True,
        "hosts": ["world-vision"],
        "themes": ["co-design"],
        "summary": "A Co-Design Summit held with World Vision in Naboye village, in "
        "Zambia's Kafue district.",
        "participants": "Practitioners from alliance member organisations, working with "
        "people from the Naboye community.",
        "outcomes": [
            paragraph(
                "<p>A Co-Design Summit brings practitioners to a community to design "
                "solutions with its members, not for them. Typically, mixed teams first "
                "learn about local needs and then build and test simple prototypes "
                "together.</p>"
            ),
            paragraph("<p>The dates and the prototypes built are not recorded in this demo.</p>"),
        ],
    },
    {
        "slug": "co-design-summit-2017-colombia",
        "title": "Co-Design Summit 2017, Colombia",
        "country": "Colombia",
        "place": "Near Fonseca, La Guajira",
        "year": 2017,
        "details_confirmed": True,
        "hosts": ["world-vision-colombia", "c-innova"],
        "themes": ["co-design"],
        "summary": "A Co-Design Summit held near Fonseca in Colombia with World Vision "
        "Colombia and C-Innova.",
        "participants": "Practitioners from alliance member organisations and the hosts' "
        "staff, working with local community members.",
        "outcomes": [
            paragraph(
                "<p>The summit had two local hosts: World Vision Colombia, an office "
                "of one of the alliance's member organisations, and C-Innova, a "
                "Colombian centre for community innovation.</p>"
            ),
            paragraph("<p>The dates and the prototypes built are not recorded in this demo.</p>"),
        ],
    },
    {
        "slug": "co-design-summit-2018-morocco",
        "title": "Co-Design Summit 2018, Morocco",
        "country": "Morocco",
        "place": "Laâyoune",
        "year": 2018,
        "start_date": datetime.date(2018, 11, 25),
        "end_date": datetime.date(2018, 12, 1),
        "details_confirmed": True,
        "hosts": ["phosboucraa"],
        "themes": ["co-design", "youth-entrepreneurship"],
        "summary": "A week-long Co-Design Summit in Laâyoune with the Phosboucraa "
        "Foundation, focused on youth entrepreneurship.",
        "participants": "Practitioners from alliance member organisations and the "
        "host's staff, working with local participants.",
        "outcomes": [
            paragraph(
                "<p>With youth entrepreneurship as its theme, the summit applied the "
                "alliance's co-design methods to the question of how young people can "
                "build enterprises of their own.</p>"
            ),
        ],
    },
    {
        "slug": "co-design-summit-2019-uganda",
        "title": "Co-Design Summit 2019, Uganda (unconfirmed)",
        "country": "Uganda",
        "place": "",
        "year": 2019,
        "details_confirmed": False,
        "hosts": [],
        "themes": ["co-design"],
        "summary": "A Co-Design Summit may have taken place in Uganda in 2019. The "
        "sources behind this demo do not confirm it.",
        "participants": "",
        "outcomes": [
            callout(
                "<p>The alliance held five Co-Design Summits in all. Four are known from "
                "the sources; whether the 2019 summit took place in Uganda is "
                "uncertain, and the fifth summit is not known.</p>",
                title="Uncertain",
                kind="warning",
            ),
        ],
    },
    {
        "slug": "annual-meeting-2016",
        "title": "Annual meeting at MIT, 2016",
        "country": "United States",
        "place": "MIT, Cambridge, Massachusetts",
        "year": 2016,
        "start_date": datetime.date(2016, 3, 30),
        "end_date": datetime.date(2016, 3, 31),
        "details_confirmed": True,
        "hosts": ["mit-d-lab"],
        "themes": [],
        "summary": "The alliance's annual members' meeting at MIT, on 30 and 31 March 2016.",
        "participants": "Practitioners from the alliance's member organisations.",
        "outcomes": [
            paragraph(
                "<p>Each year members met in person at MIT, alongside the monthly online "
                "meetings of the learning labs.</p>"
            ),
        ],
    },
    {
        "slug": "annual-meeting-2017",
        "title": "Annual meeting at MIT, 2017",
        "country": "United States",
        "place": "MIT, Cambridge, Massachusetts",
        "year": 2017,
        "start_date": datetime.date(2017, 4, 26),
        "end_date": datetime.date(2017, 4, 29),
        "details_confirmed": True,
        "hosts": ["mit-d-lab"],
        "themes": [],
        "summary": "The alliance's annual members' meeting at MIT, from 26 to 29 April 2017.",
        "participants": "Practitioners from the alliance's member organisations.",
        "outcomes": [
            paragraph(
                "<p>The 2017 meeting ran over four days, twice as long as the one in 2016.</p>"
            ),
        ],
    },
    {
        "slug": "annual-meeting-2018",
        "title": "Annual meeting at MIT, 2018",
        "country": "United States",
        "place": "MIT, Cambridge, Massachusetts",
        "year": 2018,
        "details_confirmed": False,
        "hosts": ["mit-d-lab"],
        "themes": [],
        "summary": "The alliance's annual members' meeting at MIT in the week of 16 April "
        "2018. The exact days are not known.",
        "participants": "Practitioners from the alliance's member organisations.",
        "outcomes": [
            paragraph(
                "<p>The meeting took place in the week of 16 April 2018; the exact days "
                "are not recorded, so no dates are shown.</p>"
            ),
        ],
    },
]
