/* "¿Es segura esta oferta de trabajo?" (docs/publico/oferta-de-trabajo.*.md): the questions are a
   plain list of questions and advice (<dl>) that reads whole without JavaScript. With it, each
   question gets a checkbox; the advice under a question shows once it is ticked, and a line below
   the list says how many were ticked and what to do, announced to screen readers. Nothing is
   stored: the ticks go with the page. */
(function () {
  "use strict";

  // The words come from the catalogue (hooks/data/words.*.yml), on the page's article.
  var article = document.getElementById("contenido-principal");
  var say = article ? article.dataset : {};

  var lists = document.querySelectorAll("[data-offer-check] > dl");
  for (var l = 0; l < lists.length; l++) enhance(lists[l]);

  function enhance(list) {
    var questions = Array.prototype.slice.call(list.querySelectorAll(":scope > dt"));
    if (!questions.length) return;
    var hint = document.createElement("p");
    hint.className = "offer-check__hint";
    hint.textContent = say.msgOfferHint || "";
    list.parentNode.insertBefore(hint, list);

    var summary = document.createElement("p");
    summary.className = "offer-check__summary";
    summary.setAttribute("role", "status");
    summary.setAttribute("aria-live", "polite");
    list.parentNode.insertBefore(summary, list.nextSibling);

    var boxes = questions.map(function (question, k) {
      var advice = question.nextElementSibling;
      var key = question.id || "pregunta-" + (k + 1);
      var box = document.createElement("input");
      box.type = "checkbox";
      box.id = "marcar-" + key;
      box.className = "offer-check__box";
      var label = document.createElement("label");
      label.htmlFor = box.id;
      while (question.firstChild) label.appendChild(question.firstChild);
      question.appendChild(box);
      question.appendChild(label);
      if (advice && advice.tagName === "DD") {
        advice.id = advice.id || "consejo-" + key;
        advice.hidden = true;
        box.setAttribute("aria-controls", advice.id);
        box.addEventListener("change", function () { advice.hidden = !box.checked; });
      }
      box.addEventListener("change", update);
      return box;
    });
    list.parentNode.classList.add("offer-check--js");

    function update() {
      var ticked = boxes.filter(function (box) { return box.checked; }).length;
      var text = !ticked ? say.msgOfferNone : ticked === 1 ? say.msgOfferOne : say.msgOfferMany;
      summary.textContent = (text || "").replace("{n}", ticked).replace("{total}", boxes.length);
    }
  }
})();
