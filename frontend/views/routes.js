/**
 * Which screen a URL shows.
 *
 * Contract: `/` is the home page, `/search/` the search screen, `/my-playbook/` the
 * reader's marked challenges (kept on the device), `/preview/` a
 * draft from the admin; every other path is a page of the site, looked up with
 * GET /api/v1/pages/?path=... (the reader's paths are the CMS's page paths, so
 * the admin's "View live" links land here) and drawn by its `type`.
 */

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
  if (path === "/search/") return searchScreen;
  if (path === "/preview/") return previewScreen;
  if (path === "/my-playbook/") return myPlaybookScreen;
  return async (context) => {
    const page = await context.api.page(path);
    progress.visit(page.path || path);
    return renderPage(page, context);
  };
}
