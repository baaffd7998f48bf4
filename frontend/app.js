/**
 * The reader's entry point: reads the configuration, starts the router and draws
 * one screen per URL.
 *
 * Contract: the screen is a function of the URL alone (path + query), so deep
 * links, reload and back/forward all land on the same screen. While a screen
 * loads, the previous request is cancelled; when the API fails, the screen says
 * what happened and offers "Try again". After a navigation, focus moves to the
 * new screen's heading and the title is announced, so keyboard and screen-reader
 * users know the page changed. The document is in one locale (`locale.js`, from
 * the URL's prefix): its <html lang dir>, the shell's words (`data-t` keys of
 * `strings.js`), the API's answers and every link keep to it; the header's
 * language switcher leads to the other locales.
 */

import { PlaybookApi } from "./api.js";
import { h, replaceChildren } from "./dom.js";
import { applyLocale, currentLocale, defaultLocale, localize, unlocalize } from "./locale.js";
import { Router } from "./router.js";
import { t } from "./strings.js";
import { errorScreen, screen as makeScreen } from "./views/components.js";
import { showLanguages } from "./views/languages.js";
import { startMenu } from "./views/menu.js";
import { startOffline } from "./views/offline.js";
import { routeFor } from "./views/routes.js";

const SITE_NAME = "Playbook reader";

function apiBaseUrl() {
  if (typeof window.PLAYBOOK_API === "string") return window.PLAYBOOK_API;
  const meta = document.querySelector('meta[name="playbook-api"]');
  return meta ? meta.content.trim() : "";
}

applyLocale();
const api = new PlaybookApi({ baseUrl: apiBaseUrl(), locale: currentLocale === defaultLocale ? "" : currentLocale });
const main = document.getElementById("main");
const announcer = document.getElementById("announcer");
const previewBanner = document.getElementById("preview-banner");
const languages = document.getElementById("site-languages");
let current = null; // {controller, id} of the screen being drawn
let drawCount = 0;

function announce(text) {
  announcer.textContent = "";
  // A separate task, so screen readers notice the change even for the same text.
  setTimeout(() => {
    announcer.textContent = text;
  }, 50);
}

/** The shell's own words in the document's language: `data-t` (text) and `data-t-<attr>`. */
function translateShell() {
  for (const el of document.querySelectorAll("[data-t]")) el.textContent = t(el.dataset.t);
  for (const attr of ["placeholder", "aria-label"]) {
    const name = `data-t-${attr}`;
    for (const el of document.querySelectorAll(`[${name}]`)) el.setAttribute(attr, t(el.getAttribute(name)));
  }
  for (const link of document.querySelectorAll('a[href^="/"]')) {
    const path = link.getAttribute("href");
    if (!path.startsWith("/api/")) link.setAttribute("href", localize(path));
  }
  document.querySelector(".site-search").setAttribute("action", localize("/search/"));
}

function markCurrentNav(url) {
  const here = unlocalize(url.pathname);
  for (const link of document.querySelectorAll(".site-nav a")) {
    const path = unlocalize(new URL(link.href).pathname);
    const active = path === "/" ? here === "/" : here.startsWith(path);
    if (active) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

function syncSearchBox(url) {
  // One search box on the search screen: the header's steps aside there.
  // (In every language: /fr/search/ is the search screen too.)
  const onSearch = unlocalize(url.pathname).replace(/\/+$/, "") === "/search";
  document.querySelector(".site-search").hidden = onSearch;
  const box = document.getElementById("site-search-q");
  if (document.activeElement !== box) {
    box.value = onSearch ? url.searchParams.get("q") || "" : "";
  }
}

async function draw(url, { initial = false, focus = true, scroll = 0 } = {}) {
  if (current) current.controller.abort();
  const controller = new AbortController();
  const id = ++drawCount;
  current = { controller, id };
  const stale = () => current.id !== id;

  markCurrentNav(url);
  syncSearchBox(url);
  main.setAttribute("aria-busy", "true");
  // Keep the old screen while the new one loads (less flicker); say it is loading.
  const slow = setTimeout(() => {
    if (!stale()) main.classList.add("is-loading");
  }, 150);

  const route = routeFor(url);
  const context = {
    api: api.withSignal(controller.signal),
    url,
    params: url.searchParams,
    signal: controller.signal,
    navigate: (target, options) => router.navigate(target, options),
    redraw: () => draw(new URL(location.href), { focus: true }),
  };
  let screen;
  try {
    screen = await route(context);
  } catch (error) {
    if (controller.signal.aborted || stale()) return;
    screen =
      error && error.network && !navigator.onLine
        ? offlineScreen()
        : errorScreen(error, () => draw(new URL(location.href), { focus: true }));
  } finally {
    clearTimeout(slow);
  }
  if (stale()) return;

  main.classList.remove("is-loading");
  main.removeAttribute("aria-busy");
  previewBanner.hidden = !screen.preview;
  replaceChildren(previewBanner, screen.preview ? previewNotice(screen.preview) : null);
  document.body.classList.toggle("is-preview", Boolean(screen.preview));
  replaceChildren(main, screen.content);
  document.title = screen.title ? `${screen.title} · ${SITE_NAME}` : SITE_NAME;
  if (screen.status) main.dataset.status = String(screen.status);
  else delete main.dataset.status;
  showLanguages(languages, url, screen.page);

  if (url.hash && document.getElementById(url.hash.slice(1))) {
    document.getElementById(url.hash.slice(1)).scrollIntoView();
  } else {
    window.scrollTo(0, scroll || 0);
  }
  if (!initial && focus) {
    const heading = main.querySelector("h1");
    const target = heading || main;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
    announce(screen.title || SITE_NAME);
  }
  document.dispatchEvent(new CustomEvent("reader:rendered", { detail: { path: url.pathname } }));
}

/** Offline, and this page was never saved: say so, and where to go instead. */
function offlineScreen() {
  return makeScreen(
    t("offline.missingTitle"),
    h("h1", { tabindex: "-1" }, t("offline.missingTitle")),
    h("p", { class: "notice" }, t("offline.missing")),
    h("p", {}, h("a", { href: "/my-playbook/" }, t("my.title"))),
  );
}

function previewNotice(preview) {
  return [
    h("strong", {}, t("preview.draft")),
    " ",
    preview.note || t("preview.unpublished"),
  ];
}

translateShell();
const router = new Router(draw);
for (const link of document.querySelectorAll('a[href^="/api/"]')) {
  // The API's own pages (its documentation) take no locale.
  link.href = api.url(new URL(link.href).pathname, { locale: null, fallback: null });
}
document.querySelector(".site-search").addEventListener("submit", (event) => {
  event.preventDefault();
  const q = new FormData(event.target).get("q").toString().trim();
  router.navigate(q ? `/search/?q=${encodeURIComponent(q)}` : "/search/");
});
startMenu(api);
startOffline({ announce, api });
router.start();
