/**
 * Draft preview: `/preview/?content_type=playbook_pages.toolpage&token=...`, the
 * address wagtail-headless-preview opens from the admin's Preview button.
 *
 * Contract: the draft comes from GET /api/v1/preview/ and is drawn by the same
 * page screens as live content, under a banner saying it is a draft. A missing,
 * forged or expired token shows why and what to do (press Preview again), never
 * a live page in its place.
 */

import { ApiError } from "../api.js";
import { h } from "../dom.js";
import { renderPage } from "./pages.js";

function refused(message) {
  return {
    title: "Preview not available",
    status: 403,
    preview: { note: "This address shows drafts sent from the editor." },
    content: h(
      "div",
      { class: "screen screen--error", role: "alert" },
      h("h1", { tabindex: "-1" }, "Preview not available"),
      h("p", { class: "notice notice--error" }, message),
      h("p", {}, "Go back to the page in the editor and press Preview again to get a fresh link."),
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
      return refused(
        error.status === 404
          ? "This preview has expired or was replaced by a newer one."
          : `This preview link is not valid. ${error.errors.map((e) => e.message).join(" ")}`.trim(),
      );
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
