/**
 * The challenge icons editors choose from (ChallengePage.icon), as inline SVG so
 * they take the challenge's colour (currentColor) and need no extra request.
 * Decorative: always aria-hidden, the challenge's name carries the meaning.
 */

const SVG_NS = "http://www.w3.org/2000/svg";

const PATHS = {
  // a flag on a pole
  leadership: ["M6 21V3", "M6 4h11l-2.5 4L17 12H6"],
  // two people
  culture: [
    "M9 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6z",
    "M3 20c0-3.3 2.7-6 6-6s6 2.7 6 6",
    "M16 11a2.5 2.5 0 1 0 0-5",
    "M17.5 14.2c2 .7 3.5 2.8 3.5 5.8",
  ],
  // stacked building blocks
  structure: ["M4 14h7v6H4z", "M13 14h7v6h-7z", "M8.5 8h7v6h-7z", "M10 3h4v5h-4z"],
  // two arrows in a cycle
  process: [
    "M20 12a8 8 0 0 1-13.7 5.7",
    "M4 12a8 8 0 0 1 13.7-5.7",
    "M18 3v4h-4",
    "M6 21v-4h4",
  ],
  // a light bulb
  idea: [
    "M9 18h6",
    "M10 21h4",
    "M12 3a6 6 0 0 0-3.5 10.9c.6.5 1 1.2 1 2.1h5c0-.9.4-1.6 1-2.1A6 6 0 0 0 12 3z",
  ],
};

export function icon(name, { size = 28 } = {}) {
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("width", String(size));
  svg.setAttribute("height", String(size));
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  svg.setAttribute("class", `icon icon--${PATHS[name] ? name : "idea"}`);
  for (const d of PATHS[name] || PATHS.idea) {
    const path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", d);
    path.setAttribute("fill", "none");
    path.setAttribute("stroke", "currentColor");
    path.setAttribute("stroke-width", "1.8");
    path.setAttribute("stroke-linecap", "round");
    path.setAttribute("stroke-linejoin", "round");
    svg.append(path);
  }
  return svg;
}
