/* The whole policy (docs/politica/completa.*.md): the foot of every printed sheet, the page's
   address and the site's edition (whole-policy.css numbers the sheets; quiz.js shows the print
   button, as for a trainer's pack).
   CSS cannot read the page's address into a page margin, so the rule is written here, into a
   stylesheet made by this script (allowed by the site's Content-Security-Policy: no inline style). */
(function () {
  "use strict";

  var doc = document.querySelector(".whole-policy[data-print-margin]");
  if (!doc) return;

  // The address the build knew (SITE_URL), else the one the browser shows (a copy read from
  // files keeps its file name rather than a file:// path nobody can follow).
  var address = doc.getAttribute("data-print-address") ||
    (/^https?:$/.test(location.protocol) ? location.origin + location.pathname : location.pathname.split("/").slice(-3).join("/"));
  var line = address + " \u00b7 " + doc.getAttribute("data-print-margin");

  function cssString(text) {
    return '"' + text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/[\r\n]+/g, " ") + '"';
  }

  var rule = "@page whole-policy { @bottom-left { content: " + cssString(line) + "; } }";
  try {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(rule);
    document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sheet]);
  } catch (error) {
    // Older browsers: the sheets print without the address line; the page number stays.
  }
})();
