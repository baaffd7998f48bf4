/**
 * Which screen a URL shows.
 *
 * Contract: `/` is the home page, `/search/` the search screen, `/my-playbook/` the
 * reader's marked challenges (kept on the device), `/preview/` a
 * draft from the admin; every other path is a page of the site, looked up with
 * GET /api/v1/pages/?path=... (the reader's paths are the CMS's page paths, so
 * the admin's "View live" links land here) and drawn by its `type`. The same
 * holds after a locale's prefix (`/fr/search/`, `/fr/playbook/`): the API client
 * asks in that locale, and a page not translated yet comes in the default one
 * (`fallback`), with a note saying so.
 */

import { h } from "../dom.js";
import { currentLocale, direction, langAttributes, languageName, unlocalize } from "../locale.js";
import { t } from "../strings.js";

import { renderPage } from "./pages.js";
import { previewScreen } from "./preview.js";
import { searchScreen } from "./search.js";
import { myPlaybookScreen } from "./workbook.js";
import { progress } from "../progress.js";

function normalise(pathname) {
  if (pathname === "/index.html") return "/";
  return pathname.endsWith("/") ? pathname : `${pathname}/`;
}

export function routeFor(url) {
  const path = normalise(url.pathname);
  if (path !== url.pathname) {
    // One address per screen: /search and /search/ are the same; keep the slash.
    history.replaceState(history.state, "", path + url.search + url.hash);
  }
  const screenPath = unlocalize(path);
  if (screenPath === "/search/") return searchScreen;
  if (screenPath === "/preview/") return previewScreen;
  if (screenPath === "/my-playbook/") return myPlaybookScreen;
  return async (context) => {
    const page = await context.api.page(screenPath);
    progress.visit(page.path || screenPath);
    const drawn = await renderPage(page, context);
    if (page.locale && page.locale !== currentLocale) untranslated(drawn, page);
    return { ...drawn, page };
  };
}

/**
 * A page given in the default locale: say so in the reader's language, and lay the
 * page out in its own (an English page reads left to right on an Arabic screen).
 */
function untranslated(drawn, page) {
  const own = langAttributes(page.locale);
  for (const [name, value] of Object.entries(own)) drawn.content.setAttribute(name, value);
  const note = h(
    "p",
    { class: "notice notice--untranslated", lang: currentLocale, dir: direction(currentLocale) },
    t("locale.untranslated", { language: languageName(page.locale, currentLocale) }),
  );
  drawn.content.prepend(note);
}
