/*
 * A module's slides (hooks/renderers/training_slides.py renders them as plain sections that read
 * top to bottom without JavaScript, notes included). This script turns [data-slides] into a deck:
 * one slide at a time; arrows, Page Up/Down (what a presentation clicker sends), space, Home and
 * End move it; a swipe moves it on a touch screen; F goes full screen.
 *
 * What is projected is for the group: the trainer's notes never show in this window. N (or the
 * "notes" button) opens the same page with "?notas" in a second window, the trainer's view: the
 * slide with its notes beside it and the next slide's title. The two windows keep in step by
 * postMessage (it works between files too, where the offline edition has no origin to share).
 *
 * Every slide fits the screen it is shown on, whatever its length: the deck takes the height
 * left below its top, the controls stay under it, and the slide's type is scaled (down or up)
 * until its content fits (`fit`), again on every resize and on entering or leaving full screen.
 * The slide shown is kept in the address (#s3), so a reload opens on it; nothing is stored or
 * sent. Printing shows every slide, with its notes, as handouts (slides.css).
 */
(function () {
  "use strict";

  var deck = document.querySelector("[data-slides]");
  if (!deck) return;
  var root = document.documentElement;
  var slides = Array.prototype.slice.call(deck.querySelectorAll("[data-slide]"));
  var controls = deck.querySelector(".slides__controls");
  var count = deck.querySelector(".slides__count");
  var presenter = /(?:^|[?&])notas(?:[=&]|$)/.test(window.location.search.slice(1));
  // The windows this one keeps in step with: the notes window it opened, or the deck that opened it.
  var peers = [];
  var deckKey = "slides:" + window.location.pathname;
  var current = 0;
  var upNext = null;

  // The smallest and largest scale of a slide's type, against its size in slides.css.
  var SMALLEST = 0.45;
  var LARGEST = 1.6;
  // Below this width (slides.css says the same) the deck is read on a phone, not projected.
  var narrow = window.matchMedia("(max-width: 44.9375em)");

  root.classList.add("slides-js");
  if (presenter) {
    root.classList.add("slides-presenter");
    upNext = document.createElement("span");
    upNext.className = "slides__up-next";
    count.parentNode.insertBefore(upNext, count.nextSibling);
  }
  controls.hidden = false;

  function fromAddress() {
    var match = /^#s(\d+)$/.exec(window.location.hash);
    var number = match ? parseInt(match[1], 10) : 1;
    return Math.min(Math.max(number, 1), slides.length) - 1;
  }

  function show(index, fromPeer) {
    current = Math.min(Math.max(index, 0), slides.length - 1);
    slides.forEach(function (slide, position) {
      slide.classList.toggle("slide--current", position === current);
      slide.setAttribute("aria-hidden", position === current ? "false" : "true");
    });
    count.textContent = deck.dataset.msgSlide
      .replace("{number}", String(current + 1)).replace("{total}", String(slides.length));
    if (upNext) {
      var next = slides[current + 1];
      upNext.textContent = next ? deck.dataset.msgNext.replace("{title}", titleOf(next)) : deck.dataset.msgLast;
    }
    var address = "#s" + (current + 1);
    if (window.location.hash !== address && window.history.replaceState) {
      window.history.replaceState(null, "", window.location.pathname + window.location.search + address);
    }
    layout();
    if (!fromPeer) tell();
  }

  function titleOf(slide) {
    var heading = slide.querySelector(".slide__title, .slide__question, .slide__kicker");
    return heading ? heading.textContent.replace(/\s+/g, " ").trim() : "";
  }

  // The deck takes the height below its top (measured as if the page were scrolled to the top),
  // the controls keep theirs under the slide, and the slide's content is scaled to fit what is left.
  function layout() {
    if (narrow.matches) {
      // A phone is not a projector: the slide takes the height it needs and the page scrolls.
      deck.style.height = "";
      var content = slides[current].querySelector(".slide__content");
      if (content) content.style.fontSize = "";
      return;
    }
    var top = deck.getBoundingClientRect().top + window.scrollY;
    var room = Math.max(window.innerHeight - top - 8, 320);
    deck.style.height = room + "px";
    fit(slides[current]);
  }

  function fit(slide) {
    var content = slide.querySelector(".slide__content");
    if (!content) return;
    content.style.fontSize = "";
    slide.classList.remove("slide--overflow");
    var base = parseFloat(window.getComputedStyle(content).fontSize);
    var style = window.getComputedStyle(slide);
    var height = slide.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
    function fits(scale) {
      content.style.fontSize = (base * scale).toFixed(2) + "px";
      return content.getBoundingClientRect().height <= height + 0.5 && content.scrollWidth <= content.clientWidth + 1;
    }
    if (fits(LARGEST)) return;
    var low = SMALLEST;
    var high = LARGEST;
    if (!fits(low)) {
      // Too long even in the smallest type: it scrolls inside the slide rather than being cut.
      slide.classList.add("slide--overflow");
      return;
    }
    for (var step = 0; step < 6; step += 1) {
      var middle = (low + high) / 2;
      if (fits(middle)) low = middle; else high = middle;
    }
    fits(low);
  }

  function tell() {
    peers.forEach(function (peer) {
      try { peer.postMessage({ deck: deckKey, slide: current }, "*"); } catch (error) { /* a closed window */ }
    });
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || typeof data !== "object" || data.deck !== deckKey || !event.source) return;
    if (peers.indexOf(event.source) === -1) peers.push(event.source);
    if (typeof data.slide === "number") {
      show(data.slide, true);
    } else if (data.hello) {
      event.source.postMessage({ deck: deckKey, slide: current }, "*");
    }
  });

  function openNotes() {
    if (presenter) return;
    var address = window.location.href.split(/[?#]/)[0] + "?notas#s" + (current + 1);
    var notes = window.open(address, deckKey);
    if (notes && peers.indexOf(notes) === -1) peers.push(notes);
    if (notes) notes.focus();
  }

  function fullScreen() {
    if (document.fullscreenElement) {
      document.exitFullscreen();
    } else if (root.requestFullscreen) {
      root.requestFullscreen().catch(function () {});
    }
  }

  var actions = {
    prev: function () { show(current - 1); },
    next: function () { show(current + 1); },
    notes: openNotes,
    fullscreen: fullScreen,
    print: function () { window.print(); }
  };

  controls.addEventListener("click", function (event) {
    var button = event.target.closest("[data-slides-action]");
    if (button) actions[button.dataset.slidesAction]();
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    var key = event.key;
    var handled = true;
    if (key === "ArrowRight" || key === "ArrowDown" || key === "PageDown" || (key === " " && !event.shiftKey)) {
      show(current + 1);
    } else if (key === "ArrowLeft" || key === "ArrowUp" || key === "PageUp" || (key === " " && event.shiftKey)) {
      show(current - 1);
    } else if (key === "Home") {
      show(0);
    } else if (key === "End") {
      show(slides.length - 1);
    } else if (key === "n" || key === "N") {
      openNotes();
    } else if (key === "f" || key === "F") {
      fullScreen();
    } else {
      handled = false;
    }
    // Space on a focused button presses it; everything else the deck handles is not the page's.
    if (handled && !(key === " " && target && target.tagName === "BUTTON")) event.preventDefault();
  });

  // A horizontal swipe of at least 50 px, more sideways than up or down, moves one slide.
  var startX = null;
  var startY = null;
  deck.addEventListener("touchstart", function (event) {
    if (event.touches.length !== 1) return;
    startX = event.touches[0].clientX;
    startY = event.touches[0].clientY;
  }, { passive: true });
  deck.addEventListener("touchend", function (event) {
    if (startX === null) return;
    var dx = event.changedTouches[0].clientX - startX;
    var dy = event.changedTouches[0].clientY - startY;
    startX = null;
    if (Math.abs(dx) >= 50 && Math.abs(dx) > Math.abs(dy)) show(current + (dx < 0 ? 1 : -1));
  }, { passive: true });

  window.addEventListener("hashchange", function () { show(fromAddress()); });
  window.addEventListener("resize", layout);
  if (narrow.addEventListener) narrow.addEventListener("change", layout);
  document.addEventListener("fullscreenchange", layout);
  slides.forEach(function (slide) { slide.tabIndex = -1; });
  show(fromAddress(), true);
  if (presenter && window.opener) {
    peers.push(window.opener);
    window.opener.postMessage({ deck: deckKey, hello: true }, "*");
  }
})();
