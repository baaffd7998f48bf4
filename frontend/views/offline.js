/**
 * Offline reading: the service worker, the "offline" banner, "Save for offline",
 * and keeping what was saved up to date.
 *
 * Contract:
 *   - `startOffline({announce, api})` registers /sw.js (scope "/"; the worker
 *     caches the app shell), shows the banner while the browser is offline, and
 *     syncs the saved copies (`syncSaved`) when the reader opens the app online
 *     and each time the browser comes back online.
 *   - `saveForOffline(playbook, api)` is the playbook's button. It first measures:
 *     it fetches the API answers the playbook's screens need (home, the playbook,
 *     every page below it, the lists of its folders) and asks the size of the
 *     small image renditions and the templates, then says how many files and how
 *     large, and only saves when the reader confirms. Saved copies go in the
 *     `reader-saved` cache, with a record of what, when and the change feed's
 *     cursor of that moment in localStorage.
 *   - `syncSaved(api)` follows the change feed (GET /api/v1/changes/?since=) from
 *     each copy's cursor: a tombstone (unpublished, deleted, private) removes the
 *     page's answers from the cache and from the record, so offline the reader
 *     says it was not saved; an updated or moved page is fetched again (and a page
 *     created under the playbook added). When anything changed, the rest of the
 *     copy is revalidated by ETag (the lists, the playbook's menu and the
 *     challenges show the changed pages: a 304 costs no body), images and
 *     templates are brought in line with the answers, and the cursor moves on. A
 *     400 (cursor_expired, cursor_invalid) means the feed cannot say what was
 *     missed: the copy is saved afresh. Offline, it stops and tries next time.
 *   Only small renditions are saved (thumbnail, medium), never the large ones.
 *   Each locale has its own copies: the API client asks in the document's locale,
 *   so the cached answers are that locale's URLs (`?locale=fr&fallback=true`), and
 *   the records are kept per locale (a French and an English copy of one playbook
 *   are two copies, each following its locale's change feed).
 */

import { h, formatBytes, replaceChildren } from "../dom.js";
import { currentLocale, defaultLocale } from "../locale.js";
import { t } from "../strings.js";
import { COLLECTIONS, listRequests } from "./listing.js";

const SAVED_CACHE = "reader-saved";
// The default locale keeps the key it had before locales, so its copies survive.
const RECORD_KEY = `playbook-reader:offline:v1${currentLocale === defaultLocale ? "" : `:${currentLocale}`}`;
const SMALL_RENDITIONS = ["thumbnail", "medium"];

function records() {
  try {
    return JSON.parse(localStorage.getItem(RECORD_KEY) || "{}") || {};
  } catch {
    return {};
  }
}

function keepRecord(slug, value) {
  const all = records();
  if (value) all[slug] = value;
  else delete all[slug];
  try {
    localStorage.setItem(RECORD_KEY, JSON.stringify(all));
  } catch {
    // The copy is saved; only its summary is lost.
  }
}

function showBanner(offline) {
  const banner = document.getElementById("offline-banner");
  if (!banner) return;
  banner.hidden = !offline;
  banner.textContent = offline ? t("offline.banner") : "";
  document.body.classList.toggle("is-offline", offline);
}

export function startOffline({ announce, api } = {}) {
  showBanner(!navigator.onLine);
  const sync = async () => {
    const { removed, updated, afresh } = await syncSaved(api);
    if (!announce) return;
    if (afresh) announce(t("offline.afresh"));
    else if (removed || updated) announce(t("offline.updated", { removed, updated }));
  };
  window.addEventListener("offline", () => showBanner(true));
  window.addEventListener("online", () => {
    showBanner(false);
    if (announce) announce(t("offline.back"));
    if (api) sync();
  });
  if (api && navigator.onLine) sync();
  if (!("serviceWorker" in navigator)) return;
  const assets = new URL(".", document.baseURI).pathname;
  const register = () =>
    navigator.serviceWorker.register(`/sw.js?assets=${encodeURIComponent(assets)}`, { scope: "/" }).catch(() => {
      // No worker (an http:// host other than localhost, a static host without /sw.js):
      // the reader works as before, online only.
    });
  // After the first view has loaded: the worker's install fetches the shell and every
  // reader file, which on a slow phone would compete with the screen being drawn.
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}

function walk(nodes, found = []) {
  for (const node of nodes || []) {
    found.push(node);
    walk(node.children, found);
  }
  return found;
}

function images(value, found) {
  if (!value || typeof value !== "object") return found;
  if (Array.isArray(value)) {
    for (const item of value) images(item, found);
    return found;
  }
  if (value.renditions && typeof value.renditions === "object") {
    for (const name of SMALL_RENDITIONS) if (value.renditions[name]?.url) found.add(value.renditions[name].url);
  }
  for (const item of Object.values(value)) images(item, found);
  return found;
}

function documents(value, found) {
  if (!value || typeof value !== "object") return found;
  if (Array.isArray(value)) {
    for (const item of value) documents(item, found);
    return found;
  }
  if (value.url && value.file_size && value.filename) found.set(value.url, value.file_size);
  for (const item of Object.values(value)) documents(item, found);
  return found;
}

// The typed detail a screen asks for besides /pages/?path= (the challenge screen
// asks for its challenge's solutions there), by page type.
const TYPED_DETAIL = { challenge: "challenges", playbook: "playbooks" };

/** The API answers that show one page (type, slug or path as the feed and trees give them). */
function pageUrls(api, { type, slug, path }) {
  const urls = [api.url("/api/v1/pages/", { path })];
  const folder = TYPED_DETAIL[type];
  const name = slug || path.split("/").filter(Boolean).pop();
  if (folder && name) urls.push(api.url(`/api/v1/${folder}/${encodeURIComponent(name)}/`));
  return urls;
}

/** The change feed's cursor of now: what changes after it, a sync will learn. */
async function latestCursor(api) {
  const body = await api.get("/api/v1/changes/", { since: "latest" });
  return body.next_cursor;
}

/** Fetch every API answer the playbook's screens ask for; {url: Response} plus the files to add. */
async function measure(playbook, api) {
  // Before anything is fetched: a change made while saving is then in the feed.
  const cursor = await latestCursor(api);
  const answers = new Map();
  const get = async (url) => {
    if (answers.has(url)) return answers.get(url).body;
    const response = await api.fetch(url, { headers: { Accept: "application/json" }, credentials: "omit", cache: "no-cache" });
    if (!response.ok) throw new Error(`${response.status} ${url}`);
    const text = await response.text();
    answers.set(url, { response, text, body: JSON.parse(text) });
    return answers.get(url).body;
  };
  await get(api.url("/api/v1/pages/", { path: "/" }));
  await get(api.url(`/api/v1/playbooks/${encodeURIComponent(playbook.slug)}/`));
  await get(api.url("/api/v1/alliances/", { page_size: 100 }));
  await get(api.url("/api/v1/pages/", { path: playbook.path }));
  const pages = walk(playbook.navigation);
  // A few at a time: a slow connection does better with fewer requests in flight.
  for (let start = 0; start < pages.length; start += 4) {
    await Promise.all(
      pages.slice(start, start + 4).map(async (node) => {
        const [pageUrl, ...typed] = pageUrls(api, node);
        const page = await get(pageUrl);
        for (const url of typed) await get(url);
        const collection = COLLECTIONS[page.type];
        if (collection) {
          for (const [path, params] of listRequests(page, collection, new URLSearchParams())) await get(api.url(path, params));
        }
      }),
    );
  }
  const { imageUrls, files } = referenced([...answers.values()].map((item) => item.body));
  let imageBytes = 0;
  await Promise.all(
    [...imageUrls].map(async (url) => {
      try {
        const response = await api.fetch(api.absolute(url), { method: "HEAD", credentials: "omit" });
        imageBytes += Number(response.headers.get("Content-Length") || 0);
      } catch {
        // counted as unknown
      }
    }),
  );
  const jsonBytes = [...answers.values()].reduce((sum, item) => sum + item.text.length, 0);
  const fileBytes = [...files.values()].reduce((sum, size) => sum + Number(size || 0), 0);
  return {
    cursor,
    answers,
    extra: [...imageUrls, ...files.keys()].map((url) => api.absolute(url)),
    count: answers.size + imageUrls.size + files.size,
    bytes: jsonBytes + imageBytes + fileBytes,
  };
}

/** The small renditions and the files (templates, documents) these answers show. */
function referenced(bodies) {
  const imageUrls = new Set();
  const files = new Map();
  for (const body of bodies) {
    images(body, imageUrls);
    documents(body, files);
  }
  return { imageUrls, files };
}

/** An API answer as it is kept: the decoded text, its type and ETag (no Content-Encoding). */
function keptAnswer(text, etag) {
  const headers = { "Content-Type": "application/json" };
  if (etag) headers.ETag = etag;
  return new Response(text, { status: 200, headers });
}

/** Every URL another saved copy keeps (two playbooks share the home page, images…). */
function keptByOthers(slug) {
  const urls = new Set();
  for (const [other, record] of Object.entries(records())) if (other !== slug) for (const url of record.urls || []) urls.add(url);
  return urls;
}

async function forget(cache, slug, urls) {
  const others = keptByOthers(slug);
  for (const url of urls) if (!others.has(url)) await cache.delete(url);
}

/** Put a measured plan in the cache and record it; `onProgress(done, count)` while it works. */
async function store(playbook, plan, onProgress = () => {}) {
  const cache = await caches.open(SAVED_CACHE);
  let done = 0;
  for (const [url, { response, text }] of plan.answers) {
    await cache.put(url, keptAnswer(text, response.headers.get("ETag")));
    done += 1;
  }
  for (const url of plan.extra) {
    onProgress(done, plan.count);
    await cache.add(new Request(url, { credentials: "omit" }));
    done += 1;
  }
  const urls = [...plan.answers.keys(), ...plan.extra];
  const previous = records()[playbook.slug];
  if (previous) await forget(cache, playbook.slug, (previous.urls || []).filter((url) => !urls.includes(url)));
  const record = { count: plan.count, bytes: plan.bytes, at: Date.now(), path: playbook.path, cursor: plan.cursor, urls };
  keepRecord(playbook.slug, record);
  return record;
}

class Resync extends Error {}

/** Every entry after `cursor`: {entries, cursor}. Rejects with Resync on a 400, ApiError offline. */
async function follow(api, cursor) {
  const entries = [];
  for (;;) {
    let body;
    try {
      body = await api.get("/api/v1/changes/", { since: cursor, limit: 200 });
    } catch (error) {
      if (error.status === 400) throw new Resync(error.message);
      throw error;
    }
    entries.push(...body.results);
    cursor = body.next_cursor;
    if (!body.has_more) return { entries, cursor };
  }
}

/** Ask again for a saved answer: {status: 200|304|404…, text, etag}. */
async function revalidate(api, cache, url) {
  const stored = await cache.match(url);
  const etag = stored && stored.headers.get("ETag");
  const headers = { Accept: "application/json" };
  if (etag) headers["If-None-Match"] = etag;
  // no-store: the browser's own HTTP cache must not answer for the server.
  const response = await api.fetch(url, { headers, credentials: "omit", cache: "no-store" });
  if (response.status === 200) return { status: 200, text: await response.text(), etag: response.headers.get("ETag") };
  return { status: response.status };
}

const inside = (path, folder) => path === folder || path.startsWith(folder);

/** Bring one saved copy up to date with the feed; {removed, updated} (pages). */
async function syncCopy(api, slug, record) {
  const cache = await caches.open(SAVED_CACHE);
  let feed;
  try {
    if (!record.cursor) throw new Resync("saved before copies followed the change feed");
    feed = await follow(api, record.cursor);
  } catch (error) {
    if (!(error instanceof Resync)) throw error;
    return resync(api, slug, record);
  }
  if (!feed.entries.length) {
    keepRecord(slug, { ...record, cursor: feed.cursor, checked: Date.now() });
    return { removed: 0, updated: 0 };
  }
  let urls = new Set(record.urls);
  const gone = new Set();
  const refetch = new Set();
  const drop = (url) => {
    if (urls.delete(url)) gone.add(url);
  };
  let removed = 0;
  let updated = 0;
  for (const { action, page } of feed.entries) {
    if (action === "deleted" && page.path === record.path) {
      // The playbook itself is no longer served: so is every page of the copy.
      await forget(cache, slug, record.urls);
      keepRecord(slug, null);
      return { removed: record.urls.length, updated: 0 };
    }
    const before = page.previous_path ? pageUrls(api, { ...page, path: page.previous_path }) : [];
    const now = pageUrls(api, page);
    const held = [...before, ...now].some((url) => urls.has(url));
    for (const url of before) drop(url);
    if (action === "deleted") {
      for (const url of now) drop(url);
      if (held) removed += 1;
    } else if (held || (action === "created" && inside(page.path, record.path))) {
      for (const url of now) {
        refetch.add(url);
        gone.delete(url);
      }
      updated += 1;
    }
  }
  // The rest of the copy shows the changed pages too (lists, menus, a challenge's
  // solutions): ask again for all of it by ETag; the changed pages without one.
  const answers = [...urls].filter((url) => new URL(url).pathname.startsWith("/api/"));
  for (const url of new Set([...answers, ...refetch])) {
    if (refetch.has(url)) await cache.delete(url);
    const answer = await revalidate(api, cache, url);
    if (answer.status === 200) {
      await cache.put(url, keptAnswer(answer.text, answer.etag));
      urls.add(url);
    } else if (answer.status !== 304) {
      urls.delete(url);
      gone.add(url);
    }
  }
  // Images and templates: those the answers now show, no others.
  const bodies = [];
  for (const url of urls) {
    if (!new URL(url).pathname.startsWith("/api/")) continue;
    const kept = await cache.match(url);
    if (kept) bodies.push(await kept.json());
  }
  const { imageUrls, files } = referenced(bodies);
  const shown = new Set([...imageUrls, ...files.keys()].map((url) => api.absolute(url)));
  for (const url of urls) {
    if (!new URL(url).pathname.startsWith("/api/") && !shown.has(url)) {
      urls.delete(url);
      gone.add(url);
    }
  }
  for (const url of shown) {
    if (urls.has(url)) continue;
    try {
      await cache.add(new Request(url, { credentials: "omit" }));
      urls.add(url);
    } catch {
      // A file the server cannot give now: the page shows without it; next sync tries again.
    }
  }
  await forget(cache, slug, [...gone].filter((url) => !urls.has(url)));
  urls = [...urls];
  let bytes = 0;
  for (const url of urls) {
    const kept = await cache.match(url);
    if (kept) bytes += (await kept.blob()).size;
  }
  keepRecord(slug, { ...record, urls, count: urls.length, bytes, cursor: feed.cursor, checked: Date.now() });
  return { removed, updated };
}

/** The feed cannot say what was missed: save the copy afresh (or drop it if the playbook is gone). */
async function resync(api, slug, record) {
  let playbook;
  try {
    playbook = await api.playbook(slug);
  } catch (error) {
    if (error.status !== 404) throw error;
    await forget(await caches.open(SAVED_CACHE), slug, record.urls || []);
    keepRecord(slug, null);
    return { removed: (record.urls || []).length, updated: 0 };
  }
  const plan = await measure(playbook, api);
  const saved = await store(playbook, plan);
  keepRecord(slug, { ...saved, checked: Date.now() });
  return { removed: 0, updated: 0, afresh: 1 };
}

let syncing = null;

/**
 * Bring every saved copy up to date (see the contract above); resolves to the
 * pages {removed, updated} and the copies saved {afresh}, and tells open "Save for offline" boxes
 * ("offline-synced" on window). Offline or failing, it leaves the copies as they
 * are for next time.
 */
export function syncSaved(api) {
  if (syncing) return syncing;
  syncing = (async () => {
    const total = { removed: 0, updated: 0, afresh: 0 };
    if (!("caches" in window) || !navigator.onLine) return total;
    for (const [slug, record] of Object.entries(records())) {
      try {
        const { removed, updated, afresh = 0 } = await syncCopy(api, slug, record);
        total.removed += removed;
        total.updated += updated;
        total.afresh += afresh;
      } catch {
        // Offline again, or the service failed: the copy stays as it was.
      }
    }
    window.dispatchEvent(new CustomEvent("offline-synced", { detail: total }));
    return total;
  })().finally(() => {
    syncing = null;
  });
  return syncing;
}

export function saveForOffline(playbook, api) {
  const status = h("p", { class: "offline__status", role: "status", "aria-live": "polite" });
  const button = h("button", { type: "button", class: "button offline__button" }, t("offline.save"));
  const box = h("div", { class: "offline" }, button, status);
  if (!("caches" in window) || !("serviceWorker" in navigator)) {
    replaceChildren(status, t("offline.unsupported"));
    button.disabled = true;
    return box;
  }
  const removeButton = () =>
    h(
      "button",
      {
        type: "button",
        class: "button button--small",
        onclick: async () => {
          const cache = await caches.open(SAVED_CACHE);
          await forget(cache, playbook.slug, records()[playbook.slug]?.urls || []);
          keepRecord(playbook.slug, null);
          replaceChildren(status, t("offline.removed"));
        },
      },
      t("offline.remove"),
    );
  const savedText = (record) => {
    const text = t("offline.saved", { count: record.count, size: formatBytes(record.bytes), date: new Date(record.at).toLocaleString() });
    return record.checked ? `${text} ${t("offline.checked", { date: new Date(record.checked).toLocaleString() })}` : text;
  };
  const showSaved = (changed = null) => {
    const saved = records()[playbook.slug];
    const news = !changed ? "" : changed.afresh ? ` ${t("offline.afresh")}` : changed.removed || changed.updated ? ` ${t("offline.updated", changed)}` : "";
    replaceChildren(status, ...(saved ? [savedText(saved), news, " ", removeButton()] : [news.trim()]));
  };
  showSaved();
  // A sync that ends while this box is on screen: show the copy as it is now.
  const onSynced = (event) => {
    if (!box.isConnected) window.removeEventListener("offline-synced", onSynced);
    else if (!button.disabled) showSaved(event.detail);
  };
  window.addEventListener("offline-synced", onSynced);

  button.addEventListener("click", async () => {
    button.disabled = true;
    replaceChildren(status, t("offline.measuring"));
    let plan;
    try {
      plan = await measure(playbook, api);
    } catch (error) {
      replaceChildren(status, h("span", { class: "notice notice--error" }, t("offline.failed", { message: error.message })));
      button.disabled = false;
      return;
    }
    const confirm = h(
      "button",
      {
        type: "button",
        class: "button button--primary offline__confirm",
        onclick: async () => {
          confirm.disabled = true;
          // A sync under way would write its older record over this one.
          if (syncing) await syncing;
          try {
            const record = await store(playbook, plan, (done, count) => replaceChildren(status, t("offline.saving", { done, count })));
            replaceChildren(status, savedText(record), " ", removeButton());
          } catch (error) {
            replaceChildren(status, h("span", { class: "notice notice--error" }, t("offline.failed", { message: error.message })));
          } finally {
            button.disabled = false;
          }
        },
      },
      `${t("offline.save")} (${formatBytes(plan.bytes)})`,
    );
    replaceChildren(status, t("offline.size", { count: plan.count, size: formatBytes(plan.bytes) }), " ", confirm);
  });
  return box;
}
