"""Real files for the demo: templates to download, publication sheets and images.

Contract: every public function returns the bytes of one complete file and touches
no database. Templates open in the program their extension promises (python-docx,
openpyxl and any PDF reader can read them) and hold what a team needs to use the
tool: headings, prompts, tables to fill in. Images are abstract banners in a given
colour with the title lettered on them; the same input always gives the same picture.
"""

import html
import io

from docx import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from PIL import Image, ImageDraw, ImageFont

from playbook_pages.demo import palette

DEMO_FOOTER = (
    "Example template from the Playbook CMS demo content. Adapt it freely to your "
    "organisation: change the wording, drop what you do not need, add your logo."
)
INK = "1B2B34"
TEAL = "1F6F8B"


# --- Word templates -------------------------------------------------------------------


def _docx_start(title, intro):
    doc = DocxDocument()
    doc.core_properties.title = title
    doc.core_properties.author = "Playbook CMS demo"
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_heading(title, level=0)
    doc.add_paragraph(intro)
    return doc


def _docx_table(doc, headers, rows, empty_rows=0):
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(header)
        run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    for _unused in range(empty_rows):
        table.add_row()
    return table


def _docx_prompt(doc, text):
    paragraph = doc.add_paragraph()
    run = paragraph.add_run(text)
    run.italic = True
    run.font.color.rgb = RGBColor.from_string("55656F")
    return paragraph


def _docx_finish(doc):
    doc.add_paragraph()
    footer = doc.add_paragraph()
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = footer.add_run(DEMO_FOOTER)
    run.font.size = Pt(8)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def learning_agenda_canvas_docx():
    doc = _docx_start(
        "Learning agenda canvas",
        "Use this canvas to agree, on one page, what your team most needs to learn in the "
        "next six to twelve months and how the answers will reach the people who decide. "
        "Fill it in together in one working session; revisit it every quarter.",
    )
    doc.add_heading("1. The goal the learning serves", level=1)
    _docx_prompt(
        doc,
        "Copy the strategic goal or result your team is accountable for. Learning that "
        "does not serve a goal is hard to prioritise.",
    )
    _docx_table(doc, ["Our goal", "How we will know we are getting there"], [], empty_rows=2)
    doc.add_heading("2. Decisions ahead of us", level=1)
    _docx_prompt(
        doc,
        "List the decisions the team or its leaders will take in the period. Each "
        "learning question below should feed at least one of them.",
    )
    _docx_table(
        doc,
        ["Decision", "When it will be taken", "Who takes it"],
        [["Example: whether to extend the savings product to a second district", "Q3", "CEO"]],
        empty_rows=3,
    )
    doc.add_heading("3. Learning questions", level=1)
    _docx_prompt(
        doc,
        "Write three to five questions. Good questions are specific, answerable within "
        "the period and tied to a decision. Fewer, sharper questions beat a long list.",
    )
    _docx_table(
        doc,
        [
            "Learning question",
            "Decision it informs",
            "What we already know",
            "How we will find out",
            "Owner",
            "By when",
        ],
        [
            [
                "Example: why do a third of first-time borrowers not take a second loan?",
                "Product redesign",
                "Exit survey data from one branch",
                "Twenty client interviews; loan records",
                "Product lead",
                "End of June",
            ]
        ],
        empty_rows=4,
    )
    doc.add_heading("4. How the answers will be used", level=1)
    for prompt in (
        "Where will we discuss what we found (which meeting, which date)?",
        "Who must hear about it outside the team, and in what form?",
        "What will we stop doing if the answer surprises us?",
    ):
        doc.add_paragraph(prompt, style="List Bullet")
    doc.add_heading("5. Resources", level=1)
    _docx_table(doc, ["Time (person-days)", "Budget", "Support we need"], [], empty_rows=1)
    return _docx_finish(doc)


def after_action_review_docx():
    doc = _docx_start(
        "After-action review record",
        "Record a short, structured conversation held soon after an activity ends. The "
        "aim is to learn, not to judge: the review looks at what happened and why, and "
        "ends with actions that someone owns.",
    )
    _docx_table(
        doc,
        ["Activity reviewed", "Date of review", "Facilitator", "People present"],
        [],
        empty_rows=1,
    )
    doc.add_heading("Ground rules we agreed", level=1)
    for rule in (
        "We talk about the work, not about people.",
        "Everyone speaks; the most senior person speaks last.",
        "What is said here is used to improve, never to blame.",
    ):
        doc.add_paragraph(rule, style="List Bullet")
    for number, (question, prompt) in enumerate(
        [
            (
                "What did we set out to do?",
                "The objective and what success would have looked like, as agreed beforehand.",
            ),
            (
                "What actually happened?",
                "The facts, in order. Separate what we saw from what we think caused it.",
            ),
            (
                "Why was there a difference?",
                "Causes, both for what went better and for what went worse than planned.",
            ),
            (
                "What will we do differently next time?",
                "What to keep, what to change, and who else should know.",
            ),
        ],
        start=1,
    ):
        doc.add_heading(f"{number}. {question}", level=1)
        _docx_prompt(doc, prompt)
        _docx_table(doc, ["Notes"], [], empty_rows=3)
    doc.add_heading("Actions", level=1)
    _docx_table(
        doc,
        ["What we will do", "Owner", "By when", "Who needs to hear about it"],
        [],
        empty_rows=4,
    )
    return _docx_finish(doc)


def learning_brief_docx():
    doc = _docx_start(
        "Learning brief",
        "A two-page note that turns one insight into something a busy reader can act on. "
        "Write the headline first; if you cannot, the insight is not ready to share.",
    )
    sections = [
        ("Headline", "One sentence a director could repeat in a meeting."),
        ("Why we looked into this", "The question, and the decision it was meant to inform."),
        ("What we did", "Who we spoke to or what data we used, and over what period."),
        ("What we found", "Two to four findings, each with the evidence behind it."),
    ]
    for heading_text, prompt in sections:
        doc.add_heading(heading_text, level=1)
        _docx_prompt(doc, prompt)
    _docx_table(
        doc,
        ["Finding", "Evidence", "How sure are we? (low / medium / high)"],
        [],
        empty_rows=3,
    )
    doc.add_heading("What it means for us", level=1)
    _docx_prompt(doc, "Implications for products, programmes, partners or policies.")
    doc.add_heading("Recommendations", level=1)
    _docx_table(doc, ["Recommendation", "For whom", "By when"], [], empty_rows=3)
    doc.add_heading("Find out more", level=1)
    _docx_prompt(doc, "Contact person, links to data and to the full notes.")
    return _docx_finish(doc)


# --- Excel templates ------------------------------------------------------------------

_HEADER_FILL = PatternFill("solid", start_color=TEAL, end_color=TEAL)
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_THIN = Side(style="thin", color="B0BEC5")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _sheet_header(sheet, headers, widths):
    sheet.append(headers)
    for column, width in enumerate(widths, start=1):
        cell = sheet.cell(row=1, column=column)
        cell.fill = _HEADER_FILL
        cell.font = _HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "B2"


def _guidance_sheet(workbook, title, lines):
    sheet = workbook.create_sheet("How to use")
    sheet.column_dimensions["A"].width = 100
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    for line in lines:
        sheet.append([line])
        sheet.cell(row=sheet.max_row, column=1).alignment = Alignment(wrap_text=True)
    sheet.append([])
    sheet.append([DEMO_FOOTER])
    sheet.cell(row=sheet.max_row, column=1).font = Font(italic=True, size=9)


def _xlsx_bytes(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def learning_moments_calendar_xlsx():
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Calendar"
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    _sheet_header(
        sheet,
        ["Learning moment", *months, "Owner", "Who takes part", "What comes out"],
        [34] + [6] * 12 + [16, 24, 30],
    )
    plan = [
        ("Quarterly learning review", {3, 6, 9, 12}, "Head of programmes", "Leadership team"),
        ("After-action review after each campaign", {2, 5, 8, 11}, "Campaign lead", "Field team"),
        ("Pause-and-reflect session", {4, 10}, "M&E officer", "Whole team"),
        ("Board learning slot", {6, 12}, "CEO", "Board"),
        ("Partner sense-making workshop", {7}, "Partnerships lead", "Partners and staff"),
        ("Learning brief published", {4, 8, 12}, "Knowledge officer", "All staff, funders"),
    ]
    outputs = [
        "Decisions on the learning agenda",
        "Completed AAR record and actions",
        "Three changes to try next quarter",
        "Board minute on what was learned",
        "Shared insight log entries",
        "Two-page brief",
    ]
    for (moment, in_months, owner, audience), output in zip(plan, outputs, strict=True):
        marks = ["●" if number in in_months else "" for number in range(1, 13)]
        sheet.append([moment, *marks, owner, audience, output])
    for row in sheet.iter_rows(min_row=2, max_row=sheet.max_row):
        for cell in row:
            cell.border = _BORDER
            if 2 <= cell.column <= 13:
                cell.alignment = Alignment(horizontal="center")
    sheet.cell(row=sheet.max_row + 2, column=1, value="Rows above are an example plan.")
    _guidance_sheet(
        workbook,
        "Learning moments calendar",
        [
            "1. List the moments when your team already meets: planning, reviews, board "
            "meetings, partner visits. Learning is easier to add to a meeting that exists.",
            "2. For each moment, mark the months it happens with ● and name one owner.",
            "3. Write what each moment should produce. A moment with no output tends to "
            "become a chat that nobody acts on.",
            "4. Check the spread: no month should be crowded, and no quarter empty.",
            "5. Share the calendar with everyone who takes part and put the dates in diaries.",
        ],
    )
    return _xlsx_bytes(workbook)


def insight_log_xlsx():
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Insight log"
    headers = [
        "No.",
        "Date",
        "Where it came from",
        "Insight (one sentence)",
        "Evidence",
        "Confidence",
        "Who needs to know",
        "Decision or action it informs",
        "Owner",
        "Status",
    ]
    _sheet_header(sheet, headers, [6, 12, 22, 44, 36, 12, 22, 32, 16, 14])
    examples = [
        [
            1,
            "2019-02-14",
            "Field visit, example",
            "Example: farmers repay more reliably when instalments follow the harvest "
            "calendar rather than a monthly schedule.",
            "Repayment records of 120 loans in two districts",
            "Medium",
            "Credit committee",
            "Review of repayment schedules",
            "Credit manager",
            "Discussed",
        ],
        [
            2,
            "2019-03-02",
            "After-action review, example",
            "Example: agent training sticks better when the refresher comes two weeks "
            "after the first session.",
            "Quiz scores of three agent cohorts",
            "Low",
            "Training team",
            "Next agent training plan",
            "Training lead",
            "New",
        ],
    ]
    for row in examples:
        sheet.append(row)
    confidence = DataValidation(type="list", formula1='"Low,Medium,High"', allow_blank=True)
    status = DataValidation(
        type="list", formula1='"New,Discussed,Acted on,Parked"', allow_blank=True
    )
    sheet.add_data_validation(confidence)
    sheet.add_data_validation(status)
    confidence.add("F2:F500")
    status.add("J2:J500")
    for row in sheet.iter_rows(min_row=2, max_row=sheet.max_row):
        for cell in row:
            cell.border = _BORDER
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    _guidance_sheet(
        workbook,
        "Insight log",
        [
            "An insight is something you now believe about your clients, partners or "
            "programme that you did not believe before, and that could change what you do.",
            "Log it the week you hear it: a late insight is often a useless one.",
            "Evidence: note where it came from and how much of it there is. One anecdote "
            "is fine to log; mark its confidence as Low.",
            "Who needs to know: name a person or a meeting, not 'everyone'.",
            "Status: New, Discussed, Acted on or Parked. Review the log once a month and "
            "move each row on or park it on purpose.",
            "The two rows in the log are examples. Delete them when you start.",
        ],
    )
    return _xlsx_bytes(workbook)


# --- PDF templates and sheets (WeasyPrint) ---------------------------------------------

_PDF_CSS = """
@page { size: A4; margin: 18mm 16mm 20mm;
        @bottom-center { content: "%(footer)s"; font-size: 7.5pt; color: #55656f; } }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10pt;
       color: #1b2b34; line-height: 1.4; }
h1 { color: #%(colour)s; font-size: 20pt; margin: 0 0 4mm; }
h2 { color: #%(colour)s; font-size: 12.5pt; margin: 6mm 0 2mm;
     border-bottom: 1px solid #%(colour)s; }
p.lead { font-size: 11pt; }
p.prompt { color: #55656f; font-style: italic; }
table { width: 100%%; border-collapse: collapse; margin: 2mm 0 4mm; }
th, td { border: 1px solid #b0bec5; padding: 2mm; text-align: left; vertical-align: top; }
th { background: #%(colour)s; color: white; }
td.box { width: 9mm; text-align: center; color: #90a4ae; }
td.space { height: 16mm; }
.note { background: #eef4f6; padding: 3mm; border-left: 3px solid #%(colour)s; }
"""


def _pdf(title, body_html, colour=TEAL, footer=DEMO_FOOTER):
    # Imported here: WeasyPrint needs Pango, and only this part of the demo uses it.
    from weasyprint import HTML

    css = _PDF_CSS % {"colour": colour, "footer": footer.replace('"', "'")}
    document = (
        f"<!doctype html><html lang='en-GB'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>{css}</style></head>"
        f"<body><h1>{html.escape(title)}</h1>{body_html}</body></html>"
    )
    return HTML(string=document).write_pdf()


def learning_culture_pulse_check_pdf():
    areas = [
        (
            "Safe to speak",
            [
                "I can say that something is not working without worrying about my job.",
                "When a project goes wrong, we look for causes before we look for culprits.",
                "People junior to me question my ideas openly.",
            ],
        ),
        (
            "Curiosity",
            [
                "We ask clients and partners why, not only what.",
                "Surprising results are discussed rather than explained away.",
                "I have changed my mind at work in the last three months.",
            ],
        ),
        (
            "Time to reflect",
            [
                "Reflection is on the agenda of our regular meetings.",
                "I have time in my week to think about what my work is teaching me.",
                "Leaders protect learning time when deadlines press.",
            ],
        ),
        (
            "Learning turns into action",
            [
                "I can name a decision this year that changed because of something we learned.",
                "Lessons from one team reach the other teams that need them.",
                "When we agree to change something, someone owns the change.",
            ],
        ),
    ]
    parts = [
        "<p class='lead'>Twelve statements about how your team learns. Each person scores "
        "them alone and without names, from 1 (not at all true) to 5 (completely true). "
        "The scores start a conversation; they are not a grade.</p>"
    ]
    for area, statements in areas:
        parts.append(f"<h2>{html.escape(area)}</h2><table><tr><th>Statement</th>")
        parts.append("".join(f"<th>{n}</th>" for n in range(1, 6)) + "</tr>")
        for statement in statements:
            boxes = "".join("<td class='box'>☐</td>" for _unused in range(5))
            parts.append(f"<tr><td>{html.escape(statement)}</td>{boxes}</tr>")
        parts.append("</table>")
    parts.append(
        "<h2>Reading the results</h2><p>Add up each area (3 to 15). Areas below 9 are "
        "where the conversation should start. Look at the spread as well as the average: "
        "a wide spread means people experience the team very differently.</p>"
        "<h2>Questions for the team conversation</h2><ul>"
        "<li>Which score surprised us most, and why?</li>"
        "<li>What is one thing that makes it harder to speak up here?</li>"
        "<li>What will we try in the next month, and how will we know it helped?</li></ul>"
    )
    colour = palette.TERRACOTTA.lstrip("#").upper()
    return _pdf("Learning culture pulse check", "".join(parts), colour=colour)


def leadership_learning_commitment_pdf():
    body = (
        "<p class='lead'>A one-page agreement a leader makes with their team about how "
        "they will ask for, protect and use learning over the next six months. Fill it in "
        "with the team, keep it where you both can see it, and review it together.</p>"
        "<table><tr><th>Leader</th><th>Team</th><th>Period</th></tr>"
        "<tr><td class='space'></td><td></td><td></td></tr></table>"
        "<h2>1. The questions I will ask in every review</h2>"
        "<p class='prompt'>Alongside 'Did we hit the target?', what will you ask? For "
        "example: 'What surprised us?' or 'What would we do differently?'</p>"
        "<table><tr><td class='space'></td></tr><tr><td class='space'></td></tr></table>"
        "<h2>2. Time and money I will protect</h2>"
        "<p class='prompt'>Name the meetings, days or budget lines that will not be cut "
        "when deadlines press.</p>"
        "<table><tr><th>What</th><th>How much</th><th>When</th></tr>"
        "<tr><td class='space'></td><td></td><td></td></tr>"
        "<tr><td class='space'></td><td></td><td></td></tr></table>"
        "<h2>3. How I will show that learning counts</h2>"
        "<p class='prompt'>For example: share one of my own mistakes each quarter; "
        "mention a team's lesson in the board report; thank people who raise problems "
        "early.</p>"
        "<table><tr><td class='space'></td></tr><tr><td class='space'></td></tr></table>"
        "<h2>4. How we will check</h2>"
        "<table><tr><th>Review date</th><th>What went well</th><th>What to change</th></tr>"
        "<tr><td class='space'></td><td></td><td></td></tr></table>"
        "<p class='note'>Signed by the leader and one team member. The signature is a "
        "promise to each other, not a contract.</p>"
    )
    return _pdf("Leadership learning commitment", body, colour="1F6F8B")


def publication_sheet_pdf(publication, lab_title="", colour=TEAL):
    """A short summary sheet standing in for an alliance publication's own file."""
    facts = [("Type", publication["type_label"]), ("Year", str(publication["year"]))]
    if lab_title:
        facts.append(("Produced by", lab_title))
    rows = "".join(
        f"<tr><th>{html.escape(name)}</th><td>{html.escape(value)}</td></tr>"
        for name, value in facts
    )
    insights = "".join(
        f"<li><b>{html.escape(value['title'])}</b>: {html.escape(value['description'])}</li>"
        for _unused, value in publication.get("key_insights", [])
    )
    body = (
        f"<p class='lead'>{html.escape(publication['summary'])}</p>"
        f"<table>{rows}</table>"
        f"<h2>Key points</h2><ul>{insights}</ul>"
        "<p class='note'>This sheet was written for the Playbook CMS demo to stand in for "
        "the publication itself. It is not the original document and does not quote it. "
        "Replace it with the real file before publishing.</p>"
    )
    return _pdf(
        publication["title"],
        body,
        colour=colour,
        footer="Demo summary sheet, Practical Impact Alliance publications",
    )


# --- Images ---------------------------------------------------------------------------


def _rgb(hex_colour):
    hex_colour = hex_colour.lstrip("#")
    return tuple(int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))


def _mix(colour, other, amount):
    return tuple(round(a + (b - a) * amount) for a, b in zip(colour, other, strict=True))


def _font(size, bold=True):
    names = ["DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf"] if bold else ["DejaVuSans.ttf"]
    for name in names:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _wrap(draw, text, font, max_width):
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and draw.textlength(candidate, font=font) > max_width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current] if current else lines


def banner_image(title, subtitle, colour, size=(1600, 900), variant=0):
    """A JPEG: a diagonal gradient in ``colour``, soft circles, the title in white.

    ``variant`` moves the circles so that banners in the same colour differ.
    """
    width, height = size
    base = _rgb(colour)
    dark = _mix(base, (0, 0, 0), 0.45)
    light = _mix(base, (255, 255, 255), 0.3)
    square = Image.linear_gradient("L")
    diagonal = Image.blend(square, square.transpose(Image.Transpose.ROTATE_90), 0.5).resize(size)
    picture = Image.composite(Image.new("RGB", size, dark), Image.new("RGB", size, light), diagonal)

    overlay = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    sand = (244, 226, 198)
    circles = [(0.62, 0.28, 0.30), (0.86, 0.18, 0.16), (0.80, 0.62, 0.22), (0.48, 0.10, 0.09)]
    for index, (x, y, r) in enumerate(circles):
        # Deterministic variety: each variant nudges the circles along a different path.
        shift = ((variant * 37 + index * 11) % 13 - 6) / 100
        centre_x, centre_y = width * (x + shift), height * (y - shift / 2)
        radius = height * r
        fill = (*(sand if index % 2 else light), 60 + 30 * (index % 3))
        draw.ellipse(
            [centre_x - radius, centre_y - radius, centre_x + radius, centre_y + radius],
            fill=fill,
        )
    # A soft dark fade behind the lettering keeps white text readable on any colour.
    fade = Image.linear_gradient("L").resize((width, round(height * 0.5)))
    fade = fade.point(lambda value: round(value * 0.75))
    shade = Image.new("RGBA", (width, fade.height), (*_mix(base, (0, 0, 0), 0.7), 0))
    shade.putalpha(fade)
    overlay.alpha_composite(shade, (0, height - fade.height))
    picture = Image.alpha_composite(picture.convert("RGBA"), overlay)

    draw = ImageDraw.Draw(picture)
    margin = round(width * 0.05)
    max_width = width - 2 * margin
    # Shrink the lettering until the title fits in three lines.
    for scale in (0.085, 0.07, 0.058, 0.048):
        title_font = _font(round(height * scale))
        lines = _wrap(draw, title, title_font, max_width)
        if len(lines) <= 3:
            break
    subtitle_font = _font(round(height * 0.04), bold=False)
    line_height = round(height * scale * 1.18)
    top = round(height * 0.9) - line_height * len(lines) - round(height * 0.05)
    for number, line in enumerate(lines):
        draw.text((margin, top + number * line_height), line, font=title_font, fill="white")
    if subtitle:
        draw.text(
            (margin, top + len(lines) * line_height + round(height * 0.01)),
            subtitle,
            font=subtitle_font,
            fill=(*sand, 255),
        )
    buffer = io.BytesIO()
    picture.convert("RGB").save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue()


# key: (document title, file name, function that builds the bytes)
TEMPLATE_FILES = {
    "learning-agenda-canvas": (
        "Learning agenda canvas (Word)",
        "learning-agenda-canvas.docx",
        learning_agenda_canvas_docx,
    ),
    "after-action-review": (
        "After-action review record (Word)",
        "after-action-review-record.docx",
        after_action_review_docx,
    ),
    "learning-brief": (
        "Learning brief template (Word)",
        "learning-brief-template.docx",
        learning_brief_docx,
    ),
    "learning-moments-calendar": (
        "Learning moments calendar (Excel)",
        "learning-moments-calendar.xlsx",
        learning_moments_calendar_xlsx,
    ),
    "insight-log": ("Insight log (Excel)", "insight-log.xlsx", insight_log_xlsx),
    "learning-culture-pulse-check": (
        "Learning culture pulse check (PDF)",
        "learning-culture-pulse-check.pdf",
        learning_culture_pulse_check_pdf,
    ),
    "leadership-learning-commitment": (
        "Leadership learning commitment (PDF)",
        "leadership-learning-commitment.pdf",
        leadership_learning_commitment_pdf,
    ),
}


def template_file(key):
    """``(title, filename, bytes)`` of the template registered under ``key``."""
    title, filename, build = TEMPLATE_FILES[key]
    return title, filename, build()
