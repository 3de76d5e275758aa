/* "¿Es segura esta oferta de trabajo?" (docs/publico/oferta-de-trabajo.*.md): the questions are a
   plain list of questions and advice (<dl>) that reads whole without JavaScript. With it, each
   question gets a checkbox; the advice under a question shows once it is ticked, and a line below
   the list says how many were ticked and what to do, announced to screen readers. Nothing is
   stored: the ticks go with the page. */
(function () {
  "use strict";

  var words = {
    es: {
      hint: "Marca lo que pasa con tu oferta. Verás qué hacer.",
      none: "No marcaste ninguna pregunta.",
      some: function (n, total) {
        return "Marcaste " + n + (n === 1 ? " pregunta" : " preguntas") + " de " + total +
          ". No viajes todavía: habla con alguien de confianza. Si algo te preocupa, llama al 1818, opción 1.";
      }
    },
    en: {
      hint: "Tick what is true of your offer. You will see what to do.",
      none: "You have not ticked any question.",
      some: function (n, total) {
        return "You ticked " + n + (n === 1 ? " question" : " questions") + " of " + total +
          ". Do not travel yet: talk to someone you trust. If something worries you, call 1818, option 1.";
      }
    }
  };
  var say = words[document.documentElement.lang === "en" ? "en" : "es"];

  var lists = document.querySelectorAll("[data-offer-check] > dl");
  for (var l = 0; l < lists.length; l++) enhance(lists[l]);

  function enhance(list) {
    var questions = Array.prototype.slice.call(list.querySelectorAll(":scope > dt"));
    if (!questions.length) return;
    var hint = document.createElement("p");
    hint.className = "offer-check__hint";
    hint.textContent = say.hint;
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
      summary.textContent = ticked ? say.some(ticked, boxes.length) : say.none;
    }
  }
})();
