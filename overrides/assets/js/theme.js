/*
 * What Material's own script did that this site uses, in a few kilobytes (issue 8).
 *
 * Material's bundle.js is 114 KB and ran about 200 ms on a slow phone before the page answered
 * a tap: it carries search, instant loading, code blocks, tabs, tooltips and more, which this
 * site does not switch on. This file keeps what the pages show:
 *   - the light/dark switch (the choice is applied before the first paint by palette.js, run
 *     from the header without `defer`, which defines __site_palette);
 *   - the header: its shadow once the page scrolls, the page's title once its heading is gone;
 *   - the "back to top" button, shown while the reader scrolls up;
 *   - the table of contents, which marks and keeps in view the section being read;
 *   - the navigation's sections, which say whether they are open;
 *   - <details> opened for printing, and when a link points inside one.
 * Tables are wrapped for sideways scrolling at build time (hooks/scroll_tables.py) and the
 * sidebars get their height from CSS (site.css), so neither waits for a script. Left out on
 * purpose: Material's single-key shortcuts ("p", "n", ",", "."), which a reader cannot turn off
 * (WCAG 2.1.4) and which speech-input users trigger by accident.
 *
 * The work done per scroll is a comparison of numbers: positions are measured once, after the
 * first paint, and again only when the page's size changes.
 */
(function () {
  "use strict";

  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  // ------------------------------------------------------------------------ light and dark

  var palette = document.querySelector("[data-md-component=palette]");
  if (palette && typeof window.__site_palette === "function") {
    var switchTo = function (index, remember) {
      // Material's palette.css turns every transition off while this attribute is set.
      document.body.setAttribute("data-md-color-switching", "");
      window.__site_palette(index, remember);
      setTimeout(function () { document.body.removeAttribute("data-md-color-switching"); }, 0);
    };
    var options = Array.prototype.slice.call(palette.querySelectorAll("[data-md-color-media]"));
    var paletteButton = palette.querySelector("button");
    // A press (click, Space, Enter) switches to the next palette: light to dark and back.
    if (paletteButton) {
      paletteButton.addEventListener("click", function () {
        var shown = Number(palette.getAttribute("data-palette-index")) || 0;
        switchTo((shown + 1) % options.length, true);
      });
    }
    // The device switches to dark at night: follow it, unless the reader chose on this site.
    options.forEach(function (option) {
      var media = window.matchMedia(option.getAttribute("data-md-color-media"));
      if (!media.addEventListener) return;
      media.addEventListener("change", function () {
        switchTo(window.__site_palette_choice(), false);
      });
    });
  }

  // ------------------------------------------------------------------------ positions

  var header = document.querySelector("[data-md-component=header]");
  var title = document.querySelector("[data-md-component=header-title]");
  var heading = document.querySelector(".md-content h1");
  var main = document.querySelector("[data-md-component=main]");
  var backToTop = document.querySelector("[data-md-component=top]");
  var tocs = Array.prototype.slice.call(document.querySelectorAll("[data-md-component=toc]"));
  var measured = null;

  function pageTop(element) {
    return element.getBoundingClientRect().top + window.scrollY;
  }

  // Every position the scroll handlers compare against, in page coordinates.
  function measure() {
    var headerHeight = header ? header.offsetHeight : 0;
    var grid = main && main.firstElementChild;
    // A section counts as reached a little before its heading touches the header (as Material).
    var reach = headerHeight + (grid ? 0.8 * (grid.offsetTop - main.offsetTop) : 0);
    measured = {
      // Past this, the main area is under the header: shadow, and "back to top" may show.
      mainUnderHeader: main ? pageTop(main) - headerHeight : 0,
      // Past this, the page's own heading is hidden: the header shows the page's title.
      headingGone: heading ? pageTop(heading) + heading.offsetHeight - headerHeight : Infinity,
      sections: tocs.map(function (toc) {
        return Array.prototype.slice.call(toc.querySelectorAll("a.md-nav__link[href*='#']"))
          .map(function (link) {
            var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
            return target && { link: link, at: pageTop(target) - reach };
          })
          .filter(Boolean);
      })
    };
  }

  // ------------------------------------------------------------------------ on scroll

  var lastY = window.scrollY;
  var topPausedUntil = 0;
  var scheduled = false;

  function update() {
    scheduled = false;
    if (!measured) measure();
    var y = window.scrollY;
    var underHeader = y >= measured.mainUnderHeader;
    if (header) header.classList.toggle("md-header--shadow", underHeader);
    if (title) title.classList.toggle("md-header__title--active", heading !== null && y >= measured.headingGone);
    if (backToTop) showTop(underHeader && y < lastY && y > 0 && Date.now() >= topPausedUntil);
    var atBottom = y + window.innerHeight >= document.body.scrollHeight - 1;
    measured.sections.forEach(function (sections) { followSections(sections, y, atBottom); });
    lastY = y;
  }

  function schedule() {
    if (!scheduled) {
      scheduled = true;
      window.requestAnimationFrame(update);
    }
  }

  // Hidden, the button is also out of the keyboard's way (site.css hides it from view too).
  function showTop(visible) {
    if (backToTop.hidden === !visible) return;
    backToTop.hidden = !visible;
    if (visible) {
      backToTop.removeAttribute("tabindex");
    } else {
      backToTop.setAttribute("tabindex", "-1");
      if (document.activeElement === backToTop) backToTop.blur();
    }
  }

  // Every section whose heading was reached is "passed"; the last one is the one being read.
  function followSections(sections, y, atBottom) {
    var current = null;
    sections.forEach(function (section) {
      var passed = atBottom || section.at < y;
      section.link.classList.toggle("md-nav__link--passed", passed);
      if (passed) current = section;
    });
    sections.forEach(function (section) {
      var active = section === current;
      if (section.link.classList.contains("md-nav__link--active") === active) return;
      section.link.classList.toggle("md-nav__link--active", active);
      if (active) keepInView(section.link);
    });
  }

  // Scrolls the sidebar, not the page, so that the marked entry is in its middle.
  function keepInView(link) {
    if (!link.offsetHeight) return;  // the copy of the contents inside the closed phone menu
    var box = link.closest(".md-sidebar__scrollwrap");
    if (!box || box.scrollHeight <= box.clientHeight) return;
    box.scrollTo({ top: link.offsetTop - box.offsetTop - box.clientHeight / 2 });
  }

  if (backToTop) {
    backToTop.addEventListener("click", function (event) {
      event.preventDefault();
      window.scrollTo({ top: 0 });
      // The keyboard goes on from the start of the content, not from a button that is gone.
      var content = document.getElementById("contenido-principal");
      if (content) content.focus({ preventScroll: true });
    });
  }

  window.addEventListener("scroll", schedule, { passive: true });
  window.addEventListener("resize", function () { measured = null; schedule(); });
  // Images, the diagram or an opened <details> change where sections start.
  if (window.ResizeObserver) {
    new ResizeObserver(function () { measured = null; schedule(); }).observe(document.body);
  }
  window.addEventListener("hashchange", function () {
    // A jump is not the reader scrolling up: the button stays hidden for a moment.
    topPausedUntil = Date.now() + 250;
    openDetailsAround(location.hash);
  });

  // ------------------------------------------------------------------------ navigation

  // The current page's entry, in the middle of the navigation sidebar when it scrolls.
  function centreCurrentPage() {
    var sidebar = document.querySelector(".md-sidebar--primary");
    var link = sidebar && sidebar.querySelector(".md-nav__link--active[href]");
    if (link) keepInView(link);
  }

  // A section of the navigation says whether it is open.
  document.addEventListener("change", function (event) {
    var toggle = event.target;
    if (!(toggle instanceof HTMLInputElement) || !toggle.classList.contains("md-nav__toggle")) return;
    var level = toggle.parentElement.querySelector(":scope > nav.md-nav[aria-expanded]");
    if (level) level.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
  });

  // ------------------------------------------------------------------------ details

  // A link to something inside a closed <details> opens it: otherwise the jump lands nowhere.
  function openDetailsAround(hash) {
    if (!hash || hash.length < 2) return;
    var target = document.getElementById(decodeURIComponent(hash.slice(1)));
    var closed = target && target.closest("details:not([open])");
    if (!closed) return;
    while (closed) {
      closed.open = true;
      closed = closed.parentElement.closest("details:not([open])");
    }
    target.scrollIntoView();
  }

  // Paper cannot be clicked open: print every <details> open, then close them again.
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    openedForPrint = Array.prototype.slice.call(document.querySelectorAll("details:not([open])"));
    openedForPrint.forEach(function (details) { details.open = true; });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (details) { details.open = false; });
    openedForPrint = [];
  });

  // ------------------------------------------------------------------------ first paint

  openDetailsAround(location.hash);
  window.requestAnimationFrame(function () {
    centreCurrentPage();
    update();
  });
})();
