/* Party list: filter by name, regional group, review group and stage; sort by column.
   Progressive enhancement: without JavaScript the full table is shown. Filters are mirrored in the
   address (?region=african&group=1&stage=saq_submitted), so a chart bar can link to a filtered list.
   The filters are not typed here: the page lists them in a JSON data block (#ps-filter-keys, from
   profilesite/routes.py FILTERS), each with its query key, the row attribute it reads and how it matches.
   A filter whose key names a form field is set there; the others only by the address. */
(function () {
  "use strict";

  function setup() {
    var table = document.getElementById("ps-parties");
    var form = document.getElementById("ps-filters");
    var definitions = document.getElementById("ps-filter-keys");
    if (!table || !form || !definitions) { return; }
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var locale = table.getAttribute("data-locale") || document.documentElement.lang || "en";
    var collator = new Intl.Collator(locale, { sensitivity: "base" });
    var count = document.getElementById("ps-count");
    var template = table.getAttribute("data-count-template") || "{shown} / {total}";
    var numberFormat = new Intl.NumberFormat(locale, { numberingSystem: "latn" });
    var filters = JSON.parse(definitions.textContent);
    var fields = {};  // key -> form control
    var extra = {};  // key -> value, for the filters without a form control that the address sets
    var extraNotice = document.getElementById("ps-extra-filter");
    filters.forEach(function (filter) {
      var field = form.elements.namedItem(filter.key);
      if (field) { fields[filter.key] = field; }
    });

    function fold(text) {
      return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLocaleLowerCase(locale);
    }

    // The filters in force: a form field counts when filled in, an address-only filter whenever present.
    function active() {
      var chosen = [];
      filters.forEach(function (filter) {
        var field = fields[filter.key];
        var value = field ? field.value : extra[filter.key];
        if (field ? !value : value === undefined) { return; }
        chosen.push({ filter: filter, value: filter.match === "contains" ? fold(value.trim()) : value });
      });
      return chosen;
    }

    function passes(row, item) {
      var actual = row.getAttribute(item.filter.attribute);
      return item.filter.match === "contains" ? fold(actual || "").indexOf(item.value) !== -1 : actual === item.value;
    }

    function apply(updateAddress) {
      var chosen = active();
      var shown = 0;
      rows.forEach(function (row) {
        var visible = chosen.every(function (item) { return passes(row, item); });
        row.hidden = !visible;
        if (visible) { shown += 1; }
      });
      count.textContent = template.replace("{shown}", numberFormat.format(shown)).replace("{total}", numberFormat.format(rows.length));
      if (updateAddress && window.history && window.history.replaceState) {
        var params = new URLSearchParams();
        Object.keys(fields).forEach(function (key) { if (fields[key].value) { params.set(key, fields[key].value); } });
        Object.keys(extra).forEach(function (name) { params.set(name, extra[name]); });
        var search = params.toString();
        window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
      }
    }

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

    var params = new URLSearchParams(window.location.search);
    filters.forEach(function (filter) {
      var field = fields[filter.key];
      if (!field) {
        if (params.has(filter.key)) { extra[filter.key] = params.get(filter.key); }
        return;
      }
      if (params.has(filter.key)) { field.value = params.get(filter.key); }
      field.addEventListener(field.tagName === "SELECT" ? "change" : "input", function () { apply(true); });
    });
    if (extraNotice) { extraNotice.hidden = Object.keys(extra).length === 0; }
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    Array.prototype.forEach.call(table.querySelectorAll("th[data-sort] button"), function (button) {
      button.addEventListener("click", function () { sortBy(button.parentNode); });
    });
    rows.sort(function (a, b) { return collator.compare(a.getAttribute("data-name"), b.getAttribute("data-name")); });
    rows.forEach(function (row) { body.appendChild(row); });
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

  function start() {
    setup();
    setupNotFound();
    keepLanguageLinks();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

/* Article pages: filter the parties' answers by regional group and answer category, as the party list is
   filtered, with the filters in the address (articles/untoc/5/?region=african&category=yes). The filters
   are not typed here either: the page lists them in #ps-answer-filter-keys (routes.ANSWER_FILTERS). The
   form is hidden in the page and shown by this script, so that without JavaScript every answer shows and
   no control does nothing. */
(function () {
  "use strict";

  function setupAnswerFilters() {
    var list = document.getElementById("ps-answers");
    var form = document.getElementById("ps-answer-filters");
    var definitions = document.getElementById("ps-answer-filter-keys");
    if (!list || !form || !definitions) { return; }
    var items = Array.prototype.slice.call(list.querySelectorAll(".ps-answer"));
    var locale = list.getAttribute("data-locale") || document.documentElement.lang || "en";
    var numberFormat = new Intl.NumberFormat(locale, { numberingSystem: "latn" });
    var template = list.getAttribute("data-count-template") || "{shown} / {total}";
    var count = document.getElementById("ps-answer-count");
    var filters = JSON.parse(definitions.textContent);
    var fields = [];  // [{filter, field}] for the filters with a form control
    filters.forEach(function (filter) {
      var field = form.elements.namedItem(filter.key);
      if (field) { fields.push({ filter: filter, field: field }); }
    });

    function apply(updateAddress) {
      var chosen = fields.filter(function (entry) { return entry.field.value; });
      var shown = 0;
      items.forEach(function (item) {
        var visible = chosen.every(function (entry) {
          var actual = item.getAttribute(entry.filter.attribute) || "";
          return entry.filter.match === "contains"
            ? actual.toLocaleLowerCase(locale).indexOf(entry.field.value.toLocaleLowerCase(locale)) !== -1
            : actual === entry.field.value;
        });
        item.hidden = !visible;
        if (visible) { shown += 1; }
      });
      if (count) {
        count.textContent = template.replace("{shown}", numberFormat.format(shown)).replace("{total}", numberFormat.format(items.length));
      }
      if (updateAddress && window.history && window.history.replaceState) {
        var params = new URLSearchParams(window.location.search);
        fields.forEach(function (entry) {
          if (entry.field.value) { params.set(entry.filter.key, entry.field.value); } else { params.delete(entry.filter.key); }
        });
        var search = params.toString();
        window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
      }
    }

    var params = new URLSearchParams(window.location.search);
    fields.forEach(function (entry) {
      if (params.has(entry.filter.key)) { entry.field.value = params.get(entry.filter.key); }
      entry.field.addEventListener(entry.field.tagName === "SELECT" ? "change" : "input", function () { apply(true); });
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply(false);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setupAnswerFilters);
  } else {
    setupAnswerFilters();
  }
})();
