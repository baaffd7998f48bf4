// The PDF export page: while an export waits or renders ([data-export-poll]), fetch
// the same page every few seconds and swap in its papers block (status, progress,
// buttons), until the fetched block no longer asks to be polled.
(() => {
  const INTERVAL_MS = 2000;
  const region = document.querySelector("[data-export-papers][data-export-poll]");
  if (!region) return;
  const url = region.dataset.exportPoll;

  const poll = async () => {
    try {
      const response = await fetch(url, {
        credentials: "same-origin",
        headers: { Accept: "text/html" },
      });
      if (response.ok) {
        const page = new DOMParser().parseFromString(await response.text(), "text/html");
        const fresh = page.querySelector("[data-export-papers]");
        if (fresh) {
          region.innerHTML = fresh.innerHTML;
          if (!fresh.hasAttribute("data-export-poll")) {
            region.removeAttribute("data-export-poll");
            return;
          }
        }
      }
    } catch {
      // Offline for a moment: the next round tries again.
    }
    window.setTimeout(poll, INTERVAL_MS);
  };
  window.setTimeout(poll, INTERVAL_MS);
})();
