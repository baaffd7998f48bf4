/**
 * A small client for the Playbook CMS content API (/api/v1/). No dependencies:
 * copy this file into any frontend.
 *
 *   import { PlaybookApi, ApiError } from "./api.js";
 *   const api = new PlaybookApi({ baseUrl: "https://cms.example.org" });
 *   const tool = await api.tool("after-action-review");
 *
 * Contract: every method resolves to the API's JSON, or rejects with an ApiError
 * that says what went wrong in words a reader can be shown:
 *   - error.network: the API could not be reached (offline, DNS, CORS, timeout);
 *   - error.status: the HTTP status (400 bad parameter, 403, 404, 429, 5xx);
 *   - error.errors: the API's [{parameter, message}] list, when it sent one.
 * URLs the API returns (documents, images) are site-relative; `absolute(url)`
 * makes them work when the reader is served from another origin.
 *
 * Given a `locale` (`new PlaybookApi({locale: "fr"})`), every URL it makes asks for
 * that locale, with `fallback=true`: a page not translated yet comes in the
 * default locale, its `locale` field saying so. A call that must not fall back (the
 * PDFs, which exist per locale) passes `{fallback: null}`.
 */

export class ApiError extends Error {
  constructor({ message, status = 0, errors = [], url = "", network = false, retryAfter = null }) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.errors = errors;
    this.url = url;
    this.network = network;
    this.retryAfter = retryAfter;
  }

  /** The message for one parameter (e.g. "year"), or null. */
  forParameter(name) {
    const found = this.errors.find((error) => error.parameter === name);
    return found ? found.message : null;
  }

  get notFound() {
    return this.status === 404;
  }
}

const STATUS_TEXT = {
  400: "The request was not understood",
  403: "You are not allowed to see this",
  404: "Not found",
  429: "Too many requests; please wait a moment",
  500: "The content service had an internal error",
  502: "The content service is unavailable",
  503: "The content service is unavailable",
  504: "The content service took too long to answer",
};

function retryAfterSeconds(response, body) {
  const header = Number.parseInt(response.headers.get("Retry-After") || "", 10);
  if (Number.isFinite(header)) return header;
  if (body && Number.isFinite(body.retry_after)) return body.retry_after;
  return null;
}

export class PlaybookApi {
  /**
   * @param {object} options
   * @param {string} [options.baseUrl] origin (and optional path) the API lives under;
   *   "" means the page's own origin.
   * @param {number} [options.timeoutMs] give up on a request after this long.
   * @param {string} [options.locale] the content locale to ask for; "" means the default.
   */
  constructor({ baseUrl = "", timeoutMs = 20000, fetchImpl = null, locale = "" } = {}) {
    this.defaultSignal = null;
    this.locale = locale;
    this.baseUrl = baseUrl.replace(/\/+$/, "");
    this.timeoutMs = timeoutMs;
    this.fetch = fetchImpl || globalThis.fetch.bind(globalThis);
  }

  /**
   * The same client, with every request tied to `signal`: aborting it cancels the
   * requests still in flight (a reader app does this when the reader moves on).
   */
  withSignal(signal) {
    const bound = Object.create(this);
    bound.defaultSignal = signal;
    return bound;
  }

  /** "/api/v1/tools/", {type: "template"} -> the absolute URL to fetch. */
  url(path, params = {}) {
    const root = this.baseUrl || globalThis.location.origin;
    const url = new URL(`${root}${path}`);
    const asked = this.locale ? { locale: this.locale, fallback: "true", ...params } : params;
    for (const [name, value] of Object.entries(asked)) {
      if (value === undefined || value === null || value === "") continue;
      url.searchParams.set(name, String(value));
    }
    return url.toString();
  }

  /** A URL from an API response, made absolute against the API's origin. */
  absolute(url) {
    if (!url) return url;
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith("//")) return url;
    return new URL(url, this.baseUrl || globalThis.location.origin).toString();
  }

  async request(path, params = {}, { signal = this.defaultSignal, accept = "application/json" } = {}) {
    const url = this.url(path, params);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException("timeout", "TimeoutError")), this.timeoutMs);
    const abort = () => controller.abort(signal.reason);
    if (signal) {
      if (signal.aborted) abort();
      else signal.addEventListener("abort", abort, { once: true });
    }
    try {
      return await this.fetch(url, {
        headers: { Accept: accept },
        signal: controller.signal,
        credentials: "omit",
      });
    } catch (cause) {
      if (signal && signal.aborted) throw cause; // the caller gave up: not an error to show
      const timedOut = controller.signal.reason && controller.signal.reason.name === "TimeoutError";
      throw new ApiError({
        message: timedOut
          ? "The content service took too long to answer."
          : "The content service could not be reached. Check your connection and try again.",
        url,
        network: true,
      });
    } finally {
      clearTimeout(timer);
      if (signal) signal.removeEventListener("abort", abort);
    }
  }

  /** GET a JSON resource; rejects with ApiError on any non-2xx answer. */
  async get(path, params = {}, options = {}) {
    const response = await this.request(path, params, options);
    let body = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    if (!response.ok) throw this.error(response, body);
    if (body === null) {
      throw new ApiError({
        message: "The content service sent an answer the reader cannot read.",
        status: response.status,
        url: response.url,
      });
    }
    return body;
  }

  error(response, body) {
    const errors = body && Array.isArray(body.errors) ? body.errors : [];
    const detail = errors.map((error) => error.message).filter(Boolean).join(" ");
    const summary = STATUS_TEXT[response.status] || `The content service answered ${response.status}`;
    return new ApiError({
      message: detail ? `${summary}: ${detail}` : `${summary}.`,
      status: response.status,
      errors,
      url: response.url,
      retryAfter: retryAfterSeconds(response, body),
    });
  }

  // Typed helpers, one per endpoint. List methods take the endpoint's filters.
  playbooks(params) { return this.get("/api/v1/playbooks/", params); }
  playbook(slug) { return this.get(`/api/v1/playbooks/${encodeURIComponent(slug)}/`); }
  challenges(params) { return this.get("/api/v1/challenges/", params); }
  challenge(slug) { return this.get(`/api/v1/challenges/${encodeURIComponent(slug)}/`); }
  tools(params) { return this.get("/api/v1/tools/", params); }
  tool(slug) { return this.get(`/api/v1/tools/${encodeURIComponent(slug)}/`); }
  caseStudies(params) { return this.get("/api/v1/case-studies/", params); }
  caseStudy(slug) { return this.get(`/api/v1/case-studies/${encodeURIComponent(slug)}/`); }
  resources(params) { return this.get("/api/v1/resources/", params); }
  resource(slug) { return this.get(`/api/v1/resources/${encodeURIComponent(slug)}/`); }
  publications(params) { return this.get("/api/v1/publications/", params); }
  publication(slug) { return this.get(`/api/v1/publications/${encodeURIComponent(slug)}/`); }
  alliances(params) { return this.get("/api/v1/alliances/", params); }
  learningLabs(params) { return this.get("/api/v1/learning-labs/", params); }
  summits(params) { return this.get("/api/v1/summits/", params); }
  themes(params) { return this.get("/api/v1/themes/", params); }
  organisations(params) { return this.get("/api/v1/organisations/", params); }

  /** The typed page at a frontend path such as "/playbook/tools/after-action-review/". */
  page(path) { return this.get("/api/v1/pages/", { path }); }

  /** Results across every content type. */
  search(q, params = {}) { return this.get("/api/v1/search/", { q, ...params }); }

  /** A draft, for the token wagtail-headless-preview put in the preview URL. */
  preview(contentType, token) {
    return this.get("/api/v1/preview/", { content_type: contentType, token });
  }

  /** Whether the playbook's PDF exists, per paper size: {default_paper, exports: {a4: {...}}}. */
  pdfStatus(slug) { return this.get(`/api/v1/playbooks/${encodeURIComponent(slug)}/pdf/status/`, { fallback: null }); }

  /**
   * The playbook's PDF. Resolves to
   *   {ready: true, blob, filename}                        when it is there, or
   *   {ready: false, retryAfter, message}                  while it is being generated (202);
   * rejects with ApiError otherwise.
   */
  async pdf(slug, params = {}) {
    const path = `/api/v1/playbooks/${encodeURIComponent(slug)}/pdf/`;
    const response = await this.request(path, { ...params, fallback: null }, { accept: "application/pdf, application/json" });
    const type = response.headers.get("Content-Type") || "";
    if (response.status === 202) {
      let body = null;
      try {
        body = await response.json();
      } catch {
        body = null;
      }
      return {
        ready: false,
        retryAfter: retryAfterSeconds(response, body) ?? 5,
        message: (body && (body.message || body.detail)) || "",
      };
    }
    if (response.ok && type.includes("application/pdf")) {
      const disposition = response.headers.get("Content-Disposition") || "";
      const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
      const filename = match ? decodeURIComponent(match[1]) : `${slug}.pdf`;
      return { ready: true, blob: await response.blob(), filename };
    }
    let body = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    if (response.ok) {
      throw new ApiError({
        message: "The content service did not send a PDF.",
        status: response.status,
        url: response.url,
      });
    }
    throw this.error(response, body);
  }
}
