/**
 * Offline reading: the service worker, the "offline" banner and "Save for offline".
 *
 * Contract:
 *   - `startOffline()` registers /sw.js (scope "/"; the worker caches the app
 *     shell), shows the banner while the browser is offline, and on reconnecting
 *     asks the worker to refresh every saved answer by its ETag.
 *   - `saveForOffline(playbook, api)` is the playbook's button. It first measures:
 *     it fetches the API answers the playbook's screens need (home, the playbook,
 *     every page below it, the lists of its folders) and asks the size of the
 *     small image renditions and the templates, then says how many files and how
 *     large, and only saves when the reader confirms. Saved copies go in the
 *     `reader-saved` cache, with a record of what and when in localStorage.
 *   Only small renditions are saved (thumbnail, medium), never the large ones.
 */

import { h, formatBytes, replaceChildren } from "../dom.js";
import { t } from "../strings.js";
import { COLLECTIONS, listRequests } from "./listing.js";

const SAVED_CACHE = "reader-saved";
const RECORD_KEY = "playbook-reader:offline:v1";
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

export function startOffline({ announce } = {}) {
  showBanner(!navigator.onLine);
  window.addEventListener("offline", () => showBanner(true));
  window.addEventListener("online", () => {
    showBanner(false);
    if (announce) announce(t("offline.back"));
    navigator.serviceWorker?.controller?.postMessage({ type: "refresh-saved" });
  });
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.addEventListener("message", (event) => {
    if (event.data && event.data.type === "refreshed" && event.data.updated && announce) announce(t("offline.updated"));
  });
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

/** Fetch every API answer the playbook's screens ask for; {url: Response} plus the files to add. */
async function measure(playbook, api) {
  const answers = new Map();
  const get = async (url) => {
    if (answers.has(url)) return answers.get(url).body;
    const response = await api.fetch(url, { headers: { Accept: "application/json" }, credentials: "omit" });
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
        const page = await get(api.url("/api/v1/pages/", { path: node.path }));
        if (node.type === "challenge") await get(api.url(`/api/v1/challenges/${encodeURIComponent(node.slug)}/`));
        const collection = COLLECTIONS[page.type];
        if (collection) {
          for (const [path, params] of listRequests(page, collection, new URLSearchParams())) await get(api.url(path, params));
        }
      }),
    );
  }
  const imageUrls = new Set();
  const files = new Map();
  for (const { body } of answers.values()) {
    images(body, imageUrls);
    documents(body, files);
  }
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
    answers,
    extra: [...imageUrls, ...files.keys()].map((url) => api.absolute(url)),
    count: answers.size + imageUrls.size + files.size,
    bytes: jsonBytes + imageBytes + fileBytes,
  };
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
  const saved = records()[playbook.slug];
  const removeButton = () =>
    h(
      "button",
      {
        type: "button",
        class: "button button--small",
        onclick: async () => {
          const cache = await caches.open(SAVED_CACHE);
          for (const url of records()[playbook.slug]?.urls || []) await cache.delete(url);
          keepRecord(playbook.slug, null);
          replaceChildren(status, t("offline.removed"));
        },
      },
      t("offline.remove"),
    );
  const savedText = (record) => t("offline.saved", { count: record.count, size: formatBytes(record.bytes), date: new Date(record.at).toLocaleString() });
  if (saved) replaceChildren(status, savedText(saved), " ", removeButton());

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
          try {
            const cache = await caches.open(SAVED_CACHE);
            let done = 0;
            for (const [url, { response, text }] of plan.answers) {
              // Only these headers: the body is already decoded (no Content-Encoding).
              const headers = { "Content-Type": "application/json" };
              if (response.headers.get("ETag")) headers.ETag = response.headers.get("ETag");
              await cache.put(url, new Response(text, { status: 200, headers }));
              done += 1;
            }
            for (const url of plan.extra) {
              replaceChildren(status, t("offline.saving", { done, count: plan.count }));
              await cache.add(new Request(url, { credentials: "omit" }));
              done += 1;
            }
            const record = { count: plan.count, bytes: plan.bytes, at: Date.now(), urls: [...plan.answers.keys(), ...plan.extra] };
            keepRecord(playbook.slug, record);
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
