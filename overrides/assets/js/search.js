/* Search in the reader's language, ranked by MiniSearch (assets/vendor/minisearch-7.2.0).

   Nothing is downloaded until the reader opens search; then three scripts: MiniSearch, the
   Snowball stemmer of the page's language (assets/vendor/snowball-stemmers-0.6.0) and the
   language's document list (search/index.<lang>.js, written by hooks/search_index.py). They
   are scripts, not fetched JSON, so search works from file:// in the offline edition.

   Words are analysed exactly as hooks/search_index.py analyses the synonyms (and a test holds
   the two to it): lowercase, Snowball stem, accents folded, stop words dropped. Headings and
   titles are indexed first and answer at once; the body text is indexed in slices right after,
   so a slow phone shows results while it works, and the query is run again when it is done. */
(function () {
  "use strict";
  var dialog = document.getElementById("site-search");
  var opener = document.querySelector("[data-search-open]");
  if (!dialog || !opener || typeof dialog.showModal !== "function") return;

  var input = dialog.querySelector("input");
  var status = dialog.querySelector("[role=status]");
  var list = dialog.querySelector(".site-search__results");
  var suggestion = dialog.querySelector("[data-search-suggestion]");
  var other = dialog.querySelector("[data-search-other]");
  var data = dialog.dataset;
  var MAX_RESULTS = 10;
  var MAX_NEAR = 4;             // words of the index a misspelt word may stand for
  var LONG_WORD = 8;            // letters from which a misspelt word may be two edits away
  var SNIPPET = 160;            // characters of text around the first matched word
  var SLICE_MS = 12;            // indexing work between two chances for the page to answer
  var PAUSE_MS = 800;           // a reader who has not typed for this long has stopped typing
  var engines = {};             // language -> engine (see prepare)
  var pending = {};             // language -> callbacks waiting for it
  var lastHits = [];
  var pause = null;             // the timer of what waits for the reader to stop typing

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
  input.addEventListener("focus", function () { load(data.language); });
  dialog.querySelector("[data-search-close]").addEventListener("click", close);
  dialog.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector(".site-search__link");
    if (first) first.click();
  });
  // One Escape closes, even with text typed (a search field would first only clear it).
  dialog.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { event.preventDefault(); close(); }
    else if (event.key === "ArrowDown" || event.key === "ArrowUp") move(event);
  });
  dialog.addEventListener("cancel", function (event) { event.preventDefault(); close(); });
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) close();
  });

  // For the tests and the benchmark (tests/test_search.py, bench/search.py): the engines as built.
  window.__siteSearch = { engine: function (language) { return engines[language]; }, fold: fold };

  // A link from the other language's search ("?q=..."): open search with that query.
  var asked = new URLSearchParams(location.search).get("q");
  if (asked) { input.value = asked; open(); }

  function open() {
    if (!dialog.open) dialog.showModal();
    input.focus();
    load(data.language);
  }

  // The focus goes back to the search button at once: on the dialog's "close" event (a task that
  // comes later) it could pull back a reader who had already tabbed on (a test caught it under load).
  function close() {
    if (!dialog.open) return;
    dialog.close();
    opener.focus();
  }

  // Arrows move between the box and the results; Enter on a result follows its link.
  function move(event) {
    var links = Array.prototype.slice.call(list.querySelectorAll(".site-search__link"));
    if (!links.length) return;
    var at = links.indexOf(document.activeElement);
    var next = event.key === "ArrowDown" ? at + 1 : at - 1;
    event.preventDefault();
    if (next < 0) input.focus();
    else links[Math.min(next, links.length - 1)].focus();
  }

  // ------------------------------------------------------------------------- loading

  // Injects MiniSearch, the stemmer and the document list once per language, in order.
  function load(language, then) {
    if (engines[language]) { if (then) then(engines[language]); return; }
    if (pending[language]) { if (then) pending[language].push(then); return; }
    pending[language] = then ? [then] : [];
    var own = language === data.language;
    if (own) status.textContent = data.loading;
    var sources = [data.engine, own ? data.stemmer : data.otherStemmer, own ? data.index : data.otherIndex];
    var left = sources.length;
    sources.forEach(function (source) {
      if (document.querySelector('script[src="' + source + '"]')) { if (--left === 0) ready(); return; }
      var script = document.createElement("script");
      script.src = source;
      script.async = false;
      script.onload = function () { if (--left === 0) ready(); };
      document.head.appendChild(script);
    });

    function ready() {
      // Marks for the benchmark (bench/search.py): files in, index built, first results shown.
      if (own) performance.mark("site-search:files");
      var list = window.__siteSearchIndexes[language];
      if (own) window.__siteSearchIndex = list;
      engines[language] = prepare(list, window.snowballFactory.newStemmer(list.stemmer),
                                  own ? search : null);
      if (own) { performance.mark("site-search:heads"); status.textContent = ""; search(); }
      pending[language].forEach(function (callback) { callback(engines[language]); });
      delete pending[language];
    }
  }

  // ------------------------------------------------------------------------- analysis

  var TOKEN = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;

  // Plain ASCII (most words) needs no decomposition: folding is a good part of indexing's time.
  var ASCII = /^[\x00-\x7f]*$/;
  function fold(text) {
    return ASCII.test(text) ? text.toLowerCase() : text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function analyser(stemmer, stopWords) {
    var memo = new Map();
    function wordTerms(word) {
      var known = memo.get(word);
      if (known) return known;
      var lower = word.toLowerCase(), folded = fold(lower), terms;
      if (stopWords.has(folded)) terms = [];
      else if (/\d/.test(lower)) terms = [folded];
      else {
        var a = fold(stemmer.stem(lower)), b = folded === lower ? a : fold(stemmer.stem(folded));
        terms = a === b ? [a] : [a, b];
      }
      memo.set(word, terms);
      return terms;
    }
    // The index terms of a token: '129-A' both as written and as '129'; 'socio-económico' as two words.
    function tokenTerms(token, asQuery) {
      if (token.indexOf("-") === -1) return wordTerms(token);
      var whole = /\d/.test(token) ? [fold(token)] : [];
      if (asQuery && whole.length) return whole;
      return token.split("-").reduce(function (all, part) { return all.concat(wordTerms(part)); }, whole);
    }
    // Terms the build worked out already (the titles' and headings' cuts): no stemming for them.
    var learned = new Set();   // the words so learned (tests/test_search.py checks them against the build's)
    function learn(word, terms) { memo.set(word, terms); learned.add(word); }
    return { wordTerms: wordTerms, tokenTerms: tokenTerms, learn: learn, learned: learned };
  }

  // Reads the build's codes for the words of the titles and headings (hooks/search_index.py, cuts):
  // one string per text, one code for each word the texts have not had before (as written; a
  // hyphenated word's parts one by one). A lowercase letter says how many last letters of the
  // folded word its stem leaves out ("a" none), the capitals after it are letters put in their
  // place, "~" and two codes give its two terms, "." leaves the word to the stemmer. A text whose
  // new words and codes do not pair up is left to the stemmer.
  var CUT = /~[a-z][A-Z]*[a-z][A-Z]*|[a-z][A-Z]*|\./g;
  function learnCuts(analyse, texts, coded) {
    if (typeof coded !== "string") return;
    var codes = coded.split(" "), met = new Set();
    texts.forEach(function (text, i) {
      var fresh = (text.match(TOKEN) || []).join("-").split("-").filter(function (part) {
        if (!part || met.has(part)) return false;
        met.add(part);
        return true;
      });
      var cuts = (codes[i] || "").match(CUT) || [];
      if (cuts.length !== fresh.length) return;
      fresh.forEach(function (part, k) {
        if (cuts[k] === ".") return;
        var folded = fold(part), code = cuts[k], terms = [], at = code[0] === "~" ? 1 : 0;
        while (at < code.length) {
          var term = folded.slice(0, folded.length - (code.charCodeAt(at++) - 97));
          while (at < code.length && code[at] < "a") term += code[at++].toLowerCase();
          terms.push(term);
        }
        analyse.learn(part, terms);
      });
    });
  }

  // ------------------------------------------------------------------------- the engine

  // Two MiniSearch indexes: titles and headings (built at once), body text (built in slices).
  function prepare(list, stemmer, onBodyReady) {
    var analyse = analyser(stemmer, new Set(list.stopWords));
    learnCuts(analyse, list.pages.map(function (page) { return page[1]; })
      .concat(list.sections.map(function (s) { return s[2]; })), list.cuts);
    var vocabulary = new Map();   // folded word as written -> its terms and count (typos, suggestions)
    var termsSeen = new Set();
    var byToken = new Map();      // token as written -> its vocabulary entry (folding is the slow part)
    function processTerm(token, field) {
      // A long section's tail comes as index terms already (hooks/search_index.py, document_list).
      if (field === "more") { termsSeen.add(token); return token; }
      var entry = byToken.get(token);
      if (!entry) {
        var terms = analyse.tokenTerms(token, false), folded = fold(token);
        entry = terms.length ? vocabulary.get(folded) : { terms: terms, count: 0 };
        if (!entry) {
          entry = { terms: terms, count: 0, word: token.toLowerCase() };
          vocabulary.set(folded, entry);
          for (var i = 0; i < terms.length; i++) termsSeen.add(terms[i]);
        } else if (entry.word === folded) entry.word = token.toLowerCase();   // shown with its accents
        byToken.set(token, entry);
      }
      entry.count++;
      return entry.terms.length ? entry.terms : null;
    }
    function tokenize(text) { return text.match(TOKEN) || []; }
    var pageBoost = list.pages.map(function (page) { return page[2]; });
    var firstSection = [];
    list.sections.forEach(function (s, id) { if (firstSection[s[0]] === undefined) firstSection[s[0]] = id; });
    var options = function (fields, boost, pageOf) {
      return {
        idField: "id", fields: fields, tokenize: tokenize, processTerm: processTerm,
        searchOptions: {
          boost: boost,
          tokenize: function (t) { return [t]; }, processTerm: function (t) { return t; },
          boostDocument: function (id) { return pageBoost[pageOf(id)]; }
        }
      };
    };
    var sectionPage = function (id) { return list.sections[id][0]; };
    // Page titles once per page; headings and body text per section.
    var titles = new MiniSearch(options(["title"], { title: 3 }, function (id) { return id; }));
    var heads = new MiniSearch(options(["heading"], { heading: 1.5 }, sectionPage));
    var body = new MiniSearch(options(["text", "more"], { text: 1, more: 0.8 }, sectionPage));
    titles.addAll(list.pages.map(function (page, id) { return { id: id, title: page[1] }; }));
    heads.addAll(list.sections.map(function (s, id) { return { id: id, heading: s[2] }; }));
    var engine = { list: list, analyse: analyse, vocabulary: vocabulary, termsSeen: termsSeen, firstSection: firstSection,
                   titles: titles, heads: heads, body: body, bodyReady: false, synonyms: list.synonyms,
                   situations: situations(list.situations) };
    var next = 0;
    // The first slice waits too: the first results (titles and headings) come before any body text.
    setTimeout(function slice() {
      var until = performance.now() + SLICE_MS;
      while (next < list.sections.length && performance.now() < until) {
        body.add({ id: next, text: list.sections[next][3], more: list.sections[next][4] });
        next++;
      }
      if (next < list.sections.length) { setTimeout(slice, 0); return; }
      engine.bodyReady = true;
      if (onBodyReady) { performance.mark("site-search:body"); onBodyReady(); }
    }, 0);
    return engine;
  }

  // The situations vocabulary (docs/search/situaciones.*.yml, analysed by hooks/search_index.py):
  // a phrase arrives as "w1a/w1b w2", its words separated by spaces and a word's terms by "/".
  function situations(shipped) {
    if (!shipped) return null;
    var phrases = function (list) {
      return list.map(function (phrase) { return phrase.split(" ").map(function (word) { return word.split("/"); }); });
    };
    return { self: new Set(shipped.self), endings: shipped.endings, work: phrases(shipped.work),
             selfPages: shipped.selfPages, public: new Set(shipped.public),
             groups: shipped.groups.map(function (g) { return { terms: phrases(g[0]), withSelf: phrases(g[1]), pages: g[2] }; }) };
  }

  // What a query says of the reader: whether it speaks of herself (a word of `self`, or a word
  // ending so: "dejarme"), and the pages that answer the situations it names (a phrase of a
  // situation's `terms`, or of its `with_self` in a query about herself), each with a weight:
  // 2 for each situation that names the page, 1 for the pages of any query about herself. A query
  // about someone's work ("soy docente", "my students") is not read so. Null when it says nothing.
  function reading(engine, tokens, has) {
    var s = engine.situations;
    if (!s) return null;
    var said = function (phrase) { return phrase.every(has); };
    if (s.work.some(said)) return null;
    var self = tokens.some(function (token) {
      var word = fold(token);
      return s.self.has(word) || s.endings.some(function (ending) {
        return word.length > ending.length + 1 && word.slice(-ending.length) === ending;
      });
    });
    var weights = new Map(), named = false;
    var add = function (pages, weight) { pages.forEach(function (p) { weights.set(p, (weights.get(p) || 0) + weight); }); };
    s.groups.forEach(function (group) {
      if (group.terms.some(said) || (self && group.withSelf.some(said))) { add(group.pages, 2); named = true; }
    });
    if (!self && !named) return null;
    if (self) add(s.selfPages, 1);
    return { self: self, named: named, weights: weights };
  }

  // Damerau-Levenshtein distance of a and b (one swapped pair counts as one), or limit + 1 if above it.
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var previous2 = null, previous = [], row, i, j;
    for (j = 0; j <= b.length; j++) previous.push(j);
    for (i = 1; i <= a.length; i++) {
      row = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var value = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (previous2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, previous2[j - 2] + 1);
        row.push(value);
        if (value < best) best = value;
      }
      if (best > limit) return limit + 1;
      previous2 = previous;
      previous = row;
    }
    return Math.min(previous[b.length], limit + 1);
  }

  // Whether a word of the vocabulary or a term seen (a Map's keys or a Set) begins with `start`:
  // a binary search of them sorted, sorted again only when indexing has added some.
  var sortedKeys = new WeakMap();
  function begins(known, start) {
    var list = sortedKeys.get(known);
    if (!list || list.length !== known.size) { list = Array.from(known.keys()).sort(); sortedKeys.set(known, list); }
    var low = 0, high = list.length;
    while (low < high) { var middle = (low + high) >> 1; if (list[middle] < start) low = middle + 1; else high = middle; }
    return low < list.length && list[low].lastIndexOf(start, 0) === 0;
  }

  // How many letters a misspelt word of five letters or more may be from the index's word.
  function typoEdits(word) { return word.length >= LONG_WORD ? 2 : 1; }

  // Words of the index within `limit` edits of a word it does not know: closest first, then most used.
  function nearWords(engine, word, limit) {
    var found = [];
    engine.vocabulary.forEach(function (entry, known) {
      var edits = known === word ? 0 : distance(word, known, limit);
      if (edits && edits <= limit) found.push({ word: known, edits: edits, count: entry.count });
    });
    found.sort(function (a, b) { return a.edits - b.edits || b.count - a.count; });
    return found.map(function (near) { return near.word; });
  }

  // The query as MiniSearch's query tree, plus what a suggestion needs.
  function plan(engine, query) {
    var tokens = query.match(TOKEN) || [];
    var alternatives = [], unknown = [], flat = [];
    var wordsOf = new Map();   // query term -> the query words it stands for (coverage, in run)
    var stands = function (term, words) {
      var known = wordsOf.get(term) || [];
      words.forEach(function (w) { if (known.indexOf(w) === -1) known.push(w); });
      wordsOf.set(term, known);
    };
    var termsOfWord = [];
    tokens.forEach(function (token, at) {
      var terms = engine.analyse.tokenTerms(token, true);
      if (!terms.length) return;
      var last = at === tokens.length - 1 && !/\s$/.test(query);
      var folded = fold(token);
      var prefix = last && folded.length >= 3 && !/\d/.test(folded);
      // A word still being typed that begins a word or a term of the index is not a typo: it is
      // looked up as a prefix only (looking for the near words of each prefix of a long word,
      // "explotaci", "exploita", was most of a keystroke's time on a slow phone).
      var known = (prefix && begins(engine.vocabulary, folded)) ||
        terms.some(function (t) { return engine.termsSeen.has(t) || (prefix && begins(engine.termsSeen, t)); });
      var group = terms.slice();
      // One wrong, missing, extra or swapped letter in a word of five letters or more; two in a
      // word of eight or more ("trafiking").
      var edits = typoEdits(folded);
      if (!known && folded.length >= 5 && !/\d/.test(folded)) {
        nearWords(engine, folded, edits).slice(0, MAX_NEAR).forEach(function (word) {
          engine.vocabulary.get(word).terms.forEach(function (t) { if (group.indexOf(t) === -1) group.push(t); });
        });
      }
      if (!known) unknown.push(folded);
      flat.push.apply(flat, terms);
      // MiniSearch's own fuzzy match (one edit) finds the words a section's tail holds as terms only.
      var word = termsOfWord.length;
      termsOfWord.push(terms);
      group.forEach(function (t) { stands(t, [word]); });
      alternatives.push({ combineWith: "OR", queries: group, prefix: prefix,
                          fuzzy: !known && folded.length >= 5 && !/\d/.test(folded) ? edits : false });
    });
    // Synonyms: a phrase of the query stands also for the other phrases of its group. A phrase
    // is a list of words, each the terms it may give (see hooks/search_index.py).
    var has = function (word) { return word.some(function (t) { return flat.indexOf(t) !== -1; }); };
    engine.synonyms.forEach(function (group) {
      group.forEach(function (member) {
        if (!member.every(has)) return;
        // The query words this phrase is made of: a match of another phrase covers them.
        var covered = [];
        termsOfWord.forEach(function (terms, w) {
          if (member.some(function (word) { return word.some(function (t) { return terms.indexOf(t) !== -1; }); })) covered.push(w);
        });
        group.forEach(function (otherMember) {
          if (otherMember === member) return;
          otherMember.forEach(function (word) { word.forEach(function (t) { stands(t, covered); }); });
          alternatives.push({ combineWith: "AND", queries: otherMember.map(function (word) {
            return { combineWith: "OR", queries: word };
          }) });
        });
      });
    });
    return { tree: alternatives.length ? { combineWith: "OR", queries: alternatives } : null, unknown: unknown, tokens: tokens,
             words: termsOfWord.length, wordsOf: wordsOf, reading: reading(engine, tokens, has) };
  }

  // Results by page: the title's score, plus the page's best section (other matching sections
  // add a little), shown at that section.
  function run(engine, query) {
    var planned = plan(engine, query);
    if (!planned.tree) return { hits: [], planned: planned };
    var pages = new Map();
    var hitFor = function (page) {
      var hit = pages.get(page);
      if (!hit) {
        hit = { page: page, title: 0, best: 0, section: null, rest: 0, terms: [], words: new Set(), titleWords: new Set() };
        pages.set(page, hit);
      }
      return hit;
    };
    var cover = function (hit, queryTerms) {
      queryTerms.forEach(function (t) { (planned.wordsOf.get(t) || []).forEach(function (w) { hit.words.add(w); }); });
    };
    engine.titles.search(planned.tree).forEach(function (result) {
      var hit = hitFor(result.id);
      hit.title = result.score;
      hit.terms = hit.terms.concat(result.terms);
      cover(hit, result.queryTerms);
      result.queryTerms.forEach(function (t) { (planned.wordsOf.get(t) || []).forEach(function (w) { hit.titleWords.add(w); }); });
    });
    var sections = new Map();
    // Until the body text is all indexed, only titles and headings answer: a half-built body
    // index would rank by whichever sections happened to be added first.
    (engine.bodyReady ? [engine.heads, engine.body] : [engine.heads]).forEach(function (index) {
      index.search(planned.tree).forEach(function (result) {
        var entry = sections.get(result.id) || { score: 0, terms: [], queryTerms: [] };
        entry.score += result.score;
        entry.terms = entry.terms.concat(result.terms);
        entry.queryTerms = entry.queryTerms.concat(result.queryTerms);
        sections.set(result.id, entry);
      });
    });
    sections.forEach(function (entry, id) {
      var hit = hitFor(engine.list.sections[id][0]);
      hit.terms = hit.terms.concat(entry.terms);
      cover(hit, entry.queryTerms);
      if (entry.score > hit.best) { hit.rest += hit.best; hit.best = entry.score; hit.section = id; }
      else hit.rest += entry.score;
    });
    // A query about the reader's own situation lists the pages that answer it even where they
    // do not use her words ("they took my passport": the page for her says "documents").
    var said = planned.reading, situation = engine.situations;
    if (said && said.named) said.weights.forEach(function (weight, page) { hitFor(page); });
    var hits = Array.from(pages.values()).map(function (hit) {
      if (hit.section === null) hit.section = engine.firstSection[hit.page];
      // A page that has more of the query's words ranks above one that has a few of them many
      // times (a reader's whole sentence: "me obligan a trabajar y no me pagan").
      var share = planned.words > 1 ? hit.words.size / planned.words : 1;
      hit.total = (hit.title + hit.best + 0.1 * hit.rest) * (0.5 + 0.5 * share);
      var isPublic = situation !== null && situation.public.has(hit.page);
      // A title that holds all the query's words, or two of them or more, outranks a page that only
      // mentions them ("oferta de trabajo falsa": "¿Es segura esta oferta de trabajo?"). Among
      // titles that hold every word, a page written for the public comes first ("cultura de rechazo").
      var held = hit.titleWords.size;
      hit.titled = held >= Math.min(2, planned.words) ? held + (held === planned.words && isPublic ? 0.5 : 0) : 0;
      // A query about her own situation: the pages that answer it first, then the other pages
      // written for the public, then the rest (training material, the policy).
      hit.weight = said && said.named ? said.weights.get(hit.page) || 0 : 0;
      hit.tier = hit.weight ? 2 : said && said.named && isPublic ? 1 : 0;
      return hit;
    });
    hits.sort(function (a, b) {
      return b.tier - a.tier || b.weight - a.weight || b.titled - a.titled || b.total - a.total;
    });
    return { hits: hits, planned: planned };
  }

  // ------------------------------------------------------------------------- showing results

  function search() {
    var engine = engines[data.language];
    if (!engine) return;
    var query = input.value;
    // The results are drawn again once the body text is indexed: a reader who has already
    // tabbed or arrowed into them stays on the same page's link (perhaps now at another
    // section), or goes back to the box.
    var pageOf = function (link) { return link.getAttribute("href").split("#")[0]; };
    var focused = list.contains(document.activeElement) ? pageOf(document.activeElement) : null;
    list.textContent = "";
    suggestion.hidden = other.hidden = true;
    if (!query.trim()) { status.textContent = ""; return; }
    var outcome = run(engine, query);
    var hits = outcome.hits, n = hits.length;
    lastHits = hits;
    // Until the body text is indexed, "nothing found" is not known yet: the status says it is loading.
    status.textContent = n === 0 ? (engine.bodyReady ? data.none : data.loading) : n === 1 ? data.one : data.many.replace("{n}", n);
    hits.slice(0, MAX_RESULTS).forEach(function (hit) { list.appendChild(render(engine, hit)); });
    if (focused !== null) {
      var same = Array.prototype.find.call(list.querySelectorAll("a"), function (a) { return pageOf(a) === focused; });
      (same || input).focus();
    }
    if (n && !performance.getEntriesByName("site-search:results").length) performance.mark("site-search:results");
    // Nothing found: the nearest words and the other language's count wait until the reader stops
    // typing. A reader typing a word letter by letter passes through prefixes that find nothing
    // ("d", "de"); counting each in the other language downloaded its whole list as she typed.
    clearTimeout(pause);
    if (n === 0 && engine.bodyReady) {
      pause = setTimeout(function () {
        if (input.value !== query) return;
        suggest(engine, outcome.planned);
        if (data.otherLanguage && /[\p{L}\p{N}]{3}/u.test(query)) countInOtherLanguage(query);
      }, PAUSE_MS);
    }
  }

  // "Did you mean …?" from the index's own words: each unknown word replaced by its nearest.
  function suggest(engine, planned) {
    var changed = false;
    var words = planned.tokens.map(function (token) {
      var folded = fold(token);
      if (planned.unknown.indexOf(folded) === -1 || folded.length < 3) return token;
      // One edit further than the search itself looks (see plan): what it could not match.
      var near = nearWords(engine, folded, folded.length >= 5 ? typoEdits(folded) + 1 : 1);
      if (!near.length) return token;
      changed = true;
      return engine.vocabulary.get(near[0]).word;
    });
    if (!changed) return;
    var proposal = words.join(" ");
    var parts = data.suggest.split("{q}");
    suggestion.textContent = parts[0];
    var button = document.createElement("button");
    button.type = "button";
    button.className = "site-search__suggestion";
    button.textContent = proposal;
    button.addEventListener("click", function () { input.value = proposal; input.focus(); search(); });
    suggestion.appendChild(button);
    suggestion.appendChild(document.createTextNode(parts[1] || ""));
    suggestion.hidden = false;
  }

  // With nothing found here, how many pages the other language has, with a link to them.
  function countInOtherLanguage(query) {
    load(data.otherLanguage, function (engine) {
      var finish = function () {
        if (input.value !== query) return;
        var n = run(engine, query).hits.length;
        if (!n) return;
        other.textContent = "";
        var link = document.createElement("a");
        link.href = data.otherHome + "?q=" + encodeURIComponent(query);
        link.hreflang = link.lang = data.otherLanguage;
        link.textContent = (n === 1 ? data.otherOne : data.otherMany).replace("{n}", n);
        other.appendChild(link);
        other.hidden = false;
      };
      if (engine.bodyReady) finish();
      else (function wait() { if (engine.bodyReady) finish(); else setTimeout(wait, 30); })();
    });
  }

  function render(engine, hit) {
    var section = engine.list.sections[hit.section];
    var page = engine.list.pages[section[0]];
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = data.base.replace(/\/?$/, "/") + page[0] + (section[1] ? "#" + section[1] : "");
    link.className = "site-search__link";
    var title = document.createElement("strong");
    title.textContent = page[1];
    link.appendChild(title);
    if (section[2]) {
      var heading = document.createElement("span");
      heading.className = "site-search__section";
      heading.textContent = section[2];
      link.appendChild(heading);
    }
    var snippet = document.createElement("span");
    snippet.className = "site-search__snippet";
    excerpt(engine, section[3], section[4], new Set(hit.terms), snippet);
    link.appendChild(snippet);
    item.appendChild(link);
    return item;
  }

  // About SNIPPET characters around the first matched word, matched words in <mark> (text nodes only).
  function excerpt(engine, text, more, terms, into) {
    var matches = [], found;
    // Snowball changes a word's last letters only, and puts back three at most ("competencia":
    // "competent", "happy": "happi"): a word that does not begin with a matched term's first four
    // letters, or the term less its last three, cannot match it, and is not stemmed (stemming every
    // snippet's words was most of a keystroke's time on a slow phone). A rare irregular English form
    // ("dying": "die") may go unmarked. Hyphenated words are analysed whole.
    var starts = [];
    terms.forEach(function (term) { starts.push(term.slice(0, Math.max(Math.min(term.length, 4), term.length - 3))); });
    var may = function (word) {
      if (word.indexOf("-") !== -1) return true;
      var folded = fold(word);
      return starts.some(function (start) { return folded.lastIndexOf(start, 0) === 0; });
    };
    TOKEN.lastIndex = 0;
    while ((found = TOKEN.exec(text))) {
      if (!may(found[0])) continue;
      var tokenTerms = engine.analyse.tokenTerms(found[0], false);
      for (var i = 0; i < tokenTerms.length; i++) {
        if (terms.has(tokenTerms[i])) { matches.push([found.index, found.index + found[0].length]); break; }
      }
    }
    var start = matches.length ? Math.max(0, matches[0][0] - 50) : 0;
    if (start > 0) { var space = text.indexOf(" ", start); if (space !== -1 && space < matches[0][0]) start = space + 1; }
    var end = Math.min(text.length, start + SNIPPET);
    if (end < text.length) { var cut = text.lastIndexOf(" ", end); if (cut > start) end = cut; }
    var at = start;
    if (start > 0) into.appendChild(document.createTextNode("…"));
    matches.forEach(function (match) {
      if (match[0] < at || match[1] > end) return;
      into.appendChild(document.createTextNode(text.slice(at, match[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(match[0], match[1]);
      into.appendChild(mark);
      at = match[1];
    });
    into.appendChild(document.createTextNode(text.slice(at, end) + (end < text.length || more ? "…" : "")));
  }

})();
