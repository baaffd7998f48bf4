/**
 * Search across everything: `/search/?q=words&type=tool&page=2`.
 *
 * Contract: the query, the type filter and the page live in the URL (reload and
 * back keep them); results come from GET /api/v1/search/ as typed cards; a query
 * the API refuses (400) is explained beside the form rather than as a failure.
 */

import { ApiError } from "../api.js";
import { h } from "../dom.js";
import { t } from "../strings.js";
import { cardGrid, cardMeta, screen } from "./components.js";

const MAX_LENGTH = 200; // what the API accepts (api.filters.MAX_SEARCH_LENGTH)

/** Wrap the searched words in <mark> inside the cards' titles and summaries (the snippet). */
function markWords(root, q) {
  const words = [...new Set(q.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) || [])];
  if (!root || !words.length) return root;
  // The words are letters and digits only, so none needs escaping in the pattern.
  const pattern = new RegExp(`(${words.join("|")})`, "giu");
  for (const box of root.querySelectorAll(".card__title a, .card__summary")) {
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    const texts = [];
    while (walker.nextNode()) texts.push(walker.currentNode);
    for (const text of texts) {
      const parts = text.data.split(pattern);
      if (parts.length < 2) continue;
      text.replaceWith(...parts.map((part, index) => (index % 2 ? h("mark", {}, part) : part)));
    }
  }
  return root;
}

const TYPES = ["", "challenge", "tool", "case_study", "resource", "publication", "learning_lab", "summit"];

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
    h("label", { for: "search-q", class: "visually-hidden" }, t("search.for")),
    h("input", { id: "search-q", name: "q", type: "search", value: q, maxlength: String(MAX_LENGTH), placeholder: t("search.placeholder") }),
    h("label", { for: "search-type", class: "visually-hidden" }, t("search.kind")),
    h(
      "select",
      { id: "search-type", name: "type" },
      TYPES.map((value) => h("option", { value, selected: value === type }, value ? t(`search.type.${value}`) : t("search.everything"))),
    ),
    h("button", { type: "submit", class: "button button--primary" }, t("search.button")),
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
    { class: "pagination", "aria-label": t("search.pages") },
    data.page > 1 ? link(data.page - 1, t("list.previous"), "prev") : null,
    h("span", {}, t("search.pageOf", { page: data.page, total: data.total_pages })),
    data.page < data.total_pages ? link(data.page + 1, t("list.next"), "next") : null,
  );
}

export async function searchScreen({ api, params, navigate }) {
  const q = (params.get("q") || "").trim();
  const type = params.get("type") || "";
  const header = [h("h1", { tabindex: "-1" }, q ? t("search.titleFor", { q }) : t("search.title")), searchForm(q, type, navigate)];
  if (!q) {
    return screen(t("search.title"), header, h("p", {}, t("search.intro")));
  }
  if (q.length > MAX_LENGTH) {
    // Said before asking: the API refuses it, in words meant for developers.
    return screen(t("search.title"), header, h("p", { class: "notice notice--error", role: "alert" }, t("errors.tooLong", { max: MAX_LENGTH, length: q.length })));
  }
  let data;
  try {
    data = await api.search(q, { type, page: params.get("page") || "" });
  } catch (error) {
    if (error instanceof ApiError && error.status === 400) {
      return screen(
        t("search.title"),
        header,
        h("div", { class: "notice notice--error", role: "alert" }, h("p", {}, t("search.failed"))),
      );
    }
    throw error;
  }
  const count = data.count ?? data.results.length;
  const suggestionQuery = new URLSearchParams({ q: data.suggestion || "" });
  if (type) suggestionQuery.set("type", type);
  return screen(
    t("search.titleFor", { q }),
    header,
    h(
      "p",
      { class: "result-count", id: "result-count", tabindex: "-1", role: "status" },
      count === 0 ? t("search.none", { q }) : count === 1 ? t("search.one", { q }) : t("search.many", { count, q }),
    ),
    data.suggestion
      ? h("p", { class: "suggestion" }, h("a", { href: `/search/?${suggestionQuery}` }, t("search.didYouMean", { suggestion: data.suggestion })))
      : null,
    markWords(cardGrid(data.results, (item) => ({ meta: cardMeta(item), headingLevel: 2 })), q),
    pager(params, data),
  );
}
