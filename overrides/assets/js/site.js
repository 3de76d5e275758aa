/* Quick exit (GOV.UK "Exit this page" pattern) and a language switch that keeps the section. */
(function () {
  "use strict";

  // ---- Quick exit: blank the page at once, then replace it in history with a neutral site.
  // The same link is in the header, the phone menu and the search dialog
  // (overrides/partials/quick-exit.html): whichever the reader sees, one tap leaves.
  var exits = document.querySelectorAll("[data-quick-exit]");
  var destination = exits.length ? exits[0].getAttribute("href") : null;
  // Where the exit goes when the neutral site cannot come: a blank page that needs no network.
  // A page of this site would need the network (or a cache) and its address names the site; a
  // browser's error page is titled with the address that failed. about:blank is built into every
  // browser, shows no words, and replace() leaves no entry for it in history.
  var BLANK = "about:blank";
  // A connection the browser calls online may be dead (no signal, a captive portal): if the
  // neutral site has not answered by then, the blank page. The pending navigation is cancelled.
  var NEUTRAL_SITE_WAIT_MS = 2000;
  var leaving = false;

  function quickExit(event) {
    if (event) event.preventDefault();
    if (leaving) return;
    leaving = true;
    document.documentElement.classList.add("quick-exit--active");
    document.title = "\u00a0";
    if (document.body) blankText(document.body);
    // replace(): Back does not return to this page (history itself is not erased).
    if (navigator.onLine === false || !destination) {
      window.location.replace(BLANK);
      return;
    }
    window.location.replace(destination);
    setTimeout(function () { window.location.replace(BLANK); }, NEUTRAL_SITE_WAIT_MS);
  }

  // Every word goes, but the elements stay: the theme's script still finds the parts it watches
  // and throws no error while the browser leaves.
  function blankText(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    for (var n = 0; n < nodes.length; n++) nodes[n].nodeValue = "";
  }

  // The exit acts when the finger or the button goes down, not at the click that follows: by
  // then what was open may have closed under it (the phone menu closes when the focus leaves it,
  // and the release landed on its shade), or the page may have moved. A click (Enter, a screen
  // reader, a browser without pointer events) leaves too. Once leaving, no click anywhere starts
  // another navigation that would cancel the exit.
  function pressed(event) {
    if (event.isPrimary !== false && (event.button === 0 || event.button === undefined)) quickExit(event);
  }
  for (var i = 0; i < exits.length; i++) {
    exits[i].addEventListener("pointerdown", pressed);
    exits[i].addEventListener("click", quickExit);
  }
  document.addEventListener("click", function (event) { if (leaving) event.preventDefault(); }, true);

  // Shift pressed three times on its own leaves too. A press counts when Shift goes up with no
  // other key pressed meanwhile (a capital letter typed into search is not a press), and the count
  // starts again after a pause or any other key. The count is shown beside the exit, in words
  // (announced: a live region) and as dots on the exit buttons, as GOV.UK's "Exit this page" does.
  var PRESSES_TO_LEAVE = 3;
  var PAUSE_MS = 5000;
  // The words come from the catalogue (hooks/data/words.*.yml), on the first quick exit.
  var countWords = exits.length ? exits[0].dataset : {};
  function pressedWords(n) {
    return ((n === 1 ? countWords.msgPressedOne : countWords.msgPressedMany) || "")
      .replace("{n}", n).replace("{total}", PRESSES_TO_LEAVE);
  }
  var count = 0;
  var shiftAlone = false;
  var pauseTimer = null;
  var status = document.createElement("p");
  status.className = "quick-exit-status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  if (document.body && destination) document.body.appendChild(status);

  function showCount() {
    status.textContent = count ? pressedWords(count) : "";
    var dots = count ? new Array(count + 1).join("\u25cf") + new Array(PRESSES_TO_LEAVE - count + 1).join("\u25cb") : "";
    for (var k = 0; k < exits.length; k++) {
      var counter = exits[k].querySelector(".quick-exit__count");
      if (counter) counter.textContent = dots;
    }
  }

  function resetCount() {
    clearTimeout(pauseTimer);
    if (!count) return;
    count = 0;
    showCount();
  }

  // A modal dialog (search) makes the rest of the page inert, to the eye and to screen readers:
  // while one is open, the count is shown and announced from inside it.
  if (window.MutationObserver) {
    new MutationObserver(function () {
      var open = document.querySelector("dialog[open]");
      var home = open || document.body;
      if (status.parentNode !== home) home.appendChild(status);
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ["open"] });
  }

  document.addEventListener("keydown", function (event) {
    if (!destination) return;
    if (event.key !== "Shift") {
      shiftAlone = false;
      resetCount();
    } else if (!event.repeat) {
      shiftAlone = true;
    }
  }, true);
  document.addEventListener("keyup", function (event) {
    if (!destination || event.key !== "Shift" || !shiftAlone) return;
    shiftAlone = false;
    count += 1;
    clearTimeout(pauseTimer);
    if (count >= PRESSES_TO_LEAVE) {
      count = 0;
      quickExit();
      return;
    }
    showCount();
    pauseTimer = setTimeout(resetCount, PAUSE_MS);
  }, true);
  // A click or tap while Shift is down (Shift+click selects text) is not a lone press either.
  document.addEventListener("pointerdown", function () { shiftAlone = false; }, true);

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
      var entries = sidebar.querySelectorAll('a[href]:not([data-quick-exit]), label[tabindex="0"], button');
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
