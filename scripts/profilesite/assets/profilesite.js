/* Page scripts of the country profiles. Progressive enhancement: without JavaScript every page is whole
   (the full party list sorted by name, every answer of an article); the filter forms are hidden in the
   page and shown by this script, so that no control does nothing.

   One filter engine serves the party list and an article's answers: filters mirrored in the address
   (profiles/?region=african&group=1&stage=saq_submitted, articles/untoc/5/?category=yes), so a chart bar
   can link to a filtered list. The filters are not typed here: each page lists them in a JSON data block
   (#ps-filter-keys, #ps-answer-filter-keys, from profilesite/routes.py FILTERS and ANSWER_FILTERS), each with
   its query key, the item attribute it reads and how it matches ("equals", or "contains": text, matched by
   matchesText below). A filter whose key names a form field is set there; the others only by the address. */
(function () {
  "use strict";

  /* Text matching, the one rule for every text filter: accents, case and punctuation do not count
     ("Quênia", "QUENIA" and "quénia" are one; "cote d ivoire" is "Côte d’Ivoire"). Search finds the same
     names: the site's search index holds each name also without accents and with a straight apostrophe
     (views/names.py search_names), which Material's search (lunr) needs since it folds neither. */
  var MARKS = unicodeClass("\\p{M}", "[\\u0300-\\u036f]");
  var NOT_WORD = unicodeClass("[^\\p{L}\\p{N}]", "[\\s!-/:-@\\[-`{-~\\u00a0-\\u00bf\\u2000-\\u206f\\u3000-\\u303f\\uff01-\\uff0f]");
  var NAME_SEPARATOR = " · ";  // between the names of an item's text attribute (render/pages.py)

  // A global regular expression of a Unicode property class, or of the fallback where the browser has none.
  function unicodeClass(pattern, fallback) {
    try { return new RegExp(pattern + "+", "gu"); } catch (error) { return new RegExp(fallback + "+", "g"); }
  }

  // The form of a text that matching compares: decomposed, without marks, lower case, words split by one space.
  function searchable(text) {
    return String(text || "").normalize("NFKD").replace(MARKS, "").toLowerCase().replace(NOT_WORD, " ").trim();
  }

  // A test of texts against what the reader typed: true when one of the names of the text holds every word
  // typed (in any order, each anywhere in the name); true for everything when nothing was typed.
  function textMatcher(query) {
    var words = searchable(query).split(" ").filter(Boolean);
    return function (names) {
      if (!words.length) { return true; }
      return names.some(function (name) {
        return words.every(function (word) { return name.indexOf(word) !== -1; });
      });
    };
  }

  function matchesText(text, query) {
    return textMatcher(query)(String(text || "").split(NAME_SEPARATOR).map(searchable));
  }

  /* The filter engine. options: form, definitions (the JSON data block), items (the elements filtered),
     locale, count (an element for the "{shown} of {total}" text) and template, notice (optional: shown when
     the address sets a filter that has no form field). Returns apply(updateAddress). */
  function connectFilters(options) {
    var filters = JSON.parse(options.definitions.textContent);
    var items = options.items;
    var numberFormat = new Intl.NumberFormat(options.locale, { numberingSystem: "latn" });
    var template = options.template || "{shown} / {total}";
    var fields = [];  // [{filter, field}]: the filters with a form control
    var extra = [];  // [{filter, value}]: the filters without one that the address sets
    var texts = new Map();  // item element -> attribute -> its names in searchable form (computed once)
    var params = new URLSearchParams(window.location.search);

    function names(item, attribute) {
      var known = texts.get(item);
      if (!known) { known = {}; texts.set(item, known); }
      if (!known[attribute]) {
        known[attribute] = (item.getAttribute(attribute) || "").split(NAME_SEPARATOR).map(searchable);
      }
      return known[attribute];
    }

    // The tests in force: a form field counts when filled in, an address-only filter whenever present.
    function tests() {
      var chosen = fields.filter(function (entry) { return entry.field.value; })
        .map(function (entry) { return { filter: entry.filter, value: entry.field.value }; })
        .concat(extra);
      return chosen.map(function (entry) {
        var attribute = entry.filter.attribute;
        if (entry.filter.match === "contains") {
          var matches = textMatcher(entry.value);
          return function (item) { return matches(names(item, attribute)); };
        }
        return function (item) { return item.getAttribute(attribute) === entry.value; };
      });
    }

    function apply(updateAddress) {
      var passes = tests();
      var shown = 0;
      items.forEach(function (item) {
        var visible = passes.every(function (test) { return test(item); });
        item.hidden = !visible;
        if (visible) { shown += 1; }
      });
      if (options.count) {
        options.count.textContent = template.replace("{shown}", numberFormat.format(shown))
          .replace("{total}", numberFormat.format(items.length));
      }
      if (updateAddress && window.history && window.history.replaceState) {
        var address = new URLSearchParams(window.location.search);
        fields.forEach(function (entry) {
          if (entry.field.value) { address.set(entry.filter.key, entry.field.value); } else { address.delete(entry.filter.key); }
        });
        var search = address.toString();
        window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
      }
    }

    filters.forEach(function (filter) {
      var field = options.form.elements.namedItem(filter.key);
      if (!field) {
        if (params.has(filter.key)) { extra.push({ filter: filter, value: params.get(filter.key) }); }
        return;
      }
      if (params.has(filter.key)) { field.value = params.get(filter.key); }
      fields.push({ filter: filter, field: field });
      field.addEventListener(field.tagName === "SELECT" ? "change" : "input", function () { apply(true); });
    });
    if (options.notice) { options.notice.hidden = extra.length === 0; }
    options.form.addEventListener("submit", function (event) { event.preventDefault(); });
    options.form.hidden = false;
    return apply;
  }

  /* Party list: filter by name, regional group, review group and stage; sort by column. */
  function setupPartyList() {
    var table = document.getElementById("ps-parties");
    var form = document.getElementById("ps-filters");
    var definitions = document.getElementById("ps-filter-keys");
    if (!table || !form || !definitions) { return; }
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var locale = table.getAttribute("data-locale") || document.documentElement.lang || "en";
    var collator = new Intl.Collator(locale, { sensitivity: "base" });

    function sortBy(header) {
      var key = header.getAttribute("data-sort");
      var ascending = header.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) { cell.removeAttribute("aria-sort"); });
      header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var index = header.cellIndex;
      rows.sort(function (a, b) {
        var result;
        if (key === "group") {
          result = (parseInt(a.getAttribute("data-group"), 10) || 9) - (parseInt(b.getAttribute("data-group"), 10) || 9);
        } else if (key === "stage") {
          result = parseInt(a.getAttribute("data-stage-order"), 10) - parseInt(b.getAttribute("data-stage-order"), 10);
        } else {
          result = collator.compare(a.cells[index].textContent.trim(), b.cells[index].textContent.trim());
        }
        if (result === 0) { result = collator.compare(a.getAttribute("data-name"), b.getAttribute("data-name")); }
        return ascending ? result : -result;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    }

    // The sortable headings become buttons here: without the script they are plain headings.
    Array.prototype.forEach.call(table.querySelectorAll("th[data-sort]"), function (header) {
      var button = header.querySelector("button");
      if (!button) {
        button = document.createElement("button");
        button.type = "button";
        while (header.firstChild) { button.appendChild(header.firstChild); }
        header.appendChild(button);
      }
      button.addEventListener("click", function () { sortBy(header); });
    });

    var apply = connectFilters({
      form: form,
      definitions: definitions,
      items: rows,
      locale: locale,
      count: document.getElementById("ps-count"),
      template: table.getAttribute("data-count-template"),
      notice: document.getElementById("ps-extra-filter")
    });
    rows.sort(function (a, b) { return collator.compare(a.getAttribute("data-name"), b.getAttribute("data-name")); });
    rows.forEach(function (row) { body.appendChild(row); });
    apply(false);
  }

  /* Article pages: the parties' answers by regional group and answer category. */
  function setupAnswerFilters() {
    var list = document.getElementById("ps-answers");
    var form = document.getElementById("ps-answer-filters");
    var definitions = document.getElementById("ps-answer-filter-keys");
    if (!list || !form || !definitions) { return; }
    var apply = connectFilters({
      form: form,
      definitions: definitions,
      items: Array.prototype.slice.call(list.querySelectorAll(".ps-answer")),
      locale: list.getAttribute("data-locale") || document.documentElement.lang || "en",
      count: document.getElementById("ps-answer-count"),
      template: list.getAttribute("data-count-template")
    });
    apply(false);
  }

  /* Not-found page: one server-wide 404 serves every language, so show the message of the language
     the address is in (the longest matching home path wins: "/fr/" over "/"). */
  function setupNotFound() {
    var box = document.querySelector("[data-ps-not-found]");
    if (!box) { return; }
    var sections = Array.prototype.slice.call(box.querySelectorAll("section[data-lang]"));
    var path = window.location.pathname;
    var best = null;
    sections.forEach(function (section) {
      var home = section.getAttribute("data-home");
      if (path.indexOf(home) === 0 && (!best || home.length > best.getAttribute("data-home").length)) { best = section; }
    });
    if (!best) { return; }
    sections.forEach(function (section) { section.hidden = section !== best; });
    document.documentElement.lang = best.getAttribute("lang");
    document.body.dir = best.getAttribute("dir");
    document.title = best.querySelector("h1").textContent;
  }

  /* Language selector: each link already points at this page in that language (overrides/partials/
     alternate.html). Material's bundle rewrites clicks on links under a <link rel="alternate"> address from
     the sitemap.xml it fetches beside that address; for our per-page alternates it finds none and sends
     the reader to the address without its final slash (a redirect, or a broken page on some hosts). The
     click stays with the link: it does not bubble up to Material's handler on <body>. */
  function keepLanguageLinks() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-select__link[hreflang]"), function (link) {
      link.addEventListener("click", function (event) { event.stopPropagation(); });
    });
  }

  // For tests and the browser console: the matching rule, callable on any text.
  window.profilesite = { searchable: searchable, matchesText: matchesText };

  function start() {
    setupPartyList();
    setupAnswerFilters();
    setupNotFound();
    keepLanguageLinks();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
