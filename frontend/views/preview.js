/**
 * Draft preview: `/preview/?content_type=playbook_pages.toolpage&token=...`, the
 * address wagtail-headless-preview opens from the admin's Preview button.
 *
 * Contract: the draft comes from GET /api/v1/preview/ and is drawn by the same
 * page screens as live content, under a banner saying it is a draft. A missing,
 * forged or expired token, or one the API revoked (the page was saved again,
 * unpublished, made private or deleted), shows the API's reason and what to do
 * (press Preview again), never a live page or the draft in its place.
 */

import { ApiError } from "../api.js";
import { h } from "../dom.js";
import { renderPage } from "./pages.js";

const FRESH_LINK = "Go back to the page in the editor and press Preview again to get a fresh link.";
// A fresh link cannot help where the page itself rules the preview out.
const NEXT_STEP = {
  private: "Private pages are not previewed in the reader; check the page in the editor.",
  deleted: "The page is gone; there is nothing left to preview.",
};

function refused(message, reason = "") {
  return {
    title: "Preview not available",
    status: 403,
    preview: { note: "This address shows drafts sent from the editor." },
    content: h(
      "div",
      { class: "screen screen--error", role: "alert" },
      h("h1", { tabindex: "-1" }, "Preview not available"),
      h("p", { class: "notice notice--error" }, message),
      h("p", {}, NEXT_STEP[reason] || FRESH_LINK),
    ),
  };
}

export async function previewScreen(context) {
  const contentType = context.params.get("content_type");
  const token = context.params.get("token");
  if (!contentType || !token) {
    return refused("This preview link is incomplete: it needs a content type and a token.");
  }
  let page;
  try {
    page = await context.api.preview(contentType, token);
  } catch (error) {
    if (error instanceof ApiError && [400, 403, 404].includes(error.status)) {
      // The API says why (expired, private, unpublished, deleted, saved again...).
      const why = error.errors.map((e) => e.message).join(" ").trim();
      return refused(why || "This preview link is not valid.", error.errors[0]?.reason);
    }
    throw error;
  }
  const drawn = await renderPage(page, { ...context, preview: true });
  return {
    ...drawn,
    title: `Preview: ${drawn.title}`,
    preview: { note: "Readers do not see this version until an editor publishes it." },
  };
}
