/**
 * Folder pages (tools, case studies, resources, publications): the folder's
 * introduction and its pages as cards, page by page.
 *
 * Contract: the filters and the page number live in the reader's URL query
 * (`?theme=&year=&page=`), so a filtered list survives reload and can be shared;
 * they are passed to the API unchanged, and when the API rejects one (a 400
 * naming the parameter: a theme that no longer exists; or a 404 naming it: a
 * page past the last) the screen says which filter was wrong instead of failing.
 * Publications filter by theme and year.
 */

import { ApiError } from "../api.js";
import { h } from "../dom.js";
import { breadcrumbs, cardGrid, cardMeta, pageHeader, rich, screen } from "./components.js";

const FILTERS = {
  publications: ["theme", "year"],
  tools: [],
  "case-studies": [],
  resources: [],
};
const ORDERING = { publications: "-year,title" };
const PAGE_SIZE = 24;

function apiPath(itemsUrl, collection) {
  // items_url is the list endpoint already narrowed to this folder's parent.
  return itemsUrl || `/api/v1/${collection}/`;
}

/** The themes and years the folder's items actually have, so no choice leads nowhere. */
async function filterOptions(api, collection, itemsUrl) {
  if (collection !== "publications") return {};
  const all = await api.get(apiPath(itemsUrl, collection), { page_size: 100 });
  const themes = new Map();
  for (const item of all.results) for (const theme of item.themes || []) themes.set(theme.slug, theme.name);
  const years = [...new Set(all.results.map((item) => item.year).filter(Boolean))].sort((a, b) => b - a);
  return {
    theme: [...themes].sort((a, b) => a[1].localeCompare(b[1])),
    year: years.map((year) => [String(year), String(year)]),
  };
}

function filterForm(path, names, options, params, navigate) {
  if (!names.length) return null;
  const controls = names.map((name) => {
    const id = `filter-${name}`;
    const current = params.get(name) || "";
    const choices = options[name] || [];
    const known = choices.some(([value]) => value === current);
    return h(
      "label",
      { for: id },
      { theme: "Theme", year: "Year" }[name] || name,
      h(
        "select",
        { id, name },
        h("option", { value: "" }, { theme: "All themes", year: "All years" }[name] || "All"),
        choices.map(([value, label]) => h("option", { value, selected: value === current }, label)),
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
      "aria-label": "Filter the list",
      onsubmit: (event) => {
        event.preventDefault();
        const query = new URLSearchParams();
        for (const [name, value] of new FormData(event.target)) if (value) query.set(name, value);
        const search = query.toString();
        navigate(search ? `${path}?${search}` : path, { focus: false }).then(() => {
          document.getElementById("result-count")?.focus();
        });
      },
    },
    controls,
    h("button", { type: "submit", class: "button button--primary" }, "Apply filters"),
    active ? h("a", { href: path, class: "button" }, "Clear filters") : null,
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
    { class: "pagination", "aria-label": "Pages" },
    data.page > 1 ? link(data.page - 1, "← Previous", "prev") : null,
    h("span", {}, `Page ${data.page} of ${data.total_pages}`),
    data.page < data.total_pages ? link(data.page + 1, "Next →", "next") : null,
  );
}

export async function listingScreen(page, context, { collection }) {
  const { api, params, navigate } = context;
  const names = FILTERS[collection] || [];
  const query = { page_size: PAGE_SIZE, ...(ORDERING[collection] ? { ordering: ORDERING[collection] } : {}) };
  for (const name of names) if (params.get(name)) query[name] = params.get(name);
  if (params.get("page")) query.page = params.get("page");

  const [options, result] = await Promise.all([
    filterOptions(api, collection, page.items_url),
    api.get(apiPath(page.items_url, collection), query).catch((error) => {
      const named = error instanceof ApiError && error.errors.some((item) => item.parameter);
      if (error instanceof ApiError && (error.status === 400 || (error.status === 404 && named))) {
        return { error };
      }
      throw error;
    }),
  ]);

  let body;
  if (result.error) {
    body = h(
      "div",
      { class: "notice notice--error", role: "alert" },
      h("p", {}, "These filters cannot be applied:"),
      h("ul", {}, result.error.errors.map((error) => h("li", {}, error.parameter ? `${error.parameter}: ${error.message}` : error.message))),
      h("p", {}, h("a", { href: page.path }, "Show the whole list")),
    );
  } else {
    const filtered = names.some((name) => params.get(name));
    body = [
      h(
        "p",
        { class: "result-count", id: "result-count", tabindex: "-1", role: "status" },
        result.count === 0
          ? filtered
            ? "Nothing matches these filters."
            : "Nothing has been published here yet."
          : filtered
            ? `${result.count} ${result.count === 1 ? "item matches" : "items match"} these filters`
            : `${result.count} ${result.count === 1 ? "item" : "items"}`,
      ),
      cardGrid(result.results, (item) => ({ meta: cardMeta(item), api })),
      pager(page.path, params, result),
    ];
  }

  return screen(
    page.title,
    breadcrumbs([...(page.breadcrumbs || []), { title: page.title }]),
    pageHeader({ title: page.title, lede: page.summary }),
    rich(page.intro, api),
    filterForm(page.path, names, options, params, navigate),
    body,
  );
}
