/*
 * "Compartir" on the pages the public learns from (issue 31; overrides/partials/share.html, on
 * the pages hooks/share.py names). The browser's own share sheet (Web Share API) where it has
 * one; else the page's address copied to the clipboard, or shown in a field, selected, to copy
 * by hand (copy.js). That is all: no third-party button or script, no request to any other site,
 * nothing stored, no count of shares. The button is hidden without JavaScript, and in the
 * offline edition: an address on a USB stick (file://) leads nowhere on someone else's phone.
 */
(function () {
  "use strict";

  var box = document.querySelector("[data-share]");
  if (!box || !/^https?:$/.test(location.protocol)) return;
  var button = box.querySelector(".share__button");
  var field = box.querySelector(".share__field");
  var address = box.querySelector(".share__address");
  var status = box.querySelector(".share__status");

  // The page's public address: the canonical one when the build knew it (SITE_URL), else the
  // address in the bar without its #fragment or ?query (a search's words are nobody else's).
  function pageAddress() {
    var canonical = document.querySelector('link[rel="canonical"]');
    return canonical && canonical.href ? canonical.href : location.origin + location.pathname;
  }

  function copy(url) {
    address.value = url;
    window.siteCopy(url, function () {
      field.hidden = false;
      return address;
    }, function (copied) {
      status.textContent = copied ? box.dataset.msgCopied : box.dataset.msgSelect;
    });
  }

  button.addEventListener("click", function () {
    var url = pageAddress();
    var data = { title: box.dataset.shareTitle, url: url };
    status.textContent = "";
    if (typeof navigator.share !== "function" || (navigator.canShare && !navigator.canShare(data))) {
      copy(url);
      return;
    }
    navigator.share(data).catch(function (error) {
      // The reader closed the share sheet: nothing to say. Sharing refused for another reason:
      // the address is copied instead.
      if (!error || error.name !== "AbortError") copy(url);
    });
  });
  box.hidden = false;
})();
