/**
 * The language switcher in the header: one link per locale the site has.
 *
 * Contract: `showLanguages(nav, url, page)` fills `nav` (a labelled <nav>) with a
 * link for each of the site's locales (`locale.js`), each language named in
 * itself with its own `lang` and `hreflang`. On a page with `translations` (the
 * API's list) a link goes to the same page in that language; on a page without
 * one, to that language's home; on the app's own screens (search, My playbook),
 * to the same screen there. The document's language is marked `aria-current`.
 * With one locale the switcher stays hidden.
 */

import { h, replaceChildren } from "../dom.js";
import { currentLocale, direction, languageName, localize, locales, unlocalize } from "../locale.js";
import { t } from "../strings.js";

function targetIn(locale, url, page) {
  if (!page) return localize(unlocalize(url.pathname), locale) + url.search;
  if (page.locale === locale) return localize(page.path, locale);
  const found = (page.translations || []).find((item) => item.locale === locale);
  return localize(found ? found.path : "/", locale);
}

export function showLanguages(nav, url, page) {
  nav.hidden = locales.length < 2;
  if (nav.hidden) return;
  nav.setAttribute("aria-label", t("languages.label"));
  replaceChildren(
    nav,
    h(
      "ul",
      {},
      locales.map((locale) =>
        h(
          "li",
          {},
          h(
            "a",
            {
              href: targetIn(locale, url, page),
              hreflang: locale,
              lang: locale,
              dir: direction(locale),
              "aria-current": locale === currentLocale ? "true" : false,
            },
            languageName(locale),
          ),
        ),
      ),
    ),
  );
}
