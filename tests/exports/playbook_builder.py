"""Build a realistic playbook from the factories, for the PDF tests and the benchmark.

``build_playbook(home, tools=6)`` makes a playbook with four challenges, ``tools``
tools (every third one with real .docx/.xlsx templates), case studies with pictures,
resources and a linked alliance publication, every page published through a real
revision. It also plants what must never reach the PDF: a draft-only change, an
unpublished tool, a private tool, an expired tool, an unlinked publication and a
publication of another site. The returned namespace lists them all.
"""

import datetime
import io
from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from docx import Document as DocxDocument
from openpyxl import Workbook
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site

from tests import factories

ELEMENTS = [
    ("Supportive leadership", "#1f6f8b", "leadership"),
    ("Learning culture", "#8a5a1f", "culture"),
    ("Defined learning structures", "#3d7a3a", "structure"),
    ("Intuitive knowledge processes", "#7a3a6e", "process"),
]
CHALLENGE_TITLES = [
    "Leaders ask for results, not for lessons",
    "Mistakes are hidden instead of shared",
    "Nobody owns learning, so it happens by chance",
    "Insights arrive too late to change anything",
]
TOOL_NAMES = [
    "After-action review",
    "Learning agenda canvas",
    "Pause-and-reflect session",
    "Insight log",
    "Failure report",
    "Learning partner map",
    "Decision journal",
    "Quarterly learning review",
]
SECRET = "DRAFT-ONLY-SECRET"


def picture(title, size=(1600, 1000), colour=(31, 111, 139)):
    """A real JPEG image in the image library."""
    canvas = PILImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(canvas)
    for step in range(0, size[0], 80):
        draw.line([(step, 0), (step + size[1], size[1])], fill=(240, 240, 240), width=6)
    buffer = io.BytesIO()
    canvas.save(buffer, format="JPEG", quality=85)
    return get_image_model().objects.create(
        title=title, file=ImageFile(io.BytesIO(buffer.getvalue()), name=f"{title[:20]}.jpg")
    )


def docx_template(title):
    doc = DocxDocument()
    doc.add_heading(title, level=1)
    doc.add_paragraph("Fill in one row per lesson your team agrees on.")
    table = doc.add_table(rows=3, cols=3)
    for column, heading in enumerate(["What happened", "Why", "What we change"]):
        table.cell(0, column).text = heading
    buffer = io.BytesIO()
    doc.save(buffer)
    return get_document_model().objects.create(
        title=f"{title} template", file=ContentFile(buffer.getvalue(), name="template.docx")
    )


def xlsx_template(title):
    book = Workbook()
    sheet = book.active
    sheet.title = "Log"
    # Its own words: two workbooks saved in the same second are otherwise the same bytes.
    sheet.append([f"{title} worksheet"])
    sheet.append(["Date", "Insight", "Source", "Action", "Owner"])
    buffer = io.BytesIO()
    book.save(buffer)
    return get_document_model().objects.create(
        title=f"{title} worksheet", file=ContentFile(buffer.getvalue(), name="worksheet.xlsx")
    )


def publish(page):
    """Publish the page's current state through a revision, as an editor would."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def how_to(name, number):
    steps = [
        (
            "step",
            {
                "title": f"Prepare the {name.lower()}",
                "instructions": "<p>Book ninety minutes with everyone who worked on the "
                "activity, and share the questions a day before so people come prepared."
                "</p><ul><li>Pick a neutral facilitator</li><li>Bring the project's "
                "timeline</li></ul>",
                "duration": "20 minutes",
                "tip": "Teams that prepared the timeline together spent less time arguing "
                "about dates.",
            },
        ),
        (
            "checklist",
            {
                "title": "Before the session",
                "items": ["Room booked", "Questions shared", "Template printed"],
            },
        ),
        (
            "step",
            {
                "title": "Ask what was expected and what happened",
                "instructions": "<p>Go round the room. Write each answer where everyone can "
                "see it; do not debate yet. Then look for the largest gaps between plan and "
                "reality and ask <b>why</b> each one happened.</p>",
                "duration": "40 minutes",
                "tip": "",
            },
        ),
        (
            "callout",
            {
                "kind": "tip",
                "title": "Keep it safe",
                "body": "<p>Agree at the start that the review is about the work, not about "
                "people.</p>",
            },
        ),
        (
            "step",
            {
                "title": "Agree what changes",
                "instructions": "<p>End with no more than three changes, each with an owner "
                "and a date. Record them in the insight log.</p>",
                "duration": "30 minutes",
                "tip": "",
            },
        ),
    ]
    return steps


def build_playbook(home, tools=6, case_studies=2, resources=3, slug="dynamic-learning"):
    """See the module docstring; ``home`` is the site root page."""
    publisher = factories.OrganisationFactory(
        name="RAF Learning Lab", kind="funder", website="https://example.org/raf"
    )
    partners = [
        factories.OrganisationFactory(name=name)
        for name in ("Dalberg Design", "Kiva", "One Acre Fund", "AGRA")
    ]
    cover = picture("Farmers meeting in a field")
    playbook = factories.PlaybookPageFactory(
        parent=home,
        slug=slug,
        title="Dynamic Learning Playbook",
        subtitle="Intentional learning practices to achieve social impact",
        summary="A practical guide for organisations that want to learn on purpose.",
        intro="<p>This playbook helps teams learn <b>on purpose</b>: with goals that "
        "direct their learning and systems that turn it into action.</p>",
        cover_image=cover,
        publisher=publisher,
        edition_date=datetime.date(2019, 4, 1),
        video_url="https://example.org/webinar",
        contact_email="learning@example.org",
        how_to_use=[
            ("step", {"title": title, "description": text})
            for title, text in [
                ("Reflect", "Think about where your organisation struggles to learn today."),
                ("Consider", "Read the solutions proposed for that challenge."),
                ("Explore", "Open the tools, case studies and resources that fit."),
                ("Apply", "Try one tool with one team, then adapt it."),
            ]
        ],
        background=[
            (
                "paragraph",
                "<p>From 2016 the Lab reviewed partner documents and interviewed "
                "partners to collect lessons learned. Partners found it onerous, and the "
                "insights arrived too late to act on.</p>",
            ),
            (
                "quote",
                {
                    "quote": "All organisations learn, whether they choose to or not.",
                    "attribution": "Daniel H. Kim",
                    "source": "MIT Sloan Management Review",
                    "source_url": "https://example.org/kim",
                },
            ),
            (
                "image",
                {
                    "image": picture("Workshop", (1200, 800), (138, 90, 31)),
                    "alt_text": "",
                    "caption": "A co-design workshop.",
                    "credit": "Playbook team",
                },
            ),
        ],
        glossary=[
            (
                "term",
                {
                    "term": "Intentional learning",
                    "definition": "Learning with goals that direct it and systems that "
                    "turn it into action.",
                },
            )
        ],
    )
    playbook.contributors.set(partners)
    publish(playbook)

    challenges = []
    for number, ((element, colour, icon), title) in enumerate(
        zip(ELEMENTS, CHALLENGE_TITLES, strict=True), start=1
    ):
        challenges.append(
            factories.ChallengePageFactory(
                parent=playbook,
                slug=f"challenge-{number}",
                title=title,
                element_name=element,
                colour=colour,
                icon=icon,
                challenge_statement=f"{title}. Teams report the problem in many forms.",
                reflection_questions=[
                    ("question", "When did your team last change a plan because of a lesson?"),
                    ("question", "Who asks for lessons, and when?"),
                ],
                why_it_matters="<p>Without this element, learning depends on a few "
                "enthusiasts and stops when they leave.</p>",
                design_principles=[
                    ("principle", {"title": "Make it routine", "description": "Schedule it."}),
                    ("principle", {"title": "Make it safe", "description": "Reward honesty."}),
                ],
            )
        )

    tool_index = factories.ToolIndexPageFactory(parent=playbook, slug="tools")
    tool_pages, templates = [], {}
    for number in range(tools):
        name = TOOL_NAMES[number % len(TOOL_NAMES)]
        if number >= len(TOOL_NAMES):
            name = f"{name} {number // len(TOOL_NAMES) + 1}"
        tool = factories.ToolPageFactory(
            parent=tool_index,
            slug=f"tool-{number + 1}",
            title=name,
            summary=f"A structured way to run a {name.lower()} with your team.",
            tool_type=["template", "worksheet", "guide", "exercise"][number % 4],
            origin=["playbook_team", "partner", "external"][number % 3],
            source_organisation=partners[number % len(partners)] if number % 3 else None,
            time_needed="90 minutes",
            participants="Project team and a facilitator",
            introduction="<p>Use it after a milestone, a pilot or a crisis: any moment "
            "when the team knows something it did not know before.</p>",
            how_to=how_to(name, number),
        )
        if number % 3 == 0:
            for document in (docx_template(name), xlsx_template(name)):
                tool.templates.create(document=document, description="Adapt it to your team.")
                templates.setdefault(tool.pk, []).append(document)
        publish(tool)
        tool_pages.append(tool)

    case_index = factories.CaseStudyIndexPageFactory(parent=playbook, slug="case-studies")
    case_pages = []
    for number in range(case_studies):
        case = factories.CaseStudyPageFactory(
            parent=case_index,
            slug=f"case-{number + 1}",
            title=f"How a lender learned from its field officers ({number + 1})",
            organisation=partners[number % len(partners)],
            country="Kenya",
            sector="Agricultural finance",
            # The first case's picture is a title card (named like the case); the
            # others are pictures in their own right.
            image=picture(
                f"How a lender learned from its field officers ({number + 1})"
                if number == 0
                else f"Case {number}",
                (900, 600),
                (61, 122, 58),
            ),
            situation="<p>Loan officers saw problems months before head office did.</p>",
            results="<p>Repayment problems were spotted two months earlier.</p>",
            pull_quote="We stopped writing reports nobody read.",
            pull_quote_attribution="Programme manager",
            lessons_learned=[("lesson", {"title": "Start small", "description": "One region."})],
            what_they_did=[
                (
                    "checklist",
                    {
                        "title": "What changed",
                        "items": ["A monthly review with field officers", "Notes shared"],
                    },
                )
            ],
        )
        case.tools_used.set(tool_pages[:2])
        publish(case)
        case_pages.append(case)

    resource_index = factories.ResourceIndexPageFactory(parent=playbook, slug="resources")
    resource_pages = [
        publish(
            factories.ExternalResourcePageFactory(
                parent=resource_index,
                slug=f"resource-{number + 1}",
                title=f"Learning for impact, part {number + 1}",
                url=f"https://example.org/resource-{number + 1}",
                publisher="Bridgespan",
                year=2010,
                summary="A survey of 116 non-profits on what stops them learning.",
            )
        )
        for number in range(resources)
    ]

    alliance = factories.AlliancePageFactory(parent=home, slug="alliance", title="Impact Alliance")
    publication_index = factories.PublicationIndexPageFactory(parent=alliance, slug="publications")
    publication = publish(
        factories.AlliancePublicationPageFactory(
            parent=publication_index,
            slug="metrics-cafe",
            title="The Metrics Café",
            summary="A format for talking about measurement with practitioners.",
            key_insights=[("insight", {"title": "Talk first", "description": "Then measure."})],
        )
    )
    unlinked_publication = publish(
        factories.AlliancePublicationPageFactory(
            parent=publication_index, slug="unlinked", title="Unlinked publication"
        )
    )

    # What must never appear.
    hidden = SimpleNamespace()
    hidden.unpublished_tool = factories.ToolPageFactory(
        parent=tool_index, slug="unpublished", title="Unpublished tool", live=False
    )
    hidden.private_tool = publish(
        factories.ToolPageFactory(parent=tool_index, slug="private", title="Private tool")
    )
    PageViewRestriction.objects.create(
        page=hidden.private_tool, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    hidden.expired_tool = publish(
        factories.ToolPageFactory(parent=tool_index, slug="expired", title="Expired tool")
    )
    Page.objects.filter(pk=hidden.expired_tool.pk).update(
        expire_at=timezone.now() - datetime.timedelta(days=1)
    )
    other_root = factories.HomePageFactory(parent=Page.get_first_root_node(), slug="other-hub")
    Site.objects.create(hostname="other.example", port=80, root_page=other_root)
    other_alliance = factories.AlliancePageFactory(parent=other_root, slug="other-alliance")
    other_index = factories.PublicationIndexPageFactory(parent=other_alliance, slug="pubs")
    hidden.other_site_publication = publish(
        factories.AlliancePublicationPageFactory(
            parent=other_index, slug="other-pub", title="Other site publication"
        )
    )
    hidden.unlinked_publication = unlinked_publication

    # Solutions: every challenge gets tools, a case study, a resource; the first also
    # the publication, the hidden pages (which must be skipped) and a link in its text.
    for number, challenge in enumerate(challenges):
        picks = tool_pages[number::4] or tool_pages[:1]
        solutions = picks + case_pages[number % max(len(case_pages), 1) :][:1]
        solutions += resource_pages[number % max(len(resource_pages), 1) :][:1]
        if number == 0:
            solutions += [
                publication,
                hidden.unpublished_tool,
                hidden.private_tool,
                hidden.expired_tool,
                hidden.other_site_publication,
            ]
            challenge.body = [
                (
                    "paragraph",
                    f'<p>Start with the <a linktype="page" id="{tool_pages[0].pk}">'
                    f'{tool_pages[0].title}</a>; the <a linktype="page" '
                    f'id="{hidden.private_tool.pk}">private guide</a> is not public.</p>',
                )
            ]
        for position, page in enumerate(solutions):
            challenge.solutions.create(page=page, sort_order=position, note="Worth a try.")
        publish(challenge)

    # A draft-only change on a published tool: saved as a revision, never published.
    draft = tool_pages[0]
    draft.title = f"{SECRET} title"
    draft.summary = f"{SECRET} summary"
    draft.save_revision()
    tool_pages[0] = type(draft).objects.get(pk=draft.pk)

    return SimpleNamespace(
        playbook=type(playbook).objects.get(pk=playbook.pk),
        challenges=[type(c).objects.get(pk=c.pk) for c in challenges],
        tools=tool_pages,
        templates=templates,
        case_studies=case_pages,
        resources=resource_pages,
        publication=publication,
        hidden=hidden,
    )
