/* How to cite a page (overrides/partials/citation.html): the page's own address where the build
   could not know it, today's date as the date of access, and a copy button that works with or
   without the asynchronous clipboard (or tells the reader to copy the selected text: copy.js). */
(function () {
  "use strict";

  var blocks = document.querySelectorAll("[data-citation]");
  if (!blocks.length) return;
  // The date's locale is the catalogue's (ui.date_locale), written by the template on each block.
  var locale = blocks[0].getAttribute("data-date-locale") || document.documentElement.lang;

  // The address the reader sees, less any #fragment or ?query: the page itself.
  function ownAddress() {
    return location.origin + location.pathname;
  }

  function today() {
    try {
      return new Intl.DateTimeFormat(locale,
        { day: "numeric", month: "long", year: "numeric" }).format(new Date());
    } catch (error) {
      return new Date().toISOString().slice(0, 10);
    }
  }

  // The citation as one line of plain text: what a report needs.
  function citationText(block) {
    fill(block);
    return block.querySelector("[data-citation-text]").textContent.replace(/\s+/g, " ").trim();
  }

  function fill(block) {
    var url = block.querySelector("[data-citation-url][data-citation-relative]");
    // Only a web address is worth citing: a copy read from files (file://) keeps the page's path.
    if (url && /^https?:$/.test(location.protocol)) url.textContent = ownAddress();
    var date = block.querySelector("[data-citation-date]");
    if (date) date.textContent = today();
  }

  // The clipboard, or the text selected for the reader to copy (copy.js, shared with "Compartir").
  function copy(block) {
    var status = block.querySelector("[data-citation-status]");
    var element = block.querySelector("[data-citation-text]");
    window.siteCopy(citationText(block), function () { return element; }, function (copied) {
      status.textContent = status.getAttribute(copied ? "data-copied" : "data-selected");
    });
  }

  for (var i = 0; i < blocks.length; i++) {
    (function (block) {
      fill(block);
      var button = block.querySelector("[data-citation-copy]");
      if (!button) return;
      button.hidden = false;
      button.addEventListener("click", function () { copy(block); });
    })(blocks[i]);
  }
})();
