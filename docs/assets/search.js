// The search box's triggers, all a page loads for its search (overrides/partials/search.html).
//
// Nothing else is fetched until the reader opens the search (a click, a tap, "/", "s" or "f") or
// arrives from a result (?h=words): then search-ui.js loads, which loads Pagefind and shows the
// results, and marks the words found on a page opened from a result.
(function () {
  "use strict";
  var box = document.querySelector("[data-policy-search]");
  var toggle = document.getElementById("__search");
  var script = document.currentScript;
  if (!box || !toggle || !script) {
    return;
  }
  var input = box.querySelector(".md-search__input");
  var loading = false;

  function load() {
    if (!loading) {
      loading = true;
      var ui = document.createElement("script");
      ui.src = script.src.replace(/search\.js(?=[?#]|$)/, "search-ui.js");
      document.head.appendChild(ui);
    }
  }

  function open() {
    if (!toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    input.focus();
    load();
  }

  toggle.addEventListener("change", function () {
    if (toggle.checked) {
      input.focus();
      load();
    }
  });
  input.addEventListener("focus", open);
  // Focus leaving the open search (Tab past it, a click on the page) closes it, so the page is
  // not left dimmed behind a panel the reader has left. Not when the window lost focus.
  box.addEventListener("focusout", function () {
    setTimeout(function () {
      if (toggle.checked && document.hasFocus() && !box.contains(document.activeElement)) {
        toggle.checked = false;
        toggle.dispatchEvent(new Event("change"));
      }
    }, 0);
  });
  // "/", "s" or "f" opens the search, as Material's did, unless the reader is typing elsewhere.
  document.addEventListener("keydown", function (event) {
    var active = document.activeElement;
    var typing = active && (active.isContentEditable || /^(input|select|textarea)$/i.test(active.tagName));
    if (!toggle.checked && !typing && !event.ctrlKey && !event.metaKey && !event.altKey &&
        (event.key === "/" || event.key === "s" || event.key === "f")) {
      event.preventDefault();
      open();
    }
  });
  if (new URLSearchParams(window.location.search).get("h")) {
    load();
  }
})();
