/*
 * Training material (issue 5): the self-assessment quiz and the filter of the module table.
 *
 * All start from HTML that works without JavaScript (hooks/renderers/training.py renders it):
 * the quiz's answers sit in <details> a reader can open, the module table is complete, the
 * pack says how to print with the browser's own command. This script adds checking and a
 * score to [data-quiz] and a filter to [data-training-modules]; print-button.js shows the
 * [data-print] button.
 * A wrong answer's feedback names the right option and why; changing the answer clears it.
 * The public pages' "¿Qué harías?" exercise (hooks/renderers/exercise.py) is a [data-quiz] too:
 * its `data-answer` may list several choices that help, each choice carries its own reason
 * (.quiz__reason), and the feedback says the chosen one's and which others help; no score.
 * It does nothing on pages without them, sends nothing and stores nothing: the answers live
 * in this page only and are gone when it closes. Loaded with `defer`, so the DOM is ready.
 */
(function () {
  "use strict";

  // "{score} of {total}" with the values filled in.
  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  // Replace a live region's content with a new paragraph, so that it is announced again.
  function announce(region, verdict, text) {
    var paragraph = document.createElement("p");
    if (verdict) {
      var strong = document.createElement("strong");
      strong.textContent = verdict;
      paragraph.appendChild(strong);
      if (text) paragraph.appendChild(document.createTextNode(" " + text));
    } else {
      paragraph.textContent = text;
    }
    region.replaceChildren(paragraph);
  }

  // ------------------------------------------------------------------------ quiz

  function setUpQuiz(quiz) {
    var questions = Array.prototype.slice.call(quiz.querySelectorAll(".quiz__question"));
    var score = quiz.querySelector(".quiz__score");
    var reset = quiz.querySelector(".quiz__reset");
    var firstTry = {}; // question id -> whether its first checked answer was right

    quiz.classList.add("quiz--js");
    questions.forEach(function (question) {
      var button = question.querySelector(".quiz__check");
      button.hidden = false;
      button.addEventListener("click", function () {
        check(question);
      });
      // A new choice makes the last verdict stale: it goes until the reader checks again.
      question.addEventListener("change", function () {
        unmark(question);
        question.querySelector(".quiz__feedback").replaceChildren();
      });
    });
    reset.hidden = false;
    reset.addEventListener("click", function () {
      firstTry = {};
      questions.forEach(function (question) {
        question.querySelectorAll("input[type=radio]").forEach(function (input) {
          input.checked = false;
        });
        unmark(question);
        question.querySelector(".quiz__feedback").replaceChildren();
      });
      if (score) score.replaceChildren();
      questions[0].querySelector("input[type=radio]").focus();
    });

    // Say whether the chosen option is right, with the explanation; score once all are tried.
    function check(question) {
      var feedback = question.querySelector(".quiz__feedback");
      var chosen = question.querySelector("input[type=radio]:checked");
      unmark(question);
      if (!chosen) {
        feedback.className = "quiz__feedback quiz__feedback--empty";
        announce(feedback, "", quiz.dataset.msgChoose);
        return;
      }
      var answers = question.dataset.answer.split(" ");
      var right = answers.indexOf(chosen.value) !== -1;
      if (!Object.prototype.hasOwnProperty.call(firstTry, question.id)) firstTry[question.id] = right;
      chosen.closest(".quiz__option").classList.add(right ? "quiz__option--right" : "quiz__option--wrong");
      feedback.className = "quiz__feedback quiz__feedback--" + (right ? "right" : "wrong");
      var reason = question.querySelector('.quiz__reason[data-option="' + chosen.value + '"]');
      var explanation = reason ? exerciseFeedback(question, reason, answers, chosen.value, right)
                               : question.querySelector(".quiz__explanation").textContent;
      // A quiz's wrong answer also names the right option ("The right answer is B. ..."), then says why.
      if (!right && !reason) {
        var option = question.querySelector(".quiz__right strong").textContent.replace(/[.\s]+$/, "");
        explanation = format(quiz.dataset.msgRightOption, { option: option }) + ". " + explanation;
      }
      announce(feedback, right ? quiz.dataset.msgRight : quiz.dataset.msgWrong, explanation);
      var tried = Object.keys(firstTry);
      if (score && quiz.dataset.msgScore && tried.length === questions.length) {
        var total = tried.filter(function (id) { return firstTry[id]; }).length;
        announce(score, "", format(quiz.dataset.msgScore, { score: total, total: questions.length }));
      }
    }
  }

  // An exercise's feedback: why the chosen option helps or not, then which other options help
  // ("Choice C helps too.", "What helps: choices A and C."), whose reasons the list beside says.
  function exerciseFeedback(question, reason, answers, chosen, right) {
    var others = answers.filter(function (value) { return value !== chosen; }).map(function (value) {
      return question.querySelector('.quiz__option input[value="' + value + '"]').closest(".quiz__option")
        .querySelector(".quiz__letter").textContent.replace(/[.\s]+$/, "");
    });
    var text = reason.querySelector(".quiz__reason-text").textContent;
    if (!others.length) return text;
    var data = question.closest("[data-quiz]").dataset;
    var key = (right ? "msgAlso" : "msgBetter") + (others.length === 1 ? "One" : "Many");
    var listed = others.length === 1 ? others[0]
      : others.slice(0, -1).join(", ") + data.msgAnd + others[others.length - 1];
    return text + " " + format(data[key], { options: listed });
  }

  function unmark(question) {
    question.querySelectorAll(".quiz__option").forEach(function (option) {
      option.classList.remove("quiz__option--right", "quiz__option--wrong");
    });
    question.querySelector(".quiz__feedback").className = "quiz__feedback";
  }

  // ------------------------------------------------------------------------ module filter

  function setUpFilter(box) {
    var filter = box.querySelector("[data-training-filter]");
    var audience = filter.querySelector("[data-filter=audience]");
    var minutes = filter.querySelector("[data-filter=minutes]");
    var count = filter.querySelector(".training-filter__count");

    function apply() {
      var rows = Array.prototype.slice.call(box.querySelectorAll("tbody tr"));
      var wanted = audience.value;
      var limit = parseInt(minutes.value, 10);
      var shown = 0;
      rows.forEach(function (row) {
        var fits = (!wanted || row.dataset.audiences.split(" ").indexOf(wanted) !== -1) &&
                   (!limit || parseInt(row.dataset.minutes, 10) <= limit);
        row.hidden = !fits;
        if (fits) shown += 1;
      });
      announce(count, "", shown ? format(box.dataset.msgCount, { shown: shown, total: rows.length })
                                : box.dataset.msgNone);
    }

    audience.addEventListener("change", apply);
    minutes.addEventListener("change", apply);
    filter.hidden = false;
  }

  document.querySelectorAll("[data-quiz]").forEach(setUpQuiz);
  document.querySelectorAll("[data-training-modules]").forEach(setUpFilter);
})();
