/* Search in the reader's language. The index (search/index.<lang>.js) is loaded the first
   time the reader opens search, never on page load. Accents and case do not matter. */
(function () {
  "use strict";
  var dialog = document.getElementById("site-search");
  var opener = document.querySelector("[data-search-open]");
  if (!dialog || !opener || typeof dialog.showModal !== "function") return;

  var input = dialog.querySelector("input");
  var status = dialog.querySelector("[role=status]");
  var list = dialog.querySelector(".site-search__results");
  var index = null;
  var loading = false;
  var MAX_RESULTS = 10;

  opener.hidden = false;
  opener.addEventListener("click", open);
  // Ctrl+K (⌘K on a Mac), as on many documentation sites. Not a single key such as "/": a reader
  // could not turn it off, and speech input types it by accident (WCAG 2.1.4).
  document.addEventListener("keydown", function (event) {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey &&
        (event.key === "k" || event.key === "K") && !dialog.open) {
      event.preventDefault();
      open();
    }
  });
  input.addEventListener("input", search);
  input.addEventListener("focus", load);
  dialog.addEventListener("close", function () { opener.focus(); });
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) dialog.close();
  });

  function open() {
    dialog.showModal();
    input.focus();
    load();
  }

  // Injects the index script once; it sets window.__siteSearchIndex.
  function load() {
    if (index || loading) return;
    loading = true;
    status.textContent = dialog.dataset.loading;
    var script = document.createElement("script");
    script.src = dialog.dataset.index;
    script.onload = function () {
      index = prepare(window.__siteSearchIndex.pages);
      status.textContent = "";
      search();
    };
    document.head.appendChild(script);
  }

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function words(text) {
    return fold(text).split(/[^a-z0-9]+/).filter(Boolean);
  }

  function prepare(pages) {
    return pages.map(function (page) {
      return {
        url: page.u, title: page.t, boost: page.b, weight: page.w || 1,
        titleWords: words(page.t), titleFolded: fold(page.t).replace(/\s+/g, " ").trim(),
        sections: page.s.map(function (s) {
          return { anchor: s[0], heading: s[1], text: s[2], headingWords: words(s[1]), textFolded: fold(s[2]) };
        })
      };
    });
  }

  function hasPrefix(list, term) {
    for (var i = 0; i < list.length; i++) if (list[i].indexOf(term) === 0) return true;
    return false;
  }

  // Scores a page: every term must appear. For each term the page's best place counts once
  // (title, then a heading, then text), so long pages do not outrank the page about it.
  function score(page, terms, phrase) {
    var total = 0, best = null, bestScore = -1;
    for (var t = 0; t < terms.length; t++) {
      var term = terms[t], termScore = 0;
      if (hasPrefix(page.titleWords, term)) termScore = 10 + page.boost * 3;
      for (var s = 0; s < page.sections.length; s++) {
        var section = page.sections[s], here = 0;
        if (hasPrefix(section.headingWords, term)) here += 4;
        if (section.textFolded.indexOf(term) !== -1) here += 1;
        if (here > bestScore) { bestScore = here; best = section; }
        if (here > termScore) termScore = here;
      }
      if (!termScore) return null;
      total += termScore;
    }
    if (page.titleFolded === phrase) total += 100;
    else if (page.titleFolded.indexOf(phrase) !== -1) total += 20;
    return { page: page, score: total * page.weight, section: bestScore > 0 ? best : null };
  }

  function search() {
    if (!index) return;
    var query = input.value.trim();
    list.textContent = "";
    if (!query) { status.textContent = ""; return; }
    var terms = words(query);
    var phrase = fold(query).replace(/\s+/g, " ");
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var hit = terms.length ? score(index[i], terms, phrase) : null;
      if (hit) hits.push(hit);
    }
    hits.sort(function (a, b) { return b.score - a.score || a.page.title.localeCompare(b.page.title); });
    var n = hits.length;
    status.textContent = n === 0 ? dialog.dataset.none : n === 1 ? dialog.dataset.one : dialog.dataset.many.replace("{n}", n);
    hits.slice(0, MAX_RESULTS).forEach(function (hit) { list.appendChild(render(hit, terms)); });
  }

  function render(hit, terms) {
    var item = document.createElement("li");
    var link = document.createElement("a");
    var base = dialog.dataset.base.replace(/\/?$/, "/");
    var anchor = hit.section && hit.section.anchor ? "#" + hit.section.anchor : "";
    link.href = base + hit.page.url + anchor;
    link.className = "site-search__link";
    var title = document.createElement("strong");
    title.textContent = hit.page.title;
    link.appendChild(title);
    if (hit.section && hit.section.heading) {
      var heading = document.createElement("span");
      heading.className = "site-search__section";
      heading.textContent = hit.section.heading;
      link.appendChild(heading);
    }
    var snippet = document.createElement("span");
    snippet.className = "site-search__snippet";
    snippet.textContent = excerpt(hit.section ? hit.section.text : "", terms);
    link.appendChild(snippet);
    item.appendChild(link);
    return item;
  }

  // About 160 characters of text around the first term found.
  function excerpt(text, terms) {
    var folded = fold(text), at = -1;
    for (var i = 0; i < terms.length && at === -1; i++) at = folded.indexOf(terms[i]);
    var start = Math.max(0, at - 60);
    var piece = text.slice(start, start + 160);
    return (start > 0 ? "…" : "") + piece + (start + 160 < text.length ? "…" : "");
  }
})();
