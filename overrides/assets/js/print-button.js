/* The print button of a trainer's pack and of the whole policy ([data-print], hidden without
   JavaScript: the page then says how to print with the browser's own command). It was part of
   quiz.js; on its own, the pages that print without a quiz do not load the quiz. */
(function () {
  "use strict";

  function setUpPrint(button) {
    button.addEventListener("click", function () {
      window.print();
    });
    var box = button.closest("[data-print-box]");
    if (box) box.hidden = false;
  }

  document.querySelectorAll("[data-print]").forEach(setUpPrint);
})();
