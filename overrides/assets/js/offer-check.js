/* "¿Es segura esta oferta de trabajo?" (docs/publico/oferta-de-trabajo.*.md): the questions are a
   plain list of questions and advice (<dl>) that reads whole without JavaScript, followed by the
   answer block (data-offer-answer: what to do, and call buttons). With JavaScript, each question
   gets a checkbox; the advice under a question shows once it is ticked, and the answer grows with
   the risk, announced to screen readers:
   - one sign: a warning, what to check, and the first call button;
   - several signs: this offer is dangerous, what to do now, and every button of the block;
   - a sign that is dangerous on its own (its question says data-offer-sign="<name>", the words
     are the catalogue's offer_check.<name>: under 18): its own answer, with every button.
   Nothing is stored or sent: the ticks go with the page. */
(function () {
  "use strict";

  // The words come from the catalogue (hooks/data/words.*.yml), on the page's article.
  var article = document.getElementById("contenido-principal");
  var say = article ? article.dataset : {};

  var lists = document.querySelectorAll("[data-offer-check] > dl");
  for (var l = 0; l < lists.length; l++) enhance(lists[l]);

  function words(key) {
    return say["msgOffer" + key.charAt(0).toUpperCase() + key.slice(1)] || "";
  }

  function enhance(list) {
    var questions = Array.prototype.slice.call(list.querySelectorAll(":scope > dt"));
    if (!questions.length) return;
    var check = list.parentNode;
    var hint = document.createElement("p");
    hint.className = "offer-check__hint";
    hint.textContent = words("hint");
    check.insertBefore(hint, list);

    // The answer: the page's own block after the check (its call buttons are real tel: links,
    // written at build time), or a place made for it.
    var answer = check.nextElementSibling;
    if (!answer || !answer.hasAttribute("data-offer-answer")) {
      answer = document.createElement("div");
      check.parentNode.insertBefore(answer, check.nextSibling);
    }
    answer.classList.add("offer-check__answer--js");
    var summary = document.createElement("p");
    summary.className = "offer-check__summary";
    summary.setAttribute("role", "status");
    summary.setAttribute("aria-live", "polite");
    answer.insertBefore(summary, answer.firstChild);
    var calls = Array.prototype.slice.call(answer.querySelectorAll("a[href^='tel:']"));
    var callBlock = answer.querySelector(".call-lines");

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
    check.classList.add("offer-check--js");
    var touched = false;  // "no question ticked" is said once the reader has ticked and unticked
    update();

    function update(event) {
      if (event) touched = true;
      var ticked = boxes.filter(function (box) { return box.checked; });
      var n = ticked.length;
      // The level of risk: none, one sign, several signs, or a sign dangerous on its own.
      var alone = ticked.map(function (box) { return box.parentNode.getAttribute("data-offer-sign"); })
        .filter(function (name) { return name; })[0];
      var level = !n ? "none" : alone ? (words(alone) ? alone : "signs") : n === 1 ? "sign" : "signs";
      var count = n ? words(n === 1 ? "one" : "many").replace("{n}", n).replace("{total}", boxes.length) + " " : "";
      summary.textContent = n ? count + words(level) : touched ? words("none") : "";
      answer.classList.toggle("offer-check__answer--danger", n > 0 && level !== "sign");
      // One sign: the first line (to report); more: all of them (the police too).
      if (callBlock) callBlock.hidden = !n;
      calls.forEach(function (call, k) { call.hidden = !n || (level === "sign" && k > 0); });
    }
  }
})();
