/**
 * Building blocks every screen shares: headers, cards, StreamField blocks,
 * downloads, the PDF button and the error and not-found screens.
 *
 * Contract: each function returns DOM nodes built from API data and never
 * inserts API text as HTML, except rich text, which goes through dom.richText's
 * allow-list. Links to reader pages use the API's `path` (a site-relative
 * frontend path), so the router handles them; file URLs go through
 * api.absolute() so they work from any origin.
 */

import { progress } from "../progress.js";
import { ApiError } from "../api.js";
import { fileKind, formatBytes, h, replaceChildren, richText } from "../dom.js";
import { icon } from "./icons.js";
import { t } from "../strings.js";

/** Human labels for the API's `type` names. */
export const TYPE_LABELS = {
  home: "Home",
  playbook: "Playbook",
  challenge: "Challenge",
  tool: "Tool",
  case_study: "Case study",
  resource: "Resource",
  alliance: "Alliance",
  learning_lab: "Learning lab",
  publication: "Publication",
  summit: "Summit",
  tool_index: "Tools",
  case_study_index: "Case studies",
  resource_index: "Resources",
  publication_index: "Publications",
};

/** "2016" or "2016–2018". */
export function years(start, end) {
  if (!start) return "";
  return end && end !== start ? `${start}–${end}` : String(start);
}

/** The short line of facts under a card's title, by page type. */
export function cardMeta(item) {
  switch (item.type) {
    case "tool":
      return [item.tool_type_label, item.time_needed, item.source_organisation && item.source_organisation.name].filter(Boolean).join(" · ");
    case "case_study":
      return [item.organisation && item.organisation.name, item.country, item.sector].filter(Boolean).join(" · ");
    case "resource":
      return [item.format_label, item.publisher, item.year].filter(Boolean).join(" · ");
    case "publication":
      return [item.publication_type_label, item.year].filter(Boolean).join(" · ");
    case "learning_lab":
      return [item.theme && item.theme.name, years(item.start_year, item.end_year)].filter(Boolean).join(" · ");
    case "summit":
      return [item.place, item.country, item.year].filter(Boolean).join(", ");
    case "challenge":
      return item.element_name || "";
    default:
      return "";
  }
}

export function typeLabel(type) {
  return TYPE_LABELS[type] ? t(`type.${type}`) : type ? type.replace(/_/g, " ") : t("type.page");
}

/** A screen: {title, content, status?, preview?}. */
export function screen(title, ...content) {
  return { title, content: h("div", { class: "screen" }, ...content) };
}

export function breadcrumbs(items) {
  const crumbs = items.filter(Boolean);
  if (!crumbs.length) return null;
  return h(
    "nav",
    { class: "breadcrumbs", "aria-label": t("crumbs.label") },
    h(
      "ol",
      {},
      crumbs.map((item, index) =>
        h(
          "li",
          {},
          index === crumbs.length - 1 || !item.path
            ? h("span", { "aria-current": index === crumbs.length - 1 ? "page" : false }, item.title)
            : h("a", { href: item.path }, item.title),
        ),
      ),
    ),
  );
}

/** The top of a page: a small label above the title, the title, an optional lede. */
export function pageHeader({ kicker, title, lede, colour, iconName, extra }) {
  return h(
    "header",
    {
      class: `page-header${colour ? " page-header--coloured" : ""}`,
      style: colour ? { "--accent": colour } : null,
    },
    iconName ? h("span", { class: "page-header__icon" }, icon(iconName, { size: 40 })) : null,
    h(
      "div",
      { class: "page-header__text" },
      kicker ? h("p", { class: "kicker" }, kicker) : null,
      h("h1", { tabindex: "-1" }, title),
      lede ? h("p", { class: "lede" }, lede) : null,
      extra || null,
    ),
  );
}

export function section(title, ...children) {
  const content = children.flat().filter((child) => child !== null && child !== undefined && child !== "");
  if (!content.length) return null;
  const id = `section-${slugify(title)}`;
  return h("section", { class: "section", "aria-labelledby": id }, h("h2", { id }, title), ...content);
}

export function slugify(text) {
  return String(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-|-$/g, "");
}

export function rich(html, api) {
  if (!html) return null;
  return h("div", { class: "rich-text" }, richText(html, (url) => api.absolute(url)));
}

/** A definition list of [label, value] pairs; empty values are left out. */
export function facts(pairs) {
  const rows = pairs.filter(([, value]) => value !== null && value !== undefined && value !== "" && !(Array.isArray(value) && !value.length));
  if (!rows.length) return null;
  return h(
    "dl",
    { class: "facts" },
    rows.map(([label, value]) => h("div", { class: "facts__row" }, h("dt", {}, label), h("dd", {}, value))),
  );
}

export function names(items, key = "name") {
  return (items || []).map((item) => (typeof item === "string" ? item : item[key])).filter(Boolean).join(", ");
}

export function externalLink(url, text) {
  if (!url) return null;
  return h("a", { href: url, class: "external-link", rel: "noopener", "data-external": true }, text || url);
}

export function tagList(items, label = "Themes") {
  const values = (items || []).map((item) => (typeof item === "string" ? item : item.name)).filter(Boolean);
  if (!values.length) return null;
  return h("ul", { class: "tags", "aria-label": label }, values.map((value) => h("li", {}, value)));
}

/**
 * A card linking to a page (any API reference or card). `meta` is a short line
 * of facts; `note` an editor's note shown beside it. Given `api`, a tool's card
 * shows its main image (decorative there: the title beside it says what it is).
 */
export function card(item, { meta, note, headingLevel = 3, colour, api } = {}) {
  const image = api && item.type === "tool" && item.image ? picture(item.image, api, { size: "thumbnail", className: "card__image" }) : null;
  if (image) image.alt = "";
  return h(
    "article",
    {
      class: `card card--${item.type || "page"}`,
      dataset: { type: item.type || "" },
      style: colour ? { "--accent": colour } : null,
    },
    image,
    h("p", { class: "card__type" }, typeLabel(item.type)),
    h(`h${headingLevel}`, { class: "card__title" }, h("a", { href: item.path }, item.title)),
    meta ? h("p", { class: "card__meta" }, meta) : null,
    // dir="auto": an editor's words not yet translated keep their own direction.
    item.summary ? h("p", { class: "card__summary", dir: "auto" }, item.summary) : null,
    note ? h("p", { class: "card__note" }, h("span", { class: "visually-hidden" }, t("card.note")), h("span", { dir: "auto" }, note)) : null,
  );
}

export function cardGrid(items, options = {}) {
  if (!items || !items.length) return null;
  return h(
    "ul",
    { class: "card-grid" },
    items.map((item) => h("li", {}, card(item, typeof options === "function" ? options(item) : options))),
  );
}

/** One downloadable file: title, kind and size, and an optional description. */
export function download(file, api, { title, description } = {}) {
  if (!file || !file.url) return null;
  const kind = fileKind(file.content_type, file.file_extension);
  const size = formatBytes(file.file_size);
  const label = title || file.title || file.filename;
  return h(
    "li",
    { class: "download" },
    h(
      "a",
      {
        class: "download__link",
        href: api.absolute(file.url),
        download: file.filename || true,
        dataset: { documentId: file.id ?? "" },
      },
      h("span", { class: "download__title" }, label),
      h("span", { class: "download__meta" }, [kind, size].filter(Boolean).join(", ")),
    ),
    description || file.description ? h("p", { class: "download__description" }, description || file.description) : null,
  );
}

export function downloadList(files, api) {
  const items = (files || []).map((file) => download(file, api)).filter(Boolean);
  if (!items.length) return null;
  return h("ul", { class: "downloads" }, items);
}

/**
 * Whether the reader asked to save data: the browser says so
 * (`navigator.connection.saveData`, Chromium's data saver), or the server saw the
 * `Save-Data: on` request header (a browser without that API, a data-saving proxy)
 * and marked the shell with `<meta name="save-data" content="on">`.
 */
export function savingData() {
  if (navigator.connection && navigator.connection.saveData) return true;
  const marked = document.querySelector('meta[name="save-data"]');
  return Boolean(marked && marked.content === "on");
}

const SIZES = {
  thumbnail: "(min-width: 40rem) 12rem, 40vw",
  medium: "(min-width: 60rem) 40rem, 100vw",
  large: "(min-width: 60rem) 60rem, 100vw",
};

/**
 * An image from the API (with renditions) as <img>: `size` names the rendition
 * that fills its box; `srcset` offers every rendition of the same shape so the
 * browser picks by the screen's width and density. With Save-Data on, only the
 * smallest rendition is offered. Width and height are set, so it takes its space
 * before it loads (no layout shift).
 */
export function picture(value, api, { size = "medium", className = "" } = {}) {
  if (!value) return null;
  const renditions = value.renditions || {};
  const rendition = renditions[size] || renditions.medium || null;
  const src = rendition ? rendition.url : value.url;
  if (!src) return null;
  const ratio = rendition && rendition.height ? rendition.width / rendition.height : 0;
  // Only renditions with the same shape: a cropped thumbnail is not a smaller large.
  const alike = Object.values(renditions)
    .filter((item) => item.url && item.width && ratio && Math.abs(item.width / item.height - ratio) < 0.02)
    .sort((a, b) => a.width - b.width);
  const saving = savingData() && alike.length;
  const chosen = saving ? alike[0] : rendition;
  return h("img", {
    class: className,
    src: api.absolute(chosen ? chosen.url : src),
    srcset: !saving && alike.length > 1 ? alike.map((item) => `${api.absolute(item.url)} ${item.width}w`).join(", ") : false,
    sizes: !saving && alike.length > 1 ? SIZES[size] || "100vw" : false,
    width: chosen ? chosen.width : value.width,
    height: chosen ? chosen.height : value.height,
    alt: value.alt || "",
    loading: "lazy",
    decoding: "async",
  });
}

/** A checklist as real checkboxes a reader can tick, kept on this device (progress.js). */
function checklist(value, blockId) {
  const page = location.pathname;
  const ticked = progress.ticks(page);
  const items = value.items || [];
  const headingId = `checklist-${blockId || slugify(value.title || "items")}`;
  return h(
    "div",
    { class: "checklist" },
    value.title ? h("h3", { id: headingId }, value.title) : null,
    h(
      "ul",
      { "aria-labelledby": value.title ? headingId : false },
      items.map((item, index) => {
        const id = `${headingId}-${index}`;
        return h(
          "li",
          {},
          h("input", {
            type: "checkbox",
            id,
            checked: Boolean(ticked[id]),
            onchange: (event) => progress.setTick(page, id, event.target.checked),
          }),
          h("label", { for: id }, item),
        );
      }),
    ),
  );
}

/**
 * StreamField items ([{type, value, id}]) as DOM. How-to steps are numbered in
 * order; unknown block types are skipped, so a new block never breaks a page.
 */
export function streamBlocks(items, api, { stepHeadingLevel = 3 } = {}) {
  if (!items || !items.length) return null;
  const out = [];
  let steps = null;
  let stepNumber = 0;
  for (const block of items) {
    const { type, value } = block;
    if (type === "step" && value && typeof value === "object" && "instructions" in value) {
      if (!steps) {
        steps = h("ol", { class: "how-to" });
        out.push(steps);
      }
      stepNumber += 1;
      steps.append(
        h(
          "li",
          { class: "how-to__step", id: `step-${stepNumber}` },
          h(`h${stepHeadingLevel}`, { class: "how-to__title" }, h("span", { class: "how-to__number" }, `Step ${stepNumber}`), " ", value.title),
          value.duration ? h("p", { class: "how-to__duration" }, h("span", { class: "visually-hidden" }, "Time needed: "), value.duration) : null,
          rich(value.instructions, api),
          value.tip ? h("p", { class: "how-to__tip" }, h("strong", {}, "Tip: "), value.tip) : null,
        ),
      );
      continue;
    }
    steps = null;
    const node = renderBlock(type, value, api, block.id);
    if (node) out.push(node);
  }
  return h("div", { class: "stream" }, out);
}

function renderBlock(type, value, api, id) {
  switch (type) {
    case "heading": {
      const level = { h2: "h2", h3: "h3", h4: "h4" }[value.level] || "h2";
      return h(level, { class: "stream__heading" }, value.text);
    }
    case "paragraph":
      return rich(value, api);
    case "image":
      if (!value || !value.image) return null;
      return h(
        "figure",
        { class: "figure" },
        picture(value.image, api, { size: "large" }),
        value.caption || value.credit
          ? h("figcaption", {}, value.caption || "", value.credit ? h("span", { class: "figure__credit" }, ` ${value.credit}`) : null)
          : null,
      );
    case "quote":
      return h(
        "figure",
        { class: "quote" },
        h("blockquote", {}, h("p", {}, value.quote)),
        value.attribution || value.source
          ? h(
              "figcaption",
              {},
              value.attribution || "",
              value.source ? [value.attribution ? ", " : "", value.source_url ? externalLink(value.source_url, value.source) : h("cite", {}, value.source)] : null,
            )
          : null,
      );
    case "callout":
      return h(
        "aside",
        { class: `callout callout--${value.kind || "note"}`, "aria-label": value.title || { tip: "Tip", warning: "Watch out", note: "Note" }[value.kind] || "Note" },
        value.title ? h("p", { class: "callout__title" }, value.title) : null,
        rich(value.body, api),
      );
    case "embed":
      if (!value || !value.url) return null;
      return h("p", { class: "embed" }, externalLink(value.url, value.caption || "Watch the video"));
    case "document":
      if (!value || !value.document) return null;
      return h("ul", { class: "downloads" }, download(value.document, api, { title: value.title, description: value.description }));
    case "checklist":
      return checklist(value, id);
    case "step":
    case "objective":
    case "insight":
    case "lesson":
    case "principle":
    case "item":
      return h("div", { class: "titled" }, h("h3", {}, value.title), value.description ? h("p", {}, value.description) : null);
    case "term":
      return h("div", { class: "term" }, h("dt", {}, value.term), h("dd", {}, value.definition));
    case "question":
      return h("p", { class: "question" }, value);
    default:
      return null;
  }
}

/** Items of a list-like stream (objectives, principles, lessons) as a list. */
export function titledList(items, className = "titled-list") {
  if (!items || !items.length) return null;
  return h(
    "ul",
    { class: className },
    items.map(({ value }) =>
      typeof value === "string"
        ? h("li", {}, value)
        : h("li", {}, h("strong", { class: "titled-list__title" }, value.title), value.description ? h("span", { class: "titled-list__text" }, value.description) : null),
    ),
  );
}

export function glossary(items) {
  if (!items || !items.length) return null;
  return h(
    "dl",
    { class: "glossary" },
    items.map(({ value }) => h("div", {}, h("dt", {}, value.term), h("dd", {}, value.definition))),
  );
}

/** The four steps a reader follows (Reflect, Consider, Explore, Apply). */
export function usageSteps(items) {
  if (!items || !items.length) return null;
  return h(
    "ol",
    { class: "usage-steps" },
    items.map(({ value }, index) =>
      h("li", { class: "usage-step" }, h("span", { class: "usage-step__number", "aria-hidden": "true" }, String(index + 1)), h("h3", {}, value.title), h("p", {}, value.description)),
    ),
  );
}

export function challengeTile(challenge) {
  return h(
    "li",
    {},
    h(
      "a",
      { class: "challenge-tile", href: challenge.path, style: { "--accent": challenge.colour || "#1f6f8b" } },
      h("span", { class: "challenge-tile__icon" }, icon(challenge.icon)),
      h(
        "span",
        { class: "challenge-tile__text" },
        h("span", { class: "challenge-tile__element" }, challenge.element_name || ""),
        h("span", { class: "challenge-tile__title" }, challenge.title),
        challenge.challenge_statement ? h("span", { class: "challenge-tile__statement" }, challenge.challenge_statement) : null,
      ),
    ),
  );
}

export function challengeTiles(challenges) {
  if (!challenges || !challenges.length) return null;
  return h("ul", { class: "challenge-tiles" }, challenges.map(challengeTile));
}

/**
 * "Download PDF": asks the export status first, so a ready PDF downloads at once
 * and a missing one is queued with a friendly "being generated" message that
 * checks again by itself and offers a retry button.
 */
export function pdfButton(api, slug, { label = t("pdf.download") } = {}) {
  const status = h("p", { class: "pdf__status", role: "status", "aria-live": "polite" });
  const button = h("button", { type: "button", class: "button button--primary pdf__button" }, label);
  let timer = null;
  let attempts = 0;

  const saveBlob = (blob, filename) => {
    const url = URL.createObjectURL(blob);
    const link = h("a", { href: url, download: filename, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  };

  const readyLink = (url, exportInfo) => {
    const details = [exportInfo && exportInfo.pages ? `${exportInfo.pages} pages` : "", exportInfo ? formatBytes(exportInfo.size) : ""].filter(Boolean).join(", ");
    return h("a", { href: url, class: "pdf__ready", "data-external": true }, t("my.ready"), details ? ` (${details})` : "");
  };

  const showError = (error) => {
    replaceChildren(status, h("span", { class: "notice notice--error" }, error.message || String(error)), " ", retryButton());
  };

  const retryButton = () =>
    h("button", { type: "button", class: "button button--small", onclick: () => start() }, t("errors.retry"));

  async function poll(retryAfter) {
    clearTimeout(timer);
    attempts += 1;
    if (attempts > 40) {
      replaceChildren(status, t("pdf.slow"), retryButton());
      return;
    }
    timer = setTimeout(async () => {
      if (!status.isConnected) return; // the reader moved on: stop asking
      try {
        const state = await api.pdfStatus(slug);
        const entry = state.exports[state.default_paper];
        if (entry && entry.available) {
          replaceChildren(status, readyLink(entry.url, entry));
          window.location.assign(entry.url);
        } else if (entry && entry.status === "failed") {
          replaceChildren(status, h("span", { class: "notice notice--error" }, t("pdf.failed")), " ", retryButton());
        } else {
          poll(retryAfter);
        }
      } catch (error) {
        showError(error);
      }
    }, Math.max(1, retryAfter) * 1000);
  }

  async function start() {
    clearTimeout(timer);
    attempts = 0;
    button.disabled = true;
    replaceChildren(status, t("pdf.preparing"));
    try {
      const state = await api.pdfStatus(slug);
      const entry = state.exports[state.default_paper];
      if (entry && entry.available) {
        replaceChildren(status, readyLink(entry.url, entry));
        window.location.assign(entry.url);
        return;
      }
      const result = await api.pdf(slug);
      if (result.ready) {
        saveBlob(result.blob, result.filename);
        replaceChildren(status, t("pdf.downloaded"));
      } else {
        replaceChildren(
          status,
          h("span", { class: "pdf__pending" }, t("pdf.pending")),
          " ",
          retryButton(),
        );
        poll(result.retryAfter);
      }
    } catch (error) {
      showError(error);
    } finally {
      button.disabled = false;
    }
  }

  button.addEventListener("click", start);
  return h("div", { class: "pdf" }, button, status);
}

/** The screen for an API error: what happened, and a way to try again. */
export function errorScreen(error, retry) {
  if (error instanceof ApiError && error.notFound) return notFoundScreen();
  const unreachable = error instanceof ApiError && error.network;
  const title = unreachable ? t("errors.unreachable") : t("errors.title");
  const message = error instanceof ApiError ? error.message : "The reader hit an unexpected problem.";
  if (!(error instanceof ApiError)) console.error(error); // a bug in the reader: keep the details for developers
  return {
    title,
    status: error instanceof ApiError ? error.status || "network" : "error",
    content: h(
      "div",
      { class: "screen screen--error", role: "alert" },
      h("h1", { tabindex: "-1" }, title),
      h("p", { class: "notice notice--error" }, message),
      error instanceof ApiError && error.retryAfter ? h("p", {}, `Please wait about ${error.retryAfter} seconds.`) : null,
      h(
        "p",
        { class: "actions" },
        h("button", { type: "button", class: "button button--primary", onclick: retry }, t("errors.retry")),
        " ",
        h("a", { href: "/", class: "button" }, t("errors.home")),
      ),
    ),
  };
}

export function notFoundScreen(message = t("errors.notFound")) {
  return {
    title: t("errors.notFoundTitle"),
    status: 404,
    content: h(
      "div",
      { class: "screen screen--not-found" },
      h("h1", { tabindex: "-1" }, t("errors.notFoundTitle")),
      h("p", {}, message),
      h("p", { class: "actions" }, h("a", { href: "/", class: "button button--primary" }, t("errors.home")), " ", h("a", { href: "/search/", class: "button" }, t("shell.search"))),
    ),
  };
}
