/**
 * Small DOM helpers: build elements without innerHTML, and insert the API's rich
 * text through an allow-list so a bad value can never run script in the reader.
 */

import { localize } from "./locale.js";
import { isReaderPath } from "./router.js";

/**
 * h("a", {href: "/x", class: "card"}, "text", child) -> HTMLAnchorElement.
 * Attributes: `class`, `text`, `on<Event>` (a function), `dataset` (an object),
 * `style` (an object of CSS properties, set through CSSOM so the page's CSP allows
 * it); false/null/undefined attributes and children are skipped; arrays of
 * children are flattened. A link to a reader path (`/playbook/`) gets the
 * document's locale prefix (`/fr/playbook/`), so every screen links within its
 * language; a link with `hreflang` is to another language and is left as it is.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  if (tag === "a" && attrs && typeof attrs.href === "string" && !attrs.hreflang && isReaderPath(attrs.href.split(/[?#]/)[0])) {
    attrs = { ...attrs, href: localize(attrs.href) };
  }
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "class") el.className = value;
    else if (name === "text") el.textContent = value;
    else if (name === "dataset") Object.assign(el.dataset, value);
    else if (name === "style") {
      for (const [prop, v] of Object.entries(value)) el.style.setProperty(prop, v);
    } else if (name.startsWith("on") && typeof value === "function") {
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (value === true) el.setAttribute(name, "");
    else el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false || child === "") continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replace everything inside `el` with `children`. */
export function replaceChildren(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

const ALLOWED_TAGS = new Set([
  "A", "ABBR", "B", "BLOCKQUOTE", "BR", "CODE", "DIV", "EM", "FIGCAPTION", "FIGURE",
  "H2", "H3", "H4", "H5", "H6", "HR", "I", "IMG", "LI", "OL", "P", "PRE", "S", "SPAN",
  "STRONG", "SUB", "SUP", "TABLE", "TBODY", "TD", "TH", "THEAD", "TR", "U", "UL",
]);
const ALLOWED_ATTRS = new Set([
  "href", "src", "alt", "width", "height", "title", "class", "colspan", "rowspan",
  "data-page-id", "data-page-type", "data-api-url", "data-document-id",
  "data-content-type", "data-file-size",
]);
const SAFE_URL = /^(?:https?:|mailto:|tel:|\/|#|\.{0,2}\/)/i;

/**
 * Rich text HTML from the API as a DocumentFragment, keeping only formatting tags,
 * links and images. Script, styles, event handlers and javascript: URLs are
 * dropped (the API already renders safe HTML; a reference reader should not rely
 * on it). `resolveUrl` turns the API's site-relative media URLs into absolute ones
 * when the API lives on another origin.
 */
export function richText(html, resolveUrl = (url) => url) {
  const template = document.createElement("template");
  template.innerHTML = html || "";
  const fragment = template.content;
  clean(fragment, resolveUrl);
  return fragment;
}

function clean(node, resolveUrl) {
  for (const child of [...node.childNodes]) {
    if (child.nodeType === Node.TEXT_NODE) continue;
    if (child.nodeType !== Node.ELEMENT_NODE) {
      child.remove();
      continue;
    }
    if (!ALLOWED_TAGS.has(child.tagName)) {
      if (["SCRIPT", "STYLE", "IFRAME", "OBJECT", "EMBED", "TEMPLATE"].includes(child.tagName)) {
        child.remove();
      } else {
        clean(child, resolveUrl);
        child.replaceWith(...child.childNodes); // keep the words, drop the tag
      }
      continue;
    }
    for (const attr of [...child.attributes]) {
      const name = attr.name.toLowerCase();
      if (!ALLOWED_ATTRS.has(name)) child.removeAttribute(attr.name);
      else if ((name === "href" || name === "src") && !SAFE_URL.test(attr.value.trim())) {
        child.removeAttribute(attr.name);
      }
    }
    if (child.tagName === "A") {
      const href = child.getAttribute("href") || "";
      if (child.dataset.documentId) child.setAttribute("href", resolveUrl(href));
      else if (child.dataset.pageId && href.startsWith("/")) child.setAttribute("href", localize(href));
      if (/^https?:/i.test(href)) child.setAttribute("rel", "noopener");
    }
    if (child.tagName === "IMG") {
      child.setAttribute("src", resolveUrl(child.getAttribute("src") || ""));
      child.setAttribute("loading", "lazy");
      if (!child.hasAttribute("alt")) child.setAttribute("alt", "");
    }
    clean(child, resolveUrl);
  }
}

/** 1536 -> "1.5 KB"; null -> "". */
export function formatBytes(bytes) {
  if (bytes === null || bytes === undefined || Number.isNaN(Number(bytes))) return "";
  const units = ["bytes", "KB", "MB", "GB"];
  let value = Number(bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/** A readable file type from a MIME type or an extension: "Word document", "PDF". */
export function fileKind(contentType, extension) {
  const ext = (extension || "").toLowerCase().replace(/^\./, "");
  const kinds = {
    pdf: "PDF", docx: "Word document", doc: "Word document", xlsx: "Excel workbook",
    xls: "Excel workbook", pptx: "PowerPoint", odt: "OpenDocument text",
    ods: "OpenDocument spreadsheet", csv: "CSV", txt: "Text file", zip: "ZIP archive",
  };
  if (kinds[ext]) return kinds[ext];
  if (contentType) return contentType;
  return ext ? ext.toUpperCase() : "File";
}
