/**
 * The reader's language: which locale a URL is in, and the reader paths of that locale.
 *
 * Contract: the site's locales are `<meta name="playbook-locales" content="en,fr,ar">`,
 * the default first (the CMS fills it in with the locales the site has; a static
 * host sets it by hand; absent or empty, the reader has one language, "en"). The
 * default locale's paths have no prefix (`/playbook/tools/x/`); another locale's
 * start with its code (`/fr/playbook/tools/x/`), and after the prefix they are the
 * API's `path`s in that locale. A document shows one locale (`currentLocale`, read
 * from its URL when the app starts): moving to another is a page load, so the
 * server's `<html lang dir>`, title and description always match the words.
 * `localize(path)` is the one place a reader path gets its prefix; `unlocalize`
 * takes it off.
 */

function siteLocales() {
  const meta = document.querySelector('meta[name="playbook-locales"]');
  const codes = (meta ? meta.content : "")
    .split(",")
    .map((code) => code.trim())
    .filter(Boolean);
  return codes.length ? codes : ["en"];
}

export const locales = siteLocales();
export const defaultLocale = locales[0];

/** The locale of a reader path: its first segment when that is another locale's code. */
export function localeOf(pathname) {
  const first = pathname.split("/")[1] || "";
  return first !== defaultLocale && locales.includes(first) ? first : defaultLocale;
}

export const currentLocale = localeOf(location.pathname);

/** "/fr/playbook/" -> "/playbook/" (the path the API knows, in that locale). */
export function unlocalize(pathname) {
  const locale = localeOf(pathname);
  return locale === defaultLocale ? pathname : pathname.slice(locale.length + 1) || "/";
}

/** "/playbook/" -> "/fr/playbook/" in a French document; a prefixed path stays as it is. */
export function localize(path, locale = currentLocale) {
  if (locale === defaultLocale || !path.startsWith("/") || path.startsWith("//")) return path;
  if (localeOf(path) !== defaultLocale) return path;
  return `/${locale}${path}`;
}

// Scripts written right to left; Intl.Locale's textInfo says so too, where a
// browser has it, but not every browser does.
const RIGHT_TO_LEFT = new Set(["ar", "fa", "he", "ps", "ur", "yi", "dv", "ckb"]);

export function direction(locale) {
  return RIGHT_TO_LEFT.has(locale.split("-")[0].toLowerCase()) ? "rtl" : "ltr";
}

/** A language's name, by default its own for itself ("Français", "العربية"). */
export function languageName(locale, inLanguage = locale) {
  try {
    const name = new Intl.DisplayNames([inLanguage], { type: "language" }).of(locale);
    if (!name) return locale;
    // A name on its own (the switcher's) starts with a capital; in a sentence, as
    // the language writes it ("en anglais").
    return inLanguage === locale ? name.charAt(0).toLocaleUpperCase(locale) + name.slice(1) : name;
  } catch {
    return locale;
  }
}

/** `lang` and `dir` on <html> (the server sets them too; an offline shell may not). */
export function applyLocale(root = document.documentElement) {
  root.lang = currentLocale;
  root.dir = direction(currentLocale);
}

/** `lang` (and `dir`) for content in another language than the document's, or {}. */
export function langAttributes(locale) {
  if (!locale || locale === currentLocale) return {};
  return { lang: locale, dir: direction(locale) };
}
