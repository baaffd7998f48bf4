/**
 * What a reader did with the playbook, kept on this device (localStorage, no account).
 *
 * Contract: one JSON record under `playbook-reader:progress:v1`:
 *   {marked: {challengeSlug: {title, path, playbook}},   challenges that resonate
 *    reflections: {challengeSlug: [index, ...]},          Reflect questions ticked
 *    visited: {path: true},                               pages opened
 *    ticks: {path: {checkboxId: true}}}                   checklist items ticked
 * Every change is written at once; a storage the browser refuses (private mode,
 * full) keeps the record in memory for this visit instead of failing. `clear()`
 * forgets it all. Other tabs see the change through the "storage" event.
 */

const KEY = "playbook-reader:progress:v1";
const EMPTY = () => ({ marked: {}, reflections: {}, visited: {}, ticks: {} });
let memory = null;

function load() {
  if (memory) return memory;
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) || "null");
    memory = { ...EMPTY(), ...(parsed && typeof parsed === "object" ? parsed : {}) };
  } catch {
    memory = EMPTY();
  }
  return memory;
}

function save() {
  try {
    localStorage.setItem(KEY, JSON.stringify(memory));
  } catch {
    // Storage refused: the record lives on for this visit.
  }
  document.dispatchEvent(new CustomEvent("reader:progress"));
}

window.addEventListener("storage", (event) => {
  if (event.key === KEY) memory = null;
});

export const progress = {
  isMarked: (slug) => Boolean(load().marked[slug]),
  marked: () => Object.entries(load().marked).map(([slug, info]) => ({ slug, ...info })),
  mark(challenge, on) {
    const record = load();
    if (on) record.marked[challenge.slug] = { title: challenge.title, path: challenge.path, playbook: challenge.playbook || "" };
    else delete record.marked[challenge.slug];
    save();
  },
  reflections: (slug) => new Set(load().reflections[slug] || []),
  setReflection(slug, index, on) {
    const record = load();
    const ticked = new Set(record.reflections[slug] || []);
    if (on) ticked.add(index);
    else ticked.delete(index);
    record.reflections[slug] = [...ticked].sort((a, b) => a - b);
    save();
  },
  visit(path) {
    const record = load();
    if (record.visited[path]) return;
    record.visited[path] = true;
    save();
  },
  visited: (path) => Boolean(load().visited[path]),
  ticks: (path) => load().ticks[path] || {},
  setTick(path, id, on) {
    const record = load();
    const ticks = { ...(record.ticks[path] || {}) };
    if (on) ticks[id] = true;
    else delete ticks[id];
    record.ticks[path] = ticks;
    save();
  },
  tickCount(paths) {
    const record = load();
    return paths.reduce((sum, path) => sum + Object.keys(record.ticks[path] || {}).length, 0);
  },
  clear() {
    memory = EMPTY();
    try {
      localStorage.removeItem(KEY);
    } catch {
      // nothing kept
    }
    document.dispatchEvent(new CustomEvent("reader:progress"));
  },
};
