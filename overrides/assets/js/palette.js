/*
 * The light/dark choice, applied while the header is parsed, before anything is painted: the
 * reader's own choice if they made one on this site, else their device's setting. Only an
 * explicit choice is stored (Material's script stored whatever was shown, which froze the
 * device's setting of the first visit). theme.js calls __site_palette when the reader switches,
 * or when the device's setting changes and there is no choice. The switch is one button
 * (partials/palette.html), pressed in the dark scheme.
 *
 * A file, not an inline script: it was the same 1 KB in every page (400 bytes of each page's
 * compressed HTML, and a hash in each page's policy); as a file it is downloaded once and then
 * read from the cache. It is the table's one row `when: before the first paint`, so
 * partials/javascripts/palette.html links it without `defer`, right after the palette's markup.
 */
function __site_palette(index, remember) {
  var palette = document.querySelector("[data-md-component=palette]");
  var options = palette ? palette.querySelectorAll("[data-md-color-media]") : [], chosen = options[index];
  if (!chosen) return;
  var color = {};
  ["media", "scheme", "primary", "accent"].forEach(function (key) {
    color[key] = chosen.getAttribute("data-md-color-" + key);
    if (key !== "media") document.body.setAttribute("data-md-color-" + key, color[key]);
  });
  palette.setAttribute("data-palette-index", index);
  var button = palette.querySelector("button");
  if (button) button.setAttribute("aria-pressed", color.scheme === "slate" ? "true" : "false");
  if (remember) __md_set("__palette", { index: index, color: color });
}
function __site_palette_choice() {
  var options = document.querySelectorAll("[data-md-component=palette] [data-md-color-media]"), saved = null;
  try { saved = __md_get("__palette"); } catch (error) {}
  if (saved && options[saved.index]) return saved.index;
  for (var k = 0; k < options.length; k++) {
    if (matchMedia(options[k].getAttribute("data-md-color-media")).matches) return k;
  }
  return 0;
}
__site_palette(__site_palette_choice());
