/* Copying text for the reader, one way for every copy button (the citation's "Copiar la cita",
   the public pages' "Compartir" when the browser has no share sheet): the asynchronous clipboard
   where the page may use it; else, or if it refuses, the older way (select the text and ask the
   browser to copy it); if that refuses too, the text stays selected for the reader to copy.
   `reveal()` is called only then and returns the element to select (a field is focused and
   selected whole). `done(copied)` says whether the text reached the clipboard. Sends nothing. */
(function () {
  "use strict";

  function select(element) {
    if (typeof element.select === "function") {
      element.focus();
      element.select();
      return;
    }
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function selectAndCopy(reveal) {
    select(reveal());
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  window.siteCopy = function (text, reveal, done) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); },
                                               function () { done(selectAndCopy(reveal)); });
    } else {
      done(selectAndCopy(reveal));
    }
  };
})();
