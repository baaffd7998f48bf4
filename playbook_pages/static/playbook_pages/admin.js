/*
 * Playbook CMS additions to the Wagtail admin (loaded on every admin page).
 *
 * - Uploaded documents and images get a readable default title from their file
 *   name ("retrospective-canvas.docx" -> "Retrospective canvas"), through the
 *   events Wagtail dispatches for that (wagtail:documents-upload, wagtail:images-upload).
 * - Fields marked data-playbook-count (page titles, slugs) show "n of max characters".
 * - When autosave pauses, a notice says so in the editor's sticky footer, in view
 *   wherever the editor is typing, and goes away once autosave works again.
 * - A challenge's solutions keep their headings ("Tool: Learning agenda canvas") up
 *   to date when the editor chooses another page.
 */
(() => {
  "use strict";

  // Titles from file names -------------------------------------------------

  function readableTitle(name) {
    const words = (name || "").replace(/[-_.]+/g, " ").replace(/\s+/g, " ").trim();
    if (!words) return name;
    // "retrospective canvas" -> "Retrospective canvas"; "FAO report 2019" stays as it is.
    return words === words.toLowerCase() ? words.charAt(0).toUpperCase() + words.slice(1) : words;
  }

  for (const eventName of ["wagtail:documents-upload", "wagtail:images-upload"]) {
    document.addEventListener(eventName, (event) => {
      const data = event.detail && event.detail.data;
      if (data && data.title) data.title = readableTitle(data.title);
    });
  }

  // Character counters --------------------------------------------------------

  function attachCounter(input) {
    const max = parseInt(input.getAttribute("maxlength") || "0", 10);
    if (!max || input.dataset.playbookCounted) return;
    input.dataset.playbookCounted = "true";
    const counter = document.createElement("p");
    counter.className = "help playbook-count";
    counter.id = `${input.id}-count`;
    counter.setAttribute("aria-live", "polite");
    const describedBy = input.getAttribute("aria-describedby");
    input.setAttribute("aria-describedby", describedBy ? `${describedBy} ${counter.id}` : counter.id);
    input.insertAdjacentElement("afterend", counter);
    const update = () => {
      // A value set by script (the slug from the title) is not cut by maxlength.
      if (input.value.length > max) input.value = input.value.slice(0, max).replace(/-+$/, "");
      const length = input.value.length;
      counter.textContent =
        length >= max
          ? `${length} of ${max} characters: the limit. Anything longer is cut off.`
          : `${length} of ${max} characters`;
      counter.classList.toggle("playbook-count--full", length >= max);
    };
    for (const name of ["input", "change", "w-slug:applied"]) input.addEventListener(name, update);
    update();
  }

  // Autosave paused ----------------------------------------------------------

  const NOTICE_ID = "playbook-autosave-notice";

  function showAutosavePaused(form, text) {
    let notice = document.getElementById(NOTICE_ID);
    if (!notice) {
      notice = document.createElement("div");
      notice.id = NOTICE_ID;
      notice.className = "help-block help-warning playbook-autosave-notice";
      notice.setAttribute("role", "alert");
      const footer = form.querySelector("footer") || form;
      footer.insertAdjacentElement("afterbegin", notice);
    }
    notice.textContent =
      "Autosave is paused: something on this page cannot be saved yet, so what you type " +
      "now is only in this window. Click “Save draft” to see what needs fixing " +
      `(${text || "there are validation errors"}).`;
  }

  function hideAutosavePaused() {
    const notice = document.getElementById(NOTICE_ID);
    if (notice) notice.remove();
  }

  document.addEventListener("w-autosave:error", (event) => {
    const form = event.target.closest ? event.target.closest("form") || event.target : document.body;
    showAutosavePaused(form, event.detail && event.detail.text);
  });
  document.addEventListener("w-autosave:success", hideAutosavePaused);

  // Solution headings --------------------------------------------------------

  function adminPagesApi() {
    const config = document.getElementById("wagtail-config");
    try {
      return JSON.parse(config.textContent).ADMIN_API.PAGES;
    } catch {
      return null;
    }
  }

  async function renameSolution(input, list) {
    const row = input.closest("[data-inline-panel-child]");
    const heading = row && row.querySelector("[data-playbook-solution-heading]");
    if (!heading) return;
    const label = heading.dataset.label || "Solution";
    if (!input.value) {
      heading.textContent = label;
      return;
    }
    const title = (row.querySelector(".chooser__title") || {}).textContent || "";
    const kinds = JSON.parse(list.dataset.playbookSolutions || "{}");
    let kind = label;
    const api = adminPagesApi();
    if (api) {
      const response = await fetch(`${api}${encodeURIComponent(input.value)}/`, {
        headers: { Accept: "application/json" },
      });
      if (response.ok) {
        const page = await response.json();
        kind = kinds[page.meta && page.meta.type] || kind;
      }
    }
    heading.textContent = `${kind}: ${title.trim()}`;
  }

  document.addEventListener("change", (event) => {
    const input = event.target;
    const list = input.closest && input.closest("[data-playbook-solutions]");
    if (!list || !/-page$/.test(input.name || "")) return;
    // The chooser fires "change" before it writes the title; read it once written.
    setTimeout(() => renameSolution(input, list), 0);
  });

  function init() {
    document.querySelectorAll("[data-playbook-count]").forEach(attachCounter);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
