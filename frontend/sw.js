/**
 * The reader's service worker: the app shell offline, and what a reader saved.
 *
 * Contract (served at /sw.js with scope "/"; no build step):
 *   - install: caches the shell ("/") and the reader's files (the asset folder is
 *     the `assets` query parameter of the worker's URL) in `reader-shell-<version>`;
 *     an older version's caches are removed on activate.
 *   - pages (navigations): the network first; offline, the shell, so the app
 *     starts and says what is missing.
 *   - the reader's files: from the cache, refreshed in the background.
 *   - the API, images and documents: the network first; offline, what
 *     "Save for offline" put in `reader-saved` (views/offline.js writes it, and
 *     keeps it up to date with the change feed: the worker only reads it).
 */

const VERSION = "v3";
const SHELL_CACHE = `reader-shell-${VERSION}`;
const SAVED_CACHE = "reader-saved";
const ASSETS = new URL(self.location.href).searchParams.get("assets") || "/static/reader/";
// The server fills in the files' URLs (hashed names in production); a static host
// serving this file as it is leaves null, and FILES below are used.
const ASSET_URLS = null;
const FILES = [
  "styles.css", "app.js", "api.js", "dom.js", "router.js", "strings.js", "progress.js",
  "favicon.svg", "manifest.webmanifest",
  "views/routes.js", "views/pages.js", "views/components.js", "views/listing.js",
  "views/search.js", "views/preview.js", "views/icons.js", "views/workbook.js",
  "views/offline.js", "views/menu.js", "locale.js", "views/languages.js",
];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SHELL_CACHE).then((cache) => cache.addAll(["/", ...(ASSET_URLS || FILES.map((file) => ASSETS + file))])).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith("reader-shell-") && name !== SHELL_CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

async function fromNetworkOrSaved(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const saved = await caches.match(request, { cacheName: SAVED_CACHE });
    if (saved) return saved;
    throw error;
  }
}

async function page(request) {
  try {
    return await fetch(request);
  } catch {
    const shell = await caches.match("/", { cacheName: SHELL_CACHE });
    return shell || Response.error();
  }
}

async function asset(event) {
  const cached = await caches.match(event.request, { cacheName: SHELL_CACHE });
  const refresh = fetch(event.request)
    .then(async (response) => {
      if (response.ok) await (await caches.open(SHELL_CACHE)).put(event.request, response.clone());
      return response;
    })
    .catch(() => null);
  if (cached) {
    event.waitUntil(refresh);
    return cached;
  }
  return (await refresh) || Response.error();
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/admin/") || url.pathname.startsWith("/django-admin/")) return;
  if (request.mode === "navigate") event.respondWith(page(request));
  else if (url.pathname.startsWith(ASSETS)) event.respondWith(asset(event));
  else event.respondWith(fromNetworkOrSaved(request));
});
