// One Tab stop per section of policy text. Each clause ends in its marks (render/clause_ext.py:
// the § link, on English pages "sv", the count of citing pages); without this script each is a
// Tab stop. With it the marks between two headings share one (a roving tabindex): the arrow keys,
// Home and End move between them, and p#clause-keys says so while one has keyboard focus.
(function () {
  "use strict";
  var article = document.querySelector("article");
  var hint = document.getElementById("clause-keys");
  if (!article || !hint) {
    return;
  }
  var MARK = /(^|\s)(clause-link|clause-original|cited-count)(\s|$)/;
  var groupOf = new Map();
  var group = null;
  article.querySelectorAll("h1, h2, h3, h4, h5, h6, a.clause-link, a.clause-original, a.cited-count")
    .forEach(function (el) {
      if (!MARK.test(el.className)) {
        group = null; // a heading starts a new section
        return;
      }
      group = group || [];
      group.push(el);
      groupOf.set(el, group);
      el.tabIndex = group.length === 1 ? 0 : -1;
      el.setAttribute("aria-describedby", "clause-keys");
    });

  article.addEventListener("keydown", function (event) {
    var links = groupOf.get(event.target);
    if (!links || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) {
      return;
    }
    var at = links.indexOf(event.target);
    var to = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1,
               Home: 0, End: links.length - 1 }[event.key];
    if (to !== undefined) {
      event.preventDefault();
      links[Math.max(0, Math.min(links.length - 1, to))].focus();
    }
  });
  // The mark focused (by a key, a click or a script) is its section's Tab stop from now on.
  article.addEventListener("focusin", function (event) {
    var links = groupOf.get(event.target);
    if (links) {
      links.forEach(function (link) { link.tabIndex = link === event.target ? 0 : -1; });
      hint.hidden = !event.target.matches(":focus-visible");
    }
  });
  article.addEventListener("focusout", function (event) {
    if (!groupOf.get(event.relatedTarget)) {
      hint.hidden = true;
    }
  });
})();
