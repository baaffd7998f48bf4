/**
 * Search across everything: `/search/?q=words&type=tool&page=2`.
 *
 * Contract: the query, the type filter and the page live in the URL (reload and
 * back keep them); results come from GET /api/v1/search/ as typed cards; a query
 * the API refuses (400) is explained beside the form rather than as a failure.
 */

import { ApiError } from "../api.js";
import { h } from "../dom.js";
import { cardGrid, cardMeta, screen } from "./components.js";

const TYPES = [
  ["", "Everything"],
  ["challenge", "Challenges"],
  ["tool", "Tools"],
  ["case_study", "Case studies"],
  ["resource", "Resources"],
  ["publication", "Publications"],
  ["learning_lab", "Learning labs"],
  ["summit", "Summits"],
];

function searchForm(q, type, navigate) {
  return h(
    "form",
    {
      class: "search-form",
      role: "search",
      action: "/search/",
      method: "get",
      onsubmit: (event) => {
        event.preventDefault();
        const data = new FormData(event.target);
        const query = new URLSearchParams();
        const words = String(data.get("q") || "").trim();
        if (words) query.set("q", words);
        if (data.get("type")) query.set("type", data.get("type"));
        const search = query.toString();
        navigate(search ? `/search/?${search}` : "/search/", { focus: false }).then(() => {
          document.getElementById("result-count")?.focus();
        });
      },
    },
    h("label", { for: "search-q", class: "visually-hidden" }, "Search for"),
    h("input", { id: "search-q", name: "q", type: "search", value: q, placeholder: "e.g. after-action review" }),
    h("label", { for: "search-type", class: "visually-hidden" }, "Kind of content"),
    h(
      "select",
      { id: "search-type", name: "type" },
      TYPES.map(([value, label]) => h("option", { value, selected: value === type }, label)),
    ),
    h("button", { type: "submit", class: "button button--primary" }, "Search"),
  );
}

function pager(params, data) {
  if (!data.total_pages || data.total_pages <= 1) return null;
  const link = (page, label, rel) => {
    const query = new URLSearchParams(params);
    if (page === 1) query.delete("page");
    else query.set("page", String(page));
    return h("a", { href: `/search/?${query}`, class: "button", rel }, label);
  };
  return h(
    "nav",
    { class: "pagination", "aria-label": "Result pages" },
    data.page > 1 ? link(data.page - 1, "← Previous", "prev") : null,
    h("span", {}, `Page ${data.page} of ${data.total_pages}`),
    data.page < data.total_pages ? link(data.page + 1, "Next →", "next") : null,
  );
}

export async function searchScreen({ api, params, navigate }) {
  const q = (params.get("q") || "").trim();
  const type = params.get("type") || "";
  const header = [h("h1", { tabindex: "-1" }, q ? `Search: ${q}` : "Search"), searchForm(q, type, navigate)];
  if (!q) {
    return screen("Search", header, h("p", {}, "Search the tools, case studies, resources, challenges and the alliance's publications."));
  }
  let data;
  try {
    data = await api.search(q, { type, page: params.get("page") || "" });
  } catch (error) {
    if (error instanceof ApiError && error.status === 400) {
      return screen(
        "Search",
        header,
        h("div", { class: "notice notice--error", role: "alert" }, h("p", {}, "This search cannot be run:"), h("ul", {}, error.errors.map((e) => h("li", {}, e.parameter ? `${e.parameter}: ${e.message}` : e.message)))),
      );
    }
    throw error;
  }
  const count = data.count ?? data.results.length;
  return screen(
    `Search: ${q}`,
    header,
    h(
      "p",
      { class: "result-count", id: "result-count", tabindex: "-1", role: "status" },
      count === 0 ? `Nothing found for “${q}”. Try other words.` : `${count} ${count === 1 ? "result" : "results"} for “${q}”`,
    ),
    cardGrid(data.results, (item) => ({ meta: cardMeta(item) })),
    pager(params, data),
  );
}
