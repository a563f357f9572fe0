// One Tab stop per section of policy text (render/clause_ext.py's clause marks).
//
// Every clause ends in its marks: the § link, on English pages the link to the Swedish original,
// and where it is cited the count that opens the list. Without this script each is a Tab stop
// (a keyboard reader stopped at every sentence). With it, the marks between two headings are one
// group with one Tab stop (a roving tabindex): Tab enters the section's marks at the one last
// used (at first its first § link) and leaves for the next section; the arrow keys, Home and End
// move between the marks of the section. The page's hint (p#clause-keys) says so: shown while a
// mark has keyboard focus, and each mark's description for screen readers.
(function () {
  "use strict";
  var article = document.querySelector("article");
  var hint = document.getElementById("clause-keys");
  if (!article || !hint) {
    return;
  }
  var MARK = /(^|\s)(clause-link|clause-original|cited-count)(\s|$)/;
  var groups = [];
  var groupOf = new Map();
  var group = null;
  article.querySelectorAll("h1, h2, h3, h4, h5, h6, a.clause-link, a.clause-original, a.cited-count")
    .forEach(function (el) {
      if (!MARK.test(el.className)) {
        group = null; // a heading starts a new section
        return;
      }
      if (!group) {
        group = [];
        groups.push(group);
      }
      group.push(el);
      groupOf.set(el, group);
      el.tabIndex = group.length === 1 ? 0 : -1;
      el.setAttribute("aria-describedby", "clause-keys");
    });

  function move(from, to) {
    from.tabIndex = -1;
    to.tabIndex = 0;
    to.focus();
  }

  article.addEventListener("keydown", function (event) {
    var links = groupOf.get(event.target);
    if (!links || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) {
      return;
    }
    var at = links.indexOf(event.target);
    var to = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1,
               Home: 0, End: links.length - 1 }[event.key];
    if (to === undefined) {
      return;
    }
    event.preventDefault();
    move(event.target, links[Math.max(0, Math.min(links.length - 1, to))]);
  });
  // A mark focused any other way (a click, a script) becomes its section's Tab stop.
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
