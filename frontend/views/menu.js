/**
 * The "Browse" menu in the header: every playbook with its challenges and folders
 * (tools, case studies, resources), every alliance with its labs, publications and
 * summits, and "My playbook".
 *
 * Contract: built from the API's `navigation` trees (GET /api/v1/playbooks/{slug}/
 * and /alliances/{slug}/, top level only), loaded the first time the menu opens,
 * so the first view costs nothing extra. A <details> element: it opens and closes
 * with the keyboard, and Escape closes it. Following a link closes it.
 */

import { h, replaceChildren } from "../dom.js";
import { t } from "../strings.js";

function links(nodes) {
  return h(
    "ul",
    { class: "site-menu__links" },
    nodes.map((node) => h("li", {}, h("a", { href: node.path }, node.title))),
  );
}

function group(page) {
  const nodes = page.navigation || [];
  const challenges = nodes.filter((node) => node.type === "challenge");
  const others = nodes.filter((node) => node.type !== "challenge");
  return h(
    "section",
    { class: "site-menu__group" },
    h("h2", { class: "site-menu__heading" }, h("a", { href: page.path }, page.title)),
    challenges.length ? [h("p", { class: "site-menu__label" }, t("menu.challenges")), links(challenges)] : null,
    others.length ? links(others) : null,
  );
}

async function load(api, panel) {
  replaceChildren(panel, h("p", {}, t("menu.loading")));
  try {
    const [playbooks, alliances] = await Promise.all([api.playbooks({ page_size: 100 }), api.alliances({ page_size: 100 })]);
    const details = await Promise.all([
      ...playbooks.results.map((item) => api.playbook(item.slug)),
      ...alliances.results.map((item) => api.get(`/api/v1/alliances/${encodeURIComponent(item.slug)}/`)),
    ]);
    replaceChildren(
      panel,
      h("div", { class: "site-menu__groups" }, details.map(group)),
      h("p", { class: "site-menu__mine" }, h("a", { href: "/my-playbook/" }, t("menu.myPlaybook"))),
    );
    return true;
  } catch {
    replaceChildren(panel, h("p", { class: "notice notice--error" }, t("menu.failed")));
    return false;
  }
}

export function startMenu(api) {
  const menu = document.getElementById("site-menu");
  if (!menu) return;
  const panel = menu.querySelector(".site-menu__panel");
  let loaded = false;
  menu.addEventListener("toggle", async () => {
    if (menu.open && !loaded) loaded = await load(api, panel);
  });
  menu.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && menu.open) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
  panel.addEventListener("click", (event) => {
    if (event.target.closest("a")) menu.open = false;
  });
}
