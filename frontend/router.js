/**
 * History API routing for the reader.
 *
 * Contract: clicks on same-origin links to reader paths become pushState
 * navigations (no page load); the back and forward buttons and a reload land on
 * the same screen, because the screen is a function of the URL alone. Links the
 * reader does not own (the API, the admin, documents, media, other origins,
 * downloads, new tabs, modified clicks) are left to the browser. Scroll positions
 * are kept in history.state so "back" returns to where the reader was. A reader
 * path given without its locale prefix gets the document's (`locale.js`); a link
 * into another locale (the language switcher's, with `hreflang`) is a page load,
 * so the server gives that language's document.
 */

import { currentLocale, localeOf, localize } from "./locale.js";

/** Path prefixes that belong to the server, never to the reader. */
export const SERVER_PREFIXES = ["/api/", "/admin/", "/django-admin/", "/documents/", "/media/", "/static/", "/health/"];

export function isReaderPath(pathname) {
  if (SERVER_PREFIXES.some((prefix) => pathname === prefix.slice(0, -1) || pathname.startsWith(prefix))) {
    return false;
  }
  // A last segment with a dot is a file (/favicon.ico, /files/report.pdf), not a page.
  const last = pathname.split("/").pop();
  return !last.includes(".") || pathname === "/index.html";
}

export class Router {
  /** @param {(url: URL, state: object) => Promise<void>} onRoute renders the screen for a URL. */
  constructor(onRoute) {
    this.onRoute = onRoute;
    this.onClick = this.onClick.bind(this);
    this.onPopState = this.onPopState.bind(this);
  }

  start() {
    document.addEventListener("click", this.onClick);
    window.addEventListener("popstate", this.onPopState);
    if ("scrollRestoration" in history) history.scrollRestoration = "manual";
    return this.onRoute(new URL(location.href), { initial: true, scroll: history.state?.scroll });
  }

  /** Go to a reader URL (a path with optional query); `replace` rewrites the current entry. */
  navigate(target, { replace = false, focus = true } = {}) {
    const url = new URL(target, location.origin);
    if (url.origin === location.origin && isReaderPath(url.pathname)) url.pathname = localize(url.pathname);
    if (url.origin !== location.origin || !isReaderPath(url.pathname) || localeOf(url.pathname) !== currentLocale) {
      location.assign(url.toString());
      return Promise.resolve();
    }
    this.rememberScroll();
    if (replace) history.replaceState({}, "", url.pathname + url.search + url.hash);
    else history.pushState({}, "", url.pathname + url.search + url.hash);
    return this.onRoute(url, { focus });
  }

  rememberScroll() {
    history.replaceState({ ...(history.state || {}), scroll: window.scrollY }, "");
  }

  onPopState(event) {
    this.onRoute(new URL(location.href), { focus: true, scroll: event.state?.scroll ?? 0 });
  }

  onClick(event) {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target.closest("a[href]");
    if (!link) return;
    const raw = link.getAttribute("href");
    if (raw.startsWith("#")) {
      // In-page links: with <base href> pointing at the assets, the browser would
      // resolve "#main" against the asset folder; move focus ourselves instead.
      const target = document.getElementById(decodeURIComponent(raw.slice(1)));
      if (target) {
        event.preventDefault();
        if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
        target.focus();
        target.scrollIntoView();
      }
      return;
    }
    if (link.target && link.target !== "_self") return;
    if (link.hasAttribute("download") || link.hasAttribute("data-external") || link.hasAttribute("hreflang")) return;
    const url = new URL(link.href);
    if (url.origin !== location.origin || !isReaderPath(url.pathname)) return;
    event.preventDefault();
    this.navigate(url.pathname + url.search + url.hash);
  }
}
