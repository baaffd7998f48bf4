/**
 * Working through the playbook: Reflect questions to tick, "this resonates" marks,
 * progress per challenge, and the "My playbook" screen with its personal PDF.
 *
 * Contract: everything a reader marks is kept on the device (`progress.js`);
 * nothing is sent to the server except the marked challenges' slugs in the
 * personal PDF's URL, `GET /api/v1/playbooks/{slug}/pdf/?challenges=a,b&paper=&edition=`,
 * which answers the PDF, or 202 (with Retry-After) while it is being made; the
 * screen then says "preparing" and asks again until the PDF is there.
 */

import { ApiError } from "../api.js";
import { h, replaceChildren } from "../dom.js";
import { progress } from "../progress.js";
import { t } from "../strings.js";
import { breadcrumbs, pageHeader, screen } from "./components.js";

/** The challenge's Reflect questions as checkboxes, and the mark that puts it in My playbook. */
export function reflect(challenge) {
  const questions = challenge.reflection_questions || [];
  const ticked = progress.reflections(challenge.slug);
  const markId = `mark-${challenge.slug}`;
  const summary = h("p", { class: "progress-note", "aria-live": "polite" });
  const update = () => replaceChildren(summary, progressSummary(challenge));
  const list = h(
    "ul",
    { class: "reflect-list" },
    questions.map(({ value }, index) => {
      const id = `reflect-${challenge.slug}-${index}`;
      return h(
        "li",
        {},
        h("input", {
          type: "checkbox",
          id,
          checked: ticked.has(index),
          onchange: (event) => {
            progress.setReflection(challenge.slug, index, event.target.checked);
            update();
          },
        }),
        h("label", { for: id }, typeof value === "string" ? value : value.title || ""),
      );
    }),
  );
  const mark = h(
    "p",
    { class: "mark" },
    h("input", {
      type: "checkbox",
      id: markId,
      checked: progress.isMarked(challenge.slug),
      onchange: (event) => {
        progress.mark(
          { slug: challenge.slug, title: challenge.title, path: challenge.path, playbook: challenge.playbook ? challenge.playbook.slug : "" },
          event.target.checked,
        );
        update();
      },
    }),
    h("label", { for: markId }, t("reflect.mark")),
  );
  update();
  return h(
    "section",
    { class: "section reflect", "aria-labelledby": "section-reflect" },
    h("h2", { id: "section-reflect" }, t("reflect.title")),
    questions.length ? [h("p", {}, t("reflect.intro")), list] : null,
    mark,
    summary,
    h("p", { class: "hint" }, t("progress.kept"), " ", h("a", { href: "/my-playbook/" }, t("my.title"))),
  );
}

function toolPaths(challenge) {
  return ((challenge.solutions || {}).tools || []).map((item) => item.page.path);
}

/** "2 of 3 questions ticked · 1 of 2 tools opened · 3 checklist items ticked" for one challenge. */
export function progressSummary(challenge) {
  const questions = (challenge.reflection_questions || []).length;
  const tools = toolPaths(challenge);
  const parts = [];
  if (questions) parts.push(t("progress.reflections", { done: progress.reflections(challenge.slug).size, total: questions }));
  if (tools.length) parts.push(t("progress.tools", { done: tools.filter((path) => progress.visited(path)).length, total: tools.length }));
  parts.push(t("progress.checklists", { done: progress.tickCount(tools) }));
  return parts.join(" · ");
}

function pdfUrl(api, playbook, slugs, paper, edition) {
  return api.url(`/api/v1/playbooks/${encodeURIComponent(playbook)}/pdf/`, { challenges: slugs.join(","), paper, edition, fallback: null });
}

/** Paper, edition and the download of a PDF of just these challenges, with "preparing". */
function personalPdf(api, playbook, slugs) {
  const status = h("p", { class: "pdf__status", role: "status", "aria-live": "polite" });
  const paper = h("select", { id: `paper-${playbook}`, name: "paper" }, h("option", { value: "a4" }, "A4"), h("option", { value: "letter" }, "Letter"));
  const edition = h(
    "select",
    { id: `edition-${playbook}`, name: "edition" },
    h("option", { value: "screen" }, t("my.edition.screen")),
    h("option", { value: "print" }, t("my.edition.print")),
  );
  const link = h("a", { class: "button button--primary", href: pdfUrl(api, playbook, slugs, "a4", "screen"), "data-external": true }, t("my.download"));
  const refresh = () => {
    link.href = pdfUrl(api, playbook, slugs, paper.value, edition.value);
  };
  paper.addEventListener("change", refresh);
  edition.addEventListener("change", refresh);
  let attempts = 0;

  async function fetchPdf(url) {
    attempts += 1;
    if (attempts > 40) {
      replaceChildren(status, t("my.tooLong"));
      return;
    }
    try {
      const response = await api.fetch(url, { headers: { Accept: "application/pdf, application/json" }, credentials: "omit" });
      if (response.status === 202) {
        replaceChildren(status, t("my.preparing"));
        const wait = Number.parseInt(response.headers.get("Retry-After") || "5", 10) || 5;
        setTimeout(() => status.isConnected && fetchPdf(url), Math.max(1, wait) * 1000);
        return;
      }
      const type = response.headers.get("Content-Type") || "";
      if (response.ok && type.includes("application/pdf")) {
        replaceChildren(status, h("a", { href: url, class: "pdf__ready", "data-external": true }, t("my.ready")));
        window.location.assign(url);
        return;
      }
      let body = null;
      try {
        body = await response.json();
      } catch {
        body = null;
      }
      throw api.error(response, body);
    } catch (error) {
      const message = error instanceof ApiError ? error.message : t("offline.banner");
      replaceChildren(status, h("span", { class: "notice notice--error" }, t("my.pdfFailed", { message })));
    }
  }

  link.addEventListener("click", (event) => {
    // A ready PDF downloads as a plain link would; a 202 is shown as "preparing".
    event.preventDefault();
    attempts = 0;
    replaceChildren(status, t("my.preparing"));
    fetchPdf(link.href);
  });
  return h(
    "div",
    { class: "personal-pdf" },
    h("h3", {}, t("my.pdfHeading")),
    h("div", { class: "filters" }, h("label", { for: paper.id }, t("my.paper"), paper), h("label", { for: edition.id }, t("my.edition"), edition)),
    h("p", {}, link),
    status,
  );
}

/** `/my-playbook/`: the marked challenges by playbook, progress, the PDF, and "clear". */
export async function myPlaybookScreen({ api, redraw }) {
  const marked = progress.marked();
  const byPlaybook = new Map();
  for (const item of marked) {
    if (!byPlaybook.has(item.playbook)) byPlaybook.set(item.playbook, []);
    byPlaybook.get(item.playbook).push(item);
  }
  // The challenges' details give the progress figures (and say which still exist).
  const details = await Promise.all(
    marked.map((item) =>
      api.challenge(item.slug).catch((error) => {
        if (error instanceof ApiError && (error.status === 404 || error.network)) return null;
        throw error;
      }),
    ),
  );
  const found = new Map(details.filter(Boolean).map((detail) => [detail.slug, detail]));
  const groups = [...byPlaybook].map(([playbook, items]) =>
    h(
      "section",
      { class: "section", "aria-labelledby": `my-${playbook}` },
      h("h2", { id: `my-${playbook}` }, found.get(items[0].slug)?.playbook?.title || playbook || t("my.title")),
      h(
        "ul",
        { class: "my-list" },
        items.map((item) => {
          const detail = found.get(item.slug);
          return h(
            "li",
            { class: "my-list__item" },
            h("a", { href: item.path }, detail ? detail.title : item.title),
            h("p", { class: "progress-note" }, detail ? progressSummary(detail) : t("progress.notVisited")),
          );
        }),
      ),
      playbook ? personalPdf(api, playbook, items.map((item) => item.slug)) : null,
    ),
  );
  const clear = h(
    "button",
    {
      type: "button",
      class: "button",
      onclick: () => {
        if (!window.confirm(t("my.confirmClear"))) return;
        progress.clear();
        redraw();
      },
    },
    t("my.clear"),
  );
  return screen(
    t("my.title"),
    breadcrumbs([{ title: "Home", path: "/" }, { title: t("my.title") }]),
    pageHeader({ title: t("my.title"), lede: t("my.lede") }),
    marked.length ? groups : h("p", { class: "notice" }, t("my.none")),
    h("p", { class: "hint" }, t("progress.kept")),
    h("p", {}, clear),
  );
}
