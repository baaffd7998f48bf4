/**
 * One screen per page type of the API (`type`: home, playbook, challenge, tool,
 * case_study, resource, alliance, learning_lab, publication, summit and the
 * index pages).
 *
 * Contract: `renderPage(page, context)` draws any typed page from its detail
 * representation, the same for a live page and for a draft from the preview
 * endpoint; it fetches more only where a page is an entry point to other content
 * (the home page's playbooks, index pages' lists). Unknown types get a plain
 * title-and-summary screen, so a new page type never breaks the reader.
 */

import { h } from "../dom.js";
import { currentLocale } from "../locale.js";
import { t } from "../strings.js";
import {
  breadcrumbs,
  card,
  cardGrid,
  cardMeta,
  challengeTiles,
  downloadList,
  externalLink,
  facts,
  glossary,
  names,
  pageHeader,
  pdfButton,
  picture,
  rich,
  screen,
  section,
  streamBlocks,
  tagList,
  titledList,
  typeLabel,
  usageSteps,
  years,
} from "./components.js";
import { listingScreen } from "./listing.js";
import { saveForOffline } from "./offline.js";
import { reflect } from "./workbook.js";

const RENDERERS = {
  home: homePage,
  playbook: playbookPage,
  challenge: challengePage,
  tool: toolPage,
  case_study: caseStudyPage,
  resource: resourcePage,
  alliance: alliancePage,
  learning_lab: learningLabPage,
  publication: publicationPage,
  summit: summitPage,
  tool_index: (page, context) => listingScreen(page, context, { collection: "tools" }),
  case_study_index: (page, context) => listingScreen(page, context, { collection: "case-studies" }),
  resource_index: (page, context) => listingScreen(page, context, { collection: "resources" }),
  publication_index: (page, context) => listingScreen(page, context, { collection: "publications" }),
};

export async function renderPage(page, context) {
  const render = RENDERERS[page.type] || genericPage;
  return render(page, context);
}

function crumbs(page) {
  return breadcrumbs([...(page.breadcrumbs || []), { title: page.title }]);
}

function genericPage(page, { api }) {
  return screen(page.title, crumbs(page), pageHeader({ kicker: typeLabel(page.type), title: page.title, lede: page.summary }), rich(page.intro, api));
}

/** The kinds of solution a challenge offers, in the order readers meet them. */
const SOLUTION_GROUPS = [
  ["tools", "type.tool_index"],
  ["case_studies", "type.case_study_index"],
  ["resources", "type.resource_index"],
  ["publications", "type.publication_index"],
];

const cardOptions = (item) => ({ meta: cardMeta(item) });
const cardOptionsWith = (api) => (item) => ({ meta: cardMeta(item), api });

// Home ---------------------------------------------------------------------

async function homePage(page, context) {
  const { api } = context;
  const sections = page.sections || [];
  const playbookRefs = sections.filter((item) => item.type === "playbook");
  const allianceIds = new Set(sections.filter((item) => item.type === "alliance").map((item) => item.id));
  // The home page leads with each playbook's challenges and steps (one request each);
  // alliances are shown as cards, which the list endpoint gives with their summaries.
  const [playbooks, alliances] = await Promise.all([
    Promise.all(playbookRefs.map((ref) => api.playbook(ref.slug))),
    allianceIds.size ? api.alliances({ page_size: 100 }) : { results: [] },
  ]);
  const others = [
    ...alliances.results.filter((item) => allianceIds.has(item.id)),
    ...sections.filter((item) => item.type !== "playbook" && item.type !== "alliance"),
  ];
  return screen(
    page.title,
    h(
      "div",
      { class: "hero" },
      h("p", { class: "kicker" }, t("home.kicker")),
      h("h1", { tabindex: "-1" }, page.title),
      page.summary ? h("p", { class: "lede" }, page.summary) : null,
      rich(page.intro, api),
    ),
    playbooks.map((playbook) => playbookSummary(playbook, api, context.preview)),
    others.length
      ? section(
          t("home.others"),
          cardGrid(others, cardOptions),
        )
      : null,
    !sections.length ? h("p", { class: "notice" }, t("home.empty")) : null,
  );
}

function playbookSummary(playbook, api, preview) {
  const id = `playbook-${playbook.slug}`;
  return h(
    "section",
    { class: "section playbook-summary", "aria-labelledby": id },
    h("h2", { id }, h("a", { href: playbook.path }, playbook.title)),
    playbook.subtitle ? h("p", { class: "lede" }, playbook.subtitle) : null,
    playbook.summary ? h("p", {}, playbook.summary) : null,
    preview ? null : pdfButton(api, playbook.slug),
    playbook.challenges && playbook.challenges.length
      ? [h("h3", {}, t("playbook.challenges")), challengeTiles(playbook.challenges)]
      : null,
    playbook.how_to_use && playbook.how_to_use.length ? [h("h3", { class: "steps-heading" }, t("playbook.howToUse")), usageSteps(playbook.how_to_use)] : null,
  );
}

// Playbook -----------------------------------------------------------------

function playbookPage(playbook, { api, preview }) {
  const contributors = names(playbook.contributors);
  return screen(
    playbook.title,
    crumbs(playbook),
    pageHeader({
      kicker: t("type.playbook"),
      title: playbook.title,
      lede: playbook.subtitle || playbook.summary,
      // A draft's PDF does not exist: the PDF is made from published content only.
      extra: preview ? null : [pdfButton(api, playbook.slug), saveForOffline(playbook, api)],
    }),
    rich(playbook.intro, api),
    section(t("playbook.howToUse"), usageSteps(playbook.how_to_use)),
    section(t("playbook.challenges"), challengeTiles(playbook.challenges)),
    section(t("playbook.background"), streamBlocks(playbook.background, api)),
    section(t("playbook.glossary"), glossary(playbook.glossary)),
    section(
      t("playbook.about"),
      facts([
        [t("playbook.publishedBy"), playbook.publisher ? playbook.publisher.name : ""],
        [t("playbook.developedWith"), contributors],
        [t("playbook.edition"), playbook.edition_date ? new Date(playbook.edition_date).toLocaleDateString(currentLocale === "en" ? "en-GB" : currentLocale, { year: "numeric", month: "long" }) : ""],
        [t("playbook.webinar"), playbook.video_url ? externalLink(playbook.video_url, t("playbook.watchWebinar")) : ""],
        [t("playbook.contact"), playbook.contact_email ? h("a", { href: `mailto:${playbook.contact_email}`, "data-external": true }, playbook.contact_email) : ""],
      ]),
    ),
  );
}

// Challenge ----------------------------------------------------------------

function challengePage(challenge, { api }) {
  const groups = challenge.solutions || {};
  const solutionSections = SOLUTION_GROUPS.map(([key, label]) => {
    const items = groups[key] || [];
    if (!items.length) return null;
    const id = `solutions-${key}`;
    return h(
      "section",
      { class: "solution-group", "aria-labelledby": id },
      h("h3", { id }, t("challenge.group", { label: t(label), count: items.length })),
      h(
        "ul",
        { class: "card-grid" },
        items.map((item) => h("li", {}, card(item.page, { meta: cardMeta(item.page), note: item.note, headingLevel: 4, api }))),
      ),
    );
  }).filter(Boolean);

  const pager = [challenge.previous, challenge.next].some(Boolean)
    ? h(
        "nav",
        { class: "pager", "aria-label": t("challenge.pager") },
        h(
          "ul",
          { class: "actions" },
          challenge.previous ? h("li", {}, h("a", { href: challenge.previous.path, class: "button", rel: "prev" }, t("pager.previous", { title: challenge.previous.title }))) : null,
          challenge.next ? h("li", {}, h("a", { href: challenge.next.path, class: "button", rel: "next" }, t("pager.next", { title: challenge.next.title }))) : null,
        ),
      )
    : null;

  return screen(
    challenge.title,
    crumbs(challenge),
    pageHeader({
      kicker: challenge.element_name,
      title: challenge.title,
      lede: challenge.challenge_statement,
      colour: challenge.colour,
      iconName: challenge.icon,
    }),
    reflect(challenge),
    section(t("challenge.why"), rich(challenge.why_it_matters, api)),
    section(t("challenge.principles"), titledList(challenge.design_principles)),
    streamBlocks(challenge.body, api),
    solutionSections.length
      ? h(
          "section",
          { class: "section", "aria-labelledby": "section-solutions", style: { "--accent": challenge.colour || "" } },
          h("h2", { id: "section-solutions" }, t("challenge.solutions")),
          solutionSections,
        )
      : section(t("challenge.solutions"), h("p", {}, t("challenge.noSolutions"))),
    pager,
  );
}

function servesChallenges(page) {
  if (!page.challenges || !page.challenges.length) return null;
  return section(
    t("tool.challenges"),
    h("ul", { class: "link-list" }, page.challenges.map((challenge) => h("li", {}, h("a", { href: challenge.path }, challenge.title)))),
  );
}

// Tool ---------------------------------------------------------------------

function toolPage(tool, { api }) {
  return screen(
    tool.title,
    crumbs(tool),
    pageHeader({ kicker: tool.tool_type_label || t("type.tool"), title: tool.title, lede: tool.summary }),
    tool.image ? h("figure", { class: "figure figure--tool" }, picture(tool.image, api, { size: "large" })) : null,
    h(
      "div",
      { class: "layout" },
      h(
        "aside",
        { class: "aside-box layout__aside", "aria-label": t("tool.about") },
        facts([
          [t("tool.timeNeeded"), tool.time_needed],
          [t("tool.participants"), tool.participants],
          [t("tool.type"), tool.tool_type_label],
          [t("tool.madeBy"), tool.origin_label],
          [t("tool.source"), tool.source_organisation ? tool.source_organisation.name : ""],
        ]),
        tagList(tool.themes),
        tagList(tool.tags, t("tool.keywords")),
      ),
      h(
        "div",
        { class: "layout__main" },
        rich(tool.introduction, api),
        section(t("tool.howTo"), streamBlocks(tool.how_to, api)),
        section(t("tool.templates"), downloadList(tool.downloads, api)),
        tool.external_url ? h("p", {}, externalLink(tool.external_url, t("tool.original"))) : null,
      ),
    ),
    servesChallenges(tool),
    section(t("tool.caseStudies"), cardGrid(tool.case_studies, cardOptions)),
    section(t("tool.related"), cardGrid(tool.related_tools, cardOptionsWith(api))),
  );
}

// Case study ---------------------------------------------------------------

function caseStudyPage(study, { api }) {
  return screen(
    study.title,
    crumbs(study),
    pageHeader({
      kicker: t("type.case_study"),
      title: study.title,
      lede: study.summary,
    }),
    study.image ? h("figure", { class: "figure" }, picture(study.image, api, { size: "large" })) : null,
    facts([
      [t("case.organisation"), study.organisation ? study.organisation.name : ""],
      [t("case.where"), study.country],
      [t("case.sector"), study.sector],
    ]),
    study.pull_quote
      ? h("figure", { class: "quote" }, h("blockquote", {}, h("p", {}, study.pull_quote)), study.pull_quote_attribution ? h("figcaption", {}, study.pull_quote_attribution) : null)
      : null,
    section(t("case.situation"), rich(study.situation, api)),
    section(t("case.whatTheyDid"), streamBlocks(study.what_they_did, api)),
    section(t("case.results"), rich(study.results, api)),
    section(t("case.lessons"), titledList(study.lessons_learned)),
    section(t("case.toolsUsed"), cardGrid(study.tools_used, cardOptionsWith(api))),
    servesChallenges(study),
    tagList(study.themes),
  );
}

// External resource --------------------------------------------------------

function resourcePage(resource, { api }) {
  return screen(
    resource.title,
    crumbs(resource),
    pageHeader({ kicker: resource.format_label || t("type.resource"), title: resource.title, lede: resource.summary }),
    h("p", {}, externalLink(resource.url, t("resource.open", { format: (resource.format_label || t("type.resource")).toLowerCase() }))),
    facts([
      [t("playbook.publishedBy"), resource.publisher],
      [t("resource.author"), resource.author],
      [t("resource.year"), resource.year],
      [t("resource.format"), resource.format_label],
    ]),
    section(t("resource.whyRead"), rich(resource.why_read, api)),
    servesChallenges(resource),
    tagList(resource.themes),
  );
}

// Alliance -----------------------------------------------------------------

async function alliancePage(alliance, { api }) {
  // The detail lists the alliance's pages as a tree of links; the lists give cards.
  const nav = alliance.navigation || [];
  const publicationIndex = nav.find((node) => node.type === "publication_index");
  const [labs, summits, publications] = await Promise.all([
    api.learningLabs({ alliance: alliance.slug, ordering: "start_year", page_size: 100 }),
    api.summits({ alliance: alliance.slug, ordering: "year", page_size: 100 }),
    api.publications({ alliance: alliance.slug, ordering: "-year", page_size: 6 }),
  ]);
  return screen(
    alliance.title,
    crumbs(alliance),
    pageHeader({
      kicker: t("type.alliance"),
      title: alliance.title,
      lede: alliance.summary,
      extra: alliance.start_year ? h("p", { class: "kicker" }, years(alliance.start_year, alliance.end_year)) : null,
    }),
    rich(alliance.intro, api),
    section(t("alliance.mission"), rich(alliance.mission, api)),
    section(t("alliance.objectives"), titledList(alliance.objectives)),
    section(t("alliance.labs"), cardGrid(labs.results, cardOptions)),
    section(
      t("alliance.publications"),
      cardGrid(publications.results, cardOptions),
      publicationIndex
        ? h("p", {}, h("a", { href: publicationIndex.path, class: "button" }, t("alliance.allPublications", { count: publications.count })))
        : null,
    ),
    section(t("alliance.summits"), cardGrid(summits.results, cardOptions)),
    section(t("alliance.theory"), streamBlocks(alliance.theory_of_change, api)),
    section(
      t("alliance.members"),
      facts([[t("alliance.convenedBy"), alliance.convenor ? alliance.convenor.name : ""]]),
      tagList(alliance.member_organisations, t("alliance.memberOrganisations")),
    ),
  );
}

function learningLabPage(lab, { api }) {
  return screen(
    lab.title,
    crumbs(lab),
    pageHeader({ kicker: t("type.learning_lab"), title: lab.title, lede: lab.summary }),
    facts([
      [t("lab.theme"), lab.theme ? lab.theme.name : ""],
      [t("lab.years"), years(lab.start_year, lab.end_year)],
      [t("lab.facilitatedBy"), lab.facilitator ? lab.facilitator.name : ""],
      [t("lab.coLedBy"), names(lab.co_leads)],
      [t("lab.members"), names(lab.members)],
      [t("lab.met"), lab.meeting_rhythm],
    ]),
    streamBlocks(lab.body, api),
    section(t("lab.produced"), cardGrid(lab.publications, cardOptions)),
  );
}

function publicationPage(publication, { api }) {
  return screen(
    publication.title,
    crumbs(publication),
    pageHeader({ kicker: publication.publication_type_label || t("type.publication"), title: publication.title, lede: publication.summary }),
    h(
      "div",
      { class: "layout" },
      h(
        "div",
        { class: "layout__main" },
        section(t("publication.keyInsights"), titledList(publication.key_insights)),
        streamBlocks(publication.body, api),
        section(t("publication.download"), downloadList(publication.document ? [publication.document] : [], api)),
        publication.external_url ? h("p", {}, externalLink(publication.external_url, t("publication.online"))) : null,
      ),
      h(
        "aside",
        { class: "aside-box", "aria-label": t("publication.about") },
        publication.cover_image ? picture(publication.cover_image, api, { size: "thumbnail" }) : null,
        facts([
          [t("publication.type"), publication.publication_type_label],
          [t("publication.year"), publication.year],
          [t("publication.lab"), publication.learning_lab ? h("a", { href: publication.learning_lab.path }, publication.learning_lab.title) : ""],
          [t("publication.contributors"), names(publication.contributing_organisations)],
        ]),
        tagList(publication.themes),
      ),
    ),
    servesChallenges(publication),
  );
}

function summitPage(summit, { api }) {
  const dates =
    summit.start_date && summit.end_date
      ? t("summit.dates", { start: formatDate(summit.start_date), end: formatDate(summit.end_date) })
      : summit.start_date
        ? formatDate(summit.start_date)
        : "";
  return screen(
    summit.title,
    crumbs(summit),
    pageHeader({ kicker: t("summit.kicker"), title: summit.title, lede: summit.summary }),
    summit.details_confirmed === false
      ? h("p", { class: "notice" }, t("summit.uncertain"))
      : null,
    facts([
      [t("summit.where"), [summit.place, summit.country].filter(Boolean).join(", ")],
      [t("summit.when"), dates || summit.year],
      [t("summit.hostedWith"), names(summit.host_organisations)],
      [t("summit.participants"), summit.participants],
    ]),
    tagList(summit.themes),
    section(t("summit.outcomes"), streamBlocks(summit.outcomes, api)),
  );
}

function formatDate(value) {
  const date = new Date(`${value}T00:00:00`);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleDateString(currentLocale === "en" ? "en-GB" : currentLocale, { day: "numeric", month: "long", year: "numeric" });
}
