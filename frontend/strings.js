/**
 * The reader's interface words, in one place so they can be translated.
 *
 * Contract: `t(key, values)` returns the catalogue's text for `key` in the page's
 * language (`<html lang>`), falling back to English, with `{name}` placeholders
 * filled from `values`. A missing key returns the key itself, so a typo shows on
 * screen instead of breaking it. To add a language, add a catalogue beside `en`
 * with the same keys. (Most older screens still carry their words inline; new
 * ones take theirs from here.)
 */

const en = {
  "menu.open": "Browse",
  "menu.label": "Browse the playbooks",
  "menu.loading": "Loading the menu…",
  "menu.failed": "The menu could not be loaded. Check your connection.",
  "menu.challenges": "Challenges",
  "menu.myPlaybook": "My playbook",
  "filters.legend": "Filter the list",
  "filters.applied": "The list updates as you choose.",
  "filters.clear": "Clear filters",
  "filters.all.theme": "All themes",
  "filters.all.year": "All years",
  "filters.all.type": "All types",
  "filters.all.challenge": "All challenges",
  "filters.all.format": "All formats",
  "filters.all.origin": "Any origin",
  "filters.label.theme": "Theme",
  "filters.label.year": "Year",
  "filters.label.type": "Type",
  "filters.label.challenge": "Challenge",
  "filters.label.format": "Format",
  "filters.label.origin": "Made by",
  "filters.option": "{label} ({count})",
  "filters.empty": "Nothing matches all of these filters. Remove one, or clear them all.",
  "filters.invalid": "These filters cannot be applied:",
  "filters.showAll": "Show the whole list",
  "reflect.intro": "Do these sound like your team? Tick the ones that do.",
  "reflect.mark": "This challenge resonates with my team",
  "reflect.marked": "Marked for my playbook",
  "progress.title": "Your progress",
  "progress.visited": "Visited",
  "progress.notVisited": "Not visited yet",
  "progress.reflections": "{done} of {total} questions ticked",
  "progress.tools": "{done} of {total} tools opened",
  "progress.checklists": "{done} checklist items ticked",
  "progress.kept": "Kept on this device only, with no account. Only a PDF download tells the server which challenges to include.",
  "my.title": "My playbook",
  "my.lede": "The challenges you marked, your progress, and a PDF of just those.",
  "my.none": "You have not marked any challenge yet. Open a challenge and tick “This challenge resonates with my team”.",
  "my.clear": "Clear my marks and progress",
  "my.cleared": "Your marks and progress have been cleared from this device.",
  "my.confirmClear": "Clear every mark, tick and visit kept on this device?",
  "my.pdfHeading": "Download a PDF of these challenges",
  "my.paper": "Paper size",
  "my.edition": "Edition",
  "my.edition.screen": "Screen (colour, links)",
  "my.edition.print": "Print (for paper)",
  "my.download": "Download my playbook (PDF)",
  "my.preparing": "Preparing your PDF… It downloads when it is ready.",
  "my.ready": "Your PDF is ready: download it",
  "my.pdfFailed": "The PDF could not be prepared: {message}",
  "my.tooLong": "The PDF is taking longer than usual. Try again in a few minutes.",
  "offline.save": "Save for offline",
  "offline.measuring": "Working out the size…",
  "offline.size": "{count} files, about {size}. Saved on this device for reading without a connection.",
  "offline.saving": "Saving {done} of {count} files…",
  "offline.saved": "Saved for offline: {count} files, {size}. Saved {date}.",
  "offline.remove": "Remove the offline copy",
  "offline.removed": "The offline copy has been removed.",
  "offline.failed": "Saving stopped: {message}",
  "offline.unsupported": "This browser cannot save pages for offline reading.",
  "offline.banner": "You are offline. Saved pages still open; other pages need a connection.",
  "offline.missing": "This page was not saved for offline reading, so it cannot be shown without a connection. Pages you saved with “Save for offline” still open.",
  "offline.back": "You are back online.",
  "offline.updated": "Your offline copy was updated: {removed} removed, {updated} changed.",
  "offline.afresh": "Your offline copy was saved again, as the server has it now.",
  "offline.checked": "Checked for changes {date}.",
  "search.didYouMean": "Did you mean {suggestion}?",
  "errors.tooLong": "Please use at most {max} characters (you typed {length}).",
  "errors.badFilter": "this choice cannot be used (it may have been removed). Pick one from the list, or show the whole list.",
  "errors.noPage": "That page of the list does not exist; the list is shorter now.",
};

const catalogues = { en };

function language() {
  const lang = (document.documentElement.lang || "en").toLowerCase();
  return catalogues[lang] ? lang : catalogues[lang.split("-")[0]] ? lang.split("-")[0] : "en";
}

export function t(key, values = {}) {
  const text = catalogues[language()][key] ?? en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (match, name) => (name in values ? String(values[name]) : match));
}
