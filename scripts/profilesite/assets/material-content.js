/* Runs after the page content, before Material's bundle (overrides/partials/javascripts/content.html).
   1. Material's inline script, as a file for the Content-Security-Policy: an address pointing at a
      content tab (#__tabbed_…) selects that tab.
   2. Material marks its drawer and search toggles autocomplete="off" so that Firefox does not restore a
      ticked box on reload; that attribute is invalid on checkboxes (HTML spec), so the build drops it and
      this resets them instead, before the bundle reads them. */
(function () {
  "use strict";
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) { target.checked = target.name.indexOf("__tabbed_") === 0; }
  ["__drawer", "__search"].forEach(function (id) {
    var toggle = document.getElementById(id);
    if (toggle) { toggle.checked = false; }
  });
})();
