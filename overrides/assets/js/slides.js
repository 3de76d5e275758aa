/*
 * A module's slides (hooks/renderers/training_slides.py renders them as plain sections that read
 * top to bottom without JavaScript). This script turns [data-slides] into a deck: one slide at a
 * time; arrows, Page Up/Down (what a presentation clicker sends), space, Home and End move it;
 * a swipe moves it on a touch screen; N shows the trainer's notes, F goes full screen. The slide
 * shown is kept in the address (#s3), so a reload (or a second window for the notes) opens on
 * it; nothing is stored or sent. Printing shows every slide, with its notes, as handouts
 * (slides.css).
 */
(function () {
  "use strict";

  var deck = document.querySelector("[data-slides]");
  if (!deck) return;
  var slides = Array.prototype.slice.call(deck.querySelectorAll("[data-slide]"));
  var controls = deck.querySelector(".slides__controls");
  var count = deck.querySelector(".slides__count");
  var current = 0;

  document.documentElement.classList.add("slides-js");
  controls.hidden = false;

  function fromAddress() {
    var match = /^#s(\d+)$/.exec(window.location.hash);
    var number = match ? parseInt(match[1], 10) : 1;
    return Math.min(Math.max(number, 1), slides.length) - 1;
  }

  function show(index, moveFocus) {
    current = Math.min(Math.max(index, 0), slides.length - 1);
    slides.forEach(function (slide, position) {
      slide.classList.toggle("slide--current", position === current);
      slide.setAttribute("aria-hidden", position === current ? "false" : "true");
    });
    count.textContent = deck.dataset.msgSlide
      .replace("{number}", String(current + 1)).replace("{total}", String(slides.length));
    var address = "#s" + (current + 1);
    if (window.location.hash !== address && window.history.replaceState) {
      window.history.replaceState(null, "", address);
    }
    if (moveFocus) slides[current].focus({ preventScroll: true });
  }

  function toggleNotes() {
    document.documentElement.classList.toggle("slides-notes");
  }

  function fullScreen() {
    if (document.fullscreenElement) {
      document.exitFullscreen();
    } else if (document.documentElement.requestFullscreen) {
      document.documentElement.requestFullscreen().catch(function () {});
    }
  }

  var actions = {
    prev: function () { show(current - 1); },
    next: function () { show(current + 1); },
    notes: toggleNotes,
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
      toggleNotes();
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
  slides.forEach(function (slide) { slide.tabIndex = -1; });
  show(fromAddress());
})();
