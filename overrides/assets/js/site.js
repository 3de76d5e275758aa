/* Quick exit (GOV.UK "Exit this page" pattern) and a language switch that keeps the section. */
(function () {
  "use strict";

  // ---- Quick exit: blank the page at once, then replace it in history with a neutral site.
  var exits = document.querySelectorAll("[data-quick-exit]");
  var destination = exits.length ? exits[0].getAttribute("href") : null;
  // With no connection (a USB copy in a village, a phone out of signal) the neutral site would
  // not load and the page would stay in view behind an error: go to a blank local page instead.
  var localDestination = exits.length ? exits[0].getAttribute("data-quick-exit-local") : null;

  function quickExit(event) {
    if (event) event.preventDefault();
    document.documentElement.classList.add("quick-exit--active");
    document.title = "\u00a0";
    if (document.body) blankText(document.body);
    // replace(): Back does not return to this page (history itself is not erased).
    window.location.replace(navigator.onLine === false && localDestination ? localDestination : destination);
  }

  // Every word goes, but the elements stay: the theme's script still finds the parts it watches
  // and throws no error while the browser leaves.
  function blankText(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    for (var n = 0; n < nodes.length; n++) nodes[n].nodeValue = "";
  }

  for (var i = 0; i < exits.length; i++) exits[i].addEventListener("click", quickExit);

  // Shift pressed three times, each press within 5 seconds of the first.
  var presses = [];
  var announcer = document.createElement("p");
  announcer.className = "visually-hidden";
  announcer.setAttribute("role", "status");
  announcer.setAttribute("aria-live", "polite");
  if (document.body && destination) document.body.appendChild(announcer);
  var lang = document.documentElement.lang === "en" ? "en" : "es";
  var progress = {
    es: ["Mayús pulsada 1 vez de 3 para salir rápido.", "Mayús pulsada 2 veces de 3 para salir rápido."],
    en: ["Shift pressed 1 time of 3 to leave quickly.", "Shift pressed 2 times of 3 to leave quickly."]
  };

  document.addEventListener("keydown", function (event) {
    if (!destination || event.key !== "Shift" || event.repeat) return;
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t <= 5000; });
    presses.push(now);
    if (presses.length >= 3) {
      presses = [];
      quickExit();
    } else {
      announcer.textContent = progress[lang][presses.length - 1];
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") presses = [];
  }, true);

  // ---- Labels that act as buttons (the navigation's sections): Enter and Space click them, as
  // for any button.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if ((event.key === " " || event.key === "Enter") && target instanceof HTMLLabelElement &&
        target.hasAttribute("tabindex")) {
      event.preventDefault();
      target.click();
    }
  });

  // ---- The menu on narrow screens: a real button in place of Material's label (pointer only).
  var drawer = document.getElementById("__drawer");
  var menuButton = document.querySelector("[data-menu-open]");
  var menuLabel = document.querySelector("[data-menu-label]");
  var sidebar = document.querySelector(".md-sidebar--primary");
  if (drawer && menuButton && sidebar) {
    // Opened from the button, the focus goes into the menu (which covers the header's left side);
    // Escape closes it and brings the focus back to the button.
    menuButton.addEventListener("click", function () {
      drawer.click();  // the checkbox opens the menu (CSS) and announces the change
      if (!drawer.checked) return;
      // The first entry of the level in view (the menu opens on the page's own level).
      var entries = sidebar.querySelectorAll('a[href], label[tabindex="0"], button');
      for (var e = 0; e < entries.length; e++) {
        if (entries[e].getClientRects().length && getComputedStyle(entries[e]).visibility === "visible") {
          entries[e].focus({ preventScroll: true });
          break;
        }
      }
    });
    drawer.addEventListener("change", function () {
      menuButton.setAttribute("aria-expanded", drawer.checked ? "true" : "false");
      if (!drawer.checked && sidebar.contains(document.activeElement)) menuButton.focus();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.checked && getComputedStyle(menuButton).display !== "none") drawer.click();
    });
    // Tab out of the open menu (past its last entry, or back to the header) closes it: the focus
    // does not go on under the menu's shade.
    sidebar.addEventListener("focusout", function (event) {
      var to = event.relatedTarget;
      if (drawer.checked && to && !sidebar.contains(to) && to !== menuButton &&
          getComputedStyle(menuButton).display !== "none") drawer.click();
    });
    // A jump within the page (an entry of the menu's table of contents) closes the menu, and the
    // keyboard goes on from the section it jumped to, not from the menu button.
    window.addEventListener("hashchange", function () {
      if (!drawer.checked) return;
      var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      drawer.click();
      if (target) {
        if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
        target.focus({ preventScroll: true });
      }
    });
    menuButton.setAttribute("aria-expanded", drawer.checked ? "true" : "false");
    menuButton.hidden = false;
    if (menuLabel) menuLabel.hidden = true;

    // Its levels: on narrow screens every label that opens a level, or goes back from one, is
    // reached by Tab (on wide screens the sections are headings: they stay as Material made them).
    // Opening a level moves the focus to its first entry (its way back); going back, to the
    // label that opened it.
    var narrow = window.matchMedia("(max-width: 76.234375em)");
    var levelLabels = Array.prototype.slice.call(sidebar.querySelectorAll(
      'label.md-nav__link[for^="__nav"], label.md-nav__title[for^="__nav"], label[for="__toc"]'));
    var originalTabindex = levelLabels.map(function (label) { return label.getAttribute("tabindex"); });
    var levelsByKeyboard = function () {
      levelLabels.forEach(function (label, k) {
        if (narrow.matches) label.setAttribute("tabindex", "0");
        else if (originalTabindex[k] === null) label.removeAttribute("tabindex");
        else label.setAttribute("tabindex", originalTabindex[k]);
      });
    };
    levelsByKeyboard();
    if (narrow.addEventListener) narrow.addEventListener("change", levelsByKeyboard);
    sidebar.addEventListener("change", function (event) {
      var toggle = event.target;
      if (!narrow.matches || !toggle.classList.contains("md-nav__toggle") || !sidebar.contains(document.activeElement)) return;
      var next = toggle.checked
        ? toggle.parentElement.querySelector(":scope > .md-nav > .md-nav__title")
        : sidebar.querySelector('label.md-nav__link[for="' + toggle.id + '"]');
      // preventScroll: the level is still sliding in; scrolling to it would shift the whole menu.
      if (next) next.focus({ preventScroll: true });
    });
  }

  // ---- Language switch: keep the reader at the same section (headings share ids across languages).
  var switches = document.querySelectorAll("[data-keep-hash]");
  for (var j = 0; j < switches.length; j++) {
    switches[j].addEventListener("click", function () {
      if (location.hash) this.setAttribute("href", this.getAttribute("href").split("#")[0] + location.hash);
    });
  }
})();
