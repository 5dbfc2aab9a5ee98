/* Material's storage helpers, which its bundle expects as globals: the same code as Material 9.8's inline
   script (partials/javascripts/base.html), served as a file so that the Content-Security-Policy needs no
   inline script. The scope (the site's base address) comes from this script tag's data-scope. */
var __md_scope = new URL(document.currentScript.getAttribute("data-scope") || ".", location);
var __md_hash = (value) => [...value].reduce((hash, character) => (hash << 5) - hash + character.charCodeAt(0), 0);
var __md_get = (key, storage = localStorage, scope = __md_scope) =>
  JSON.parse(storage.getItem(scope.pathname + "." + key));
var __md_set = (key, value, storage = localStorage, scope = __md_scope) => {
  try { storage.setItem(scope.pathname + "." + key, JSON.stringify(value)); } catch (error) { /* storage full or off */ }
};
