/**
 * Folder pages (tools, case studies, resources, publications): the folder's
 * introduction, filters with counts, and its pages as cards, page by page.
 *
 * Contract: the filters and the page number live in the reader's URL query
 * (`?theme=&year=&page=`), so a filtered list survives reload and can be shared;
 * they are passed to the API unchanged. The choices and their counts come from the
 * list's `/facets/` endpoint (counted by the server over every visible item, with
 * the other filters applied), so a choice never leads to an empty list; a filter
 * applies as soon as it changes. When a combination is empty anyway (a shared
 * link, content unpublished since), the screen says so and offers to clear; when
 * the API rejects a filter (a 400 naming it: a theme that no longer exists), the
 * screen says which one, in plain words.
 */

import { ApiError } from "../api.js";
import { h } from "../dom.js";
import { t } from "../strings.js";
import { breadcrumbs, cardGrid, cardMeta, pageHeader, rich, screen } from "./components.js";

/** The list endpoint each folder type shows. */
export const COLLECTIONS = {
  tool_index: "tools",
  case_study_index: "case-studies",
  resource_index: "resources",
  publication_index: "publications",
};
// Which facets each list offers, in the order they are shown (api.filters' facets).
const FILTERS = {
  publications: ["theme", "type", "year", "challenge"],
  tools: ["challenge", "type", "theme"],
  "case-studies": ["challenge", "theme"],
  resources: ["challenge", "format", "theme", "year"],
};
const ORDERING = { publications: "-year,title", resources: "-year,title" };
const PAGE_SIZE = 24;

function apiPath(itemsUrl, collection) {
  // items_url is the list endpoint already narrowed to this folder's parent.
  return itemsUrl || `/api/v1/${collection}/`;
}

function facetsPath(itemsUrl, collection) {
  const url = new URL(apiPath(itemsUrl, collection), "http://x");
  return `${url.pathname}facets/${url.search}`;
}

/**
 * The two requests the screen makes for a folder and the reader's URL query:
 * [[listPath, params], [facetsPath, params]] (views/offline.js saves the same).
 */
export function listRequests(page, collection, params) {
  const names = FILTERS[collection] || [];
  const filters = {};
  for (const name of names) if (params.get(name)) filters[name] = params.get(name);
  const list = { page_size: PAGE_SIZE, ...(ORDERING[collection] ? { ordering: ORDERING[collection] } : {}), ...filters };
  if (params.get("page")) list.page = params.get("page");
  return [
    [apiPath(page.items_url, collection), list],
    [facetsPath(page.items_url, collection), filters],
  ];
}

function filterForm(path, names, facets, params, navigate) {
  const offered = names.filter((name) => (facets[name] || []).length || params.get(name));
  if (!offered.length) return null;
  const apply = (form) => {
    const query = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (value) query.set(name, value);
    const search = query.toString();
    navigate(search ? `${path}?${search}` : path, { focus: false }).then(() => {
      document.getElementById(`filter-${document.activeElement?.name || offered[0]}`)?.focus();
    });
  };
  const controls = offered.map((name) => {
    const id = `filter-${name}`;
    const current = params.get(name) || "";
    const choices = facets[name] || [];
    const known = choices.some((choice) => choice.value === current);
    return h(
      "label",
      { for: id },
      t(`filters.label.${name}`),
      h(
        "select",
        { id, name, onchange: (event) => apply(event.target.form) },
        h("option", { value: "" }, t(`filters.all.${name}`)),
        choices.map((choice) => h("option", { value: choice.value, selected: choice.value === current }, t("filters.option", choice))),
        current && !known ? h("option", { value: current, selected: true }, current) : null,
      ),
    );
  });
  const active = names.some((name) => params.get(name));
  return h(
    "form",
    {
      class: "filters",
      action: path,
      method: "get",
      "aria-label": t("filters.legend"),
      onsubmit: (event) => {
        event.preventDefault();
        apply(event.target);
      },
    },
    controls,
    h("p", { class: "filters__hint" }, t("filters.applied")),
    active ? h("a", { href: path, class: "button" }, t("filters.clear")) : null,
  );
}

function pager(path, params, data) {
  if (!data.total_pages || data.total_pages <= 1) return null;
  const link = (page, label, rel) => {
    const query = new URLSearchParams(params);
    if (page === 1) query.delete("page");
    else query.set("page", String(page));
    const search = query.toString();
    return h("a", { href: search ? `${path}?${search}` : path, class: "button", rel }, label);
  };
  return h(
    "nav",
    { class: "pagination", "aria-label": t("list.pages") },
    data.page > 1 ? link(data.page - 1, t("list.previous"), "prev") : null,
    h("span", {}, t("list.pageOf", { page: data.page, total: data.total_pages })),
    data.page < data.total_pages ? link(data.page + 1, t("list.next"), "next") : null,
  );
}

function refused(error) {
  const named = error instanceof ApiError && error.errors.some((item) => item.parameter);
  return error instanceof ApiError && (error.status === 400 || (error.status === 404 && named));
}

/** A refused filter in plain words: which one, and what to do. */
function plainError(item) {
  if (!item.parameter) return item.message;
  if (item.parameter === "page" || item.parameter === "page_size") return t("errors.noPage");
  const key = `filters.label.${item.parameter}`;
  const label = t(key) === key ? item.parameter : t(key);
  return `${label}: ${t("errors.badFilter")}`;
}

export async function listingScreen(page, context, { collection }) {
  const { api, params, navigate } = context;
  const names = FILTERS[collection] || [];
  const [[listPath, listParams], [facetPath, facetParams]] = listRequests(page, collection, params);
  const [facets, result] = await Promise.all([
    api.get(facetPath, facetParams).catch((error) => {
      if (refused(error) || error.network) return { facets: {} };
      throw error;
    }),
    api.get(listPath, listParams).catch((error) => {
      if (refused(error)) return { error };
      throw error;
    }),
  ]);

  let body;
  if (result.error) {
    body = h(
      "div",
      { class: "notice notice--error", role: "alert" },
      h("p", {}, t("filters.invalid")),
      h("ul", {}, result.error.errors.map((error) => h("li", {}, plainError(error)))),
      h("p", {}, h("a", { href: page.path }, t("filters.showAll"))),
    );
  } else {
    const filtered = names.some((name) => params.get(name));
    body = [
      h(
        "p",
        { class: "result-count", id: "result-count", tabindex: "-1", role: "status" },
        result.count === 0
          ? filtered
            ? t("filters.empty")
            : t("list.empty")
          : filtered
            ? result.count === 1
              ? t("list.matchesOne")
              : t("list.matchesMany", { count: result.count })
            : result.count === 1
              ? t("list.one")
              : t("list.many", { count: result.count }),
      ),
      result.count === 0 && filtered ? h("p", {}, h("a", { href: page.path, class: "button" }, t("filters.clear"))) : null,
      cardGrid(result.results, (item) => ({ meta: cardMeta(item), api, headingLevel: 2 })),
      pager(page.path, params, result),
    ];
  }

  return screen(
    page.title,
    breadcrumbs([...(page.breadcrumbs || []), { title: page.title }]),
    pageHeader({ title: page.title, lede: page.summary }),
    rich(page.intro, api),
    filterForm(page.path, names, facets.facets || {}, params, navigate),
    body,
  );
}
