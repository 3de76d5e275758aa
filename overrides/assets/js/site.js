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

  // ---- Language switch: keep the reader at the same section (headings share ids across languages).
  var switches = document.querySelectorAll("[data-keep-hash]");
  for (var j = 0; j < switches.length; j++) {
    switches[j].addEventListener("click", function () {
      if (location.hash) this.setAttribute("href", this.getAttribute("href").split("#")[0] + location.hash);
    });
  }
})();
