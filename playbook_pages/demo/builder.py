"""Turns the demo content modules into snippets, files, images and published pages.

Contract: ``DemoBuilder(log).build()`` runs inside the caller's transaction and
creates the whole tree under a new HomePage that becomes the default site's root
(Wagtail's untouched "Welcome" page is removed). Every page ends with exactly one
revision, published, so history and "live" are as if an editor had published it.
Files written to storage are listed in ``saved_files`` so a caller can remove them
if the transaction rolls back. ``created`` counts what was made, by kind.
"""

from collections import Counter
from contextlib import contextmanager

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db.models.signals import post_save
from django.utils.text import slugify
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from playbook_pages import models
from playbook_pages.demo import (
    alliance,
    cases,
    files,
    organisations,
    palette,
    playbook,
    resources,
    tools,
)
from playbook_pages.demo.stream import callout, paragraph

COLLECTION_NAME = "Demo content"
PUBLICATION_COLOURS = ["#8a5a44", "#2f5d62", "#b08436"]


def existing_home():
    """The first home page, if any: the demo ran before, or editors built their own."""
    return models.HomePage.objects.order_by("path").first()


@contextmanager
def deferred_indexing():
    """Skip per-save search and reference indexing while the demo is built.

    Each save would otherwise queue two background tasks (hundreds in all) for work
    that the command does once, in bulk, with ``update_index`` and
    ``rebuild_references_index`` when the build has finished.
    """
    from modelsearch import index as search_index
    from modelsearch.signal_handlers import post_save_signal_handler

    disconnected = [
        model
        for model in search_index.get_indexed_models()
        if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


class DemoBuilder:
    def __init__(self, log=print):
        self.log = log
        self.created = Counter()
        self.saved_files = []
        self.pages = []
        self.orgs = {}
        self.themes = {}
        self.by_kind = {"tool": {}, "case": {}, "resource": {}, "publication": {}}
        self.labs = {}

    # --- entry point ------------------------------------------------------------------

    def build(self):
        with deferred_indexing():
            self._wagtail_base_rows()
            self.collection = self._collection()
            self._snippets()
            home = self._home()
            playbook_page = self._playbook(home)
            challenges = self._challenges(playbook_page)
            tool_index, case_index, resource_index = self._indexes(playbook_page)
            self._tools(tool_index)
            self._cases(case_index)
            self._resources(resource_index)
            self._alliance(home)
            self._solutions(challenges)
            self._publish_all()
        return home

    # --- helpers ----------------------------------------------------------------------

    def _wagtail_base_rows(self):
        """The default locale, root page and root collection Wagtail's migrations make.

        A flushed database (``manage.py flush``, transactional tests) has none of
        them; the demo recreates what is missing instead of failing.
        """
        language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        Locale.objects.get_or_create(language_code=language)
        if Page.get_first_root_node() is None:
            Page.add_root(instance=Page(title="Root", slug="root", live=True))
        if Collection.get_first_root_node() is None:
            Collection.add_root(name="Root")

    def _collection(self):
        root = Collection.get_first_root_node()
        existing = root.get_children().filter(name=COLLECTION_NAME).first()
        return existing or root.add_child(name=COLLECTION_NAME)

    def _add(self, parent, page):
        parent.add_child(instance=page)
        self.pages.append(page)
        self.created[f"pages: {page._meta.verbose_name}"] += 1
        return page

    def _document(self, title, filename, data):
        document = get_document_model()(
            title=title, collection=self.collection, file=ContentFile(data, name=filename)
        )
        document._set_document_file_metadata()
        document.save()
        self.saved_files.append(document.file)
        self.created["documents"] += 1
        return document

    def _image(self, title, subtitle, colour, size=(1600, 900), variant=0):
        data = files.banner_image(title, subtitle, colour, size=size, variant=variant)
        colour_name = palette.COLOUR_NAMES.get(colour, "soft colours")
        image = get_image_model()(
            title=f"{title} (illustration)",
            description=f"Abstract illustration in {colour_name} with overlapping circles "
            f"and the title “{title}” lettered in white.",
            collection=self.collection,
            file=ImageFile(ContentFile(data), name=f"{slugify(title)[:80] or 'image'}.jpg"),
        )
        image._set_image_file_metadata()
        image.save()
        self.saved_files.append(image.file)
        self.created["images"] += 1
        return image

    def _orgs(self, keys):
        return [self.orgs[key] for key in keys]

    def _themes(self, keys):
        return [self.themes[key] for key in keys]

    # --- snippets ---------------------------------------------------------------------

    def _snippets(self):
        for key, data in organisations.ORGANISATIONS.items():
            organisation, made = models.Organisation.objects.get_or_create(
                name=data["name"],
                defaults={
                    "kind": data["kind"],
                    "country": data.get("country", ""),
                    "website": data.get("website", ""),
                    "description": data.get("description", ""),
                },
            )
            self.orgs[key] = organisation
            self.created["organisations"] += made
        for key, (name, description) in organisations.THEMES.items():
            theme, made = models.Theme.objects.get_or_create(
                slug=key, defaults={"name": name, "description": description}
            )
            self.themes[key] = theme
            self.created["themes"] += made
        self.log(
            f"Snippets: {self.created['organisations']} organisations, "
            f"{self.created['themes']} themes"
        )

    # --- the site root ----------------------------------------------------------------

    def _home(self):
        root = Page.get_first_root_node()
        site = Site.objects.filter(is_default_site=True).first()
        welcome = self._untouched_welcome_page(root)
        if welcome is not None:
            if site is not None and site.root_page_id == welcome.pk:
                # Park the site on the tree root for a moment: deleting the page it
                # points at would delete the site too (on_delete=CASCADE).
                site.root_page = root
                site.save()
            self.log(f"Replacing Wagtail's default page {welcome.title!r} as the site root")
            welcome.delete()

        data = playbook.HOME
        slug = data["slug"]
        if root.get_children().filter(slug=slug).exists():
            slug = "knowledge-hub"  # an editor's own page already uses "home"
        home = self._add(
            root,
            models.HomePage(
                title=data["title"], slug=slug, summary=data["summary"], intro=data["intro"]
            ),
        )
        if site is None:
            site = Site(hostname="localhost", port=80, is_default_site=True)
        site.root_page = home
        site.site_name = site.site_name or "Playbook CMS"
        site.save()
        self.log(f"Home page {home.title!r} is the root of site {site.hostname}:{site.port}")
        return home

    @staticmethod
    def _untouched_welcome_page(root):
        """Wagtail's starter page: a plain Page directly under the root, with no children."""
        plain_page = ContentType.objects.get_for_model(Page)
        return (
            root.get_children()
            .filter(content_type=plain_page, numchild=0, slug=playbook.HOME["slug"])
            .first()
        )

    # --- the playbook -----------------------------------------------------------------

    def _playbook(self, home):
        data = playbook.PLAYBOOK
        cover = self._image(data["title"], data["subtitle"], palette.TEAL)
        page = models.PlaybookPage(
            title=data["title"],
            slug=data["slug"],
            subtitle=data["subtitle"],
            summary=data["summary"],
            intro=data["intro"],
            cover_image=cover,
            publisher=self.orgs[data["publisher"]],
            edition_date=data["edition_date"],
            how_to_use=data["how_to_use"],
            background=data["background"],
            glossary=data["glossary"],
            contact_email=data["contact_email"],
        )
        page.contributors = self._orgs(data["contributors"])
        return self._add(home, page)

    def _challenges(self, playbook_page):
        made = []
        for data in playbook.CHALLENGES:
            page = models.ChallengePage(
                title=data["title"],
                slug=data["slug"],
                summary=data["summary"],
                element_name=data["element_name"],
                challenge_statement=data["challenge_statement"],
                reflection_questions=data["reflection_questions"],
                why_it_matters=data["why_it_matters"],
                design_principles=data["design_principles"],
                colour=data["colour"],
                icon=data["icon"],
            )
            made.append((self._add(playbook_page, page), data["solutions"]))
        return made

    def _indexes(self, playbook_page):
        kinds = [
            ("tools", models.ToolIndexPage),
            ("cases", models.CaseStudyIndexPage),
            ("resources", models.ResourceIndexPage),
        ]
        return [
            self._add(
                playbook_page,
                page_class(
                    title=playbook.INDEXES[key]["title"],
                    slug=playbook.INDEXES[key]["slug"],
                    summary=playbook.INDEXES[key]["summary"],
                    intro=playbook.INDEXES[key]["intro"],
                ),
            )
            for key, page_class in kinds
        ]

    def _tools(self, tool_index):
        for variant, data in enumerate(tools.TOOLS):
            note = tools.METHOD_NOTE if data.get("name_note") == "method" else tools.EXAMPLE_NOTE
            image = self._image(
                data["title"],
                str(models.ToolPage.ToolType(data["tool_type"]).label),  # lazy: drawn text
                tools.TOOL_COLOURS[variant % len(tools.TOOL_COLOURS)],
                size=(1200, 800),
                variant=variant,
            )
            page = models.ToolPage(
                image=image,
                title=data["title"],
                slug=data["slug"],
                summary=data["summary"],
                tool_type=data["tool_type"],
                origin=data["origin"],
                source_organisation=self.orgs.get(data.get("source")),
                time_needed=data["time_needed"],
                participants=data["participants"],
                introduction=data["introduction"] + note,
                how_to=data["how_to"],
                external_url=data.get("external_url", ""),
            )
            page.themes = self._themes(data["themes"])
            page.tags.add(*data["tags"])
            page.templates = [
                models.ToolTemplate(
                    document=self._template_document(key), description=description, sort_order=i
                )
                for i, (key, description) in enumerate(data["templates"])
            ]
            self.created["tool templates"] += len(data["templates"])
            self.by_kind["tool"][data["slug"]] = self._add(tool_index, page)

    def _template_document(self, key):
        title, filename, data = files.template_file(key)
        return self._document(title, filename, data)

    def _cases(self, case_index):
        for variant, data in enumerate(cases.CASES):
            organisation = self.orgs[data["organisation"]]
            image = self._image(
                data["title"],
                f"{organisation.name}, {data['country']}",
                data["colour"],
                size=(1200, 800),
                variant=variant,
            )
            page = models.CaseStudyPage(
                title=data["title"],
                slug=data["slug"],
                summary=data["summary"],
                organisation=organisation,
                country=data["country"],
                sector=data["sector"],
                image=image,
                situation=data["situation"],
                what_they_did=[
                    *data["what_they_did"],
                    callout(cases.COMPOSITE_NOTE, title="About this case study", kind="note"),
                ],
                results=data["results"],
                lessons_learned=data["lessons"],
                pull_quote=data["pull_quote"],
                pull_quote_attribution=data["pull_quote_attribution"],
            )
            page.tools_used = [self.by_kind["tool"][slug] for slug in data["tools"]]
            page.themes = self._themes(data["themes"])
            self.by_kind["case"][data["slug"]] = self._add(case_index, page)

    def _resources(self, resource_index):
        for data in resources.RESOURCES:
            page = models.ExternalResourcePage(
                title=data["title"],
                slug=data["slug"],
                summary=data["summary"],
                url=data["url"],
                publisher=data["publisher"],
                author=data["author"],
                format=data["format"],
                year=data["year"],
                why_read=data["why_read"],
            )
            page.themes = self._themes(data["themes"])
            self.by_kind["resource"][data["slug"]] = self._add(resource_index, page)

    # --- the alliance -----------------------------------------------------------------

    def _alliance(self, home):
        data = alliance.ALLIANCE
        page = models.AlliancePage(
            title=data["title"],
            slug=data["slug"],
            summary=data["summary"],
            intro=data["intro"] + alliance.MEMBERS_NOTE,
            mission=data["mission"],
            objectives=data["objectives"],
            theory_of_change=data["theory_of_change"],
            convenor=self.orgs[data["convenor"]],
            start_year=data["start_year"],
            end_year=data["end_year"],
        )
        page.member_organisations = self._orgs(data["members"])
        alliance_page = self._add(home, page)
        self._labs(alliance_page)
        index_data = alliance.PUBLICATION_INDEX
        publication_index = self._add(
            alliance_page,
            models.PublicationIndexPage(
                title=index_data["title"],
                slug=index_data["slug"],
                summary=index_data["summary"],
                intro=index_data["intro"],
            ),
        )
        self._publications(publication_index)
        self._summits(alliance_page)

    def _labs(self, alliance_page):
        facilitator = self.orgs[alliance.ALLIANCE["convenor"]]
        for data in alliance.LABS:
            body = [*data["body"], *alliance.LAB_COMMON_BODY]
            if not data["co_leads"]:
                body.append(
                    paragraph(
                        "<p>The member organisation that co-led this lab is not recorded "
                        "in the sources behind this demo.</p>"
                    )
                )
            elif not data.get("co_lead_confirmed", False):
                body.append(callout(alliance.LAB_EXAMPLE_CO_LEAD_NOTE, kind="warning"))
            page = models.LearningLabPage(
                title=data["title"],
                slug=data["slug"],
                summary=data["summary"],
                theme=self.themes[data["theme"]],
                start_year=data["start_year"],
                facilitator=facilitator,
                meeting_rhythm="Monthly, online",
                body=body,
            )
            page.co_leads = self._orgs(data["co_leads"])
            page.members = self._orgs(data.get("members", []))
            self.labs[data["slug"]] = self._add(alliance_page, page)

    def _publications(self, publication_index):
        type_labels = {  # the demo's files are written in English
            value: str(label)
            for value, label in models.AlliancePublicationPage.PublicationType.choices
        }
        for number, data in enumerate(alliance.PUBLICATIONS):
            lab = self.labs.get(data["lab"])
            document = cover = None
            if data.get("file"):
                colour = PUBLICATION_COLOURS[number % len(PUBLICATION_COLOURS)]
                sheet = {**data, "type_label": type_labels[data["publication_type"]]}
                document = self._document(
                    f"{data['title']} (demo summary sheet)",
                    f"{data['slug']}-summary.pdf",
                    files.publication_sheet_pdf(
                        sheet, lab_title=lab.title if lab else "", colour=colour.lstrip("#")
                    ),
                )
                cover = self._image(
                    data["title"],
                    f"Practical Impact Alliance, {data['year']}",
                    colour,
                    size=(1200, 1600),
                    variant=number,
                )
            page = models.AlliancePublicationPage(
                title=data["title"],
                slug=data["slug"],
                summary=data["summary"],
                publication_type=data["publication_type"],
                year=data["year"],
                learning_lab=lab,
                key_insights=data["key_insights"],
                body=self._publication_body(data, lab),
                document=document,
                cover_image=cover,
            )
            page.themes = self._themes(data["themes"])
            page.contributing_organisations = self._orgs(data.get("contributors", []))
            self.by_kind["publication"][data["slug"]] = self._add(publication_index, page)

    @staticmethod
    def _publication_body(data, lab):
        body = [
            paragraph(
                "<p>This entry was written for the demo from the publication's title and "
                "the work of the alliance. It does not summarise the document in detail; "
                "read the publication itself for that.</p>"
            )
        ]
        if lab is not None and not data.get("lab_link_confirmed", True):
            body.append(
                paragraph(
                    f"<p>It is linked to the {lab.title} lab because their themes match; "
                    "the sources do not confirm which lab produced it.</p>"
                )
            )
        if not data["year_confirmed"]:
            body.append(callout(alliance.YEAR_NOTE, title="Approximate year", kind="note"))
        return body

    def _summits(self, alliance_page):
        for data in alliance.SUMMITS:
            page = models.SummitPage(
                title=data["title"],
                slug=data["slug"],
                summary=data["summary"],
                country=data["country"],
                place=data["place"],
                year=data["year"],
                start_date=data.get("start_date"),
                end_date=data.get("end_date"),
                details_confirmed=data["details_confirmed"],
                participants=data["participants"],
                outcomes=data["outcomes"],
            )
            page.host_organisations = self._orgs(data["hosts"])
            page.themes = self._themes(data["themes"])
            self._add(alliance_page, page)

    # --- links and publishing ---------------------------------------------------------

    def _solutions(self, challenges):
        for challenge, solutions in challenges:
            rows = []
            for position, (kind, slug, note) in enumerate(solutions):
                row = models.ChallengeSolution(
                    page=self.by_kind[kind][slug], note=note, sort_order=position
                )
                row.clean()  # the same type check editors get in the admin
                rows.append(row)
            challenge.solutions = rows
            challenge.save()
            self.created["challenge solutions"] += len(rows)

    def _publish_all(self):
        for page in self.pages:
            page.save_revision(log_action=True).publish()
        self.log(f"Published {len(self.pages)} pages, each with a saved revision")
